-- Staff users of the dashboard (/admin), per tenant, and the ASP.NET Core Data Protection key ring that signs
-- portal links and protects the dashboard's and portal's cookies. The key ring lives in the store so every node
-- of one store accepts the others' links and cookies.
CREATE TABLE staff_users (
    tenant_id      text NOT NULL REFERENCES tenants (tenant_id),
    email          text NOT NULL,
    password_hash  text NOT NULL,
    role           text NOT NULL,
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, email)
);

CREATE TABLE data_protection_keys (
    name        text PRIMARY KEY,
    xml         text NOT NULL,
    created_at  timestamptz NOT NULL
);

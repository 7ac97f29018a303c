-- Staff users of the dashboard (/admin), per tenant, and the ASP.NET Core Data Protection key ring that signs
-- portal links and protects the dashboard's and portal's cookies. The key ring lives in the store so every node
-- of one store accepts the others' links and cookies. SQLite twin of the PostgreSQL script.
CREATE TABLE staff_users (
    tenant_id      text NOT NULL,
    email          text NOT NULL,
    password_hash  text NOT NULL,
    role           text NOT NULL,
    created_at     text NOT NULL,
    updated_at     text NOT NULL,
    PRIMARY KEY (tenant_id, email)
);

CREATE TABLE data_protection_keys (
    name        text PRIMARY KEY,
    xml         text NOT NULL,
    created_at  text NOT NULL
);

-- Core schema (SQLite twin of the PostgreSQL script: instants are ISO-8601 UTC text): tenants and keys, program versions, members, events, the points ledger.
-- Every member-owned table is keyed (tenant_id, member_id, ...) so it can be distributed by member.
CREATE TABLE tenants (
    tenant_id   text PRIMARY KEY,
    created_at  text NOT NULL
);

CREATE TABLE api_keys (
    key_hash    text PRIMARY KEY,
    tenant_id   text NOT NULL,
    role        text NOT NULL,
    key_prefix  text NOT NULL,
    created_at  text NOT NULL
);

CREATE TABLE program_versions (
    tenant_id   text NOT NULL,
    version     integer NOT NULL,
    document    text NOT NULL,
    created_at  text NOT NULL,
    PRIMARY KEY (tenant_id, version)
);

CREATE TABLE members (
    tenant_id        text NOT NULL,
    member_id        text NOT NULL,
    email            text,
    phone            text,
    name             text,
    birth_date       text,
    time_zone        text,
    locale           text,
    referred_by_code text,
    consent_email    integer NOT NULL DEFAULT 0,
    consent_sms      integer NOT NULL DEFAULT 0,
    tier_id          text,
    segment          text,
    points_balance   bigint NOT NULL DEFAULT 0,
    wallet_minor     bigint NOT NULL DEFAULT 0,
    created_at       text NOT NULL,
    updated_at       text NOT NULL,
    erased_at        text,
    PRIMARY KEY (tenant_id, member_id)
);
CREATE INDEX members_tier ON members (tenant_id, tier_id);

CREATE TABLE idempotency_keys (
    tenant_id     text NOT NULL,
    idem_key      text NOT NULL,
    request_hash  text NOT NULL,
    status        integer NOT NULL,
    response      text NOT NULL,
    created_at    text NOT NULL,
    PRIMARY KEY (tenant_id, idem_key)
);
CREATE INDEX idempotency_keys_age ON idempotency_keys (created_at);

CREATE TABLE events (
    tenant_id    text NOT NULL,
    member_id    text NOT NULL,
    event_id     text NOT NULL,
    type         text NOT NULL,
    occurred_at  text NOT NULL,
    received_at  text NOT NULL,
    data         text NOT NULL,
    PRIMARY KEY (tenant_id, member_id, event_id)
);
CREATE INDEX events_member_time ON events (tenant_id, member_id, occurred_at);

CREATE TABLE orders (
    tenant_id        text NOT NULL,
    order_id         text NOT NULL,
    member_id        text NOT NULL,
    event_id         text NOT NULL,
    occurred_at      text NOT NULL,
    currency         text NOT NULL,
    total_minor      bigint NOT NULL,
    refunded_minor   bigint NOT NULL DEFAULT 0,
    points_earned    bigint NOT NULL,
    points_clawed    bigint NOT NULL DEFAULT 0,
    wallet_earned    bigint NOT NULL,
    wallet_clawed    bigint NOT NULL DEFAULT 0,
    program_version  integer NOT NULL,
    PRIMARY KEY (tenant_id, order_id)
);
CREATE INDEX orders_member_time ON orders (tenant_id, member_id, occurred_at);

CREATE TABLE refunds (
    tenant_id    text NOT NULL,
    order_id     text NOT NULL,
    refund_id    text NOT NULL,
    member_id    text NOT NULL,
    event_id     text NOT NULL,
    amount_minor bigint NOT NULL,
    PRIMARY KEY (tenant_id, order_id, refund_id)
);

CREATE TABLE ledger_lines (
    line_id          integer PRIMARY KEY AUTOINCREMENT,
    tenant_id        text NOT NULL,
    member_id        text NOT NULL,
    at               text NOT NULL,
    account          text NOT NULL,
    amount           bigint NOT NULL,
    kind             text NOT NULL,
    reason           text NOT NULL,
    rule_id          text,
    program_version  integer,
    event_id         text,
    order_id         text,
    redemption_id    text,
    expires_at       text
);
CREATE INDEX ledger_member ON ledger_lines (tenant_id, member_id, line_id);

CREATE TABLE point_lots (
    tenant_id    text NOT NULL,
    member_id    text NOT NULL,
    lot_id       bigint NOT NULL,
    order_id     text,
    points       bigint NOT NULL,
    remaining    bigint NOT NULL,
    expires_at   text,
    PRIMARY KEY (tenant_id, member_id, lot_id)
);
CREATE INDEX point_lots_due ON point_lots (expires_at) WHERE remaining > 0;

CREATE TABLE redemptions (
    tenant_id      text NOT NULL,
    redemption_id  text NOT NULL,
    member_id      text NOT NULL,
    reward_id      text,
    points         bigint NOT NULL,
    coupon_code    text,
    status         text NOT NULL,
    created_at     text NOT NULL,
    cancelled_at   text,
    PRIMARY KEY (tenant_id, redemption_id)
);

CREATE TABLE redemption_lots (
    tenant_id      text NOT NULL,
    redemption_id  text NOT NULL,
    member_id      text NOT NULL,
    lot_id         bigint NOT NULL,
    points         bigint NOT NULL,
    PRIMARY KEY (tenant_id, redemption_id, lot_id)
);

CREATE TABLE reward_stock (
    tenant_id  text NOT NULL,
    reward_id  text NOT NULL,
    taken      bigint NOT NULL,
    PRIMARY KEY (tenant_id, reward_id)
);

CREATE TABLE markers (
    tenant_id       text NOT NULL,
    member_id       text NOT NULL,
    marker_id       text NOT NULL,
    text            text NOT NULL,
    kind            text,
    remind_on       text,
    created_at      text NOT NULL,
    last_raised_at  text,
    raised_count    integer NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, member_id, marker_id)
);

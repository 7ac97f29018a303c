-- Journeys: versioned definitions, one entry row per (journey, member, occasion) carrying its next due step,
-- the outbox of messages, webhook subscriptions with every delivery attempt, incidents and unsubscribes.
-- The journey engine reads triggers from the events the write path already stores, in `seq` order: a
-- bigserial fills existing rows now and numbers new ones by its default, so no INSERT changes (docs/journeys.md).
ALTER TABLE events ADD COLUMN seq bigserial;
CREATE INDEX events_seq ON events (seq);

-- How far the signal poller has read events; it only moves past rows older than the settle window.
CREATE TABLE journey_cursor (
    name        text PRIMARY KEY,
    seq         bigint NOT NULL,
    updated_at  timestamptz NOT NULL
);

CREATE TABLE journeys (
    tenant_id    text NOT NULL,
    journey_key  text NOT NULL,
    version      integer NOT NULL,
    enabled      boolean NOT NULL,
    enabled_at   timestamptz,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, journey_key)
);
CREATE INDEX journeys_enabled ON journeys (enabled, tenant_id);

CREATE TABLE journey_versions (
    tenant_id    text NOT NULL,
    journey_key  text NOT NULL,
    version      integer NOT NULL,
    definition   text NOT NULL,
    created_at   timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, journey_key, version)
);

-- Tenant-wide settings: the global control group, held out of every journey.
CREATE TABLE journey_settings (
    tenant_id               text PRIMARY KEY,
    global_control_percent  numeric(5, 2) NOT NULL,
    updated_at              timestamptz NOT NULL
);

CREATE TABLE journey_entries (
    tenant_id         text NOT NULL,
    entry_id          text NOT NULL,
    journey_key       text NOT NULL,
    version           integer NOT NULL,
    member_id         text NOT NULL,
    occasion          text NOT NULL,
    -- active | completed | exited | held-out | failed
    status            text NOT NULL,
    held_out          boolean NOT NULL,
    holdout_group     text,
    trigger_at        timestamptz NOT NULL,
    trigger_order_id  text,
    context           text NOT NULL,
    entered_at        timestamptz NOT NULL,
    step_index        integer NOT NULL,
    -- When the next step is due; NULL once the entry is over.
    due_at            timestamptz,
    window_ends_at    timestamptz NOT NULL,
    points_granted    bigint NOT NULL DEFAULT 0,
    exit_reason       text,
    finished_at       timestamptz,
    PRIMARY KEY (tenant_id, entry_id)
);
-- One entry per occasion, however often the trigger is read (and on however many nodes).
CREATE UNIQUE INDEX journey_entries_occasion ON journey_entries (tenant_id, journey_key, member_id, occasion);
CREATE INDEX journey_entries_due ON journey_entries (due_at) WHERE due_at IS NOT NULL;
CREATE INDEX journey_entries_member ON journey_entries (tenant_id, member_id, entered_at);
CREATE INDEX journey_entries_journey ON journey_entries (tenant_id, journey_key, entered_at);

-- The outbox: every message, whatever its channel, and why it was not sent when it was not.
CREATE TABLE messages (
    tenant_id           text NOT NULL,
    message_id          text NOT NULL,
    member_id           text NOT NULL,
    channel             text NOT NULL,
    kind                text NOT NULL,
    journey_key         text,
    entry_id            text,
    step_id             text,
    incident_id         text,
    service_message_id  text,
    to_address          text,
    subject             text,
    body                text NOT NULL,
    -- queued | sent | failed | skipped | cancelled
    status              text NOT NULL,
    reason              text,
    attempts            integer NOT NULL DEFAULT 0,
    next_attempt_at     timestamptz,
    created_at          timestamptz NOT NULL,
    sent_at             timestamptz,
    read_at             timestamptz,
    PRIMARY KEY (tenant_id, message_id)
);
-- A journey step sends at most once, whatever happens to the worker that ran it.
CREATE UNIQUE INDEX messages_step ON messages (tenant_id, entry_id, step_id);
CREATE INDEX messages_due ON messages (next_attempt_at) WHERE status = 'queued';
CREATE INDEX messages_member ON messages (tenant_id, member_id, channel, created_at);
CREATE INDEX messages_journey ON messages (tenant_id, journey_key, status);

CREATE TABLE unsubscribes (
    tenant_id   text NOT NULL,
    member_id   text NOT NULL,
    channel     text NOT NULL,
    message_id  text,
    at          timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, member_id, channel)
);

-- Per-tenant key that signs unsubscribe links, shared by every node through the store.
CREATE TABLE journey_keys (
    tenant_id    text PRIMARY KEY,
    signing_key  text NOT NULL,
    created_at   timestamptz NOT NULL
);

CREATE TABLE webhooks (
    tenant_id   text NOT NULL,
    webhook_id  text NOT NULL,
    url         text NOT NULL,
    events      text NOT NULL,
    secret      text NOT NULL,
    created_at  timestamptz NOT NULL,
    deleted_at  timestamptz,
    PRIMARY KEY (tenant_id, webhook_id)
);

CREATE TABLE webhook_deliveries (
    tenant_id        text NOT NULL,
    delivery_id      text NOT NULL,
    webhook_id       text NOT NULL,
    type             text NOT NULL,
    payload          text NOT NULL,
    -- pending | delivered | failed
    status           text NOT NULL,
    attempts         integer NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz,
    created_at       timestamptz NOT NULL,
    delivered_at     timestamptz,
    last_status      integer,
    PRIMARY KEY (tenant_id, delivery_id)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_webhook ON webhook_deliveries (tenant_id, webhook_id, created_at);

CREATE TABLE webhook_attempts (
    tenant_id    text NOT NULL,
    delivery_id  text NOT NULL,
    attempt      integer NOT NULL,
    at           timestamptz NOT NULL,
    status_code  integer,
    error        text,
    duration_ms  integer NOT NULL,
    PRIMARY KEY (tenant_id, delivery_id, attempt)
);

CREATE TABLE incidents (
    tenant_id      text NOT NULL,
    incident_id    text NOT NULL,
    title          text NOT NULL,
    message        text NOT NULL,
    affected       text NOT NULL,
    channels       text NOT NULL,
    apology_points bigint NOT NULL,
    notified       integer NOT NULL,
    created_at     timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, incident_id)
);

CREATE TABLE incident_recipients (
    tenant_id       text NOT NULL,
    incident_id     text NOT NULL,
    member_id       text NOT NULL,
    notified_at     timestamptz NOT NULL,
    points_line_id  bigint,
    PRIMARY KEY (tenant_id, incident_id, member_id)
);

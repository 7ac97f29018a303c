-- Service quality (SQLite twin of the PostgreSQL script: instants are ISO-8601 UTC text): support tickets with SLA due times,
-- survey invitations and answers (NPS, CSAT), service-recovery cases and the messages they leave for the journey engine.
CREATE TABLE tickets (
    tenant_id                   text NOT NULL,
    ticket_id                   text NOT NULL,
    member_id                   text NOT NULL,
    subject                     text NOT NULL,
    channel                     text NOT NULL,
    priority                    text NOT NULL,
    order_id                    text,
    status                      text NOT NULL,
    created_at                  text NOT NULL,
    updated_at                  text NOT NULL,
    first_response_due_at       text NOT NULL,
    first_response_at           text,
    first_response_breached_at  text,
    resolution_due_at           text NOT NULL,
    resolved_at                 text,
    resolution_breached_at      text,
    closed_at                   text,
    -- The earliest due time of a target neither met nor breached; NULL when none is pending.
    next_due_at                 text,
    PRIMARY KEY (tenant_id, ticket_id)
);
CREATE INDEX tickets_member ON tickets (tenant_id, member_id, status);
CREATE INDEX tickets_due ON tickets (tenant_id, next_due_at, ticket_id);
-- The breach job looks across tenants for what has come due.
CREATE INDEX tickets_watch ON tickets (next_due_at) WHERE next_due_at IS NOT NULL;

-- Tokens are stored as SHA-256 hashes: the link itself is shown once, to the caller that made the invitation.
CREATE TABLE survey_invitations (
    tenant_id      text NOT NULL,
    invitation_id  text NOT NULL,
    member_id      text NOT NULL,
    kind           text NOT NULL,
    occasion       text NOT NULL,
    order_id       text,
    ticket_id      text,
    token_hash     text NOT NULL UNIQUE,
    created_at     text NOT NULL,
    expires_at     text NOT NULL,
    answered_at    text,
    response_id    text,
    PRIMARY KEY (tenant_id, invitation_id)
);
CREATE UNIQUE INDEX survey_invitations_occasion ON survey_invitations (tenant_id, member_id, kind, occasion);

CREATE TABLE survey_responses (
    tenant_id      text NOT NULL,
    member_id      text NOT NULL,
    response_id    text NOT NULL,
    kind           text NOT NULL,
    score          integer NOT NULL,
    comment        text,
    order_id       text,
    ticket_id      text,
    invitation_id  text,
    channel        text,
    tier_id        text,
    answered_at    text NOT NULL,
    answered_on    text NOT NULL,
    PRIMARY KEY (tenant_id, member_id, response_id)
);
-- One answer per invitation, whatever the code does.
CREATE UNIQUE INDEX survey_responses_invitation ON survey_responses (tenant_id, invitation_id);
CREATE INDEX survey_responses_latest ON survey_responses (tenant_id, member_id, kind, answered_at);
CREATE INDEX survey_responses_day ON survey_responses (tenant_id, answered_on);

CREATE TABLE recovery_cases (
    tenant_id              text NOT NULL,
    case_id                text NOT NULL,
    member_id              text NOT NULL,
    occasion               text NOT NULL,
    cause                  text NOT NULL,
    reason                 text NOT NULL,
    ticket_id              text,
    response_id            text,
    status                 text NOT NULL,
    note                   text,
    created_at             text NOT NULL,
    closed_at              text,
    compensation_requested bigint NOT NULL DEFAULT 0,
    compensation_granted   bigint NOT NULL DEFAULT 0,
    compensation_line_id   bigint,
    compensation_note      text,
    PRIMARY KEY (tenant_id, case_id)
);
-- Exactly one case per occasion (a ticket's SLA, a survey answer), however often it is reported.
CREATE UNIQUE INDEX recovery_cases_occasion ON recovery_cases (tenant_id, occasion);
CREATE INDEX recovery_cases_status ON recovery_cases (tenant_id, status, created_at);
CREATE INDEX recovery_cases_member ON recovery_cases (tenant_id, member_id, created_at);

-- Messages waiting for the journey engine's outbox (not delivered by anything yet).
CREATE TABLE service_messages (
    tenant_id   text NOT NULL,
    member_id   text NOT NULL,
    message_id  text NOT NULL,
    case_id     text NOT NULL,
    kind        text NOT NULL,
    template    text NOT NULL,
    data        text NOT NULL,
    status      text NOT NULL,
    created_at  text NOT NULL,
    PRIMARY KEY (tenant_id, member_id, message_id)
);
CREATE INDEX service_messages_status ON service_messages (status, created_at);

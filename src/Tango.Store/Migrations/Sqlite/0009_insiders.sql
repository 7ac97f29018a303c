-- Insiders (SQLite twin of the PostgreSQL script: instants are ISO-8601 UTC text): closed tests of a new product or service. A group is opened, members are invited (by hand, by tier or
-- by segment), answer the invitation, and those who accepted leave feedback that shows on their profile.
CREATE TABLE insider_groups (
    tenant_id    text NOT NULL,
    group_key    text NOT NULL,
    name         text NOT NULL,
    description  text,
    -- open | closed
    status       text NOT NULL,
    created_at   text NOT NULL,
    updated_at   text NOT NULL,
    PRIMARY KEY (tenant_id, group_key)
);

CREATE TABLE insider_invitations (
    tenant_id     text NOT NULL,
    group_key     text NOT NULL,
    member_id     text NOT NULL,
    -- hand | tier | segment
    invited_via   text NOT NULL,
    invited_at    text NOT NULL,
    -- invited | accepted | declined
    status        text NOT NULL,
    responded_at  text,
    PRIMARY KEY (tenant_id, group_key, member_id)
);
CREATE INDEX insider_invitations_member ON insider_invitations (tenant_id, member_id);

CREATE TABLE insider_feedback (
    tenant_id    text NOT NULL,
    feedback_id  text NOT NULL,
    group_key    text NOT NULL,
    member_id    text NOT NULL,
    at           text NOT NULL,
    rating       integer,
    text         text NOT NULL,
    PRIMARY KEY (tenant_id, feedback_id)
);
CREATE INDEX insider_feedback_member ON insider_feedback (tenant_id, member_id, at);
CREATE INDEX insider_feedback_group ON insider_feedback (tenant_id, group_key, feedback_id);

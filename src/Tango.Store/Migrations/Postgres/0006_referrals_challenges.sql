-- Referrals and challenges: members' referral codes, one attribution per referred friend and how it ended, the
-- log of paid referrals and of completed challenges (each with an increasing id and the instant it was recorded,
-- for the referral.qualified and challenge.completed webhooks), and payment-card fingerprints kept as hashes for
-- the self-referral check.

-- A code is issued when a member is created, or when its referral link is first asked for.
CREATE TABLE referral_codes (
    tenant_id   text NOT NULL,
    member_id   text NOT NULL,
    code        text NOT NULL,
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, member_id)
);
CREATE UNIQUE INDEX referral_codes_code ON referral_codes (tenant_id, code);

-- One row per referred friend: the key makes one attribution per friend. status is pending until the friend's
-- first purchase of at least the minimum, then qualified or refused (reason), and reversed by an early refund.
-- Amounts are kept as they were decided, so a later program change never alters what a reversal takes back.
CREATE TABLE referrals (
    tenant_id           text NOT NULL,
    friend_id           text NOT NULL,
    referrer_id         text NOT NULL,
    code                text,
    attributed_at       timestamptz NOT NULL,
    status              text NOT NULL,
    reason              text,
    detail              text,
    order_id            text,
    event_id            text,
    purchase_at         timestamptz,
    purchase_minor      bigint,
    min_first_minor     bigint,
    refund_window_days  integer,
    referrer_points     bigint NOT NULL DEFAULT 0,
    friend_points       bigint NOT NULL DEFAULT 0,
    decided_at          timestamptz,
    reversed_at         timestamptz,
    reversal_event_id   text,
    PRIMARY KEY (tenant_id, friend_id)
);
CREATE INDEX referrals_referrer ON referrals (tenant_id, referrer_id);

-- Paid referrals in the order they were recorded (referral.qualified); the friend is unique, so a referral pays once.
-- occurred_at is the qualifying purchase's instant: the monthly cap counts by it.
CREATE TABLE referral_qualifications (
    qualification_id  bigserial PRIMARY KEY,
    tenant_id         text NOT NULL,
    friend_id         text NOT NULL,
    referrer_id       text NOT NULL,
    order_id          text NOT NULL,
    event_id          text NOT NULL,
    occurred_at       timestamptz NOT NULL,
    referrer_points   bigint NOT NULL,
    friend_points     bigint NOT NULL,
    program_version   integer NOT NULL,
    recorded_at       timestamptz NOT NULL
);
CREATE UNIQUE INDEX referral_qualifications_friend ON referral_qualifications (tenant_id, friend_id);
CREATE INDEX referral_qualifications_month ON referral_qualifications (tenant_id, referrer_id, occurred_at);

-- Hashes (SHA-256, salted with the tenant) of the payment fingerprints a member's purchases carried.
CREATE TABLE payment_fingerprints (
    tenant_id    text NOT NULL,
    member_id    text NOT NULL,
    fingerprint  text NOT NULL,
    first_seen   timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, member_id, fingerprint)
);

-- Completed challenges (challenge.completed): once per (member, challenge, occurrence), where the occurrence is
-- 'once' or, for a repeating challenge, the id of the event that completed it. first_at..last_at is the span of
-- event time the occurrence used up.
CREATE TABLE challenge_completions (
    completion_id    bigserial NOT NULL,
    tenant_id        text NOT NULL,
    member_id        text NOT NULL,
    challenge_id     text NOT NULL,
    occurrence       text NOT NULL,
    kind             text NOT NULL,
    first_at         timestamptz NOT NULL,
    last_at          timestamptz NOT NULL,
    points           bigint NOT NULL,
    badge            text,
    event_id         text NOT NULL,
    program_version  integer NOT NULL,
    recorded_at      timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, member_id, completion_id)
);
CREATE UNIQUE INDEX challenge_completions_occurrence ON challenge_completions (tenant_id, member_id, challenge_id, occurrence);
CREATE INDEX challenge_completions_recorded ON challenge_completions (completion_id);

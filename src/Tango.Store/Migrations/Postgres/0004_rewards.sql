-- Tiers, rewards, coupons and surprises: the tier history, coupon batches and their codes and uses, and the
-- surprise draws with each tenant's monthly surprise budget.
CREATE TABLE tier_changes (
    tenant_id        text NOT NULL,
    member_id        text NOT NULL,
    change_id        text NOT NULL,
    at               timestamptz NOT NULL,
    from_tier        text,
    to_tier          text,
    reason           text NOT NULL,
    source           text NOT NULL,
    program_version  integer NOT NULL,
    PRIMARY KEY (tenant_id, member_id, change_id)
);
CREATE INDEX tier_changes_member ON tier_changes (tenant_id, member_id, at);

-- Amounts in minor units of the batch's currency; percent in hundredths (12.5% is 1250).
CREATE TABLE coupon_batches (
    tenant_id          text NOT NULL,
    batch_id           text NOT NULL,
    prefix             text NOT NULL,
    pattern            text NOT NULL,
    count              integer NOT NULL,
    currency           text NOT NULL,
    percent_hundredths bigint,
    amount_minor       bigint,
    min_order_minor    bigint,
    expires_at         timestamptz,
    max_uses           bigint NOT NULL,
    per_member_limit   bigint,
    member_id          text,
    redemption_id      text,
    created_at         timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, batch_id)
);

-- A code is unique across the whole store, so a typed code can never mean two coupons.
CREATE TABLE coupons (
    code        text PRIMARY KEY,
    tenant_id   text NOT NULL,
    batch_id    text NOT NULL,
    uses        bigint NOT NULL DEFAULT 0,
    status      text NOT NULL DEFAULT 'active'
);
CREATE INDEX coupons_batch ON coupons (tenant_id, batch_id, code);

-- One row per (code, order): redeeming the same order again answers the same. member_use numbers a member's
-- uses of a batch, so two concurrent uses cannot both take the last one the limit allows.
CREATE TABLE coupon_redemptions (
    tenant_id          text NOT NULL,
    code               text NOT NULL,
    order_id           text NOT NULL,
    batch_id           text NOT NULL,
    member_id          text,
    member_use         bigint,
    discount_minor     bigint NOT NULL,
    order_total_minor  bigint,
    redeemed_at        timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, code, order_id)
);
CREATE UNIQUE INDEX coupon_redemptions_member_use ON coupon_redemptions (tenant_id, batch_id, member_id, member_use);

-- Every draw, granted or not, once per (member, occasion): a retried occasion answers as before.
CREATE TABLE surprise_draws (
    tenant_id      text NOT NULL,
    member_id      text NOT NULL,
    occasion       text NOT NULL,
    drawn_at       timestamptz NOT NULL,
    granted        boolean NOT NULL,
    surprise_id    text,
    cost_points    bigint NOT NULL DEFAULT 0,
    reason         text NOT NULL,
    line_id        bigint,
    redemption_id  text,
    PRIMARY KEY (tenant_id, member_id, occasion)
);
CREATE INDEX surprise_draws_member ON surprise_draws (tenant_id, member_id, granted, drawn_at);
CREATE INDEX surprise_draws_granted ON surprise_draws (tenant_id, granted, drawn_at);

-- What each tenant's surprises cost per calendar month (UTC, 'YYYY-MM'); a guarded UPDATE keeps it within budget.
CREATE TABLE surprise_budgets (
    tenant_id  text NOT NULL,
    month      text NOT NULL,
    spent      bigint NOT NULL,
    PRIMARY KEY (tenant_id, month)
);

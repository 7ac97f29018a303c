-- The member explorer (SQLite twin of the PostgreSQL script: instants are ISO-8601 text): what it sorts and filters on, and saved segments.
-- Spend and the first and last purchase instants are written by the analytics refresh beside the other per-member
-- figures (NULL/0 until the first refresh after this migration), so the purchase path writes nothing more.
ALTER TABLE member_insights ADD COLUMN spend real NOT NULL DEFAULT 0;
ALTER TABLE member_insights ADD COLUMN first_purchase_at text;
ALTER TABLE member_insights ADD COLUMN last_purchase_at text;

-- One index per sort (the key, then the member id that breaks ties), used for ranges on the key too.
-- P(alive) and CLV are NULL when no model could be fitted; the explorer sorts them as -1.
CREATE INDEX member_insights_p_alive ON member_insights (tenant_id, (coalesce(p_alive, -1)), member_id);
CREATE INDEX member_insights_clv ON member_insights (tenant_id, (coalesce(predicted_clv_12m, -1)), member_id);
CREATE INDEX member_insights_orders ON member_insights (tenant_id, orders, member_id);
CREATE INDEX member_insights_spend ON member_insights (tenant_id, spend, member_id);
CREATE INDEX member_insights_last_purchase ON member_insights (tenant_id, last_purchase, member_id);
CREATE INDEX member_insights_stage ON member_insights (tenant_id, loyalty_stage, member_id);
CREATE INDEX members_points ON members (tenant_id, points_balance, member_id);
-- Counts the live members (and those with email consent) from the index alone, not the member rows.
CREATE INDEX members_live ON members (tenant_id, erased_at, consent_email);
-- The segment and stage filters, counted and joined from the index alone.
DROP INDEX member_insights_segment;
CREATE INDEX member_insights_segment ON member_insights (tenant_id, rfm_segment, member_id);
-- An RFM cell of the analytics page.
CREATE INDEX member_insights_rfm ON member_insights (tenant_id, rfm_r, rfm_f, member_id);

-- A named member filter, per tenant: the explorer's query parameters as a JSON object of strings.
CREATE TABLE saved_segments (
    tenant_id    text NOT NULL,
    segment_key  text NOT NULL,
    name         text NOT NULL,
    filter       text NOT NULL,
    created_at   text NOT NULL,
    updated_at   text NOT NULL,
    PRIMARY KEY (tenant_id, segment_key)
);

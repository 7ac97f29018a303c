-- Analytics results (SQLite twin of the PostgreSQL script: instants and dates are ISO-8601 text).
-- Only a refresh writes them (dates as ISO yyyy-MM-dd text); the purchase path never touches them.
CREATE TABLE member_insights (
    tenant_id               text NOT NULL,
    member_id               text NOT NULL,
    computed_at             text NOT NULL,
    orders                  integer NOT NULL,
    first_purchase          text NOT NULL,
    last_purchase           text NOT NULL,
    frequency               integer NOT NULL,
    recency_days            real NOT NULL,
    t_days                  real NOT NULL,
    monetary                real NOT NULL,
    rfm_r                   smallint NOT NULL,
    rfm_f                   smallint NOT NULL,
    rfm_m                   smallint NOT NULL,
    rfm_segment             text NOT NULL,
    p_alive                 real,
    expected_purchases_90d  real,
    predicted_clv_12m       real,
    loyalty_stage           text NOT NULL,
    habit_strength          real NOT NULL,
    PRIMARY KEY (tenant_id, member_id)
);
CREATE INDEX member_insights_segment ON member_insights (tenant_id, rfm_segment);

CREATE TABLE analytics_runs (
    tenant_id    text NOT NULL,
    computed_at  text NOT NULL,
    overview     text NOT NULL,
    rfm          text NOT NULL,
    cohorts      text NOT NULL,
    clv          text NOT NULL,
    PRIMARY KEY (tenant_id, computed_at)
);

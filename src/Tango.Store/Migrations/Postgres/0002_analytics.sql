-- Analytics results: per-member insights and one row of tenant-wide results per refresh.
-- Only a refresh writes them (dates as ISO yyyy-MM-dd text); the purchase path never touches them.
CREATE TABLE member_insights (
    tenant_id               text NOT NULL,
    member_id               text NOT NULL,
    computed_at             timestamptz NOT NULL,
    orders                  integer NOT NULL,
    first_purchase          text NOT NULL,
    last_purchase           text NOT NULL,
    frequency               integer NOT NULL,
    recency_days            double precision NOT NULL,
    t_days                  double precision NOT NULL,
    monetary                double precision NOT NULL,
    rfm_r                   smallint NOT NULL,
    rfm_f                   smallint NOT NULL,
    rfm_m                   smallint NOT NULL,
    rfm_segment             text NOT NULL,
    p_alive                 double precision,
    expected_purchases_90d  double precision,
    predicted_clv_12m       double precision,
    loyalty_stage           text NOT NULL,
    habit_strength          double precision NOT NULL,
    PRIMARY KEY (tenant_id, member_id)
);
CREATE INDEX member_insights_segment ON member_insights (tenant_id, rfm_segment);

CREATE TABLE analytics_runs (
    tenant_id    text NOT NULL,
    computed_at  timestamptz NOT NULL,
    overview     text NOT NULL,
    rfm          text NOT NULL,
    cohorts      text NOT NULL,
    clv          text NOT NULL,
    PRIMARY KEY (tenant_id, computed_at)
);

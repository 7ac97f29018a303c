-- Webhook events noticed by reading stored rows (purchases, refunds) are queued with the row they came from,
-- so reading a row twice (the fan-out rereads behind its cursor) never queues a second delivery.
ALTER TABLE webhook_deliveries ADD COLUMN source text;

CREATE UNIQUE INDEX webhook_deliveries_source ON webhook_deliveries (tenant_id, webhook_id, source) WHERE source IS NOT NULL;

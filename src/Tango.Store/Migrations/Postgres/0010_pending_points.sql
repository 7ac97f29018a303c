-- Pending points: a lot earned under `earning.pendingDays` may not be spent before its return window is over.
-- Null: spendable at once.
ALTER TABLE point_lots ADD COLUMN available_at timestamptz;

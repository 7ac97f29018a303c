-- The member and order ids an incident named that matched nothing (JSON arrays of strings), so the answer and the
-- dashboard can say which ones were not told. NULL for incidents declared before they were kept.
ALTER TABLE incidents ADD COLUMN unknown_member_ids text;
ALTER TABLE incidents ADD COLUMN unknown_order_ids text;

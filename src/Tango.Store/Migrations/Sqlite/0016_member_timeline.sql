-- A member's timeline reads each source newest first from a cursor's (time, id), a page at a time: these indexes
-- let it seek straight to the cursor instead of reading every row the member has (an imported customer has
-- thousands of expiry lines) or every row of the tenant (redemptions, coupon batches).
CREATE INDEX ledger_member_time ON ledger_lines (tenant_id, member_id, at, line_id);
CREATE INDEX redemptions_member_time ON redemptions (tenant_id, member_id, created_at, redemption_id);
CREATE INDEX coupon_batches_member ON coupon_batches (tenant_id, member_id, created_at) WHERE member_id IS NOT NULL;
CREATE INDEX messages_member_time ON messages (tenant_id, member_id, created_at, message_id);

-- PostgreSQL's 0017 keys referral_qualifications by (tenant_id, friend_id) so that it can be distributed by member.
-- A SQLite store is never distributed, and here qualification_id is the rowid, which costs nothing to keep as the
-- key beside the unique (tenant_id, friend_id) index; the schema stays as it is.
SELECT 1;

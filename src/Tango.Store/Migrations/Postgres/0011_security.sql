-- API keys get a public id (listed, and named to revoke a key), when each was last used, and when it was revoked.
-- The id of a key made before is taken from its hash, as for new keys.
ALTER TABLE api_keys ADD COLUMN key_id text;
ALTER TABLE api_keys ADD COLUMN last_used_at timestamptz;
ALTER TABLE api_keys ADD COLUMN revoked_at timestamptz;
UPDATE api_keys SET key_id = 'key_' || substr(key_hash, 1, 16);
ALTER TABLE api_keys ALTER COLUMN key_id SET NOT NULL;
CREATE UNIQUE INDEX api_keys_key_id ON api_keys (key_id);
CREATE INDEX api_keys_tenant ON api_keys (tenant_id, created_at);

-- A staff user's security stamp is in every session cookie and changes at logout, password change and removal,
-- which ends every session issued before. Existing users get a fresh stamp: their sessions sign in again.
ALTER TABLE staff_users ADD COLUMN security_stamp text NOT NULL DEFAULT '';
UPDATE staff_users SET security_stamp = md5(random()::text || clock_timestamp()::text || email);

-- Dashboard sign-in attempts per account and per client address within the throttling window, counted in the
-- store so that every node sees the same counts. The subject is a hash (no emails or addresses kept here).
CREATE TABLE login_attempts (
    subject   text PRIMARY KEY,
    attempts  integer NOT NULL,
    since     timestamptz NOT NULL
);
CREATE INDEX login_attempts_since ON login_attempts (since);

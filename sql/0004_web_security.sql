-- geniai schema, migration 4: what the web dashboard needs beyond sessions.
--
-- * login_failures: every failed login, with the client's IP. Per-account lockout uses the
--   counters already on `users`; per-IP throttling counts recent rows here, so that the limit
--   holds across several `geniai serve` instances behind a load balancer (nothing is kept in
--   process memory).
-- * api_tokens: per-tenant bearer tokens for the JSON API. Like sessions, only a SHA-256 of the
--   token is stored, and the lookup happens before any tenant is known, so the table belongs to
--   the platform path: the tenant role has no grant on either table.

CREATE TABLE login_failures (
    id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at     timestamptz NOT NULL DEFAULT now(),
    ip     inet,
    -- The email as typed (lower-cased), kept for investigation; it may name no account.
    email  text        NOT NULL
);
CREATE INDEX login_failures_ip_at_idx ON login_failures (ip, at);
CREATE INDEX login_failures_at_idx ON login_failures (at);

CREATE TABLE api_tokens (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id    integer     NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    name         text        NOT NULL CHECK (length(btrim(name)) > 0 AND length(name) <= 100),
    token_hash   bytea       NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    -- The first characters of the token, shown in listings so that a token can be recognised.
    prefix       text        NOT NULL,
    created_by   text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz,
    revoked_at   timestamptz
);
CREATE INDEX api_tokens_tenant_idx ON api_tokens (tenant_id);

GRANT SELECT, INSERT, UPDATE, DELETE ON login_failures, api_tokens TO geniai_platform;

ALTER TABLE login_failures ENABLE ROW LEVEL SECURITY;
ALTER TABLE login_failures FORCE ROW LEVEL SECURITY;
CREATE POLICY platform_access ON login_failures TO geniai_platform USING (true) WITH CHECK (true);

ALTER TABLE api_tokens ENABLE ROW LEVEL SECURITY;
ALTER TABLE api_tokens FORCE ROW LEVEL SECURITY;
CREATE POLICY platform_access ON api_tokens TO geniai_platform USING (true) WITH CHECK (true);

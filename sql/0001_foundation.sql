-- geniai analytics schema, version 1.
--
-- Two kinds of tables live here:
--
-- * Platform tables (tenants, users, sessions, inbox_mappings, audit_log) describe the service
--   itself. Logins must find a user by email before any tenant is known, and an inbox must belong
--   to at most one tenant, so these are keyed globally. On Citus they become reference tables
--   (or stay on the coordinator), see docs/scaling.md.
-- * Tenant-scoped tables hold each client's data. `tenant_id` leads every primary key and every
--   unique key, and every foreign key between them includes `tenant_id`, so that they can be
--   distributed by tenant without redesign.
--
-- Isolation is enforced by PostgreSQL itself. Every table that carries a tenant_id has row-level
-- security ENABLED and FORCED (so even the owner is filtered), with policies for two roles that
-- geniai creates before migrating (see src/db/roles.rs):
--
-- * geniai_tenant: owns nothing, no BYPASSRLS. Sees and writes only the rows of the tenant bound
--   to the current transaction (`SET LOCAL app.tenant_id`). No context: no rows.
-- * geniai_platform: the explicit cross-tenant path used by admin commands, the ETL's routing and
--   the login flow. It is a separate role with its own policies, never the default.
--
-- The owner (whoever runs `geniai migrate`) gets no policy at all: reading tenant data as the
-- owner returns nothing, so forgetting to bind a context fails closed.

-- The tenant bound to the current transaction, or NULL when none is. After a transaction that set
-- it ends, PostgreSQL reads the setting as '' rather than NULL, hence the NULLIF.
CREATE FUNCTION geniai_current_tenant() RETURNS integer
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT NULLIF(current_setting('app.tenant_id', true), '')::integer $$;

-- ------------------------------------------------------------------ tenants --
CREATE TABLE tenants (
    id          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug        text        NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
    name        text        NOT NULL CHECK (length(btrim(name)) > 0),
    status      text        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'cancelled')),
    plan        text        NOT NULL DEFAULT 'basic' CHECK (plan IN ('basic', 'pro', 'enterprise')),
    timezone    text        NOT NULL DEFAULT 'UTC',
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

-- -------------------------------------------------------------------- users --
-- Platform admins have no tenant; every other user belongs to exactly one.
CREATE TABLE users (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id           integer REFERENCES tenants (id) ON DELETE CASCADE,
    email               text        NOT NULL CHECK (email = lower(email) AND email LIKE '%_@_%'),
    name                text        NOT NULL,
    role                text        NOT NULL CHECK (role IN ('platform_admin', 'admin', 'analyst', 'viewer')),
    password_hash       text        NOT NULL,   -- argon2id PHC string
    is_active           boolean     NOT NULL DEFAULT true,
    last_login_at       timestamptz,
    failed_login_count  integer     NOT NULL DEFAULT 0,
    last_failed_login_at timestamptz,
    locked_until        timestamptz,
    password_changed_at timestamptz NOT NULL DEFAULT now(),
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT users_role_matches_tenant CHECK ((role = 'platform_admin') = (tenant_id IS NULL))
);
-- Emails are stored lower-cased; the unique index makes them case-insensitively unique.
CREATE UNIQUE INDEX users_email_key ON users (email);
CREATE INDEX users_tenant_idx ON users (tenant_id);

-- ----------------------------------------------------------------- sessions --
-- Only a SHA-256 of the session token is stored: a leaked table cannot be replayed.
CREATE TABLE sessions (
    token_hash   bytea       PRIMARY KEY CHECK (length(token_hash) = 32),
    user_id      bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_seen_at timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL,
    ip           inet,
    user_agent   text
);
CREATE INDEX sessions_user_idx ON sessions (user_id);
CREATE INDEX sessions_expiry_idx ON sessions (expires_at);

-- ----------------------------------------------------------- inbox mappings --
-- Which tenant owns which Chatwoot inbox. The primary key on inbox_id is the rule that an inbox
-- belongs to at most one tenant.
CREATE TABLE inbox_mappings (
    inbox_id   integer     PRIMARY KEY CHECK (inbox_id > 0),
    tenant_id  integer     NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX inbox_mappings_tenant_idx ON inbox_mappings (tenant_id, inbox_id);

-- ---------------------------------------------------------------- audit log --
-- Append-only: the application roles may insert and read, never update or delete, and a trigger
-- stops the owner too. It has no foreign key to tenants, so the trail outlives a deleted tenant.
CREATE TABLE audit_log (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at          timestamptz NOT NULL DEFAULT now(),
    tenant_id   integer,
    actor       text        NOT NULL,   -- 'cli:<os user>[/<--actor>]' or 'web:<email>'
    action      text        NOT NULL,   -- e.g. 'tenant.create'
    entity      text        NOT NULL,   -- e.g. 'tenant:acme'
    before      jsonb,
    after       jsonb
);
CREATE INDEX audit_log_tenant_at_idx ON audit_log (tenant_id, at DESC);
CREATE INDEX audit_log_at_idx ON audit_log (at DESC);

CREATE FUNCTION geniai_audit_log_is_append_only() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION geniai_audit_log_is_append_only();

-- ========================================================= tenant-scoped ====

-- Branding and the Chatwoot labels that count as a lead or a conversion.
CREATE TABLE tenant_settings (
    tenant_id         integer     PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
    display_name      text,
    primary_color     text CHECK (primary_color ~ '^#[0-9A-Fa-f]{6}$'),
    secondary_color   text CHECK (secondary_color ~ '^#[0-9A-Fa-f]{6}$'),
    logo_url          text,
    lead_labels       text[]      NOT NULL DEFAULT '{}',
    conversion_labels text[]      NOT NULL DEFAULT '{}',
    updated_at        timestamptz NOT NULL DEFAULT now()
);

-- Encrypted per-tenant secrets (AEAD; the associated data binds tenant and name, so a ciphertext
-- moved to another row does not decrypt). Plaintext never reaches the database.
CREATE TABLE tenant_secrets (
    tenant_id  integer     NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    name       text        NOT NULL CHECK (name ~ '^[A-Za-z0-9_.-]{1,64}$'),
    nonce      bytea       NOT NULL,
    ciphertext bytea       NOT NULL,
    key_id     text        NOT NULL,   -- fingerprint of the master key that sealed it
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, name)
);

-- Dimension copies from Chatwoot, so reports can show names.
CREATE TABLE inboxes (
    tenant_id    integer     NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    inbox_id     integer     NOT NULL,
    account_id   integer     NOT NULL,
    name         text        NOT NULL,
    channel_type text,
    timezone     text,
    synced_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, inbox_id)
);

CREATE TABLE agents (
    tenant_id  integer     NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    user_id    integer     NOT NULL,
    name       text        NOT NULL,
    synced_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, user_id)
);

CREATE TABLE teams (
    tenant_id  integer     NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    team_id    bigint      NOT NULL,
    name       text        NOT NULL,
    synced_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, team_id)
);

-- One row per Chatwoot conversation. Source timestamps are UTC `timestamp`; they are stored as
-- timestamptz so that reports can bucket them in any timezone.
CREATE TABLE conversations (
    tenant_id              integer     NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    conversation_id        integer     NOT NULL,
    account_id             integer     NOT NULL,
    inbox_id               integer     NOT NULL,
    display_id             integer     NOT NULL,
    status                 smallint    NOT NULL,   -- 0 open, 1 resolved, 2 pending, 3 snoozed
    priority               smallint,               -- NULL none, 0 low .. 3 urgent
    assignee_id            integer,
    team_id                bigint,
    contact_id             bigint,
    campaign_id            bigint,
    channel_type           text,
    labels                 text[]      NOT NULL DEFAULT '{}',
    created_at             timestamptz NOT NULL,
    first_reply_created_at timestamptz,
    waiting_since          timestamptz,
    last_activity_at       timestamptz,
    source_updated_at      timestamptz NOT NULL,
    synced_at              timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, conversation_id)
);
CREATE INDEX conversations_created_idx ON conversations (tenant_id, created_at);
CREATE INDEX conversations_inbox_idx ON conversations (tenant_id, inbox_id);
CREATE INDEX conversations_open_idx ON conversations (tenant_id) WHERE status = 0;
CREATE INDEX conversations_labels_idx ON conversations USING gin (labels);

-- Message facts: enough to count messages for any period and timezone. Never the content.
CREATE TABLE messages (
    tenant_id       integer     NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    message_id      integer     NOT NULL,
    conversation_id integer     NOT NULL,
    inbox_id        integer     NOT NULL,
    message_type    smallint    NOT NULL,   -- 0 incoming, 1 outgoing, 2 activity, 3 template
    private         boolean     NOT NULL,
    content_type    smallint    NOT NULL,   -- 9 = CSAT survey
    sender_type     text,
    sender_id       bigint,
    created_at      timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, message_id)
);
CREATE INDEX messages_created_idx ON messages (tenant_id, created_at);
CREATE INDEX messages_conversation_idx ON messages (tenant_id, conversation_id);

CREATE TABLE reporting_events (
    tenant_id               integer          NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    event_id                bigint           NOT NULL,
    name                    text             NOT NULL,
    value                   double precision,
    value_in_business_hours double precision,
    account_id              integer,
    inbox_id                integer,
    user_id                 integer,
    conversation_id         integer,
    created_at              timestamptz      NOT NULL,
    event_start_time        timestamptz,
    event_end_time          timestamptz,
    PRIMARY KEY (tenant_id, event_id)
);
CREATE INDEX reporting_events_name_created_idx ON reporting_events (tenant_id, name, created_at);
CREATE INDEX reporting_events_conversation_idx ON reporting_events (tenant_id, conversation_id);

CREATE TABLE csat_responses (
    tenant_id         integer     NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    response_id       bigint      NOT NULL,
    conversation_id   integer     NOT NULL,
    message_id        bigint      NOT NULL,
    rating            smallint    NOT NULL,
    assigned_agent_id bigint,
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, response_id)
);
CREATE INDEX csat_responses_created_idx ON csat_responses (tenant_id, created_at);
CREATE INDEX csat_responses_conversation_idx ON csat_responses (tenant_id, conversation_id);

-- Per-tenant, per-stream compound cursors: (ts, id) of the last row loaded.
CREATE TABLE etl_watermarks (
    tenant_id  integer     NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    stream     text        NOT NULL,
    cursor_ts  timestamptz NOT NULL,
    cursor_id  bigint      NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, stream)
);

CREATE TABLE etl_runs (
    tenant_id      integer     NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    run_id         bigint GENERATED ALWAYS AS IDENTITY,
    trigger        text        NOT NULL CHECK (trigger IN ('cli', 'cron', 'web', 'demo')),
    mode           text        NOT NULL DEFAULT 'incremental',
    started_at     timestamptz NOT NULL DEFAULT now(),
    finished_at    timestamptz,
    status         text        NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'succeeded', 'failed', 'skipped')),
    rows_read      bigint      NOT NULL DEFAULT 0,
    rows_written   bigint      NOT NULL DEFAULT 0,
    watermark_from timestamptz,
    watermark_to   timestamptz,
    error          text,
    PRIMARY KEY (tenant_id, run_id)
);
CREATE INDEX etl_runs_latest_idx ON etl_runs (tenant_id, started_at DESC);

-- ================================================================ security ==

-- Grants. The tenant role reads what the reports need and writes what the ETL and the client
-- settings page write; the audit log is insert-and-read only.
GRANT EXECUTE ON FUNCTION geniai_current_tenant() TO geniai_tenant, geniai_platform;
GRANT SELECT ON tenants, inbox_mappings TO geniai_tenant;
GRANT SELECT, INSERT ON audit_log TO geniai_tenant, geniai_platform;
GRANT SELECT, INSERT, UPDATE, DELETE ON
    tenant_settings, tenant_secrets, inboxes, agents, teams, conversations, messages,
    reporting_events, csat_responses, etl_watermarks, etl_runs
    TO geniai_tenant, geniai_platform;
GRANT SELECT, INSERT, UPDATE, DELETE ON tenants, users, sessions, inbox_mappings TO geniai_platform;

-- RLS on every table that carries a tenant id, forced so that the owner is filtered too.
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY[
        'tenant_settings', 'tenant_secrets', 'inboxes', 'agents', 'teams', 'conversations',
        'messages', 'reporting_events', 'csat_responses', 'etl_watermarks', 'etl_runs'
    ] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        -- `(SELECT ...)` makes PostgreSQL evaluate the context once per statement, and lets the
        -- comparison serve as an index condition on the leading tenant_id.
        EXECUTE format(
            'CREATE POLICY tenant_isolation ON %I TO geniai_tenant
                 USING (tenant_id = (SELECT geniai_current_tenant()))
                 WITH CHECK (tenant_id = (SELECT geniai_current_tenant()))', t);
        EXECUTE format(
            'CREATE POLICY platform_access ON %I TO geniai_platform USING (true) WITH CHECK (true)', t);
    END LOOP;
END $$;

ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenants FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenants FOR SELECT TO geniai_tenant
    USING (id = (SELECT geniai_current_tenant()));
CREATE POLICY platform_access ON tenants TO geniai_platform USING (true) WITH CHECK (true);

ALTER TABLE inbox_mappings ENABLE ROW LEVEL SECURITY;
ALTER TABLE inbox_mappings FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON inbox_mappings FOR SELECT TO geniai_tenant
    USING (tenant_id = (SELECT geniai_current_tenant()));
CREATE POLICY platform_access ON inbox_mappings TO geniai_platform USING (true) WITH CHECK (true);

ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_log FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_read ON audit_log FOR SELECT TO geniai_tenant
    USING (tenant_id = (SELECT geniai_current_tenant()));
CREATE POLICY tenant_append ON audit_log FOR INSERT TO geniai_tenant
    WITH CHECK (tenant_id = (SELECT geniai_current_tenant()));
CREATE POLICY platform_read ON audit_log FOR SELECT TO geniai_platform USING (true);
CREATE POLICY platform_append ON audit_log FOR INSERT TO geniai_platform WITH CHECK (true);

-- users and sessions belong to the platform path only (login happens before a tenant is known);
-- the tenant role has no grant on them at all. RLS keeps the owner out as well.
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
ALTER TABLE users FORCE ROW LEVEL SECURITY;
CREATE POLICY platform_access ON users TO geniai_platform USING (true) WITH CHECK (true);
ALTER TABLE sessions ENABLE ROW LEVEL SECURITY;
ALTER TABLE sessions FORCE ROW LEVEL SECURITY;
CREATE POLICY platform_access ON sessions TO geniai_platform USING (true) WITH CHECK (true);

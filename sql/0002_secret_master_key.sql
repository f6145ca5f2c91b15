-- The fingerprint of the master key that seals tenant secrets: one row for the whole platform.
--
-- A tenant transaction sees only its own tenant's secrets, so it cannot tell whether the key it was
-- given is the one every other secret is sealed with. Without this row, a host configured with a
-- wrong GENIAI_MASTER_KEY could seal a new tenant's first secret under a key no other host has, and
-- a later key rotation would then fail. `secrets::set` records the key on first use and refuses any
-- other; `geniai secret rotate-key` moves it to the new key in the rotation's transaction.
--
-- Only a fingerprint is stored (a truncated, domain-separated SHA-256), never the key. The table
-- has no tenant_id: it is platform metadata, not tenant data.
CREATE TABLE secret_master_key (
    singleton  boolean     PRIMARY KEY DEFAULT true CHECK (singleton),
    key_id     text        NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- The tenant role records the key on a tenant's first secret; only the platform role (rotation)
-- changes it.
GRANT SELECT, INSERT ON secret_master_key TO geniai_tenant, geniai_platform;
GRANT UPDATE ON secret_master_key TO geniai_platform;

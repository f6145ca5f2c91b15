//! Per-tenant encrypted secrets, and the master key that seals them.
//!
//! Each secret is sealed with XChaCha20-Poly1305 under the 32-byte master key, with a fresh random
//! 24-byte nonce per encryption, and with associated data that binds the tenant id and the secret's
//! name: a ciphertext copied to another row (another tenant, another name) does not decrypt. The
//! database stores the nonce, the ciphertext and the key's fingerprint (`key_id`), never the
//! plaintext. A fingerprint that differs from the configured key's gives a clear "wrong key" error
//! before any decryption is tried, and nothing is ever written back after a failed decryption, so a
//! wrong key cannot corrupt stored data.
//!
//! The master key comes from `GENIAI_MASTER_KEY` (base64 or hex of 32 bytes) or from the file named
//! by `GENIAI_MASTER_KEY_FILE` (systemd credentials, Docker secrets). `geniai keygen` makes one.
//!
//! Reading and writing go through a `TenantTx`, so row-level security scopes them to one tenant.
//! Re-encrypting everything under a new key ([`rotate`]) is platform work in one `PlatformTx`.

use std::fmt;
use std::path::Path;

use anyhow::{Context, Result, anyhow};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use chrono::{DateTime, Utc};
use serde::Serialize;
use sha2::{Digest, Sha256};
use sqlx::PgConnection;
use zeroize::Zeroizing;

use crate::audit::{self, AuditEntry};
use crate::db::{PlatformTx, TenantId, TenantTx};
use crate::error::{DomainError, MessageId};
use crate::output::Tabular;

/// Environment variable holding the master key itself (base64 or hex of 32 bytes).
pub const MASTER_KEY_ENV: &str = "GENIAI_MASTER_KEY";
/// Environment variable naming a file that holds the master key.
pub const MASTER_KEY_FILE_ENV: &str = "GENIAI_MASTER_KEY_FILE";
/// The secret whose value, when set, is the tenant's own Chatwoot database URL for the ETL.
pub const SOURCE_URL_SECRET: &str = "source_url";

/// Length of the master key in bytes.
pub const KEY_LEN: usize = 32;
/// Length of an XChaCha20 nonce in bytes.
const NONCE_LEN: usize = 24;

/// The key that seals every tenant secret. Its bytes are wiped from memory when dropped, and its
/// `Debug` shows only the fingerprint.
#[derive(Clone)]
pub struct MasterKey {
    bytes: Zeroizing<[u8; KEY_LEN]>,
    id: String,
}

impl fmt::Debug for MasterKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "MasterKey({})", self.id)
    }
}

impl MasterKey {
    fn from_bytes(bytes: [u8; KEY_LEN]) -> MasterKey {
        let bytes = Zeroizing::new(bytes);
        // The fingerprint is a domain-separated hash: it identifies the key without helping anyone
        // guess it, and never equals a hash of the key used elsewhere.
        let mut hasher = Sha256::new();
        hasher.update(b"geniai master key fingerprint v1\0");
        hasher.update(bytes.as_slice());
        let digest = hasher.finalize();
        let id = hex::encode(&digest[..8]);
        MasterKey { bytes, id }
    }

    /// A new random key, from the operating system's CSPRNG.
    pub fn generate() -> MasterKey {
        let mut bytes = [0u8; KEY_LEN];
        rand::fill(&mut bytes);
        let key = MasterKey::from_bytes(bytes);
        zeroize::Zeroize::zeroize(&mut bytes);
        key
    }

    /// Parses a key written as base64 (standard or URL-safe, padded or not) or as 64 hex digits.
    /// Surrounding whitespace is ignored. The error never repeats the text.
    pub fn parse(text: &str) -> Result<MasterKey, DomainError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(DomainError::invalid("the master key is empty"));
        }
        let decoded: Option<Zeroizing<Vec<u8>>> =
            if text.len() == 2 * KEY_LEN && text.bytes().all(|b| b.is_ascii_hexdigit()) {
                hex::decode(text).ok().map(Zeroizing::new)
            } else {
                use base64::engine::general_purpose::{STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD};
                [&BASE64, &STANDARD_NO_PAD, &URL_SAFE, &URL_SAFE_NO_PAD]
                    .iter()
                    .find_map(|engine| engine.decode(text).ok())
                    .map(Zeroizing::new)
            };
        let Some(decoded) = decoded else {
            return Err(DomainError::invalid(
                "the master key is malformed: expected 32 bytes as base64 or 64 hex digits (make one with `geniai keygen`)",
            ));
        };
        let bytes: [u8; KEY_LEN] = decoded.as_slice().try_into().map_err(|_| {
            DomainError::invalid(format!(
                "the master key is {} bytes long, but it must be exactly {KEY_LEN} (make one with `geniai keygen`)",
                decoded.len()
            ))
        })?;
        Ok(MasterKey::from_bytes(bytes))
    }

    /// Reads a key from a file (its whole content, whitespace ignored).
    pub fn from_file(path: &Path) -> Result<MasterKey> {
        let text = Zeroizing::new(std::fs::read_to_string(path).map_err(|err| {
            DomainError::invalid(format!("cannot read the master key file {}: {err}", path.display()))
        })?);
        warn_if_readable_by_others(path);
        MasterKey::parse(&text).map_err(|err| {
            anyhow::Error::new(DomainError::invalid(format!("{} (in {})", err.message, path.display())))
        })
    }

    /// The key from `GENIAI_MASTER_KEY`, or else from the file named by `GENIAI_MASTER_KEY_FILE`.
    /// When neither is set, the error says how to make and configure one.
    pub fn from_env() -> Result<MasterKey> {
        MasterKey::from_env_or_file(None)
    }

    /// Like [`MasterKey::from_env`], but a key file given explicitly (`--master-key-file`) wins.
    pub fn from_env_or_file(file: Option<&Path>) -> Result<MasterKey> {
        if let Some(path) = file {
            return MasterKey::from_file(path);
        }
        if let Some(text) = std::env::var_os(MASTER_KEY_ENV).filter(|v| !v.is_empty()) {
            let text = Zeroizing::new(text.into_string().map_err(|_| {
                DomainError::invalid(format!("{MASTER_KEY_ENV} is not valid UTF-8 (expected base64 or hex)"))
            })?);
            return MasterKey::parse(&text).map_err(|err| {
                anyhow::Error::new(DomainError::invalid(format!("{} (in {MASTER_KEY_ENV})", err.message)))
            });
        }
        if let Some(path) = std::env::var_os(MASTER_KEY_FILE_ENV).filter(|v| !v.is_empty()) {
            return MasterKey::from_file(Path::new(&path));
        }
        Err(anyhow::Error::new(DomainError::invalid(format!(
            "no master key: set {MASTER_KEY_ENV} or {MASTER_KEY_FILE_ENV} (make a key with `geniai keygen`)"
        ))))
    }

    /// The key as standard base64, the form `geniai keygen` prints.
    pub fn to_base64(&self) -> Zeroizing<String> {
        Zeroizing::new(BASE64.encode(self.bytes.as_slice()))
    }

    /// The key's fingerprint, stored beside each secret it sealed (`tenant_secrets.key_id`).
    pub fn id(&self) -> &str {
        &self.id
    }

    fn cipher(&self) -> XChaCha20Poly1305 {
        // Borrowed, not copied: no stray copy of the key is left in memory.
        let key = <&chacha20poly1305::Key>::from(&*self.bytes);
        XChaCha20Poly1305::new(key)
    }
}

fn warn_if_readable_by_others(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    if let Ok(meta) = std::fs::metadata(path)
        && meta.permissions().mode() & 0o077 != 0
    {
        tracing::warn!("the master key file {} is readable by other users: chmod 600 it", path.display());
    }
}

/// The associated data that binds a ciphertext to its row: tenant id and secret name.
fn associated_data(tenant: TenantId, name: &str) -> Vec<u8> {
    format!("geniai secret v1\0tenant={}\0name={name}", tenant.0).into_bytes()
}

/// A sealed secret, as stored.
#[derive(Debug, Clone)]
pub struct Sealed {
    /// The random nonce used for this encryption.
    pub nonce: Vec<u8>,
    /// Ciphertext plus the Poly1305 tag.
    pub ciphertext: Vec<u8>,
    /// Fingerprint of the key that sealed it.
    pub key_id: String,
}

/// Encrypts `plaintext` for `tenant`'s secret `name` under `key`, with a fresh random nonce.
pub fn seal(key: &MasterKey, tenant: TenantId, name: &str, plaintext: &[u8]) -> Result<Sealed> {
    let mut nonce = [0u8; NONCE_LEN];
    rand::fill(&mut nonce);
    let aad = associated_data(tenant, name);
    let ciphertext = key
        .cipher()
        .encrypt(&XNonce::from(nonce), Payload { msg: plaintext, aad: &aad })
        .map_err(|_| anyhow!("encrypting the secret {name} failed"))?;
    Ok(Sealed { nonce: nonce.to_vec(), ciphertext, key_id: key.id().to_string() })
}

/// Decrypts a sealed secret of `tenant` named `name`. A key whose fingerprint differs from the
/// sealing key's is refused before decryption with a message naming both fingerprints.
pub fn open(key: &MasterKey, tenant: TenantId, name: &str, sealed: &Sealed) -> Result<Zeroizing<String>> {
    if sealed.key_id != key.id() {
        return Err(anyhow::Error::new(
            DomainError::conflict(format!(
                "the secret {name} was sealed with master key {}, but the configured master key is {}: \
                 set {MASTER_KEY_ENV} or {MASTER_KEY_FILE_ENV} to the key that sealed it",
                sealed.key_id,
                key.id()
            ))
            .id(MessageId::MasterKeyMismatch)
            .arg("key", &sealed.key_id)
            .arg("configured", key.id()),
        ));
    }
    let nonce = <&XNonce>::try_from(sealed.nonce.as_slice())
        .map_err(|_| anyhow!("the secret {name} is damaged: its nonce has the wrong length"))?;
    let aad = associated_data(tenant, name);
    let plaintext =
        key.cipher().decrypt(nonce, Payload { msg: &sealed.ciphertext, aad: &aad }).map_err(|_| {
            anyhow!(
                "the secret {name} does not decrypt with the master key that sealed it: \
                 its stored ciphertext was altered or moved from another tenant or name"
            )
        })?;
    let plaintext = Zeroizing::new(plaintext);
    let text = std::str::from_utf8(&plaintext)
        .map_err(|_| anyhow!("the secret {name} is not valid UTF-8"))?
        .to_string();
    Ok(Zeroizing::new(text))
}

/// Checks a secret name: 1 to 64 of `A-Z a-z 0-9 _ . -`.
pub fn validate_name(name: &str) -> Result<(), DomainError> {
    let ok = (1..=64).contains(&name.len())
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'));
    if ok {
        Ok(())
    } else {
        Err(DomainError::invalid(format!(
            "invalid secret name {name:?}: use 1 to 64 letters, digits, '_', '.' or '-'"
        ))
        .id(MessageId::InvalidSecretName)
        .arg("value", name))
    }
}

/// Checks a value before it is sealed: not empty, and for `source_url` a PostgreSQL URL (the ETL
/// connects to it). The message never repeats the value.
pub fn validate_value(name: &str, value: &str) -> Result<(), DomainError> {
    if value.is_empty() {
        return Err(DomainError::invalid(format!("the value of {name} is empty"))
            .id(MessageId::SecretValueEmpty)
            .arg("name", name));
    }
    if name == SOURCE_URL_SECRET {
        let is_url = value.starts_with("postgres://") || value.starts_with("postgresql://");
        if !is_url || value.parse::<sqlx::postgres::PgConnectOptions>().is_err() {
            return Err(DomainError::invalid(format!(
                "the secret {SOURCE_URL_SECRET} must be a PostgreSQL connection URL (postgresql://user:password@host/db)"
            ))
            .id(MessageId::SecretSourceUrl));
        }
    }
    Ok(())
}

/// A masked view of a value: its last four characters after bullets (`••••abcd`), or only bullets
/// when the value is too short for four characters to be safe to show.
pub fn masked_hint(value: &str) -> String {
    let chars: Vec<char> = value.chars().collect();
    if chars.len() < 8 {
        return "••••".into();
    }
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("••••{tail}")
}

/// Whether [`set`] created the secret or replaced an existing value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SetOutcome {
    /// The secret did not exist.
    Created,
    /// The secret existed and now has the new value.
    Updated,
}

/// A secret's metadata: never its value.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct SecretInfo {
    /// The secret's name.
    pub name: String,
    /// Fingerprint of the master key that sealed it.
    pub key_id: String,
    /// When it was first set.
    pub created_at: DateTime<Utc>,
    /// When its value last changed.
    pub updated_at: DateTime<Utc>,
    /// A masked hint (`••••abcd`), only from [`list_with_hints`].
    #[serde(skip_serializing_if = "Option::is_none")]
    #[sqlx(skip)]
    pub hint: Option<String>,
}

impl Tabular for SecretInfo {
    fn headers(&self) -> Vec<String> {
        let mut headers: Vec<String> = ["name", "key", "created", "updated"].map(String::from).to_vec();
        if self.hint.is_some() {
            headers.push("hint".into());
        }
        headers
    }

    fn cells(&self) -> Vec<String> {
        let mut cells = vec![
            self.name.clone(),
            self.key_id.clone(),
            self.created_at.format("%Y-%m-%d %H:%M").to_string(),
            self.updated_at.format("%Y-%m-%d %H:%M").to_string(),
        ];
        if let Some(hint) = &self.hint {
            cells.push(hint.clone());
        }
        cells
    }
}

async fn tenant_slug(conn: &mut PgConnection, tenant: TenantId) -> Result<String> {
    sqlx::query_scalar("SELECT slug FROM tenants WHERE id = $1")
        .bind(tenant)
        .fetch_optional(conn)
        .await
        .context("looking up the tenant")?
        .ok_or_else(|| anyhow!("tenant #{tenant} does not exist"))
}

/// Sets (creates or replaces) the tenant's secret `name`, sealed under `key`, and audits it as
/// `secret.set` by `actor` (never with the value). Refuses a key other than the one that sealed the
/// tenant's existing secrets, so one tenant's secrets never end up under two keys.
pub async fn set(
    tx: &mut TenantTx,
    key: &MasterKey,
    actor: &str,
    name: &str,
    value: &str,
) -> Result<SetOutcome> {
    validate_name(name)?;
    validate_value(name, value)?;
    let tenant = tx.tenant();
    // Taken first so that a concurrent rotation (which locks the table EXCLUSIVE) either finishes
    // before this reads the key in use, or waits for this secret and re-encrypts it too.
    sqlx::query("LOCK TABLE tenant_secrets IN ROW EXCLUSIVE MODE")
        .execute(&mut **tx)
        .await
        .context("locking the secrets")?;
    check_key_in_use(tx, key).await?;
    let other_key: Option<String> =
        sqlx::query_scalar("SELECT key_id FROM tenant_secrets WHERE key_id <> $1 LIMIT 1")
            .bind(key.id())
            .fetch_optional(&mut **tx)
            .await
            .context("reading the tenant's secrets")?;
    if let Some(other) = other_key {
        return Err(anyhow::Error::new(
            DomainError::conflict(format!(
                "this tenant's secrets are sealed with master key {other}, but the configured master key is {}: \
                 use the key that sealed them (or rotate every secret with `geniai secret rotate-key`)",
                key.id()
            ))
            .id(MessageId::MasterKeyMismatch)
            .arg("key", &other)
            .arg("configured", key.id()),
        ));
    }
    let sealed = seal(key, tenant, name, value.as_bytes())?;
    let existed: Option<bool> = sqlx::query_scalar(
        "INSERT INTO tenant_secrets (tenant_id, name, nonce, ciphertext, key_id)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (tenant_id, name) DO UPDATE
            SET nonce = EXCLUDED.nonce, ciphertext = EXCLUDED.ciphertext,
                key_id = EXCLUDED.key_id, updated_at = EXCLUDED.updated_at
         RETURNING (xmax <> 0)",
    )
    .bind(tenant)
    .bind(name)
    .bind(&sealed.nonce)
    .bind(&sealed.ciphertext)
    .bind(&sealed.key_id)
    .fetch_optional(&mut **tx)
    .await
    .context("storing the secret")?;
    let outcome = if existed == Some(true) { SetOutcome::Updated } else { SetOutcome::Created };
    let slug = tenant_slug(tx, tenant).await?;
    let entry = AuditEntry::new(actor, "secret.set", format!("secret:{slug}/{name}"))
        .tenant(tenant)
        .after(serde_json::json!({ "name": name, "key_id": sealed.key_id, "outcome": outcome }));
    audit::record(tx, entry).await?;
    Ok(outcome)
}

/// Records `key` as the platform's secret key if none is recorded yet, and refuses any other.
async fn check_key_in_use(conn: &mut PgConnection, key: &MasterKey) -> Result<()> {
    sqlx::query("INSERT INTO secret_master_key (key_id) VALUES ($1) ON CONFLICT (singleton) DO NOTHING")
        .bind(key.id())
        .execute(&mut *conn)
        .await
        .context("recording the master key in use")?;
    let in_use: String = sqlx::query_scalar("SELECT key_id FROM secret_master_key")
        .fetch_one(&mut *conn)
        .await
        .context("reading the master key in use")?;
    if in_use != key.id() {
        return Err(anyhow::Error::new(
            DomainError::conflict(format!(
                "the configured master key is {}, but the secrets are sealed with master key {in_use}: \
                 set {MASTER_KEY_ENV} or {MASTER_KEY_FILE_ENV} to the key in use",
                key.id()
            ))
            .id(MessageId::MasterKeyMismatch)
            .arg("key", &in_use)
            .arg("configured", key.id()),
        ));
    }
    Ok(())
}

/// The fingerprint of the master key the platform's secrets are sealed with, once any secret was
/// set (`None` before).
pub async fn key_in_use(conn: &mut PgConnection) -> Result<Option<String>> {
    sqlx::query_scalar("SELECT key_id FROM secret_master_key")
        .fetch_optional(conn)
        .await
        .context("reading the master key in use")
}

async fn load(tx: &mut TenantTx, name: &str) -> Result<Option<Sealed>> {
    let row: Option<(Vec<u8>, Vec<u8>, String)> =
        sqlx::query_as("SELECT nonce, ciphertext, key_id FROM tenant_secrets WHERE name = $1")
            .bind(name)
            .fetch_optional(&mut **tx)
            .await
            .context("reading the secret")?;
    Ok(row.map(|(nonce, ciphertext, key_id)| Sealed { nonce, ciphertext, key_id }))
}

/// The plaintext of the tenant's secret `name`, or `None` when it is not set. The value is wiped
/// from memory when dropped. A wrong master key is an error that names both key fingerprints.
pub async fn get(tx: &mut TenantTx, key: &MasterKey, name: &str) -> Result<Option<Zeroizing<String>>> {
    validate_name(name)?;
    match load(tx, name).await? {
        Some(sealed) => open(key, tx.tenant(), name, &sealed).map(Some),
        None => Ok(None),
    }
}

/// The tenant's secrets (names, key fingerprints, dates), by name. Needs no key.
pub async fn list(tx: &mut TenantTx) -> Result<Vec<SecretInfo>> {
    sqlx::query_as("SELECT name, key_id, created_at, updated_at FROM tenant_secrets ORDER BY name")
        .fetch_all(&mut **tx)
        .await
        .context("listing the secrets")
}

/// Like [`list`], with each secret's [`masked_hint`], computed by decrypting under `key` (the
/// plaintext is dropped, and wiped, right after).
pub async fn list_with_hints(tx: &mut TenantTx, key: &MasterKey) -> Result<Vec<SecretInfo>> {
    let mut infos = list(tx).await?;
    for info in &mut infos {
        if let Some(value) = get(tx, key, &info.name).await? {
            info.hint = Some(masked_hint(&value));
        }
    }
    Ok(infos)
}

/// Deletes the tenant's secret `name`, audited as `secret.delete`. Returns whether it existed.
pub async fn delete(tx: &mut TenantTx, actor: &str, name: &str) -> Result<bool> {
    validate_name(name)?;
    let tenant = tx.tenant();
    let deleted: Option<String> =
        sqlx::query_scalar("DELETE FROM tenant_secrets WHERE name = $1 RETURNING key_id")
            .bind(name)
            .fetch_optional(&mut **tx)
            .await
            .context("deleting the secret")?;
    let Some(key_id) = deleted else { return Ok(false) };
    let slug = tenant_slug(tx, tenant).await?;
    let entry = AuditEntry::new(actor, "secret.delete", format!("secret:{slug}/{name}"))
        .tenant(tenant)
        .before(serde_json::json!({ "name": name, "key_id": key_id }));
    audit::record(tx, entry).await?;
    Ok(true)
}

/// One row of `tenant_secrets`, still sealed: what [`rotate`] and `geniai doctor` read.
#[derive(sqlx::FromRow)]
pub struct StoredSecret {
    pub tenant_id: TenantId,
    pub name: String,
    pub nonce: Vec<u8>,
    pub ciphertext: Vec<u8>,
    pub key_id: String,
}

/// Every tenant's sealed secrets, on the platform path (nothing is decrypted).
pub async fn all_sealed(conn: &mut PgConnection) -> Result<Vec<StoredSecret>> {
    sqlx::query_as(
        "SELECT tenant_id, name, nonce, ciphertext, key_id FROM tenant_secrets ORDER BY tenant_id, name",
    )
    .fetch_all(conn)
    .await
    .context("reading the secrets")
}

/// What [`rotate`] did.
#[derive(Debug, Clone, Serialize)]
pub struct RotationSummary {
    /// Fingerprint of the old key.
    pub old_key_id: String,
    /// Fingerprint of the new key.
    pub new_key_id: String,
    /// Secrets re-encrypted under the new key.
    pub reencrypted: usize,
    /// Secrets that were already under the new key (an earlier rotation reached them).
    pub already_rotated: usize,
}

/// Re-encrypts every secret of every tenant from `old` to `new`, in the caller's transaction, and
/// audits it as `secret.rotate_key`. The table is locked against writers for the duration, so no
/// secret can be sealed under the old key meanwhile. Any secret that `old` cannot open aborts the
/// whole rotation: the caller's transaction then rolls back and nothing changes.
/// `progress(done, total)` is called after each secret.
pub async fn rotate(
    tx: &mut PlatformTx,
    old: &MasterKey,
    new: &MasterKey,
    actor: &str,
    mut progress: impl FnMut(usize, usize),
) -> Result<RotationSummary> {
    if old.id() == new.id() {
        return Err(anyhow::Error::new(DomainError::invalid(
            "the new master key is the current one: make a new key with `geniai keygen`",
        )));
    }
    sqlx::query("LOCK TABLE tenant_secrets IN EXCLUSIVE MODE")
        .execute(&mut **tx)
        .await
        .context("locking the secrets for rotation")?;
    match key_in_use(tx).await? {
        Some(in_use) if in_use != old.id() && in_use != new.id() => {
            return Err(anyhow::Error::new(DomainError::conflict(format!(
                "the current master key given is {}, but the secrets are sealed with master key {in_use}: \
                 rotation needs the key in use",
                old.id()
            ))));
        }
        _ => {}
    }
    // Moved first: a `set` waiting on the table lock then sees the new key once this commits.
    sqlx::query(
        "INSERT INTO secret_master_key (key_id) VALUES ($1)
         ON CONFLICT (singleton) DO UPDATE SET key_id = EXCLUDED.key_id, updated_at = EXCLUDED.updated_at",
    )
    .bind(new.id())
    .execute(&mut **tx)
    .await
    .context("recording the new master key")?;
    let rows = all_sealed(tx).await?;
    let total = rows.len();
    let mut summary = RotationSummary {
        old_key_id: old.id().to_string(),
        new_key_id: new.id().to_string(),
        reencrypted: 0,
        already_rotated: 0,
    };
    for (done, StoredSecret { tenant_id: tenant, name, nonce, ciphertext, key_id }) in
        rows.into_iter().enumerate()
    {
        if key_id == new.id() {
            summary.already_rotated += 1;
        } else {
            let plaintext = open(old, tenant, &name, &Sealed { nonce, ciphertext, key_id })
                .with_context(|| format!("tenant #{tenant}: rotation aborted, nothing was changed"))?;
            let sealed = seal(new, tenant, &name, plaintext.as_bytes())?;
            sqlx::query(
                "UPDATE tenant_secrets SET nonce = $3, ciphertext = $4, key_id = $5
                  WHERE tenant_id = $1 AND name = $2",
            )
            .bind(tenant)
            .bind(&name)
            .bind(&sealed.nonce)
            .bind(&sealed.ciphertext)
            .bind(&sealed.key_id)
            .execute(&mut **tx)
            .await
            .context("storing a re-encrypted secret")?;
            summary.reencrypted += 1;
        }
        progress(done + 1, total);
    }
    let entry = AuditEntry::new(actor, "secret.rotate_key", "master_key")
        .before(serde_json::json!({ "key_id": summary.old_key_id }))
        .after(serde_json::json!({
            "key_id": summary.new_key_id,
            "reencrypted": summary.reencrypted,
            "already_rotated": summary.already_rotated,
        }));
    audit::record(tx, entry).await?;
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_parse_from_base64_and_hex_and_reject_the_rest() {
        let key = MasterKey::generate();
        let b64 = key.to_base64();
        assert_eq!(MasterKey::parse(&b64).unwrap().id(), key.id());
        assert_eq!(MasterKey::parse(&format!("  {}\n", *b64)).unwrap().id(), key.id());
        let hex = hex::encode(key.bytes.as_slice());
        assert_eq!(MasterKey::parse(&hex).unwrap().id(), key.id());
        assert!(MasterKey::parse("").is_err());
        assert!(MasterKey::parse("not a key!").is_err());
        let short = MasterKey::parse(&BASE64.encode([1u8; 16])).unwrap_err();
        assert!(short.message.contains("16 bytes"), "{short}");
        assert_ne!(MasterKey::generate().id(), key.id());
    }

    #[test]
    fn debug_never_shows_the_key() {
        let key = MasterKey::generate();
        let shown = format!("{key:?}");
        assert!(!shown.contains(key.to_base64().as_str()));
        assert!(shown.contains(key.id()));
    }

    #[test]
    fn sealing_round_trips_with_fresh_nonces_and_binds_tenant_and_name() {
        let key = MasterKey::generate();
        let a = seal(&key, TenantId(1), "api_key", b"s3cret-value").unwrap();
        let b = seal(&key, TenantId(1), "api_key", b"s3cret-value").unwrap();
        assert_ne!(a.nonce, b.nonce);
        assert_ne!(a.ciphertext, b.ciphertext);
        assert_eq!(open(&key, TenantId(1), "api_key", &a).unwrap().as_str(), "s3cret-value");
        assert!(open(&key, TenantId(2), "api_key", &a).is_err());
        assert!(open(&key, TenantId(1), "other", &a).is_err());
        let wrong = open(&MasterKey::generate(), TenantId(1), "api_key", &a).unwrap_err();
        assert!(format!("{wrong:#}").contains("sealed with master key"), "{wrong:#}");
    }

    #[test]
    fn hints_show_at_most_four_characters() {
        assert_eq!(masked_hint("postgres://x@host/db-1234"), "••••1234");
        assert_eq!(masked_hint("short"), "••••");
    }

    #[test]
    fn names_are_checked() {
        assert!(validate_name("source_url").is_ok());
        assert!(validate_name("n8n.webhook-url").is_ok());
        assert!(validate_name("").is_err());
        assert!(validate_name("has space").is_err());
        assert!(validate_name(&"x".repeat(65)).is_err());
    }
}

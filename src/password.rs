//! Password hashing with argon2id, its parameters pinned here (OWASP's: 19 MiB, 2 passes, 1 lane,
//! version 0x13) rather than taken from the crate's defaults, which an upgrade could change.
//!
//! Hashing is deliberately slow, so the async entry points run it on the blocking pool to keep
//! the runtime's threads free. Verification reads the parameters from the stored PHC string, so
//! hashes made with other parameters still verify; the login path bounds how many run at once
//! (`web::login::LoginGate`).

use anyhow::{Context, Result, anyhow};
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::{Algorithm, Argon2, Params, Version};

/// Memory per hash, in KiB (19 MiB).
pub const ARGON2_MEMORY_KIB: u32 = 19 * 1024;
/// Passes over the memory.
pub const ARGON2_PASSES: u32 = 2;
/// Lanes (parallelism).
pub const ARGON2_LANES: u32 = 1;

/// The hasher every new hash comes from.
fn hasher() -> Argon2<'static> {
    let params = Params::new(ARGON2_MEMORY_KIB, ARGON2_PASSES, ARGON2_LANES, None)
        .expect("the pinned argon2 parameters are valid");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

use crate::error::{DomainError, MessageId};

/// The shortest password geniai accepts.
pub const MIN_PASSWORD_LENGTH: usize = 12;

/// Checks a new password against the policy, with a one-line reason.
pub fn validate(password: &str) -> Result<(), DomainError> {
    if password.chars().count() < MIN_PASSWORD_LENGTH {
        return Err(DomainError::invalid(format!(
            "the password must be at least {MIN_PASSWORD_LENGTH} characters long"
        ))
        .id(MessageId::PasswordTooShort)
        .arg("min", MIN_PASSWORD_LENGTH));
    }
    if password.trim().is_empty() {
        return Err(DomainError::invalid("the password must not be blank").id(MessageId::PasswordBlank));
    }
    Ok(())
}

/// Hashes a password into an argon2id PHC string (random salt).
pub fn hash_blocking(password: &str) -> Result<String> {
    hasher()
        .hash_password(password.as_bytes())
        .map(|hash| hash.to_string())
        .map_err(|e| anyhow!("hashing the password failed: {e}"))
}

/// Whether `password` matches the PHC string. A malformed stored hash never matches.
pub fn verify_blocking(password: &str, phc: &str) -> bool {
    match PasswordHash::new(phc) {
        Ok(parsed) => hasher().verify_password(password.as_bytes(), &parsed).is_ok(),
        Err(_) => false,
    }
}

/// [`hash_blocking`] on the blocking pool.
pub async fn hash(password: String) -> Result<String> {
    tokio::task::spawn_blocking(move || hash_blocking(&password)).await.context("password hashing task")?
}

/// [`verify_blocking`] on the blocking pool.
pub async fn verify(password: String, phc: String) -> bool {
    tokio::task::spawn_blocking(move || verify_blocking(&password, &phc)).await.unwrap_or(false)
}

/// A PHC string that matches no password, verified against when a login names an unknown
/// account, so that the response takes as long as for a known one.
pub fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| hash_blocking("geniai-dummy-password-never-matches").unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_argon2id_and_verify() {
        let phc = hash_blocking("correct horse battery").unwrap();
        assert!(phc.starts_with("$argon2id$"), "{phc}");
        assert!(verify_blocking("correct horse battery", &phc));
        assert!(!verify_blocking("wrong horse battery", &phc));
        assert!(!verify_blocking("anything", "not a phc string"));
    }

    /// Regression (issue 15, gap 2): the parameters were the crate's defaults, whatever they are.
    #[test]
    fn the_parameters_are_pinned_and_older_hashes_still_verify() {
        let phc = hash_blocking("correct horse battery").unwrap();
        assert!(phc.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{phc}");
        // Hashes made before the pin (with the crate's defaults) and with other parameters verify.
        let default = Argon2::default().hash_password(b"older password").unwrap().to_string();
        assert!(verify_blocking("older password", &default));
        let lighter =
            Argon2::new(Algorithm::Argon2id, Version::V0x13, Params::new(8192, 3, 1, None).unwrap())
                .hash_password(b"lighter password")
                .unwrap()
                .to_string();
        assert!(lighter.contains("m=8192,t=3,p=1"), "{lighter}");
        assert!(verify_blocking("lighter password", &lighter));
        assert!(!verify_blocking("wrong password", &lighter));
    }

    #[test]
    fn short_passwords_are_refused() {
        assert!(validate("short").is_err());
        assert!(validate("long enough password").is_ok());
    }
}

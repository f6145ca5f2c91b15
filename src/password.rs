//! Password hashing with argon2id (OWASP parameters: 19 MiB, 2 passes, 1 lane).
//!
//! Hashing is deliberately slow, so the async entry points run it on the blocking pool to keep
//! the runtime's threads free.

use anyhow::{Context, Result, anyhow};
use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};

use crate::error::DomainError;

/// The shortest password geniai accepts.
pub const MIN_PASSWORD_LENGTH: usize = 12;

/// Checks a new password against the policy, with a one-line reason.
pub fn validate(password: &str) -> Result<(), DomainError> {
    if password.chars().count() < MIN_PASSWORD_LENGTH {
        return Err(DomainError::invalid(format!(
            "the password must be at least {MIN_PASSWORD_LENGTH} characters long"
        )));
    }
    if password.trim().is_empty() {
        return Err(DomainError::invalid("the password must not be blank"));
    }
    Ok(())
}

/// Hashes a password into an argon2id PHC string (random salt).
pub fn hash_blocking(password: &str) -> Result<String> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|hash| hash.to_string())
        .map_err(|e| anyhow!("hashing the password failed: {e}"))
}

/// Whether `password` matches the PHC string. A malformed stored hash never matches.
pub fn verify_blocking(password: &str, phc: &str) -> bool {
    match PasswordHash::new(phc) {
        Ok(parsed) => Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok(),
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

    #[test]
    fn short_passwords_are_refused() {
        assert!(validate("short").is_err());
        assert!(validate("long enough password").is_ok());
    }
}

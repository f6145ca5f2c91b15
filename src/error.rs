//! The domain's typed error, the exit codes it maps to, and the mapping of database faults to
//! sentences.
//!
//! A [`DomainError`] is an outcome the caller can act on (bad input, an unknown name, a conflict
//! with what exists, something busy right now), with one line safe to show to a user. Callers
//! branch on its [`ErrorKind`]: the web maps each kind to its status code (400/404/409/423) in one
//! place, and the command line exits with 2 for every kind. Anything else is a fault (exit 1, 500).
//!
//! Exit codes: 0 success; 2 bad usage or invalid input; 1 any other failure. Anything that wraps
//! a [`DomainError`] anywhere in its chain exits with 2.
//!
//! The sentence is English, the command line's (a contract). An error a web user can meet also
//! names what it says with a [`MessageId`] and its arguments, so that the web says the same in
//! the reader's language from its Fluent files: no translated text lives in Rust.

/// What kind of domain error: what the caller does about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The input is malformed or out of range.
    Invalid,
    /// The input names something that does not exist (a tenant, user, secret, token).
    NotFound,
    /// The change contradicts what exists (a duplicate slug or email, an inbox owned elsewhere).
    Conflict,
    /// Something holds what the change needs right now (an ETL run); try again later.
    Busy,
}

/// What a domain error says, independent of its wording: the stable identifier by which the web
/// finds the sentence in the reader's language (`locales/*/domain.ftl`, the Fluent key
/// [`MessageId::key`]). Its arguments travel with the error ([`DomainError::args`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MessageId {
    /// A tenant slug off the pattern (`value`).
    InvalidSlug,
    /// A blank display name.
    NameBlank,
    /// A display name over `max` characters.
    NameTooLong,
    /// A timezone that is not an IANA name (`value`).
    UnknownTimezone,
    /// A colour not written `#RRGGBB` (`value`).
    InvalidColour,
    /// A malformed email address (`value`).
    InvalidEmail,
    /// An inbox id that is not a positive integer (`value`).
    InvalidInboxId,
    /// A logo address that is not http(s) (`value`).
    InvalidUrl,
    /// A Chatwoot label that is blank, too long or has a comma (`value`).
    InvalidLabel,
    /// A word outside a closed vocabulary (plan, role, locale...): `value`, and the `choices`.
    UnknownChoice,
    /// A password shorter than `min` characters.
    PasswordTooShort,
    /// A password of spaces only.
    PasswordBlank,
    /// No tenant has this slug (`value`).
    UnknownTenant,
    /// A tenant with this slug exists (`value`).
    TenantExists,
    /// A tenant update that changes nothing.
    NothingToUpdate,
    /// An ETL run holds the tenant (`value`, its slug).
    TenantBusy,
    /// No user has this email (`value`).
    UnknownUser,
    /// A user with this email exists (`value`).
    UserExists,
    /// A period bound that is neither a date nor a timestamp (`value`).
    BadDate,
    /// A period whose start (`from`) is not before its end (`to`).
    PeriodOrder,
    /// A secret name off the pattern (`value`).
    InvalidSecretName,
    /// An empty secret value (`name`).
    SecretValueEmpty,
    /// A `source_url` secret that is not a PostgreSQL URL.
    SecretSourceUrl,
    /// Secrets sealed with master key `key` while the server's is `configured`.
    MasterKeyMismatch,
}

impl MessageId {
    /// Every identifier (a test checks that each has its sentence in every language).
    pub const ALL: &'static [MessageId] = &[
        MessageId::InvalidSlug,
        MessageId::NameBlank,
        MessageId::NameTooLong,
        MessageId::UnknownTimezone,
        MessageId::InvalidColour,
        MessageId::InvalidEmail,
        MessageId::InvalidInboxId,
        MessageId::InvalidUrl,
        MessageId::InvalidLabel,
        MessageId::UnknownChoice,
        MessageId::PasswordTooShort,
        MessageId::PasswordBlank,
        MessageId::UnknownTenant,
        MessageId::TenantExists,
        MessageId::NothingToUpdate,
        MessageId::TenantBusy,
        MessageId::UnknownUser,
        MessageId::UserExists,
        MessageId::BadDate,
        MessageId::PeriodOrder,
        MessageId::InvalidSecretName,
        MessageId::SecretValueEmpty,
        MessageId::SecretSourceUrl,
        MessageId::MasterKeyMismatch,
    ];

    /// The Fluent key of its sentence.
    pub fn key(self) -> &'static str {
        match self {
            MessageId::InvalidSlug => "domain-invalid-slug",
            MessageId::NameBlank => "domain-name-blank",
            MessageId::NameTooLong => "domain-name-too-long",
            MessageId::UnknownTimezone => "error-unknown-timezone",
            MessageId::InvalidColour => "domain-invalid-colour",
            MessageId::InvalidEmail => "domain-invalid-email",
            MessageId::InvalidInboxId => "domain-invalid-inbox-id",
            MessageId::InvalidUrl => "domain-invalid-url",
            MessageId::InvalidLabel => "domain-invalid-label",
            MessageId::UnknownChoice => "domain-unknown-choice",
            MessageId::PasswordTooShort => "domain-password-too-short",
            MessageId::PasswordBlank => "domain-password-blank",
            MessageId::UnknownTenant => "domain-unknown-tenant",
            MessageId::TenantExists => "error-tenant-exists",
            MessageId::NothingToUpdate => "domain-nothing-to-update",
            MessageId::TenantBusy => "domain-tenant-busy",
            MessageId::UnknownUser => "domain-unknown-user",
            MessageId::UserExists => "error-user-exists",
            MessageId::BadDate => "error-bad-date",
            MessageId::PeriodOrder => "error-period-order",
            MessageId::InvalidSecretName => "error-secret-name",
            MessageId::SecretValueEmpty => "domain-secret-value-empty",
            MessageId::SecretSourceUrl => "domain-secret-source-url",
            MessageId::MasterKeyMismatch => "domain-master-key-mismatch",
        }
    }
}

/// An outcome the user can act on, with its one-line reason: printed as is, exit code 2.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct DomainError {
    /// What kind of error, for the caller to branch on.
    pub kind: ErrorKind,
    /// The sentence shown to the user (never a secret, never SQL): English, the command line's.
    pub message: String,
    /// What the sentence says, for a reader of another language; `None` for errors only the
    /// command line meets (the web then shows the English sentence under a translated one).
    pub id: Option<MessageId>,
    /// The values the sentence names (`value`, `min`...), as plain text.
    pub args: Vec<(&'static str, String)>,
}

impl DomainError {
    /// An error of `kind` with the reason shown to the user.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        DomainError { kind, message: message.into(), id: None, args: Vec::new() }
    }

    /// The same error, saying what [`MessageId`] `id` names (with the arguments added by
    /// [`DomainError::arg`]).
    pub fn id(mut self, id: MessageId) -> Self {
        self.id = Some(id);
        self
    }

    /// The same error with one more argument of its message.
    pub fn arg(mut self, name: &'static str, value: impl ToString) -> Self {
        self.args.push((name, value.to_string()));
        self
    }

    /// Malformed or out-of-range input.
    pub fn invalid(message: impl Into<String>) -> Self {
        DomainError::new(ErrorKind::Invalid, message)
    }

    /// The input names something that does not exist.
    pub fn not_found(message: impl Into<String>) -> Self {
        DomainError::new(ErrorKind::NotFound, message)
    }

    /// The change contradicts what exists.
    pub fn conflict(message: impl Into<String>) -> Self {
        DomainError::new(ErrorKind::Conflict, message)
    }

    /// Something the change needs is held right now.
    pub fn busy(message: impl Into<String>) -> Self {
        DomainError::new(ErrorKind::Busy, message)
    }

    /// The same error with another English message (e.g. the reason plus where the input came
    /// from); what it says for the web stays.
    pub fn with_message(self, message: impl Into<String>) -> Self {
        DomainError { message: message.into(), ..self }
    }

    /// The first domain error in an error's chain, if any.
    pub fn find(err: &anyhow::Error) -> Option<&DomainError> {
        err.chain().find_map(|cause| cause.downcast_ref::<DomainError>())
    }
}

/// Returns early with an [`ErrorKind::Invalid`] [`DomainError`] built from a format string.
#[macro_export]
macro_rules! invalid {
    ($($arg:tt)*) => {
        return Err(anyhow::Error::new($crate::error::DomainError::invalid(format!($($arg)*))))
    };
}

/// Returns early with an [`ErrorKind::NotFound`] [`DomainError`] built from a format string.
#[macro_export]
macro_rules! not_found {
    ($($arg:tt)*) => {
        return Err(anyhow::Error::new($crate::error::DomainError::not_found(format!($($arg)*))))
    };
}

/// Returns early with an [`ErrorKind::Conflict`] [`DomainError`] built from a format string.
#[macro_export]
macro_rules! conflict {
    ($($arg:tt)*) => {
        return Err(anyhow::Error::new($crate::error::DomainError::conflict(format!($($arg)*))))
    };
}

/// Returns early with an [`ErrorKind::Busy`] [`DomainError`] built from a format string.
#[macro_export]
macro_rules! busy {
    ($($arg:tt)*) => {
        return Err(anyhow::Error::new($crate::error::DomainError::busy(format!($($arg)*))))
    };
}

/// Exit code for success.
pub const EXIT_OK: u8 = 0;
/// Exit code for any failure that is not bad input.
pub const EXIT_FAILURE: u8 = 1;
/// Exit code for bad usage or invalid input.
pub const EXIT_USAGE: u8 = 2;

/// The exit code an error maps to.
pub fn exit_code(err: &anyhow::Error) -> u8 {
    if DomainError::find(err).is_some() { EXIT_USAGE } else { EXIT_FAILURE }
}

/// Whether the error is a closed stdout (e.g. `geniai ... | head`), which is not a failure.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// The SQLSTATE of a database error, if the error is one.
pub fn sqlstate(err: &sqlx::Error) -> Option<String> {
    err.as_database_error().and_then(|e| e.code()).map(|c| c.into_owned())
}

/// The constraint a database error names, if any.
pub fn constraint(err: &sqlx::Error) -> Option<&str> {
    err.as_database_error().and_then(|e| e.constraint())
}

/// Whether a database error is a unique violation of `name`.
pub fn is_unique_violation(err: &sqlx::Error, name: &str) -> bool {
    sqlstate(err).as_deref() == Some("23505") && constraint(err) == Some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fails(kind: ErrorKind) -> anyhow::Result<()> {
        match kind {
            ErrorKind::Invalid => crate::invalid!("bad {}", 1),
            ErrorKind::NotFound => crate::not_found!("no {}", 2),
            ErrorKind::Conflict => crate::conflict!("taken {}", 3),
            ErrorKind::Busy => crate::busy!("held {}", 4),
        }
    }

    #[test]
    fn every_kind_exits_2_and_keeps_its_kind_through_context() {
        for kind in [ErrorKind::Invalid, ErrorKind::NotFound, ErrorKind::Conflict, ErrorKind::Busy] {
            let err = anyhow::Context::context(fails(kind), "outer").unwrap_err();
            assert_eq!(exit_code(&err), EXIT_USAGE);
            assert_eq!(DomainError::find(&err).map(|e| e.kind), Some(kind));
        }
        assert_eq!(exit_code(&anyhow::anyhow!("disk on fire")), EXIT_FAILURE);
    }
}

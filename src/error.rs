//! Error kinds that decide the exit code, and the mapping of database faults to sentences.
//!
//! Exit codes: 0 success; 2 bad usage or invalid input; 1 any other failure. Anything that wraps
//! a [`UserError`] anywhere in its chain exits with 2.

use std::fmt;

/// Invalid input from the user: printed as one line, exit code 2.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserError(pub String);

impl UserError {
    /// Builds an input error with the reason shown to the user.
    pub fn new(reason: impl Into<String>) -> Self {
        UserError(reason.into())
    }
}

impl fmt::Display for UserError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UserError {}

/// Returns early with a [`UserError`] built from a format string.
#[macro_export]
macro_rules! invalid {
    ($($arg:tt)*) => {
        return Err(anyhow::Error::new($crate::error::UserError(format!($($arg)*))))
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
    if err.chain().any(|cause| cause.downcast_ref::<UserError>().is_some()) {
        EXIT_USAGE
    } else {
        EXIT_FAILURE
    }
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

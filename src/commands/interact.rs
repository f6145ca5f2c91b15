//! Talking to the person at the terminal: confirmations, hidden password prompts, reading values
//! from stdin. Only the command layer prompts; every prompt runs on the blocking pool so that the
//! async threads stay free.
//!
//! Without a terminal (cron, CI, pipes) nothing prompts: a missing answer is an error that says
//! which flag gives it (exit 2).

use std::io::{IsTerminal, Read};

use anyhow::{Context, Result};
use dialoguer::theme::ColorfulTheme;
use zeroize::Zeroizing;

use crate::error::DomainError;

/// Whether a person can answer prompts: stdin and stderr (where prompts are drawn) are terminals.
pub fn is_interactive() -> bool {
    std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
}

/// The prompt theme.
pub fn theme() -> ColorfulTheme {
    ColorfulTheme::default()
}

/// Runs a blocking prompt on the blocking pool. An interrupted prompt (Ctrl-C, closed terminal)
/// becomes an "aborted" error.
pub async fn prompt<T: Send + 'static>(
    f: impl FnOnce() -> dialoguer::Result<T> + Send + 'static,
) -> Result<T> {
    tokio::task::spawn_blocking(f)
        .await
        .context("prompt task")?
        .map_err(|err| anyhow::anyhow!("aborted at the prompt: {err}"))
}

/// Asks a yes/no question.
pub async fn confirm(question: String, default: bool) -> Result<bool> {
    prompt(move || dialoguer::Confirm::with_theme(&theme()).with_prompt(question).default(default).interact())
        .await
}

/// Makes sure a destructive action is wanted: `--yes`, or a "yes" at the terminal. Without a
/// terminal and without `--yes`, refuses (exit 2).
pub async fn require_confirmation(yes: bool, question: String) -> Result<()> {
    if yes {
        return Ok(());
    }
    if !is_interactive() {
        crate::invalid!("refusing without confirmation: pass --yes (no terminal to ask on)");
    }
    if confirm(question, false).await? { Ok(()) } else { crate::invalid!("cancelled: nothing was changed") }
}

/// A new password: the first line of stdin with `from_stdin`, else a hidden prompt asked twice.
/// Never from argv. Checked against the password policy.
pub async fn new_password(from_stdin: bool, prompt_text: &str) -> Result<Zeroizing<String>> {
    let password = if from_stdin {
        let mut line = Zeroizing::new(String::new());
        std::io::stdin().read_line(&mut line).context("reading the password from stdin")?;
        Zeroizing::new(line.trim_end_matches(['\n', '\r']).to_string())
    } else if is_interactive() {
        let prompt_text = prompt_text.to_string();
        let entered = prompt(move || {
            dialoguer::Password::with_theme(&theme())
                .with_prompt(prompt_text)
                .with_confirmation("Repeat it", "the two entries differ")
                .validate_with(|input: &String| crate::password::validate(input).map_err(|e| e.message))
                .interact()
        })
        .await?;
        Zeroizing::new(entered)
    } else {
        crate::invalid!("no password given: pipe it with --password-stdin (no terminal to ask on)");
    };
    crate::password::validate(&password)?;
    Ok(password)
}

/// A secret value: all of stdin with `from_stdin` (one trailing newline removed), else a hidden
/// prompt. Never from argv.
pub async fn secret_value(from_stdin: bool, name: &str) -> Result<Zeroizing<String>> {
    let value = if from_stdin {
        let mut all = Zeroizing::new(String::new());
        std::io::stdin().read_to_string(&mut all).context("reading the value from stdin")?;
        let trimmed = all.strip_suffix('\n').unwrap_or(&all);
        let trimmed = trimmed.strip_suffix('\r').unwrap_or(trimmed);
        Zeroizing::new(trimmed.to_string())
    } else if is_interactive() {
        let prompt_text = format!("Value of {name}");
        Zeroizing::new(
            prompt(move || dialoguer::Password::with_theme(&theme()).with_prompt(prompt_text).interact())
                .await?,
        )
    } else {
        crate::invalid!("no value given: pipe it with --value-stdin (no terminal to ask on)");
    };
    if value.is_empty() {
        return Err(DomainError::invalid("the value is empty").into());
    }
    Ok(value)
}

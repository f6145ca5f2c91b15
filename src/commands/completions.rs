//! `geniai completions SHELL`: prints a completion script.

use std::io::Write;

use anyhow::Result;
use clap::Args;
use clap_complete::Shell;

/// Print the completion script for a shell. For example:
///
///   geniai completions bash > /etc/bash_completion.d/geniai
///   geniai completions zsh > "${fpath[1]}/_geniai"
///   geniai completions fish > ~/.config/fish/completions/geniai.fish
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: Shell,
}

/// Runs `geniai completions`.
pub fn run(args: CompletionsArgs) -> Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(&crate::reference::completion(args.shell))?;
    out.flush()?;
    Ok(())
}

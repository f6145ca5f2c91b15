//! `geniai keygen`: make a new master key for the tenant secrets.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::Args;

use crate::context::AppContext;
use crate::secrets::MasterKey;

/// Flags of `geniai keygen`.
#[derive(Debug, Args)]
pub struct KeygenArgs {
    /// Write the key to this new file (mode 600) instead of stdout; an existing file is never
    /// overwritten.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Runs `geniai keygen`: prints a new random 32-byte key as base64 (or writes it to a file).
pub async fn run(args: KeygenArgs, _ctx: &AppContext) -> Result<()> {
    let key = MasterKey::generate();
    match args.output {
        None => {
            let mut out = std::io::stdout().lock();
            writeln!(out, "{}", key.to_base64().as_str())?;
            out.flush()?;
        }
        Some(path) => {
            use std::os::unix::fs::OpenOptionsExt;
            let mut file =
                std::fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(&path).map_err(
                    |err| {
                        crate::error::DomainError::invalid(format!("cannot create {}: {err}", path.display()))
                    },
                )?;
            writeln!(file, "{}", key.to_base64().as_str())
                .and_then(|_| file.sync_all())
                .with_context(|| format!("writing {}", path.display()))?;
            eprintln!("Wrote a new master key (fingerprint {}) to {}.", key.id(), path.display());
        }
    }
    Ok(())
}

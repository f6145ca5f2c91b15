//! The optional configuration file, `geniai.toml`, for settings that are not secret.
//!
//! Precedence: a command-line flag, then its environment variable, then the file, then the
//! default. The file is applied by filling in environment variables that are not already set,
//! before the command line is parsed, so clap resolves the rest exactly as documented.
//!
//! Every key is the long name of a flag that has an environment variable (`home`, `log_format`,
//! `bind`, `session_ttl`, ...), plus `master_key_file`. Secrets (`database_url`, `source_url`,
//! `master_key`) are refused: they belong in the environment or in files of their own.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::CommandFactory;

use crate::cli::Cli;
use crate::error::DomainError;

/// Environment variables whose values are secrets: never read from the config file.
const SECRET_ENV: &[&str] = &["DATABASE_URL", "GENIAI_SOURCE_URL", "GENIAI_MASTER_KEY"];

/// Settings that are read from the environment directly rather than through a flag.
const EXTRA_KEYS: &[(&str, &str)] = &[("master_key_file", "GENIAI_MASTER_KEY_FILE")];

/// Where geniai looks for `geniai.toml` when neither `--config` nor `GENIAI_CONFIG` names one:
/// the working directory, the user's config directory, then `/etc/geniai`.
pub fn default_locations() -> Vec<PathBuf> {
    let mut paths = vec![PathBuf::from("geniai.toml")];
    if let Some(dir) = dirs::config_dir() {
        paths.push(dir.join("geniai").join("geniai.toml"));
    }
    paths.push(PathBuf::from("/etc/geniai/geniai.toml"));
    paths
}

/// Every key the file accepts, with the environment variable it fills.
pub fn known_keys() -> Vec<(String, String)> {
    fn walk(cmd: &clap::Command, keys: &mut Vec<(String, String)>) {
        for arg in cmd.get_arguments() {
            if let (Some(long), Some(env)) = (arg.get_long(), arg.get_env()) {
                let env = env.to_string_lossy().to_string();
                let key = long.replace('-', "_");
                if env != "GENIAI_CONFIG" && !keys.iter().any(|(k, _)| *k == key) {
                    keys.push((key, env));
                }
            }
        }
        for sub in cmd.get_subcommands() {
            walk(sub, keys);
        }
    }
    let mut keys = Vec::new();
    walk(&Cli::command(), &mut keys);
    keys.extend(EXTRA_KEYS.iter().map(|(k, e)| (k.to_string(), e.to_string())));
    keys.sort();
    keys
}

/// Finds the config file named on the command line (`--config PATH`), by `GENIAI_CONFIG`, or in
/// the default locations. An explicitly named file must exist.
pub fn locate(args: &[OsString]) -> Result<Option<PathBuf>> {
    let mut explicit = None;
    let mut iter = args.iter().skip(1);
    while let Some(arg) = iter.next() {
        let text = arg.to_string_lossy();
        if text == "--" {
            break;
        }
        if text == "--config" {
            explicit = iter.next().map(PathBuf::from);
        } else if let Some(value) = text.strip_prefix("--config=") {
            explicit = Some(PathBuf::from(value));
        }
    }
    let explicit =
        explicit.or_else(|| std::env::var_os("GENIAI_CONFIG").filter(|v| !v.is_empty()).map(PathBuf::from));
    if let Some(path) = explicit {
        if !path.is_file() {
            return Err(
                DomainError::not_found(format!("the config file {} does not exist", path.display())).into()
            );
        }
        return Ok(Some(path));
    }
    Ok(default_locations().into_iter().find(|p| p.is_file()))
}

/// Reads the file into (environment variable, value) pairs, refusing unknown and secret keys.
pub fn read(path: &Path) -> Result<Vec<(String, String)>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let table: toml::Table = text.parse().map_err(|err: toml::de::Error| {
        DomainError::invalid(format!("{}: {}", path.display(), err.message()))
    })?;
    let known = known_keys();
    let mut pairs = Vec::new();
    for (key, value) in table {
        let Some((_, env)) = known.iter().find(|(k, _)| *k == key) else {
            if matches!(key.as_str(), "master_key" | "password") {
                return Err(DomainError::invalid(format!(
                    "{}: `{key}` is a secret and cannot be set in the config file; use the environment or master_key_file",
                    path.display()
                ))
                .into());
            }
            let names: Vec<&str> = known
                .iter()
                .filter(|(_, e)| !SECRET_ENV.contains(&e.as_str()))
                .map(|(k, _)| k.as_str())
                .collect();
            return Err(DomainError::invalid(format!(
                "{}: unknown setting `{key}` (known: {})",
                path.display(),
                names.join(", ")
            ))
            .into());
        };
        if SECRET_ENV.contains(&env.as_str()) {
            return Err(DomainError::invalid(format!(
                "{}: `{key}` may hold a password, so it is not read from the config file; set {env} instead",
                path.display()
            ))
            .into());
        }
        let value = match value {
            toml::Value::String(s) => s,
            toml::Value::Integer(i) => i.to_string(),
            toml::Value::Float(f) => f.to_string(),
            toml::Value::Boolean(b) => b.to_string(),
            other => {
                return Err(DomainError::invalid(format!(
                    "{}: `{key}` must be a string, number or boolean, not {}",
                    path.display(),
                    other.type_str()
                ))
                .into());
            }
        };
        pairs.push((env.clone(), value));
    }
    Ok(pairs)
}

/// Applies the config file, if any, by setting the environment variables that are still unset.
///
/// Must run before any thread is started (it calls `std::env::set_var`).
pub fn apply(args: &[OsString]) -> Result<Option<PathBuf>> {
    let Some(path) = locate(args)? else { return Ok(None) };
    for (env, value) in read(&path)? {
        if std::env::var_os(&env).is_none() {
            // SAFETY: called from `main_entry` before the runtime or any other thread exists.
            unsafe { std::env::set_var(&env, value) };
        }
    }
    Ok(Some(path))
}

//! `geniai secret`: set, list, reveal and delete a tenant's encrypted secrets, and re-encrypt
//! them all under a new master key. The cryptography and storage are `secrets`'; values come from
//! a hidden prompt or stdin, never argv.

use std::path::PathBuf;

use anyhow::Result;
use clap::{Args, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};

use super::interact;
use crate::admin::tenants;
use crate::context::AppContext;
use crate::db;
use crate::output::{self, Format};
use crate::secrets::{self, MasterKey, SetOutcome};

/// Environment variable holding the new key for `secret rotate-key`.
pub const NEW_MASTER_KEY_ENV: &str = "GENIAI_NEW_MASTER_KEY";

/// Manage a tenant's encrypted secrets (integration credentials, its own `source_url`).
///
/// Values are sealed with XChaCha20-Poly1305 under the master key from GENIAI_MASTER_KEY, or the
/// file named by GENIAI_MASTER_KEY_FILE or --master-key-file. Make a key with `geniai keygen`.
#[derive(Debug, Subcommand)]
pub enum SecretCommand {
    /// Set a secret. The value is asked for (hidden) on a terminal, or read from stdin with
    /// --value-stdin. The secret `source_url` is the tenant's own Chatwoot database for the ETL.
    #[command(after_help = "Example:\n  \
        geniai secret set --tenant acme source_url --value-stdin < acme-chatwoot-url.txt")]
    Set(SetArgs),
    /// List a tenant's secrets: names, key fingerprints and dates, never values.
    List(ListArgs),
    /// Print a secret's value on stdout (recorded in the audit log).
    Get(NameArgs),
    /// Delete a secret.
    Delete(NameArgs),
    /// Re-encrypt every secret of every tenant under a new master key, in one transaction. The new
    /// key comes from --new-key-file or GENIAI_NEW_MASTER_KEY; the current key as usual.
    #[command(after_help = "Example:\n  \
        geniai keygen -o /etc/geniai/master.key.new\n  \
        geniai secret rotate-key --new-key-file /etc/geniai/master.key.new\n  \
        mv /etc/geniai/master.key.new /etc/geniai/master.key   # then point GENIAI_MASTER_KEY_FILE at it")]
    RotateKey(RotateArgs),
}

/// Where the master key comes from, besides the environment.
#[derive(Debug, Args)]
pub struct MasterKeyArgs {
    /// Read the master key from this file (wins over GENIAI_MASTER_KEY and GENIAI_MASTER_KEY_FILE).
    #[arg(long, value_name = "FILE")]
    pub master_key_file: Option<PathBuf>,
}

impl MasterKeyArgs {
    fn load(&self) -> Result<MasterKey> {
        MasterKey::from_env_or_file(self.master_key_file.as_deref())
    }
}

/// Flags of `secret set`.
#[derive(Debug, Args)]
pub struct SetArgs {
    /// The tenant.
    #[arg(long, value_name = "SLUG")]
    pub tenant: String,
    /// The secret's name: 1-64 of letters, digits, '_', '.', '-'.
    pub name: String,
    /// Read the value from stdin (one trailing newline is dropped).
    #[arg(long)]
    pub value_stdin: bool,
    #[command(flatten)]
    pub key: MasterKeyArgs,
}

/// Flags of `secret list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// The tenant.
    #[arg(long, value_name = "SLUG")]
    pub tenant: String,
    /// Add a masked hint of each value (its last four characters); needs the master key.
    #[arg(long)]
    pub hints: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    #[command(flatten)]
    pub key: MasterKeyArgs,
}

/// A tenant's secret, by name.
#[derive(Debug, Args)]
pub struct NameArgs {
    /// The tenant.
    #[arg(long, value_name = "SLUG")]
    pub tenant: String,
    /// The secret's name.
    pub name: String,
    #[command(flatten)]
    pub key: MasterKeyArgs,
}

/// Flags of `secret rotate-key`.
#[derive(Debug, Args)]
pub struct RotateArgs {
    /// File holding the new master key (make one with `geniai keygen -o FILE`). Without it, the
    /// new key is read from GENIAI_NEW_MASTER_KEY.
    #[arg(long, value_name = "FILE")]
    pub new_key_file: Option<PathBuf>,
    /// Do not ask on a terminal before re-encrypting.
    #[arg(long, short = 'y')]
    pub yes: bool,
    #[command(flatten)]
    pub key: MasterKeyArgs,
}

/// Runs `geniai secret ...`.
pub async fn run(cmd: SecretCommand, ctx: &AppContext) -> Result<()> {
    match cmd {
        SecretCommand::Set(args) => {
            secrets::validate_name(&args.name)?;
            let key = args.key.load()?;
            let pool = ctx.pool().await?;
            let tenant = tenants::id_of(pool, &args.tenant).await?;
            let value = interact::secret_value(args.value_stdin, &args.name).await?;
            let mut tx = db::tenant_tx(pool, tenant).await?;
            let outcome = secrets::set(&mut tx, &key, &ctx.actor, &args.name, &value).await?;
            tx.commit().await?;
            let verb = if outcome == SetOutcome::Created { "Set" } else { "Replaced" };
            println!("{verb} secret {} of {} (key {}).", args.name, args.tenant, key.id());
            Ok(())
        }
        SecretCommand::List(args) => {
            let pool = ctx.pool().await?;
            let tenant = tenants::id_of(pool, &args.tenant).await?;
            let key = if args.hints { Some(args.key.load()?) } else { None };
            let mut tx = db::tenant_tx(pool, tenant).await?;
            let list = match &key {
                Some(key) => secrets::list_with_hints(&mut tx, key).await?,
                None => secrets::list(&mut tx).await?,
            };
            output::print_list(&list, args.format)
        }
        SecretCommand::Get(args) => {
            secrets::validate_name(&args.name)?;
            let key = args.key.load()?;
            let pool = ctx.pool().await?;
            let tenant = tenants::id_of(pool, &args.tenant).await?;
            let mut tx = db::tenant_tx(pool, tenant).await?;
            let Some(value) = secrets::get(&mut tx, &key, &args.name).await? else {
                crate::not_found!("tenant {} has no secret {}", args.tenant, args.name);
            };
            // Revealing a secret is not a change, but who saw which secret is worth knowing.
            let entry = crate::audit::AuditEntry::new(
                &ctx.actor,
                "secret.reveal",
                format!("secret:{}/{}", args.tenant, args.name),
            )
            .tenant(tenant);
            crate::audit::record(&mut tx, entry).await?;
            tx.commit().await?;
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            writeln!(out, "{}", value.as_str())?;
            out.flush()?;
            Ok(())
        }
        SecretCommand::Delete(args) => {
            secrets::validate_name(&args.name)?;
            let pool = ctx.pool().await?;
            let tenant = tenants::id_of(pool, &args.tenant).await?;
            let mut tx = db::tenant_tx(pool, tenant).await?;
            if !secrets::delete(&mut tx, &ctx.actor, &args.name).await? {
                crate::not_found!("tenant {} has no secret {}", args.tenant, args.name);
            }
            tx.commit().await?;
            println!("Deleted secret {} of {}.", args.name, args.tenant);
            Ok(())
        }
        SecretCommand::RotateKey(args) => rotate(args, ctx).await,
    }
}

fn new_key(args: &RotateArgs) -> Result<MasterKey> {
    if let Some(path) = &args.new_key_file {
        return MasterKey::from_file(path);
    }
    match std::env::var(NEW_MASTER_KEY_ENV) {
        Ok(text) if !text.is_empty() => {
            let text = zeroize::Zeroizing::new(text);
            MasterKey::parse(&text).map_err(|err| {
                let message = format!("{err} (in {NEW_MASTER_KEY_ENV})");
                anyhow::Error::new(err.with_message(message))
            })
        }
        _ => crate::invalid!(
            "no new master key: pass --new-key-file FILE (make one with `geniai keygen -o FILE`) or set {NEW_MASTER_KEY_ENV}"
        ),
    }
}

async fn rotate(args: RotateArgs, ctx: &AppContext) -> Result<()> {
    let old = args.key.load()?;
    let new = new_key(&args)?;
    let pool = ctx.pool().await?;
    if !args.yes && interact::is_interactive() {
        interact::require_confirmation(
            false,
            format!(
                "Re-encrypt every secret from key {} to key {}? Keep the new key safe: after this only it opens them",
                old.id(),
                new.id()
            ),
        )
        .await?;
    }
    let bar = ProgressBar::new(0).with_style(
        ProgressStyle::with_template("{msg} {bar:30} {pos}/{len}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar.set_message("re-encrypting");
    let mut tx = db::platform_tx(pool).await?;
    let summary = secrets::rotate(&mut tx, &old, &new, &ctx.actor, |done, total| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
    })
    .await;
    bar.finish_and_clear();
    let summary = summary?;
    tx.commit().await?;
    println!(
        "Re-encrypted {} secret(s) from key {} to key {}{}. Configure the new key now: the old one no longer opens them.",
        summary.reencrypted,
        summary.old_key_id,
        summary.new_key_id,
        if summary.already_rotated > 0 {
            format!(" ({} were under the new key already)", summary.already_rotated)
        } else {
            String::new()
        }
    );
    Ok(())
}

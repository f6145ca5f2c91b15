//! `geniai inbox`: map Chatwoot inboxes to tenants, unmap them, and list mapped or unmapped
//! inboxes. The work is done by `admin::inboxes`.

use anyhow::Result;
use clap::{Args, Subcommand};

use super::interact;
use crate::admin::{inboxes, validate};
use crate::context::AppContext;
use crate::output::{self, Format};

/// Manage which tenant owns which Chatwoot inbox.
#[derive(Debug, Subcommand)]
pub enum InboxCommand {
    /// Give inboxes to a tenant. An inbox another tenant owns is refused unless --move, which
    /// also moves its analytics data. Ids the source does not have are mapped with a warning.
    Map(MapArgs),
    /// Take an inbox away from its tenant and delete its analytics data (the ETL can copy it
    /// again after a new mapping).
    Unmap(UnmapArgs),
    /// List mapped inboxes, or with --unmapped the source's inboxes that no tenant owns.
    List(ListArgs),
}

/// Flags of `inbox map`.
#[derive(Debug, Args)]
pub struct MapArgs {
    /// The tenant that gets the inboxes.
    #[arg(long, value_name = "SLUG")]
    pub tenant: String,
    /// A Chatwoot inbox id (repeatable).
    #[arg(long = "inbox", value_name = "ID", required = true, allow_negative_numbers = true)]
    pub inboxes: Vec<String>,
    /// Move inboxes that another tenant owns, with their analytics rows.
    #[arg(long = "move")]
    pub move_owned: bool,
}

/// Flags of `inbox unmap`.
#[derive(Debug, Args)]
pub struct UnmapArgs {
    /// The Chatwoot inbox id.
    #[arg(long = "inbox", value_name = "ID", allow_negative_numbers = true)]
    pub inbox: String,
    /// Do not ask on a terminal before deleting the inbox's analytics rows.
    #[arg(long, short = 'y')]
    pub yes: bool,
}

/// Flags of `inbox list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only this tenant's inboxes.
    #[arg(long, value_name = "SLUG", conflicts_with = "unmapped")]
    pub tenant: Option<String>,
    /// List the Chatwoot source's inboxes that no tenant owns (needs --source-url).
    #[arg(long)]
    pub unmapped: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// Runs `geniai inbox ...`.
pub async fn run(cmd: InboxCommand, ctx: &AppContext) -> Result<()> {
    match cmd {
        InboxCommand::Map(args) => {
            let ids = args.inboxes.iter().map(|id| validate::inbox_id(id)).collect::<Result<Vec<_>, _>>()?;
            let pool = ctx.pool().await?;
            let outcome = inboxes::map(pool, &ctx.actor, &args.tenant, &ids, args.move_owned).await?;
            super::tenant::warn_about_missing_inboxes(ctx, &outcome.mapped).await;
            let join = |ids: &[i32]| ids.iter().map(i32::to_string).collect::<Vec<_>>().join(", ");
            if !outcome.mapped.is_empty() {
                println!("Mapped inbox(es) {} to {}.", join(&outcome.mapped), args.tenant);
            }
            for moved in &outcome.moved {
                println!(
                    "Moved inbox {} from {} to {} with {} analytics row(s).",
                    moved.inbox_id, moved.from, args.tenant, moved.rows
                );
            }
            if !outcome.unchanged.is_empty() {
                println!("Inbox(es) {} already belonged to {}.", join(&outcome.unchanged), args.tenant);
            }
            Ok(())
        }
        InboxCommand::Unmap(args) => {
            let id = validate::inbox_id(&args.inbox)?;
            let pool = ctx.pool().await?;
            if !args.yes
                && interact::is_interactive()
                && let Some((tenant, conversations)) = inboxes::owner_and_rows(pool, id).await?
                && conversations > 0
            {
                interact::require_confirmation(
                    false,
                    format!("Unmap inbox {id} from {tenant} and delete its {conversations} conversation(s)?"),
                )
                .await?;
            }
            let outcome = inboxes::unmap(pool, &ctx.actor, id).await?;
            println!(
                "Unmapped inbox {} from {} and deleted {} analytics row(s).",
                outcome.inbox_id, outcome.tenant, outcome.rows
            );
            Ok(())
        }
        InboxCommand::List(args) => {
            let pool = ctx.pool().await?;
            if args.unmapped {
                // A missing source is a missing flag: bad usage (exit 2).
                let url = ctx.require_source_url().map_err(|err| {
                    crate::error::DomainError::invalid(format!("{err} (needed by --unmapped)"))
                })?;
                let source = crate::source::connect(url, 2).await?;
                let list = inboxes::unmapped(pool, &source).await?;
                source.close().await;
                output::print_list(&list, args.format)
            } else {
                let list = inboxes::list(pool, args.tenant.as_deref()).await?;
                output::print_list(&list, args.format)
            }
        }
    }
}

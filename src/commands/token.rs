//! `geniai token`: per-tenant API tokens for the dashboard's JSON API.

use anyhow::Result;
use clap::{Args, Subcommand};

use crate::context::AppContext;
use crate::db;
use crate::output::{self, Format};
use crate::web::sessions::TenantRef;
use crate::web::tokens;
use crate::{invalid, not_found};

/// Create, list and revoke API tokens. A token reads one tenant's reports from `/api/v1/...`
/// (`Authorization: Bearer <token>`); it is shown once, and only its hash is stored.
#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Create a token for a tenant and print it (once: store it now).
    Create(CreateArgs),
    /// List tokens (never their values).
    List(ListArgs),
    /// Revoke a token by its id (see `token list`); it stops working at once.
    Revoke(RevokeArgs),
}

/// `token create` flags.
#[derive(Debug, Args)]
pub struct CreateArgs {
    /// The tenant whose reports the token may read.
    #[arg(long, value_name = "SLUG")]
    pub tenant: String,
    /// A label saying who or what uses the token.
    #[arg(long, value_name = "N", default_value = "api")]
    pub name: String,
}

/// `token list` flags.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only this tenant's tokens.
    #[arg(long, value_name = "SLUG")]
    pub tenant: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// `token revoke` flags.
#[derive(Debug, Args)]
pub struct RevokeArgs {
    /// The token's id, as shown by `token list`.
    pub id: i64,
}

/// Runs `geniai token ...`.
pub async fn run(cmd: TokenCommand, ctx: &AppContext) -> Result<()> {
    let pool = ctx.pool().await?;
    let mut tx = db::platform_tx(pool).await?;
    match cmd {
        TokenCommand::Create(args) => {
            let name = args.name.trim();
            if name.is_empty() || name.chars().count() > 100 {
                invalid!("--name must be 1 to 100 characters");
            }
            let Some(tenant) = TenantRef::by_slug(&mut tx, &args.tenant).await? else {
                not_found!("no tenant with slug `{}`", args.tenant);
            };
            let created = tokens::create(&mut tx, &tenant, name, &ctx.actor).await?;
            tx.commit().await?;
            eprintln!(
                "created token {} `{}` for tenant {}; it is shown only now:",
                created.record.id, created.record.name, tenant.slug
            );
            println!("{}", created.token);
        }
        TokenCommand::List(args) => {
            let tenant = match &args.tenant {
                Some(slug) => match TenantRef::by_slug(&mut tx, slug).await? {
                    Some(t) => Some(t.id),
                    None => not_found!("no tenant with slug `{slug}`"),
                },
                None => None,
            };
            let list = tokens::list(&mut tx, tenant).await?;
            tx.commit().await?;
            output::print_list(&list, args.format)?;
        }
        TokenCommand::Revoke(args) => {
            let Some(token) = tokens::revoke(&mut tx, args.id, &ctx.actor).await? else {
                not_found!("no API token with id {}", args.id);
            };
            tx.commit().await?;
            if token.revoked_at.is_some() {
                println!("token {} was already revoked", args.id);
            } else {
                println!("revoked token {} `{}` of tenant {}", args.id, token.name, token.tenant);
            }
        }
    }
    Ok(())
}

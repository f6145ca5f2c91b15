//! `geniai user`: create, list, change the password of, disable, enable and delete users. The
//! work is done by `admin::users`; passwords come from a hidden prompt or stdin, never argv.

use anyhow::Result;
use clap::{Args, Subcommand};

use super::interact;
use crate::admin::users::{self, Membership, NewUser, UserRole};
use crate::context::AppContext;
use crate::output::{self, Format};

/// Manage users: a tenant's staff, or platform admins.
#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create a user of a tenant (--tenant) or a platform admin (--platform-admin). The password
    /// is asked for on the terminal, or read from stdin with --password-stdin.
    #[command(after_help = "Examples:\n  \
        geniai user create --email ana@acme.com --name Ana --tenant acme --role admin\n  \
        printf '%s\\n' \"$PASSWORD\" | geniai user create --email ops@geniai.io --name Ops \\\n      \
        --platform-admin --password-stdin")]
    Create(CreateArgs),
    /// List users, of one tenant or all.
    List(ListArgs),
    /// Set a user's password (ends the user's sessions).
    Passwd(PasswdArgs),
    /// Disable a user: no more logins, current sessions end.
    Disable(EmailArg),
    /// Enable a disabled user.
    Enable(EmailArg),
    /// Delete a user. Asks for confirmation unless --yes.
    Delete(DeleteArgs),
}

/// Flags of `user create`.
#[derive(Debug, Args)]
pub struct CreateArgs {
    /// Email address, the login (case-insensitive).
    #[arg(long)]
    pub email: String,
    /// Display name.
    #[arg(long)]
    pub name: String,
    /// The tenant the user belongs to.
    #[arg(long, value_name = "SLUG", required_unless_present = "platform_admin")]
    pub tenant: Option<String>,
    /// Make a platform admin (no tenant; manages and sees every tenant).
    #[arg(long, conflicts_with_all = ["tenant", "role"])]
    pub platform_admin: bool,
    /// The user's role in the tenant.
    #[arg(long, value_parser = crate::cli::choice(crate::cli::ROLE_HELP), default_value_t = UserRole::Viewer)]
    pub role: UserRole,
    /// Read the password from the first line of stdin instead of prompting.
    #[arg(long)]
    pub password_stdin: bool,
}

/// Flags of `user list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only this tenant's users.
    #[arg(long, value_name = "SLUG")]
    pub tenant: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// Flags of `user passwd`.
#[derive(Debug, Args)]
pub struct PasswdArgs {
    /// The user's email.
    pub email: String,
    /// Read the password from the first line of stdin instead of prompting.
    #[arg(long)]
    pub password_stdin: bool,
}

/// A user named by email.
#[derive(Debug, Args)]
pub struct EmailArg {
    /// The user's email.
    pub email: String,
}

/// Flags of `user delete`.
#[derive(Debug, Args)]
pub struct DeleteArgs {
    /// The user's email.
    pub email: String,
    /// Delete without asking.
    #[arg(long, short = 'y')]
    pub yes: bool,
}

/// Runs `geniai user ...`.
pub async fn run(cmd: UserCommand, ctx: &AppContext) -> Result<()> {
    match cmd {
        UserCommand::Create(args) => {
            let membership = match args.tenant {
                Some(slug) if !args.platform_admin => Membership::Tenant { slug, role: args.role },
                _ => Membership::PlatformAdmin,
            };
            // Check what can be checked before asking for a password.
            crate::admin::validate::email(&args.email)?;
            crate::admin::validate::name(&args.name)?;
            let pool = ctx.pool().await?;
            if let Membership::Tenant { slug, .. } = &membership {
                crate::admin::tenants::id_of(pool, slug).await?;
            }
            let password =
                interact::new_password(args.password_stdin, "Password (min. 12 characters)").await?;
            let new = NewUser { email: args.email, name: args.name, membership, password };
            let user = users::create(pool, &ctx.actor, new).await?;
            match &user.tenant {
                Some(tenant) => println!("Created user {} ({} of {tenant}).", user.email, user.role),
                None => println!("Created platform admin {}.", user.email),
            }
            Ok(())
        }
        UserCommand::List(args) => {
            let list = users::list(ctx.pool().await?, args.tenant.as_deref()).await?;
            output::print_list(&list, args.format)
        }
        UserCommand::Passwd(args) => {
            let pool = ctx.pool().await?;
            // Unknown users are reported before the prompt.
            let mut tx = crate::db::platform_tx(pool).await?;
            users::find(&mut tx, &args.email).await?;
            drop(tx);
            let password =
                interact::new_password(args.password_stdin, "New password (min. 12 characters)").await?;
            let user = users::set_password(pool, &ctx.actor, &args.email, password).await?;
            println!("Changed the password of {}; their sessions have ended.", user.email);
            Ok(())
        }
        UserCommand::Disable(args) => {
            let (user, changed) =
                users::set_active(ctx.pool().await?, &ctx.actor, &args.email, false).await?;
            if changed {
                println!("Disabled {}; their sessions have ended.", user.email);
            } else {
                println!("{} is already disabled: nothing changed.", user.email);
            }
            Ok(())
        }
        UserCommand::Enable(args) => {
            let (user, changed) = users::set_active(ctx.pool().await?, &ctx.actor, &args.email, true).await?;
            if changed {
                println!("Enabled {}.", user.email);
            } else {
                println!("{} is already enabled: nothing changed.", user.email);
            }
            Ok(())
        }
        UserCommand::Delete(args) => {
            let pool = ctx.pool().await?;
            let mut tx = crate::db::platform_tx(pool).await?;
            let user = users::find(&mut tx, &args.email).await?;
            drop(tx);
            let owner =
                user.tenant.as_deref().map(|t| format!("user of {t}")).unwrap_or("platform admin".into());
            interact::require_confirmation(args.yes, format!("Delete {} ({owner})?", user.email)).await?;
            users::delete(pool, &ctx.actor, &args.email).await?;
            println!("Deleted {}.", user.email);
            Ok(())
        }
    }
}

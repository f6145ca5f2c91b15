//! `geniai tenant`: onboard, list, show, update, suspend, activate and delete tenants, and edit
//! their settings. The work is done by `admin::tenants` and `admin::settings`; this module parses,
//! prompts and prints.

use std::collections::BTreeSet;

use anyhow::Result;
use clap::{Args, Subcommand};
use zeroize::Zeroizing;

use super::interact::{self, is_interactive, prompt, theme};
use crate::admin::settings::{self, Locale, SettingsUpdate};
use crate::admin::users::{Membership, NewUser, UserRole};
use crate::admin::{NewTenant, Plan, TenantStatus, TenantUpdate, inboxes, tenants, users, validate};
use crate::context::AppContext;
use crate::db;
use crate::output::{self, Format};

/// Manage tenants (clients): onboarding, plan, status, settings, deletion.
#[derive(Debug, Subcommand)]
pub enum TenantCommand {
    /// Onboard a tenant. On a terminal, missing flags are asked for interactively (name, slug,
    /// plan, timezone, inboxes from the unmapped list, first user); without one they are errors.
    #[command(after_help = "Examples:\n  \
        geniai tenant create --slug acme --name 'Acme Corp' --plan pro \\\n      \
        --timezone America/Sao_Paulo --inbox 12 --inbox 13\n  \
        geniai tenant create            # on a terminal: guided onboarding")]
    Create(CreateArgs),
    /// List every tenant.
    List(FormatArg),
    /// Show one tenant.
    Show(ShowArgs),
    /// Change a tenant's name, plan or timezone.
    Update(UpdateArgs),
    /// Suspend a tenant: its users cannot log in and the ETL skips it.
    Suspend(SlugArg),
    /// Re-activate a suspended tenant.
    Activate(SlugArg),
    /// Delete a tenant with all its analytics data, inbox mappings, users, settings and secrets
    /// (the audit trail stays). Asks for confirmation unless --yes.
    Delete(DeleteArgs),
    /// Print a tenant's settings, or change them when options are given.
    #[command(after_help = "Example:\n  \
        geniai tenant settings acme --display-name Acme --primary-color '#1F6FEB' \\\n      \
        --lead-label lead --conversion-label sale --conversion-label upsell")]
    Settings(SettingsArgs),
}

/// The output format flag.
#[derive(Debug, Args)]
pub struct FormatArg {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// A tenant named by its slug.
#[derive(Debug, Args)]
pub struct SlugArg {
    /// The tenant's slug.
    pub slug: String,
}

/// Flags of `tenant create`.
#[derive(Debug, Args)]
pub struct CreateArgs {
    /// Unique short name: 2-63 of a-z, 0-9 and '-', starting with a letter or digit.
    #[arg(long)]
    pub slug: Option<String>,
    /// Display name.
    #[arg(long)]
    pub name: Option<String>,
    /// Commercial plan [default: basic].
    #[arg(long, value_parser = crate::cli::choice(crate::cli::PLAN_HELP))]
    pub plan: Option<Plan>,
    /// IANA timezone for reports, e.g. America/Sao_Paulo [default: UTC].
    #[arg(long, value_name = "IANA")]
    pub timezone: Option<String>,
    /// The dashboard's default language and formats for the tenant's users [default: en].
    #[arg(long, value_parser = crate::cli::choice(crate::cli::LOCALE_HELP))]
    pub locale: Option<Locale>,
    /// A Chatwoot inbox id this tenant owns (repeatable).
    #[arg(long = "inbox", value_name = "ID", allow_negative_numbers = true)]
    pub inboxes: Vec<String>,
}

/// Flags of `tenant show`.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The tenant's slug.
    pub slug: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// Flags of `tenant update`.
#[derive(Debug, Args)]
pub struct UpdateArgs {
    /// The tenant's slug.
    pub slug: String,
    /// New display name.
    #[arg(long)]
    pub name: Option<String>,
    /// New plan.
    #[arg(long, value_parser = crate::cli::choice(crate::cli::PLAN_HELP))]
    pub plan: Option<Plan>,
    /// New IANA timezone.
    #[arg(long, value_name = "IANA")]
    pub timezone: Option<String>,
}

/// Flags of `tenant delete`.
#[derive(Debug, Args)]
pub struct DeleteArgs {
    /// The tenant's slug.
    pub slug: String,
    /// Delete without asking.
    #[arg(long, short = 'y')]
    pub yes: bool,
}

/// Flags of `tenant settings`.
#[derive(Debug, Args)]
pub struct SettingsArgs {
    /// The tenant's slug.
    pub slug: String,
    /// Name shown on the dashboard ("" clears it).
    #[arg(long)]
    pub display_name: Option<String>,
    /// Main brand colour, #RRGGBB ("" clears it).
    #[arg(long, value_name = "#RRGGBB")]
    pub primary_color: Option<String>,
    /// Second brand colour, #RRGGBB ("" clears it).
    #[arg(long, value_name = "#RRGGBB")]
    pub secondary_color: Option<String>,
    /// Logo address, http(s) ("" clears it).
    #[arg(long, value_name = "URL")]
    pub logo_url: Option<String>,
    /// The dashboard's default language and formats for the tenant's users.
    #[arg(long, value_parser = crate::cli::choice(crate::cli::LOCALE_HELP))]
    pub locale: Option<Locale>,
    /// A Chatwoot label that marks a lead (repeatable; replaces the list).
    #[arg(long = "lead-label", value_name = "L")]
    pub lead_labels: Vec<String>,
    /// A Chatwoot label that marks a conversion (repeatable; replaces the list).
    #[arg(long = "conversion-label", value_name = "L")]
    pub conversion_labels: Vec<String>,
    /// Remove every lead label.
    #[arg(long, conflicts_with = "lead_labels")]
    pub clear_lead_labels: bool,
    /// Remove every conversion label.
    #[arg(long, conflicts_with = "conversion_labels")]
    pub clear_conversion_labels: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// Runs `geniai tenant ...`.
pub async fn run(cmd: TenantCommand, ctx: &AppContext) -> Result<()> {
    match cmd {
        TenantCommand::Create(args) => create(args, ctx).await,
        TenantCommand::List(args) => {
            let tenants = tenants::list(ctx.pool().await?).await?;
            output::print_list(&tenants, args.format)
        }
        TenantCommand::Show(args) => {
            let tenant = tenants::show(ctx.pool().await?, &args.slug).await?;
            output::print_one(&tenant, args.format)
        }
        TenantCommand::Update(args) => {
            let update = TenantUpdate { name: args.name, plan: args.plan, timezone: args.timezone };
            let tenant = tenants::update(ctx.pool().await?, &ctx.actor, &args.slug, update).await?;
            println!(
                "Updated tenant {}: name {:?}, plan {}, timezone {}.",
                tenant.slug, tenant.name, tenant.plan, tenant.timezone
            );
            Ok(())
        }
        TenantCommand::Suspend(args) => set_status(ctx, &args.slug, TenantStatus::Suspended).await,
        TenantCommand::Activate(args) => set_status(ctx, &args.slug, TenantStatus::Active).await,
        TenantCommand::Delete(args) => delete(args, ctx).await,
        TenantCommand::Settings(args) => settings(args, ctx).await,
    }
}

async fn set_status(ctx: &AppContext, slug: &str, status: TenantStatus) -> Result<()> {
    let (tenant, changed) = tenants::set_status(ctx.pool().await?, &ctx.actor, slug, status).await?;
    match (changed, status) {
        (true, TenantStatus::Suspended) => println!("Suspended tenant {}.", tenant.slug),
        (true, _) => println!("Tenant {} is now {}.", tenant.slug, tenant.status),
        (false, _) => println!("Tenant {} is already {}: nothing changed.", tenant.slug, tenant.status),
    }
    Ok(())
}

async fn delete(args: DeleteArgs, ctx: &AppContext) -> Result<()> {
    let pool = ctx.pool().await?;
    let (tenant, preview) = tenants::deletion_preview(pool, &args.slug).await?;
    let question = format!(
        "Delete tenant {} ({}) with {} inbox mapping(s), {} user(s), {} secret(s), {} conversation(s) and {} message(s)? This cannot be undone",
        tenant.slug,
        tenant.name,
        preview.inboxes,
        preview.users,
        preview.secrets,
        preview.conversations,
        preview.messages
    );
    interact::require_confirmation(args.yes, question).await?;
    tenants::delete(pool, &ctx.actor, &args.slug).await?;
    println!("Deleted tenant {} and all its data.", tenant.slug);
    Ok(())
}

async fn settings(args: SettingsArgs, ctx: &AppContext) -> Result<()> {
    let pool = ctx.pool().await?;
    let tenant = tenants::id_of(pool, &args.slug).await?;
    let update = SettingsUpdate {
        display_name: args.display_name,
        primary_color: args.primary_color,
        secondary_color: args.secondary_color,
        logo_url: args.logo_url,
        locale: args.locale,
        lead_labels: labels(args.lead_labels, args.clear_lead_labels),
        conversion_labels: labels(args.conversion_labels, args.clear_conversion_labels),
    };
    let mut tx = db::tenant_tx(pool, tenant).await?;
    let shown = if update.is_empty() {
        settings::get(&mut tx).await?
    } else {
        let after = settings::update(&mut tx, &ctx.actor, &args.slug, update).await?;
        tx.commit().await?;
        after
    };
    output::print_one(&shown, args.format)
}

fn labels(list: Vec<String>, clear: bool) -> Option<Vec<String>> {
    if clear {
        Some(Vec::new())
    } else if list.is_empty() {
        None
    } else {
        Some(list)
    }
}

/// A first user to create with the tenant (interactive onboarding).
struct FirstUser {
    email: String,
    name: String,
    role: UserRole,
    password: Zeroizing<String>,
}

async fn create(args: CreateArgs, ctx: &AppContext) -> Result<()> {
    let inbox_ids = args.inboxes.iter().map(|id| validate::inbox_id(id)).collect::<Result<Vec<_>, _>>()?;
    let complete = args.slug.is_some() && args.name.is_some();
    let pool = ctx.pool().await?;
    let (new, first_user) = if complete {
        let new = NewTenant {
            slug: args.slug.unwrap_or_default(),
            name: args.name.unwrap_or_default(),
            plan: args.plan.unwrap_or_default(),
            timezone: args.timezone,
            locale: args.locale,
            inboxes: inbox_ids,
        };
        (new, None)
    } else if is_interactive() {
        match onboarding(args, inbox_ids, ctx).await? {
            Some(answers) => answers,
            None => crate::invalid!("cancelled: nothing was created"),
        }
    } else {
        let missing: Vec<&str> = [("--slug", args.slug.is_none()), ("--name", args.name.is_none())]
            .into_iter()
            .filter_map(|(flag, missing)| missing.then_some(flag))
            .collect();
        crate::invalid!("missing {} (no terminal for interactive onboarding)", missing.join(" and "));
    };

    warn_about_missing_inboxes(ctx, &new.inboxes).await;
    let tenant = tenants::create(pool, &ctx.actor, new).await?;
    let inbox_list = if tenant.inboxes.is_empty() {
        "no inboxes yet (map some with `geniai inbox map`)".to_string()
    } else {
        format!("inbox(es) {}", tenant.inboxes.iter().map(i32::to_string).collect::<Vec<_>>().join(", "))
    };
    println!(
        "Created tenant {} ({}), plan {}, timezone {}, locale {}, with {inbox_list}.",
        tenant.slug, tenant.name, tenant.plan, tenant.timezone, tenant.locale
    );
    if let Some(first) = first_user {
        let user = users::create(
            pool,
            &ctx.actor,
            NewUser {
                email: first.email,
                name: first.name,
                membership: Membership::Tenant { slug: tenant.slug.clone(), role: first.role },
                password: first.password,
            },
        )
        .await?;
        println!("Created user {} ({}) for {}.", user.email, user.role, tenant.slug);
    }
    Ok(())
}

/// Warns about inbox ids the source does not have (they may be created later). Silent when no
/// source is configured or it cannot be reached: the mapping itself does not need it.
pub(crate) async fn warn_about_missing_inboxes(ctx: &AppContext, ids: &[i32]) {
    if ids.is_empty() {
        return;
    }
    let Some(url) = ctx.source_url.as_deref() else {
        tracing::debug!("no source configured: inbox ids not checked against Chatwoot");
        return;
    };
    let checked = async {
        let source = crate::source::connect(url, 1).await?;
        let missing = inboxes::missing_from_source(&source, ids).await;
        source.close().await;
        missing
    }
    .await;
    match checked {
        Ok(missing) => {
            for id in missing {
                tracing::warn!("inbox {id} does not exist in the Chatwoot source (yet): mapping it anyway");
            }
        }
        Err(err) => tracing::warn!("could not check the inbox ids against the source: {err:#}"),
    }
}

/// The interactive onboarding: asks for everything the flags did not give, shows a summary and
/// asks for confirmation. `None` when the admin declines at the end.
async fn onboarding(
    args: CreateArgs,
    inbox_ids: Vec<i32>,
    ctx: &AppContext,
) -> Result<Option<(NewTenant, Option<FirstUser>)>> {
    let pool = ctx.pool().await?;
    let taken_slugs: BTreeSet<String> = tenants::list(pool).await?.into_iter().map(|t| t.slug).collect();
    let taken_emails: BTreeSet<String> =
        users::list(pool, None).await?.into_iter().map(|u| u.email).collect();
    eprintln!("Onboarding a new tenant. Press Enter to accept a [default].");

    let name = match args.name {
        Some(name) => name,
        None => {
            prompt(|| {
                dialoguer::Input::<String>::with_theme(&theme())
                    .with_prompt("Tenant name")
                    .validate_with(|input: &String| validate::name(input).map(|_| ()).map_err(|e| e.message))
                    .interact_text()
            })
            .await?
        }
    };
    let slug = match args.slug {
        Some(slug) => slug,
        None => {
            let suggestion = validate::suggest_slug(&name);
            let taken = taken_slugs.clone();
            prompt(move || {
                dialoguer::Input::<String>::with_theme(&theme())
                    .with_prompt("Slug (used in commands and URLs)")
                    .default(suggestion)
                    .validate_with(move |input: &String| {
                        validate::slug(input).map_err(|e| e.message)?;
                        if taken.contains(input) {
                            return Err(format!("a tenant with slug {input:?} already exists"));
                        }
                        Ok(())
                    })
                    .interact_text()
            })
            .await?
        }
    };
    let plan = match args.plan {
        Some(plan) => plan,
        None => {
            let plans = [Plan::Basic, Plan::Pro, Plan::Enterprise];
            let index = prompt(move || {
                dialoguer::Select::with_theme(&theme())
                    .with_prompt("Plan")
                    .items(plans.iter().map(|p| p.as_str()))
                    .default(0)
                    .interact()
            })
            .await?;
            plans[index]
        }
    };
    let timezone = match args.timezone {
        Some(tz) => tz,
        None => {
            prompt(|| {
                dialoguer::Input::<String>::with_theme(&theme())
                    .with_prompt("Timezone (IANA)")
                    .default("UTC".to_string())
                    .validate_with(|input: &String| {
                        validate::timezone(input).map(|_| ()).map_err(|e| e.message)
                    })
                    .interact_text()
            })
            .await?
        }
    };
    let inbox_ids = if !inbox_ids.is_empty() { inbox_ids } else { pick_inboxes(ctx).await? };

    let create_user = prompt(|| {
        dialoguer::Confirm::with_theme(&theme())
            .with_prompt("Create the tenant's first user now?")
            .default(true)
            .interact()
    })
    .await?;
    let first_user = if create_user {
        let taken = taken_emails.clone();
        let email = prompt(move || {
            dialoguer::Input::<String>::with_theme(&theme())
                .with_prompt("User's email")
                .validate_with(move |input: &String| {
                    let email = validate::email(input).map_err(|e| e.message)?;
                    if taken.contains(&email) {
                        return Err(format!("a user with email {email:?} already exists"));
                    }
                    Ok(())
                })
                .interact_text()
        })
        .await?;
        let email = validate::email(&email)?;
        let default_name = email.split('@').next().unwrap_or_default().to_string();
        let user_name = prompt(move || {
            dialoguer::Input::<String>::with_theme(&theme())
                .with_prompt("User's name")
                .default(default_name)
                .interact_text()
        })
        .await?;
        let roles = [UserRole::Admin, UserRole::Analyst, UserRole::Viewer];
        let index = prompt(move || {
            dialoguer::Select::with_theme(&theme())
                .with_prompt("User's role")
                .items(roles.iter().map(|r| r.as_str()))
                .default(0)
                .interact()
        })
        .await?;
        let password = interact::new_password(false, "User's password (min. 12 characters)").await?;
        Some(FirstUser { email, name: user_name, role: roles[index], password })
    } else {
        None
    };

    let inbox_text = if inbox_ids.is_empty() {
        "none".to_string()
    } else {
        inbox_ids.iter().map(i32::to_string).collect::<Vec<_>>().join(", ")
    };
    eprintln!();
    eprintln!("  tenant    {slug} ({name})");
    eprintln!("  plan      {}", plan.as_str());
    eprintln!("  timezone  {timezone}");
    eprintln!("  inboxes   {inbox_text}");
    if let Some(user) = &first_user {
        eprintln!("  user      {} ({}, {})", user.email, user.name, user.role.as_str());
    }
    if !interact::confirm("Create this tenant?".into(), true).await? {
        return Ok(None);
    }
    let new =
        NewTenant { slug, name, plan, timezone: Some(timezone), locale: args.locale, inboxes: inbox_ids };
    Ok(Some((new, first_user)))
}

/// Lets the admin pick inboxes: from the source's unmapped inboxes when a source is configured,
/// else typed as ids.
async fn pick_inboxes(ctx: &AppContext) -> Result<Vec<i32>> {
    let unmapped = match ctx.source_url.as_deref() {
        Some(url) => {
            let found = async {
                let source = crate::source::connect(url, 1).await?;
                let found = inboxes::unmapped(ctx.pool().await?, &source).await;
                source.close().await;
                found
            }
            .await;
            match found {
                Ok(found) => Some(found),
                Err(err) => {
                    eprintln!("Cannot list the source's inboxes ({err:#}); type the ids instead.");
                    None
                }
            }
        }
        None => None,
    };
    match unmapped {
        Some(list) if list.is_empty() => {
            eprintln!("Every inbox of the source is mapped already: no inbox to pick.");
            Ok(Vec::new())
        }
        Some(list) => {
            let items: Vec<String> = list
                .iter()
                .map(|i| {
                    format!(
                        "{} {} ({}, account {})",
                        i.inbox_id,
                        i.name,
                        i.channel_type.as_deref().unwrap_or("?").trim_start_matches("Channel::"),
                        i.account_name.clone().unwrap_or_else(|| i.account_id.to_string())
                    )
                })
                .collect();
            let chosen = prompt(move || {
                dialoguer::MultiSelect::with_theme(&theme())
                    .with_prompt("Inboxes (space to pick, Enter to confirm)")
                    .items(&items)
                    .interact()
            })
            .await?;
            Ok(chosen.into_iter().map(|index| list[index].inbox_id).collect())
        }
        None => {
            let typed = prompt(|| {
                dialoguer::Input::<String>::with_theme(&theme())
                    .with_prompt("Chatwoot inbox ids, comma-separated (empty for none)")
                    .allow_empty(true)
                    .validate_with(|input: &String| parse_id_list(input).map(|_| ()).map_err(|e| e.message))
                    .interact_text()
            })
            .await?;
            Ok(parse_id_list(&typed)?)
        }
    }
}

fn parse_id_list(text: &str) -> Result<Vec<i32>, crate::error::DomainError> {
    text.split([',', ' ']).filter(|part| !part.trim().is_empty()).map(validate::inbox_id).collect()
}

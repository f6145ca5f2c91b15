//! `geniai demo`: from nothing to a working multi-tenant dashboard in one command.
//!
//! On the embedded default it creates a Chatwoot-compatible source database filled with generated
//! data, migrates the analytics database, onboards four client tenants (one speaking Brazilian
//! Portuguese) and a platform admin, keeps a master key under `GENIAI_HOME` so that secrets can be
//! set, runs the ETL, prints each tenant's KPIs and the cross-client overview, and starts the
//! dashboard. Re-running reuses what is there; `--reset` starts over.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, Result};
use chrono::Utc;
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use zeroize::Zeroizing;

use crate::admin::settings::{self, Locale, SettingsUpdate};
use crate::admin::tenants::{self, NewTenant, Plan};
use crate::admin::users::{self, Membership, NewUser, UserRole};
use crate::context::AppContext;
use crate::db;
use crate::output::{self, Format};
use crate::reports::{self, Period, ReportOptions};
use crate::source::seed::{self, SeedOptions};

/// The database the demo's generated Chatwoot lives in, beside the analytics database.
const DEMO_SOURCE_DATABASE: &str = "geniai_demo_chatwoot";
const ADMIN_EMAIL: &str = "admin@geniai.example";
const ADMIN_PASSWORD: &str = "demo-admin-password";
/// The demo's master key, in `GENIAI_HOME`, used when the environment configures none.
const DEMO_KEY_FILE: &str = "demo-master-key";

/// One demo client.
struct DemoTenant {
    slug: &'static str,
    name: &'static str,
    timezone: &'static str,
    locale: Locale,
    plan: Plan,
    primary: &'static str,
    secondary: &'static str,
}

const DEMO_TENANTS: [DemoTenant; 4] = [
    DemoTenant {
        slug: "acme",
        name: "Acme Imóveis",
        timezone: "America/Sao_Paulo",
        locale: Locale::En,
        plan: Plan::Pro,
        primary: "#0F766E",
        secondary: "#F59E0B",
    },
    DemoTenant {
        slug: "globex",
        name: "Globex Clínica",
        timezone: "America/New_York",
        locale: Locale::En,
        plan: Plan::Enterprise,
        primary: "#1D4ED8",
        secondary: "#10B981",
    },
    DemoTenant {
        slug: "initech",
        name: "Initech Educação",
        timezone: "Europe/Lisbon",
        locale: Locale::En,
        plan: Plan::Basic,
        primary: "#7C3AED",
        secondary: "#EC4899",
    },
    // The dashboard in Brazilian Portuguese: its manager sees pt-BR words, numbers and dates.
    DemoTenant {
        slug: "sabia",
        name: "Sabiá Móveis e Decoração",
        timezone: "America/Sao_Paulo",
        locale: Locale::PtBr,
        plan: Plan::Pro,
        primary: "#15803D",
        secondary: "#CA8A04",
    },
];

/// Labels of the generated Chatwoot (see `source::seed::LABELS`) that the demo counts.
const DEMO_LEAD_LABELS: &[&str] = &["lead", "sales"];
const DEMO_CONVERSION_LABELS: &[&str] = &["converted"];

fn user_email(slug: &str) -> String {
    format!("manager@{slug}.example")
}

fn user_password(slug: &str) -> String {
    format!("demo-password-{slug}")
}

/// Run the whole product on generated data: a Chatwoot-compatible source, four client tenants
/// (one in Brazilian Portuguese) with inboxes, branding and lead/conversion labels, a platform
/// admin, a master key for the tenants' secrets (GENIAI_HOME/demo-master-key unless the
/// environment sets one), an ETL run, KPI tables, and the dashboard. Uses the embedded
/// PostgreSQL; safe to re-run (it reuses the demo data).
#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Conversations to generate in the demo Chatwoot.
    #[arg(long, default_value_t = 100_000, value_name = "N")]
    pub conversations: u64,

    /// Delete the demo tenants, users and generated Chatwoot first, and start over.
    #[arg(long)]
    pub reset: bool,

    /// Stop after printing the reports; do not start the dashboard.
    #[arg(long)]
    pub no_serve: bool,

    /// Where the dashboard listens.
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "ADDR:PORT")]
    pub bind: SocketAddr,
}

/// Runs `geniai demo`.
pub async fn run(args: DemoArgs, ctx: &AppContext) -> Result<()> {
    let Some(cluster) = ctx.embedded_cluster()? else {
        crate::invalid!(
            "`geniai demo` runs on the embedded default so that it never touches a real database: unset DATABASE_URL / --database-url"
        );
    };
    if args.conversations == 0 {
        crate::invalid!("--conversations must be at least 1");
    }
    step(1, "starting the embedded PostgreSQL");
    let pool = ctx.pool().await?;
    let source_url = cluster.url_for(DEMO_SOURCE_DATABASE);

    step(2, "migrating the analytics database");
    db::migrate::run(pool).await?;

    if args.reset {
        reset(ctx, &cluster).await?;
    }
    let existing = tenants::list(pool).await?;
    let missing: Vec<&DemoTenant> =
        DEMO_TENANTS.iter().filter(|t| !existing.iter().any(|e| e.slug == t.slug)).collect();
    if missing.is_empty() {
        println!("   demo data found: reusing it (run `geniai demo --reset` to start over)");
    } else if missing.len() < DEMO_TENANTS.len() {
        // A demo made by an older geniai (or stopped midway): add the tenants it lacks.
        println!("   demo data found: reusing it and adding the demo tenants it lacks");
        step(4, "onboarding the missing demo tenants");
        onboard(ctx, &source_url, &missing).await.context(
            "adding the missing demo tenants to the existing demo; run `geniai demo --reset` to start over",
        )?;
    } else {
        step(3, &format!("generating a Chatwoot with {} conversations", args.conversations));
        cluster.ensure_database(DEMO_SOURCE_DATABASE).await?;
        let spinner = spinner("generating");
        let summary = seed::seed(&source_url, &SeedOptions::new(args.conversations, 42)).await?;
        spinner.finish_and_clear();
        println!(
            "   {} accounts, {} inboxes, {} conversations, {} messages, {} reporting events",
            summary.accounts,
            summary.inboxes,
            summary.conversations,
            summary.messages,
            summary.reporting_events
        );
        step(4, "onboarding four client tenants and a platform admin");
        onboard(ctx, &source_url, &missing).await?;
    }

    step(5, "setting up the master key for the tenants' secrets");
    let key_file = master_key(&cluster, pool).await?;

    step(6, "running the ETL for all tenants");
    let etl_ctx = ctx.with_source_url(source_url.clone());
    let etl_args =
        crate::commands::etl::EtlArgs::for_tenants(DEMO_TENANTS.iter().map(|t| t.slug.to_string()).collect());
    crate::commands::etl::run(etl_args, &etl_ctx).await?;

    step(7, "KPIs of the last 30 days");
    for tenant in &DEMO_TENANTS {
        let found = tenants::show(pool, tenant.slug).await?;
        let tz = reports::period::parse_timezone(&found.timezone)?;
        let period = Period::resolve(None, None, tz, Utc::now())?;
        let options = ReportOptions { period, business_hours: false };
        let mut tx = db::tenant_tx(pool, found.id).await?;
        let kpis = reports::kpis(&mut tx, tenant.slug, &options).await?;
        tx.commit().await?;
        println!("\n{} ({})", tenant.name, tenant.slug);
        crate::commands::report::print_kpis(kpis, Format::Table)?;
    }
    println!("\nAll clients (the cross-client overview)");
    let period = Period::resolve(None, None, chrono_tz::UTC, Utc::now())?;
    let mut tx = db::platform_tx(pool).await?;
    let overview = reports::overview::overview(&mut tx, &period).await?;
    tx.commit().await?;
    output::print_list(&overview, Format::Table)?;

    println!("\nLog in with:");
    println!("  platform admin   {ADMIN_EMAIL:<28} {ADMIN_PASSWORD}");
    for tenant in &DEMO_TENANTS {
        println!("  {:<16} {:<28} {}", tenant.slug, user_email(tenant.slug), user_password(tenant.slug));
    }
    println!("\nThe demo Chatwoot is at {source_url}");
    println!("Sync it again with: GENIAI_SOURCE_URL='{source_url}' geniai etl --all-tenants");
    // The file's path, never the key: commands other than the demo read it from the environment.
    let key_env = match &key_file {
        Some(path) => format!("{}='{}' ", crate::secrets::MASTER_KEY_FILE_ENV, path.display()),
        None => String::new(),
    };
    println!("Store a tenant's secret with: {key_env}geniai secret set --tenant acme NAME");
    if args.no_serve {
        println!("Start the dashboard with: {key_env}geniai serve");
        return Ok(());
    }
    step(8, &format!("starting the dashboard on http://{} (Ctrl-C to stop)", args.bind));
    let serve = crate::commands::serve::ServeArgs {
        bind: args.bind,
        secure_cookies: false,
        session_ttl: Duration::from_secs(24 * 3600),
        idle_timeout: Duration::from_secs(2 * 3600),
        behind_proxy: false,
        report_cache_ttl: Duration::from_secs(30),
        sync: false,
        interval: Duration::from_secs(30),
        metrics_token: None,
        metrics_token_file: None,
        master_key_file: key_file,
    };
    crate::commands::serve::run(serve, ctx).await
}

fn step(n: u32, what: &str) {
    println!("[{n}/8] {what}");
}

/// The master key the demo's dashboard seals secrets with. A key configured in the environment
/// (`GENIAI_MASTER_KEY` / `GENIAI_MASTER_KEY_FILE`) is used as it is (`None`: the environment
/// already says it); otherwise the demo keeps one in `GENIAI_HOME/demo-master-key` (mode 600),
/// made on the first run and reused after, and returns that file. The key itself is never printed.
async fn master_key(cluster: &crate::embedded::Cluster, pool: &sqlx::PgPool) -> Result<Option<PathBuf>> {
    use crate::secrets::{self, MasterKey};
    let from_env = [secrets::MASTER_KEY_ENV, secrets::MASTER_KEY_FILE_ENV]
        .iter()
        .any(|var| std::env::var_os(var).is_some_and(|v| !v.is_empty()));
    let (key, file) = if from_env {
        let key = MasterKey::from_env()?;
        println!("   using the master key of the environment (fingerprint {})", key.id());
        (key, None)
    } else {
        let path = cluster.home().join(DEMO_KEY_FILE);
        let key = demo_key_file(&path)?;
        println!("   master key {} in {} (mode 600)", key.id(), path.display());
        (key, Some(path))
    };
    let mut tx = db::platform_tx(pool).await?;
    let in_use = secrets::key_in_use(&mut tx).await?;
    tx.commit().await?;
    if let Some(in_use) = in_use
        && in_use != key.id()
    {
        println!(
            "   warning: the stored secrets are sealed with master key {in_use}, not {}: the dashboard cannot change them",
            key.id()
        );
    }
    Ok(file)
}

/// Reads the demo's key file, or creates it with a new key (mode 600, never overwriting).
fn demo_key_file(path: &Path) -> Result<crate::secrets::MasterKey> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    if path.exists() {
        return crate::secrets::MasterKey::from_file(path);
    }
    let key = crate::secrets::MasterKey::generate();
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .with_context(|| format!("creating the demo's master key file {}", path.display()))?;
    writeln!(file, "{}", key.to_base64().as_str())
        .and_then(|_| file.sync_all())
        .with_context(|| format!("writing {}", path.display()))?;
    Ok(key)
}

fn spinner(message: &str) -> ProgressBar {
    let bar = ProgressBar::new_spinner();
    bar.set_style(
        ProgressStyle::with_template("   {spinner} {msg} {elapsed}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    bar.set_message(message.to_string());
    bar.enable_steady_tick(Duration::from_millis(120));
    bar
}

/// Creates `which` of the demo tenants on the generated source: each gets the inboxes of its
/// account (the n-th tenant, the n-th account), the generator's `lead`/`sales` labels as leads
/// and `converted` as conversions, branding and one manager; then the platform admin if missing.
async fn onboard(ctx: &AppContext, source_url: &str, which: &[&DemoTenant]) -> Result<()> {
    let pool = ctx.pool().await?;
    let source = crate::source::connect(source_url, 2).await?;
    let accounts: Vec<(i32, Vec<i32>)> = sqlx::query_as(
        "SELECT account_id, array_agg(id ORDER BY id) FROM inboxes GROUP BY account_id ORDER BY account_id",
    )
    .fetch_all(&source)
    .await
    .context("reading the demo inboxes")?;
    source.close().await;
    if accounts.len() < DEMO_TENANTS.len() {
        anyhow::bail!(
            "the generated Chatwoot has only {} accounts; the demo needs {}",
            accounts.len(),
            DEMO_TENANTS.len()
        );
    }

    for (tenant, (_, inboxes)) in DEMO_TENANTS.iter().zip(&accounts) {
        if !which.iter().any(|t| t.slug == tenant.slug) {
            continue;
        }
        tenants::create(
            pool,
            &ctx.actor,
            NewTenant {
                slug: tenant.slug.into(),
                name: tenant.name.into(),
                plan: tenant.plan,
                timezone: Some(tenant.timezone.into()),
                locale: Some(tenant.locale),
                inboxes: inboxes.clone(),
            },
        )
        .await?;
        let id = tenants::id_of(pool, tenant.slug).await?;
        let mut tx = db::tenant_tx(pool, id).await?;
        let update = SettingsUpdate {
            display_name: Some(tenant.name.into()),
            primary_color: Some(tenant.primary.into()),
            secondary_color: Some(tenant.secondary.into()),
            logo_url: None,
            locale: None,
            lead_labels: Some(DEMO_LEAD_LABELS.iter().map(|l| l.to_string()).collect()),
            conversion_labels: Some(DEMO_CONVERSION_LABELS.iter().map(|l| l.to_string()).collect()),
        };
        settings::update(&mut tx, &ctx.actor, tenant.slug, update).await?;
        tx.commit().await?;
        users::create(
            pool,
            &ctx.actor,
            NewUser {
                email: user_email(tenant.slug),
                name: format!("{} manager", tenant.name),
                membership: Membership::Tenant { slug: tenant.slug.into(), role: UserRole::Admin },
                password: Zeroizing::new(user_password(tenant.slug)),
            },
        )
        .await?;
        println!(
            "   {:<8} {} ({} inboxes, manager {})",
            tenant.slug,
            tenant.name,
            inboxes.len(),
            user_email(tenant.slug)
        );
    }
    let admin_exists = users::list(pool, None).await?.iter().any(|u| u.email == ADMIN_EMAIL);
    if !admin_exists {
        users::create(
            pool,
            &ctx.actor,
            NewUser {
                email: ADMIN_EMAIL.into(),
                name: "Demo admin".into(),
                membership: Membership::PlatformAdmin,
                password: Zeroizing::new(ADMIN_PASSWORD.into()),
            },
        )
        .await?;
    }
    Ok(())
}

/// Removes the demo tenants (with their data and users), the demo admin and the generated source.
async fn reset(ctx: &AppContext, cluster: &crate::embedded::Cluster) -> Result<()> {
    let pool = ctx.pool().await?;
    println!("   resetting: removing the demo tenants, users and generated Chatwoot");
    let existing = tenants::list(pool).await?;
    for tenant in &DEMO_TENANTS {
        if existing.iter().any(|e| e.slug == tenant.slug) {
            tenants::delete(pool, &ctx.actor, tenant.slug).await?;
        }
    }
    if users::list(pool, None).await?.iter().any(|u| u.email == ADMIN_EMAIL) {
        users::delete(pool, &ctx.actor, ADMIN_EMAIL).await?;
    }
    cluster.drop_database(DEMO_SOURCE_DATABASE).await?;
    Ok(())
}

//! `geniai report KIND`: tenant-isolated KPI reports and the cross-client overview.

use std::io::Write;

use anyhow::{Context, Result};
use chrono::Utc;
use clap::Args;
use futures::TryStreamExt;
use serde::Serialize;
use serde_json::{Map, Value};

use crate::context::AppContext;
use crate::csv_format::CsvEncoder;
use crate::db;
use crate::output::{self, Format, Tabular, human_duration};
use crate::reports::{self, Aggregates, Bucket, FrtScale, Period, ReportKind, ReportOptions, period};

/// Flags of `geniai report` (its help text is on the command in `cli.rs`).
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Which report.
    #[arg(value_parser = crate::cli::choice(crate::cli::REPORT_HELP))]
    pub kind: ReportKind,

    /// The tenant (slug). Required for every report but `overview`.
    #[arg(long, value_name = "SLUG")]
    pub tenant: Option<String>,

    /// Start of the period, inclusive (YYYY-MM-DD or RFC 3339).
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,

    /// End of the period, exclusive (YYYY-MM-DD or RFC 3339).
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,

    /// Timezone for day boundaries and buckets [default: the tenant's; UTC for overview].
    #[arg(long, value_name = "IANA")]
    pub tz: Option<String>,

    /// Use durations within the inboxes' business hours (Chatwoot's value_in_business_hours).
    #[arg(long)]
    pub business_hours: bool,

    /// Bucket size for `daily`: an hour, day, week or month of the timezone (an hour's key is
    /// `YYYY-MM-DDTHH:00`).
    #[arg(long, value_parser = crate::cli::choice::<Bucket>(&[]), default_value_t = Bucket::Day)]
    pub bucket: Bucket,

    /// For `frt-distribution`: the fine buckets 0-5m, 5-15m, 15-30m, 30m-1h, 1-4h, 4-8h, 8-24h,
    /// 24h+ instead of the standard five.
    #[arg(long)]
    pub fine: bool,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// Runs `geniai report`.
pub async fn run(args: ReportArgs, ctx: &AppContext) -> Result<()> {
    let pool = ctx.pool().await?;
    if args.kind == ReportKind::Overview {
        if args.tenant.is_some() {
            crate::invalid!("`report overview` covers every tenant: drop --tenant");
        }
        let tz = period::parse_timezone(args.tz.as_deref().unwrap_or("UTC"))?;
        let period = Period::resolve(args.from.as_deref(), args.to.as_deref(), tz, Utc::now())?;
        let mut tx = db::platform_tx(pool).await?;
        let rows = reports::overview::overview(&mut tx, &period).await?;
        tx.commit().await?;
        return output::print_list(&rows, args.format);
    }

    if args.fine && args.kind != ReportKind::FrtDistribution {
        crate::invalid!("--fine applies to `report frt-distribution` only");
    }
    let Some(slug) = args.tenant.as_deref() else {
        crate::invalid!("`report {}` needs --tenant SLUG", args.kind.slug());
    };
    let tenant = crate::admin::tenants::show(pool, slug).await?;
    let tz = period::parse_timezone(args.tz.as_deref().unwrap_or(&tenant.timezone))?;
    let period = Period::resolve(args.from.as_deref(), args.to.as_deref(), tz, Utc::now())?;
    let options = ReportOptions { period, business_hours: args.business_hours };
    let mut tx = db::tenant_tx(pool, tenant.id).await?;

    if let Some((grouping, key_field)) = args.kind.dimension() {
        let rows = reports::by_dimension(&mut tx, &options, grouping).await?;
        output::print_list(&metric_rows(key_field, Some("name"), &rows), args.format)?;
        return tx.commit().await;
    }
    match args.kind {
        ReportKind::Kpis => {
            let kpis = reports::kpis(&mut tx, &tenant.slug, &options).await?;
            print_kpis(kpis, args.format)?;
        }
        ReportKind::Daily => {
            let rows = reports::series(&mut tx, &options, args.bucket).await?;
            output::print_list(&metric_rows("date", None, &rows), args.format)?;
        }
        ReportKind::FrtDistribution => {
            let scale = if args.fine { FrtScale::Fine } else { FrtScale::Standard };
            let rows = reports::frt_distribution_in(&mut tx, &options, scale).await?;
            output::print_list(&rows, args.format)?;
        }
        ReportKind::Heatmap => {
            let cells = reports::heatmap(&mut tx, &options).await?;
            match args.format {
                Format::Table => print_heatmap_grid(&cells)?,
                _ => output::print_list(&cells, args.format)?,
            }
        }
        ReportKind::Conversations => export_conversations(&mut tx, &options, args.format).await?,
        _ => unreachable!("overview and the per-dimension kinds are handled above"),
    }
    tx.commit().await
}

/// Prints a kpis record: JSON/CSV as is, a table of humanised values.
pub fn print_kpis(kpis: reports::Kpis, format: Format) -> Result<()> {
    output::print_one(&KpisView(kpis), format)
}

/// A report row: JSON/CSV get every metric under stable names, the table a humanised subset.
struct MetricRow {
    json: Map<String, Value>,
    table: Vec<(&'static str, String)>,
}

impl Serialize for MetricRow {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.json.serialize(serializer)
    }
}

impl Tabular for MetricRow {
    fn headers(&self) -> Vec<String> {
        self.table.iter().map(|(h, _)| h.to_string()).collect()
    }
    fn cells(&self) -> Vec<String> {
        self.table.iter().map(|(_, c)| c.clone()).collect()
    }
}

fn metric_rows(key_field: &str, name_field: Option<&str>, rows: &[Aggregates]) -> Vec<MetricRow> {
    rows.iter()
        .map(|row| {
            let json = row.to_json(key_field, name_field);
            let label = match (&row.name, row.key.is_empty()) {
                (Some(name), _) => name.clone(),
                (None, true) => "(none)".into(),
                (None, false) => row.key.clone(),
            };
            let table = vec![
                (if name_field.is_some() { "name" } else { "date" }, label),
                ("conv.", row.conversations.to_string()),
                ("in", row.incoming_messages.to_string()),
                ("out", row.outgoing_messages.to_string()),
                ("resolved", row.resolutions.to_string()),
                ("avg FRT", duration_cell(row.avg_first_response_seconds)),
                ("avg resol.", duration_cell(row.avg_resolution_seconds)),
                ("CSAT", row.csat_average.map(|v| format!("{v:.2}")).unwrap_or_else(|| "—".into())),
            ];
            MetricRow { json, table }
        })
        .collect()
}

fn duration_cell(seconds: Option<f64>) -> String {
    seconds.map(human_duration).unwrap_or_else(|| "—".into())
}

/// `2026-10-25 → 2026-11-24` when both bounds are local midnights, else the full timestamps.
fn period_cell(from: &str, to: &str) -> String {
    match (midnight_date(from), midnight_date(to)) {
        (Some(f), Some(t)) => format!("{f} → {t} (end exclusive)"),
        _ => format!("{from} → {to}"),
    }
}

/// The date of an RFC 3339 timestamp at local midnight, or None.
fn midnight_date(timestamp: &str) -> Option<&str> {
    (timestamp.get(10..19) == Some("T00:00:00")).then(|| &timestamp[..10])
}

fn percent_cell(share: Option<f64>) -> String {
    share.map(|v| format!("{:.1}%", v * 100.0)).unwrap_or_else(|| "—".into())
}

/// The kpis record: JSON/CSV as is, the table as metric/value pairs with humanised values.
struct KpisView(reports::Kpis);

impl Serialize for KpisView {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl Tabular for KpisView {
    fn headers(&self) -> Vec<String> {
        self.rows().into_iter().map(|(h, _)| h.to_string()).collect()
    }
    fn cells(&self) -> Vec<String> {
        self.rows().into_iter().map(|(_, c)| c).collect()
    }
}

impl KpisView {
    fn rows(&self) -> Vec<(&'static str, String)> {
        let k = &self.0;
        let (m, live) = (&k.metrics, &k.live);
        let mut rows = vec![
            ("tenant", k.tenant.clone()),
            ("period", period_cell(&k.from, &k.to)),
            ("timezone", k.timezone.clone()),
            ("conversations", m.conversations.to_string()),
            ("incoming messages", m.incoming_messages.to_string()),
            ("outgoing messages", m.outgoing_messages.to_string()),
            ("resolutions", m.resolutions.to_string()),
            ("resolved conversations", m.resolved_conversations.to_string()),
            ("avg first response", duration_cell(m.avg_first_response_seconds)),
            ("median first response", duration_cell(m.median_first_response_seconds)),
            ("p90 first response", duration_cell(m.p90_first_response_seconds)),
            ("avg resolution time", duration_cell(m.avg_resolution_seconds)),
            ("avg reply time", duration_cell(m.avg_reply_seconds)),
            ("bot resolutions", m.bot_resolutions.to_string()),
            ("bot handoffs", m.bot_handoffs.to_string()),
            ("CSAT responses", m.csat_responses.to_string()),
            ("CSAT average", m.csat_average.map(|v| format!("{v:.2} / 5")).unwrap_or_else(|| "—".into())),
            ("CSAT satisfaction", percent_cell(m.csat_satisfaction)),
            ("CSAT response rate", percent_cell(k.csat_response_rate)),
            ("leads", m.leads.to_string()),
            ("conversions", m.conversions.to_string()),
            ("conversion rate", percent_cell(k.conversion_rate)),
            ("open now", live.open.to_string()),
            ("unattended now", live.unattended.to_string()),
            ("unassigned now", live.unassigned.to_string()),
        ];
        if k.business_hours {
            rows.insert(3, ("durations", "business hours".into()));
        }
        rows
    }
}

impl Tabular for reports::FrtBucket {
    fn headers(&self) -> Vec<String> {
        vec!["first response".into(), "count".into(), "share".into()]
    }
    fn cells(&self) -> Vec<String> {
        vec![self.bucket.clone(), self.first_responses.to_string(), percent_cell(self.share)]
    }
}

impl Tabular for reports::HeatmapCell {}

/// The 168 cells as a grid: a row per weekday (Monday first), a column per local hour. Written
/// as plain aligned text rather than a bordered table: 24 columns of counts under 100 fit in 80.
fn print_heatmap_grid(cells: &[reports::HeatmapCell]) -> Result<()> {
    let width = cells.iter().map(|c| c.conversations.to_string().len()).max().unwrap_or(1).max(2);
    let mut out = std::io::stdout().lock();
    write!(out, "{:<3}", "")?;
    for hour in 0..24 {
        write!(out, " {hour:>width$}")?;
    }
    writeln!(out)?;
    for (name, weekday) in reports::heatmap::WEEKDAY_NAMES.iter().zip(1..) {
        write!(out, "{:<3}", &name[..3])?;
        for cell in cells.iter().filter(|c| c.weekday == weekday) {
            write!(out, " {:>width$}", cell.conversations)?;
        }
        writeln!(out)?;
    }
    Ok(())
}

impl Tabular for reports::overview::OverviewRow {
    fn headers(&self) -> Vec<String> {
        ["tenant", "conv.", "leads", "conv. rate", "avg FRT", "resolved", "CSAT", "ETL"]
            .map(String::from)
            .to_vec()
    }
    fn cells(&self) -> Vec<String> {
        let status = |s: &str| if s == "succeeded" { "ok".to_string() } else { s.to_uppercase() };
        let etl = match (&self.last_etl_status, self.etl_lag_seconds) {
            (Some(s), Some(lag)) => format!("{} {} ago", status(s), human_duration(lag)),
            (Some(s), None) => status(s),
            (None, Some(lag)) => format!("{} ago", human_duration(lag)),
            (None, None) => "never".into(),
        };
        vec![
            self.tenant.clone(),
            self.conversations.to_string(),
            self.leads.to_string(),
            percent_cell(self.conversion_rate),
            duration_cell(self.avg_first_response_seconds),
            self.resolutions.to_string(),
            self.csat_average.map(|v| format!("{v:.2}")).unwrap_or_else(|| "—".into()),
            etl,
        ]
    }
}

/// Streams the per-conversation export straight to stdout: memory stays flat whatever its size.
async fn export_conversations(tx: &mut db::TenantTx, options: &ReportOptions, format: Format) -> Result<()> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut rows = reports::export::conversations(tx, options);
    let mut count = 0_u64;
    match format {
        Format::Csv => {
            let mut csv = CsvEncoder::with_columns(&reports::export::COLUMNS)?;
            while let Some(row) = rows.try_next().await.context("reading conversations")? {
                csv.write_cells(row.csv_cells())?;
                count += 1;
                if csv.pending()? >= 64 * 1024 {
                    out.write_all(&csv.take()?)?;
                }
            }
            out.write_all(&csv.take()?)?;
        }
        Format::Json => {
            out.write_all(b"[")?;
            while let Some(row) = rows.try_next().await.context("reading conversations")? {
                if count > 0 {
                    out.write_all(b",")?;
                }
                out.write_all(b"\n  ")?;
                serde_json::to_writer(&mut out, &row)?;
                count += 1;
            }
            out.write_all(if count > 0 { b"\n]\n" } else { b"]\n" })?;
        }
        Format::Table => {
            writeln!(
                out,
                "{:>8}  {:<16}  {:<16}  {:<8}  {:>9}  {:>9}  {:>4}  labels",
                "id", "inbox", "agent", "status", "FRT", "resol.", "CSAT"
            )?;
            while let Some(row) = rows.try_next().await.context("reading conversations")? {
                writeln!(
                    out,
                    "{:>8}  {:<16.16}  {:<16.16}  {:<8}  {:>9}  {:>9}  {:>4}  {}",
                    row.display_id,
                    row.inbox_name.as_deref().unwrap_or("—"),
                    row.agent_name.as_deref().unwrap_or("—"),
                    row.status,
                    duration_cell(row.first_response_seconds),
                    duration_cell(row.resolution_seconds),
                    row.csat_rating.map(|r| r.to_string()).unwrap_or_else(|| "—".into()),
                    row.labels.join(", ")
                )?;
                count += 1;
            }
        }
    }
    out.flush()?;
    tracing::debug!(conversations = count, "exported");
    Ok(())
}

//! The reports as the web serves them: which kinds exist, their rows as JSON objects (the same
//! field names as `geniai report --format json`), CSV encoding, and the streamed per-conversation
//! export. The numbers themselves come from `crate::reports`, the one implementation behind the
//! CLI and the dashboard.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use axum::body::{Body, Bytes};
use chrono::{DateTime, NaiveDate, Utc};
use futures::TryStreamExt;
use serde_json::{Map, Value};
use sqlx::PgPool;

use super::WebError;
use super::i18n::{Lang, Msg};
use super::period::{PeriodQuery, Preset, days_period, local_date};
use crate::csv_format::CsvEncoder;
use crate::db::{self, TenantId, TenantTx};
use crate::reports::{self, Bucket, FrtScale, Period, ReportKind, ReportOptions, period};

/// The tenant report named in a URL; anything else (`overview` included) is a 404.
pub fn report_kind(slug: &str) -> Result<ReportKind, WebError> {
    ReportKind::TENANT_KINDS.into_iter().find(|k| k.slug() == slug).ok_or(WebError::NotFound)
}

/// Resolves the period parameters (see [`super::period`]: `preset`, `from`, `to`, `until`, `tz`)
/// in `tz_default` (the tenant's timezone). Bad input is a 400 whose message speaks of the
/// dashboard's fields, never of the CLI's flags.
pub fn report_options(query: &PeriodQuery, tz_default: &str) -> Result<ReportOptions, WebError> {
    report_options_at(query, tz_default, Utc::now())
}

/// [`report_options`] as of `now` (what the presets and the default period are relative to).
pub fn report_options_at(
    query: &PeriodQuery,
    tz_default: &str,
    now: DateTime<Utc>,
) -> Result<ReportOptions, WebError> {
    let tz_name = query.tz.as_deref().map(str::trim).filter(|t| !t.is_empty()).unwrap_or(tz_default);
    let tz = period::parse_timezone(tz_name)
        .map_err(|_| WebError::Invalid(Msg::new("error-unknown-timezone").arg("value", tz_name)))?;
    let business_hours = query.business_hours.unwrap_or(false);
    let preset = Preset::parse(query.preset.as_deref())
        .map_err(|unknown| WebError::Invalid(Msg::new("error-unknown-preset").arg("value", unknown.0)))?;
    if let Some(preset) = preset {
        return Ok(ReportOptions { period: preset.period(tz, now), business_hours });
    }
    let bound =
        |v: &Option<String>| v.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(str::to_string);
    let (from, mut to, until) = (bound(&query.from), bound(&query.to), bound(&query.until));
    // Each bound on its own first, so that the message names the value that is wrong.
    for value in from.iter().chain(to.iter()) {
        period::parse_bound(value, tz, "date")
            .map_err(|_| WebError::Invalid(Msg::new("error-bad-date").arg("value", value.clone())))?;
    }
    if let Some(until) = &until {
        // The last day included: the period ends at the next midnight.
        let bad = || WebError::Invalid(Msg::new("error-bad-date").arg("value", until.clone()));
        let last = NaiveDate::parse_from_str(until, "%Y-%m-%d").map_err(|_| bad())?;
        to = Some(local_date(days_period(last, last, tz).to, tz));
    }
    let period = Period::resolve(from.as_deref(), to.as_deref(), tz, now).map_err(|_| {
        let end = until.clone().or_else(|| to.clone()).unwrap_or_default();
        WebError::Invalid(
            Msg::new("error-period-order").arg("from", from.clone().unwrap_or_default()).arg("to", end),
        )
    })?;
    if (period.to - period.from).num_days() > super::period::MAX_DAYS {
        return Err(WebError::Invalid(
            Msg::new("error-period-too-long").arg("days", super::period::MAX_DAYS.to_string()),
        ));
    }
    Ok(ReportOptions { period, business_hours })
}

/// How a report's rows are cut where the report offers a choice: the series' bucket (`daily`)
/// and the first-response buckets (`frt-distribution`). Other kinds ignore it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Cut {
    pub bucket: Bucket,
    pub frt: FrtScale,
}

impl Cut {
    /// The part of the cut `kind` uses (the rest at its default), so that one report is cached
    /// once whatever else the query carried.
    pub fn for_kind(self, kind: ReportKind) -> Cut {
        match kind {
            ReportKind::Daily => Cut { bucket: self.bucket, ..Cut::default() },
            ReportKind::FrtDistribution => Cut { frt: self.frt, ..Cut::default() },
            _ => Cut::default(),
        }
    }
}

/// The most hourly buckets a series may have: 31 days of hours.
pub const MAX_HOURLY_BUCKETS: i64 = 31 * 24 + 1;

/// Whether `bucket` may cut `period`: hours only for periods of up to a month, so that a chart
/// or download never holds thousands of buckets.
pub fn bucket_allowed(bucket: Bucket, period: &Period) -> bool {
    bucket != Bucket::Hour || bucket.count_in(period) <= MAX_HOURLY_BUCKETS
}

/// The cut asked for by `bucket` and `fine`: a bucket named (none or `auto` means
/// `default_bucket`), the fine FRT scale when `fine=true`. An unknown bucket, or hours over more
/// than a month, is a 400.
pub fn cut(query: &PeriodQuery, period: &Period, default_bucket: Bucket) -> Result<Cut, WebError> {
    let named = query.bucket.as_deref().map(str::trim).filter(|b| !b.is_empty() && *b != "auto");
    let bucket = match named {
        None => default_bucket,
        Some(word) => word.parse::<Bucket>().map_err(|_| {
            WebError::Invalid(Msg::new("error-unknown-bucket").arg("value", word.to_string()))
        })?,
    };
    if !bucket_allowed(bucket, period) {
        return Err(WebError::Invalid(
            Msg::new("error-bucket-too-fine").arg("days", (MAX_HOURLY_BUCKETS / 24).to_string()),
        ));
    }
    let frt = if query.fine.unwrap_or(false) { FrtScale::Fine } else { FrtScale::Standard };
    Ok(Cut { bucket, frt })
}

fn objects<T: serde::Serialize>(rows: &[T]) -> Vec<Map<String, Value>> {
    rows.iter()
        .filter_map(|row| match serde_json::to_value(row) {
            Ok(Value::Object(map)) => Some(map),
            _ => None,
        })
        .collect()
}

/// The rows of a report (`kpis`: one row). Not for `conversations`, which streams.
pub async fn rows(
    tx: &mut TenantTx,
    tenant_slug: &str,
    options: &ReportOptions,
    kind: ReportKind,
    cut: Cut,
) -> Result<Vec<Map<String, Value>>> {
    if let Some((grouping, key_field)) = kind.dimension() {
        let rows = reports::by_dimension(tx, options, grouping).await?;
        return Ok(rows.iter().map(|r| r.to_json(key_field, Some("name"))).collect());
    }
    match kind {
        ReportKind::Kpis => Ok(objects(&[reports::kpis(tx, tenant_slug, options).await?])),
        ReportKind::FrtDistribution => {
            Ok(objects(&reports::frt_distribution_in(tx, options, cut.frt).await?))
        }
        ReportKind::Heatmap => Ok(objects(&reports::heatmap(tx, options).await?)),
        ReportKind::Daily => {
            let rows = reports::series(tx, options, cut.bucket).await?;
            Ok(rows.iter().map(|r| r.to_json("date", None)).collect())
        }
        _ => anyhow::bail!("the `{}` report is not served as rows", kind.slug()),
    }
}

/// What identifies a cached report: tenant, kind, period bounds, timezone, business hours, cut.
type CacheKey = (TenantId, ReportKind, i64, i64, &'static str, bool, Cut);

/// The rows of one report, and when they were computed.
type Computed = (Instant, Vec<Map<String, Value>>);

/// One cached report.
#[derive(Default)]
struct CacheSlot {
    computed: Mutex<Option<Computed>>,
    /// Held by the one request computing the rows; the others wait for it, or serve the previous
    /// copy meanwhile when it is only just out of date.
    computing: tokio::sync::Mutex<()>,
}

impl CacheSlot {
    /// The rows, if computed less than `max_age` ago.
    fn younger_than(&self, max_age: Duration) -> Option<Vec<Map<String, Value>>> {
        let computed = self.computed.lock().unwrap_or_else(|p| p.into_inner());
        computed.as_ref().filter(|(at, _)| at.elapsed() < max_age).map(|(_, rows)| rows.clone())
    }

    fn store(&self, rows: Vec<Map<String, Value>>) {
        *self.computed.lock().unwrap_or_else(|p| p.into_inner()) = Some((Instant::now(), rows));
    }
}

/// Rows of recent reports, kept for a short time so that a dashboard viewed by many users of a
/// tenant (or reloaded) does not recompute the same aggregates. Keyed by the tenant of the
/// transaction that computed them, so an entry is only ever served back to that tenant. It is a
/// per-process cache: instances behind a load balancer stay independent and correct, at most
/// `ttl` behind the database (the ETL itself runs every few minutes), or twice that while a
/// newer copy is being computed. Concurrent requests for the same report compute it once. A
/// zero `ttl` disables it.
pub struct ReportCache {
    ttl: Duration,
    slots: Mutex<HashMap<CacheKey, Arc<CacheSlot>>>,
    computations: AtomicU64,
}

/// Entries beyond which the cache drops what has expired (and, if still full, everything).
const CACHE_CAPACITY: usize = 5_000;

impl ReportCache {
    /// A cache keeping rows for `ttl` (zero: no caching).
    pub fn new(ttl: Duration) -> Self {
        ReportCache { ttl, slots: Default::default(), computations: AtomicU64::new(0) }
    }

    /// How many reports were computed (rather than served from the cache) since start.
    pub fn computations(&self) -> u64 {
        self.computations.load(Ordering::Relaxed)
    }

    /// [`rows`] of `tenant`, from the cache when a fresh copy is there. Only a computation opens
    /// a tenant transaction, so requests served from the cache, or waiting for another's
    /// computation, hold no database connection.
    pub async fn rows(
        &self,
        pool: &PgPool,
        tenant: TenantId,
        tenant_slug: &str,
        options: &ReportOptions,
        kind: ReportKind,
        cut: Cut,
    ) -> Result<Vec<Map<String, Value>>> {
        let cut = cut.for_kind(kind);
        let compute = || async {
            self.computations.fetch_add(1, Ordering::Relaxed);
            let mut tx = db::tenant_tx(pool, tenant).await?;
            let computed = rows(&mut tx, tenant_slug, options, kind, cut).await?;
            tx.commit().await?;
            Ok::<_, anyhow::Error>(computed)
        };
        if self.ttl.is_zero() {
            return compute().await;
        }
        let period = &options.period;
        let key: CacheKey = (
            tenant,
            kind,
            period.from.timestamp_micros(),
            period.to.timestamp_micros(),
            period.tz.name(),
            options.business_hours,
            cut,
        );
        let slot = self.slot(key);
        if let Some(fresh) = slot.younger_than(self.ttl) {
            return Ok(fresh);
        }
        let _computing = match slot.computing.try_lock() {
            Ok(guard) => guard,
            Err(_) => {
                // Someone is computing it: serve the previous copy if it is only just out of
                // date, or wait for theirs.
                if let Some(recent) = slot.younger_than(self.ttl * 2) {
                    return Ok(recent);
                }
                let guard = slot.computing.lock().await;
                if let Some(fresh) = slot.younger_than(self.ttl) {
                    return Ok(fresh);
                }
                guard
            }
        };
        let fresh = compute().await?;
        slot.store(fresh.clone());
        Ok(fresh)
    }

    /// The slot of `key`, created if missing.
    fn slot(&self, key: CacheKey) -> Arc<CacheSlot> {
        let mut slots = self.slots.lock().unwrap_or_else(|p| p.into_inner());
        if slots.len() >= CACHE_CAPACITY && !slots.contains_key(&key) {
            // Keep what is fresh or in use.
            let ttl = self.ttl;
            slots.retain(|_, slot| Arc::strong_count(slot) > 1 || slot.younger_than(ttl).is_some());
            if slots.len() >= CACHE_CAPACITY {
                slots.retain(|_, slot| Arc::strong_count(slot) > 1);
            }
        }
        slots.entry(key).or_default().clone()
    }
}

/// Rows as CSV with a header row (the first row's fields), in [`crate::csv_format`]'s format.
pub fn to_csv(rows: &[Map<String, Value>]) -> Result<Vec<u8>> {
    crate::csv_format::encode(rows)
}

/// The header cell of a field in the dashboard's downloads, in `lang` (`csv-FIELD`).
pub fn csv_label(lang: Lang, field: &str) -> String {
    let key = format!("csv-{field}");
    let label = lang.t(&key);
    if label == key { field.to_string() } else { label }
}

/// [`to_csv`] with the header row in `lang`: the dashboard's downloads.
pub fn to_csv_in(rows: &[Map<String, Value>], lang: Lang) -> Result<Vec<u8>> {
    let Some(first) = rows.first() else { return Ok(Vec::new()) };
    let columns: Vec<&str> = first.keys().map(String::as_str).collect();
    let labels: Vec<String> = columns.iter().map(|c| csv_label(lang, c)).collect();
    let mut encoder = CsvEncoder::with_labelled_columns(&columns, &labels)?;
    for row in rows {
        encoder.write_object(row)?;
    }
    encoder.take()
}

/// The format of the streamed export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Csv,
    Json,
}

/// Streams the per-conversation export of `tenant` as an HTTP body, from its own tenant
/// transaction: memory stays flat whatever the size. A failure mid-way aborts the body (the client
/// sees a truncated transfer, never a silently short file) and is logged.
/// With `header` in a language, the CSV's header row is in that language (the dashboard's
/// download); `None` keeps the field names (the API).
pub fn export(
    pool: PgPool,
    tenant: TenantId,
    options: ReportOptions,
    format: ExportFormat,
    header: Option<Lang>,
) -> Body {
    let (sender, mut receiver) = tokio::sync::mpsc::channel::<Result<Bytes, std::io::Error>>(16);
    tokio::spawn(async move {
        let result = async {
            let mut tx = db::tenant_tx(&pool, tenant).await?;
            let mut rows = reports::export::conversations(&mut tx, &options);
            let mut count = 0_u64;
            let mut buffer = Vec::with_capacity(64 * 1024);
            let mut csv = match header {
                Some(lang) => {
                    let labels: Vec<String> =
                        reports::export::COLUMNS.iter().map(|c| csv_label(lang, c)).collect();
                    CsvEncoder::with_labelled_columns(&reports::export::COLUMNS, &labels)?
                }
                None => CsvEncoder::with_columns(&reports::export::COLUMNS)?,
            };
            if format == ExportFormat::Json {
                buffer.push(b'[');
            }
            while let Some(row) = rows.try_next().await.context("reading conversations")? {
                match format {
                    ExportFormat::Csv => {
                        csv.write_cells(row.csv_cells())?;
                        if csv.pending()? >= 60 * 1024 {
                            buffer.append(&mut csv.take()?);
                        }
                    }
                    ExportFormat::Json => {
                        if count > 0 {
                            buffer.push(b',');
                        }
                        serde_json::to_writer(&mut buffer, &row)?;
                    }
                }
                count += 1;
                if buffer.len() >= 60 * 1024 {
                    let chunk = Bytes::from(std::mem::take(&mut buffer));
                    if sender.send(Ok(chunk)).await.is_err() {
                        return Ok(()); // the client went away
                    }
                }
            }
            drop(rows);
            match format {
                ExportFormat::Csv => buffer.append(&mut csv.take()?),
                ExportFormat::Json => buffer.push(b']'),
            }
            if !buffer.is_empty() {
                let _ = sender.send(Ok(Bytes::from(buffer))).await;
            }
            tx.commit().await?;
            anyhow::Ok(())
        }
        .await;
        if let Err(err) = result {
            tracing::error!("conversation export failed: {err:#}");
            let _ = sender.send(Err(std::io::Error::other("export failed"))).await;
        }
    });
    Body::from_stream(futures::stream::poll_fn(move |cx| receiver.poll_recv(cx)))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn query(pairs: &[(&str, &str)]) -> PeriodQuery {
        let text = serde_urlencoded::to_string(pairs).unwrap();
        serde_urlencoded::from_str(&text).unwrap()
    }

    fn key(err: WebError) -> &'static str {
        match err {
            WebError::Invalid(msg) => msg.key,
            other => panic!("not a 400: {other:?}"),
        }
    }

    #[test]
    fn until_is_the_last_day_included_and_to_keeps_its_exclusive_meaning() {
        let now = DateTime::parse_from_rfc3339("2026-12-02T12:00:00Z").unwrap().with_timezone(&Utc);
        let resolve = |pairs: &[(&str, &str)]| report_options_at(&query(pairs), "America/Sao_Paulo", now);
        let by_until = resolve(&[("from", "2026-11-01"), ("until", "2026-11-30")]).unwrap();
        let by_to = resolve(&[("from", "2026-11-01"), ("to", "2026-12-01")]).unwrap();
        assert_eq!(by_until.period, by_to.period);
        assert_eq!(by_to.period.to.to_rfc3339(), "2026-12-01T03:00:00+00:00");
        // One day: from and until the same date.
        let one = resolve(&[("from", "2026-11-05"), ("until", "2026-11-05")]).unwrap().period;
        assert_eq!((one.to - one.from).num_hours(), 24);
        // `until` wins over `to`; a preset wins over both.
        let both = resolve(&[("from", "2026-11-01"), ("to", "2026-11-03"), ("until", "2026-11-30")]).unwrap();
        assert_eq!(both.period, by_to.period);
        let preset = resolve(&[("preset", "last-month"), ("from", "2020-01-01"), ("tz", "UTC")]).unwrap();
        assert_eq!(preset.period.from.to_rfc3339(), "2026-11-01T00:00:00+00:00");
        assert_eq!(preset.period.to.to_rfc3339(), "2026-12-01T00:00:00+00:00");
        assert_eq!(
            resolve(&[("preset", "custom"), ("from", "2026-11-01"), ("until", "2026-11-30")]).unwrap().period,
            by_to.period
        );
        // Bad input is a 400 naming what is wrong.
        assert_eq!(key(resolve(&[("preset", "last-week")]).unwrap_err()), "error-unknown-preset");
        assert_eq!(key(resolve(&[("until", "2026-11-30T10:00:00Z")]).unwrap_err()), "error-bad-date");
        assert_eq!(
            key(resolve(&[("from", "2026-11-02"), ("until", "2026-11-01")]).unwrap_err()),
            "error-period-order"
        );
        assert_eq!(
            key(resolve(&[("preset", "today"), ("tz", "Mars/Olympus")]).unwrap_err()),
            "error-unknown-timezone"
        );
    }

    #[test]
    fn the_bucket_is_the_periods_unless_named_and_hours_stop_at_a_month() {
        let now = DateTime::parse_from_rfc3339("2026-12-02T12:00:00Z").unwrap().with_timezone(&Utc);
        let cut_of = |pairs: &[(&str, &str)]| {
            let q = query(pairs);
            let options = report_options_at(&q, "America/Sao_Paulo", now).unwrap();
            cut(&q, &options.period, Bucket::for_period(&options.period))
        };
        assert_eq!(cut_of(&[("preset", "yesterday")]).unwrap().bucket, Bucket::Hour);
        assert_eq!(cut_of(&[("preset", "last-30-days")]).unwrap().bucket, Bucket::Day);
        assert_eq!(cut_of(&[("preset", "last-90-days")]).unwrap().bucket, Bucket::Week);
        assert_eq!(cut_of(&[("preset", "last-90-days"), ("bucket", "auto")]).unwrap().bucket, Bucket::Week);
        assert_eq!(cut_of(&[("preset", "last-30-days"), ("bucket", "hour")]).unwrap().bucket, Bucket::Hour);
        assert_eq!(cut_of(&[("preset", "this-year"), ("bucket", "month")]).unwrap().bucket, Bucket::Month);
        assert_eq!(key(cut_of(&[("bucket", "fortnight")]).unwrap_err()), "error-unknown-bucket");
        assert_eq!(
            key(cut_of(&[("preset", "last-90-days"), ("bucket", "hour")]).unwrap_err()),
            "error-bucket-too-fine"
        );
        let fine = cut_of(&[("fine", "true"), ("bucket", "week")]).unwrap();
        assert_eq!(fine.frt, FrtScale::Fine);
        // Each kind keeps only what it uses, so that the cache holds one copy.
        assert_eq!(fine.for_kind(ReportKind::Kpis), Cut::default());
        assert_eq!(fine.for_kind(ReportKind::Daily), Cut { bucket: Bucket::Week, frt: FrtScale::Standard });
        assert_eq!(
            fine.for_kind(ReportKind::FrtDistribution),
            Cut { bucket: Bucket::Day, frt: FrtScale::Fine }
        );
    }

    #[test]
    fn kinds_round_trip_and_unknown_kinds_are_404() {
        for kind in ReportKind::TENANT_KINDS {
            assert_eq!(report_kind(kind.slug()).unwrap(), kind);
        }
        assert!(matches!(report_kind("overview"), Err(WebError::NotFound)));
        assert!(matches!(report_kind("overview'--"), Err(WebError::NotFound)));
    }

    #[test]
    fn csv_keeps_raw_values() {
        let rows = vec![
            json!({"label": "vip", "conversations": 3, "avg": null, "labels": ["a", "b"]})
                .as_object()
                .unwrap()
                .clone(),
        ];
        let text = String::from_utf8(to_csv(&rows).unwrap()).unwrap();
        assert_eq!(text, "label,conversations,avg,labels\nvip,3,,a;b\n");
    }
}

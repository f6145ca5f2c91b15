//! Issue 16's CLI foundations: the traffic heatmap (`report heatmap`), the fine buckets of
//! `report frt-distribution --fine`, and a tenant's default locale. Every report figure is
//! compared with a count made here, in Rust, from the Chatwoot source rows.

use chrono::{DateTime, Datelike, NaiveDateTime, Timelike, Utc};
use chrono_tz::Tz;
use geniai::reports::Period;
use geniai::source::seed::{self, SeedOptions};
use serde_json::Value;

use super::support::{self, TestDb};

/// Two tenants on interleaved inboxes (odd and even ids), in a DST zone and a +05:30 zone, loaded
/// by the ETL from a generated Chatwoot.
async fn loaded() -> (TestDb, TestDb, Vec<(&'static str, &'static str, Vec<i32>)>) {
    let source = support::fresh_db().await;
    seed::seed(&source.url, &SeedOptions::new(2_500, 11)).await.expect("seed the source");
    let target = support::migrated_db().await;
    let inbox_ids: Vec<i32> =
        sqlx::query_scalar("SELECT id FROM inboxes ORDER BY id").fetch_all(&source.pool).await.unwrap();
    assert!(inbox_ids.len() >= 4, "the generator makes several inboxes");
    let tenants = vec![
        ("odd", "America/New_York", inbox_ids.iter().copied().filter(|i| i % 2 == 1).collect::<Vec<_>>()),
        ("even", "Asia/Kolkata", inbox_ids.iter().copied().filter(|i| i % 2 == 0).collect::<Vec<_>>()),
    ];
    for (slug, tz, inboxes) in &tenants {
        let mut cmd = support::geniai(&target);
        cmd.env("GENIAI_SOURCE_URL", &source.url).args([
            "tenant",
            "create",
            "--slug",
            slug,
            "--name",
            slug,
            "--timezone",
            tz,
        ]);
        for inbox in inboxes {
            cmd.args(["--inbox", &inbox.to_string()]);
        }
        cmd.assert().success();
    }
    support::etl(&target, &source).arg("--all-tenants").assert().success();
    (source, target, tenants)
}

fn report_json(target: &TestDb, args: &[&str]) -> Value {
    let out =
        support::geniai(target).args(["report"]).args(args).args(["--format", "json"]).assert().success();
    serde_json::from_slice(&out.get_output().stdout).unwrap()
}

/// The periods compared: `(from, to, tz)`; `None` for the tenant's default period and zone.
const PERIODS: &[(Option<&str>, Option<&str>, Option<&str>)] = &[
    (None, None, None),
    (Some("2026-10-25"), Some("2026-11-08"), Some("America/New_York")), // spans the fall-back day
    (Some("2026-11-01"), Some("2026-11-02"), Some("America/New_York")), // the 25-hour day itself
    (Some("2026-09-01"), Some("2026-10-01"), Some("Asia/Kolkata")),     // a +05:30 zone
    (Some("2026-08-20T10:07:00Z"), Some("2026-10-20T18:52:00-03:00"), Some("UTC")), // off the rollup grid
];

/// The period a `PERIODS` entry resolves to for a tenant in `tenant_tz`, and its zone.
fn resolve(entry: &(Option<&str>, Option<&str>, Option<&str>), tenant_tz: &str) -> (Period, Tz, Vec<String>) {
    let (from, to, tz) = entry;
    let tz_name = tz.unwrap_or(tenant_tz);
    let tz: Tz = tz_name.parse().unwrap();
    let period = Period::resolve(*from, *to, tz, Utc::now()).unwrap();
    let mut args = vec!["--tz".to_string(), tz_name.to_string()];
    if let (Some(f), Some(t)) = (from, to) {
        args.extend(["--from".into(), f.to_string(), "--to".into(), t.to_string()]);
    }
    (period, tz, args)
}

fn naive(t: DateTime<Utc>) -> NaiveDateTime {
    t.naive_utc()
}

/// The creation times of the source's conversations in `inboxes` within `period`.
async fn created_in(source: &TestDb, inboxes: &[i32], period: &Period) -> Vec<NaiveDateTime> {
    sqlx::query_scalar(
        "SELECT created_at FROM conversations WHERE inbox_id = ANY($1) AND created_at >= $2 AND created_at < $3",
    )
    .bind(inboxes)
    .bind(naive(period.from))
    .bind(naive(period.to))
    .fetch_all(&source.pool)
    .await
    .unwrap()
}

#[tokio::test]
async fn heatmap_cells_equal_local_weekday_hour_counts_of_the_source() {
    let (source, target, tenants) = loaded().await;
    let mut nonzero_cells = 0;
    for (slug, tenant_tz, inboxes) in &tenants {
        for entry in PERIODS {
            let (period, tz, extra) = resolve(entry, tenant_tz);
            let created = created_in(&source, inboxes, &period).await;
            let mut expected = [[0_i64; 24]; 7];
            for at in &created {
                let local = at.and_utc().with_timezone(&tz);
                expected[local.weekday().num_days_from_monday() as usize][local.hour() as usize] += 1;
            }

            let mut args = vec!["heatmap", "--tenant", slug];
            args.extend(extra.iter().map(String::as_str));
            let cells = report_json(&target, &args);
            let cells = cells.as_array().unwrap();
            assert_eq!(cells.len(), 168, "{slug} {entry:?}: every weekday × hour cell");
            for (i, cell) in cells.iter().enumerate() {
                let (weekday, hour) = (i / 24 + 1, i % 24);
                assert_eq!(cell.as_object().unwrap().len(), 3, "{cell}");
                assert_eq!(cell["weekday"], weekday, "ISO weekday, Monday first: {cell}");
                assert_eq!(cell["hour"], hour, "{cell}");
                assert_eq!(
                    cell["conversations"],
                    expected[weekday - 1][hour],
                    "{slug} {entry:?}: weekday {weekday} hour {hour}"
                );
            }
            let total: i64 = cells.iter().map(|c| c["conversations"].as_i64().unwrap()).sum();
            assert_eq!(total, created.len() as i64, "{slug} {entry:?}: every conversation in one cell");
            nonzero_cells += cells.iter().filter(|c| c["conversations"] != 0).count();
            // The repeated 01:00 of Sunday 1 Nov in New York holds both UTC hours 05 and 06.
            if entry.0 == Some("2026-11-01") {
                let two_utc_hours = created
                    .iter()
                    .filter(|t| t.date().to_string() == "2026-11-01" && (5..7).contains(&t.hour()))
                    .count() as i64;
                assert_eq!(cells[6 * 24 + 1]["conversations"], two_utc_hours);
            }
        }
    }
    assert!(nonzero_cells > 500, "the data exercised the cells: {nonzero_cells}");

    // One aggregate over the period's conversations, found through (tenant_id, created_at).
    let tenant: i32 = sqlx::query_scalar("SELECT id FROM tenants WHERE slug = 'odd'")
        .fetch_one(&target.pool)
        .await
        .unwrap();
    let mut tx = geniai::db::tenant_tx(&target.pool, geniai::db::TenantId(tenant)).await.unwrap();
    let plan: Value = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "EXPLAIN (FORMAT JSON) {}",
        geniai::reports::heatmap::HEATMAP_SQL
    )))
    .bind(Utc::now() - chrono::Duration::days(7))
    .bind(Utc::now())
    .bind("America/New_York")
    .fetch_one(&mut *tx)
    .await
    .unwrap();
    let mut found = Vec::new();
    scans(&plan[0]["Plan"], &mut found);
    let reads: Vec<_> = found.iter().filter(|(_, relation, _)| relation == "conversations").collect();
    assert!(
        reads.len() == 1
            && reads[0].0 != "Seq Scan"
            && found.iter().any(|(_, _, index)| index == "conversations_created_idx"),
        "the heatmap reads conversations once, through their (tenant_id, created_at) index: {found:?}"
    );
    tx.commit().await.unwrap();

    // The JSON API serves the same cells as the CLI.
    support::geniai(&target)
        .args([
            "user",
            "create",
            "--email",
            "ana@odd.test",
            "--name",
            "Ana",
            "--tenant",
            "odd",
            "--password-stdin",
        ])
        .write_stdin(format!("{}\n", super::web::PASSWORD))
        .assert()
        .success();
    let app = super::web::app(&target.pool);
    let session = super::web::login(&app, "ana@odd.test").await;
    for query in
        ["from=2026-10-25&to=2026-11-08&tz=America/New_York", "from=2026-09-01&to=2026-10-01&tz=Asia/Kolkata"]
    {
        let api = super::web::get(&app, &format!("/api/v1/heatmap?{query}"), Some(&session)).await;
        assert_eq!(api.status, axum::http::StatusCode::OK, "{}", api.body);
        let api: Value = serde_json::from_str(&api.body).unwrap();
        let args: Vec<&str> = query.split('&').flat_map(|kv| kv.split('=')).collect();
        let cli = report_json(
            &target,
            &["heatmap", "--tenant", "odd", "--from", args[1], "--to", args[3], "--tz", args[5]],
        );
        assert_eq!(api, cli, "{query}");
    }

    // The same cells as CSV and as a table grid.
    let csv = support::geniai(&target)
        .args(["report", "heatmap", "--tenant", "even", "--format", "csv"])
        .assert()
        .success();
    let csv = String::from_utf8(csv.get_output().stdout.clone()).unwrap();
    assert_eq!(csv.lines().next(), Some("weekday,hour,conversations"));
    assert_eq!(csv.lines().count(), 169);
    let table = support::geniai(&target).args(["report", "heatmap", "--tenant", "even"]).assert().success();
    let table = String::from_utf8(table.get_output().stdout.clone()).unwrap();
    for day in ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] {
        assert!(table.contains(day), "{table}");
    }
}

/// Every scan in an `EXPLAIN (FORMAT JSON)` plan node and below: (node type, relation, index).
fn scans(plan: &Value, out: &mut Vec<(String, String, String)>) {
    let text = |key: &str| plan.get(key).and_then(Value::as_str).unwrap_or_default().to_string();
    if text("Node Type").ends_with("Scan") {
        out.push((text("Node Type"), text("Relation Name"), text("Index Name")));
    }
    for child in plan.get("Plans").and_then(Value::as_array).into_iter().flatten() {
        scans(child, out);
    }
}

/// The fine buckets' lower edges, in seconds.
const FINE_EDGES: [f64; 8] = [0.0, 300.0, 900.0, 1800.0, 3600.0, 14400.0, 28800.0, 86400.0];

#[tokio::test]
async fn fine_frt_buckets_sum_to_the_first_responses_and_match_the_source() {
    let (source, target, tenants) = loaded().await;
    let mut populated = 0;
    for (slug, tenant_tz, inboxes) in &tenants {
        for entry in PERIODS {
            for business_hours in [false, true] {
                let (period, _, extra) = resolve(entry, tenant_tz);
                let column = if business_hours { "value_in_business_hours" } else { "value" };
                let values: Vec<f64> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
                    "SELECT {column}::float8 FROM reporting_events
                      WHERE name = 'first_response' AND {column} IS NOT NULL
                        AND inbox_id = ANY($1) AND created_at >= $2 AND created_at < $3"
                )))
                .bind(inboxes)
                .bind(naive(period.from))
                .bind(naive(period.to))
                .fetch_all(&source.pool)
                .await
                .unwrap();
                let mut expected = [0_i64; 8];
                for v in &values {
                    let v = v.max(0.0);
                    expected[FINE_EDGES.iter().rposition(|edge| v >= *edge).unwrap()] += 1;
                }

                let mut args = vec!["frt-distribution", "--tenant", slug];
                args.extend(extra.iter().map(String::as_str));
                if business_hours {
                    args.push("--business-hours");
                }
                let standard = report_json(&target, &args);
                args.push("--fine");
                let fine = report_json(&target, &args);
                let fine = fine.as_array().unwrap();
                let labels: Vec<&str> = fine.iter().map(|b| b["bucket"].as_str().unwrap()).collect();
                assert_eq!(labels, ["0-5m", "5-15m", "15-30m", "30m-1h", "1-4h", "4-8h", "8-24h", "24h+"]);
                let counts: Vec<i64> = fine.iter().map(|b| b["first_responses"].as_i64().unwrap()).collect();
                let what = format!("{slug} {entry:?} bh={business_hours}");
                assert_eq!(counts, expected, "{what}");
                assert_eq!(counts.iter().sum::<i64>(), values.len() as i64, "{what}");
                for (bucket, edge) in fine.iter().zip(FINE_EDGES) {
                    assert_eq!(bucket["lower_seconds"].as_f64(), Some(edge), "{what}");
                }
                // The standard buckets stay as they were, and the fine ones refine them.
                let standard: Vec<i64> = standard
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|b| b["first_responses"].as_i64().unwrap())
                    .collect();
                assert_eq!(standard.len(), 5);
                assert_eq!(standard[0], counts[..4].iter().sum::<i64>(), "{what}");
                assert_eq!(standard[1..], counts[4..], "{what}");
                populated += usize::from(counts.iter().filter(|c| **c > 0).count() >= 3);
            }
        }
    }
    assert!(populated >= 8, "the data exercised the fine buckets: {populated}");

    // --fine belongs to frt-distribution.
    let out = support::geniai(&target).args(["report", "kpis", "--tenant", "odd", "--fine"]).assert().code(2);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(stderr.contains("--fine applies to `report frt-distribution` only"), "{stderr}");
}

fn tenant_json(db: &TestDb, args: &[&str]) -> Value {
    let out = support::geniai(db).args(["tenant"]).args(args).args(["--format", "json"]).assert().success();
    serde_json::from_slice(&out.get_output().stdout).unwrap()
}

#[tokio::test]
async fn a_tenant_has_a_default_locale_that_is_validated_shown_and_audited() {
    let db = support::migrated_db().await;
    support::geniai(&db)
        .args(["tenant", "create", "--slug", "loja", "--name", "Loja", "--locale", "pt-BR"])
        .assert()
        .success();
    support::geniai(&db).args(["tenant", "create", "--slug", "acme", "--name", "Acme"]).assert().success();
    assert_eq!(tenant_json(&db, &["show", "loja"])["locale"], "pt-BR");
    assert_eq!(tenant_json(&db, &["show", "acme"])["locale"], "en", "the default");
    assert_eq!(tenant_json(&db, &["settings", "loja"])["locale"], "pt-BR");
    let show = support::geniai(&db).args(["tenant", "show", "loja"]).assert().success();
    assert!(String::from_utf8_lossy(&show.get_output().stdout).contains("pt-BR"));

    let changed = tenant_json(&db, &["settings", "acme", "--locale", "pt-BR"]);
    assert_eq!(changed["locale"], "pt-BR");
    assert_eq!(tenant_json(&db, &["show", "acme"])["locale"], "pt-BR");
    // Other settings leave the locale alone.
    tenant_json(&db, &["settings", "acme", "--display-name", "Acme SA"]);
    assert_eq!(tenant_json(&db, &["show", "acme"])["locale"], "pt-BR");

    for args in [
        &["tenant", "create", "--slug", "bad", "--name", "Bad", "--locale", "fr"][..],
        &["tenant", "settings", "acme", "--locale", "pt_BR"][..],
        &["tenant", "settings", "acme", "--locale", ""][..],
    ] {
        let out = support::geniai(&db).args(args).assert().code(2);
        let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
        assert!(stderr.contains("--locale") && stderr.contains("en, pt-BR"), "{args:?}: {stderr}");
    }
    assert_eq!(tenant_json(&db, &["list"]).as_array().unwrap().len(), 2, "nothing created");
    assert_eq!(tenant_json(&db, &["show", "acme"])["locale"], "pt-BR", "nothing changed");

    let audit = {
        let out = support::geniai(&db).args(["audit", "--format", "json"]).assert().success();
        serde_json::from_slice::<Value>(&out.get_output().stdout).unwrap()
    };
    let entries = audit.as_array().unwrap();
    let created =
        entries.iter().find(|e| e["action"] == "tenant.create" && e["entity"] == "tenant:loja").unwrap();
    assert_eq!(created["after"]["locale"], "pt-BR");
    let set = entries
        .iter()
        .find(|e| e["action"] == "tenant.settings" && e["before"]["locale"] == "en")
        .expect("the locale change is audited");
    assert_eq!(set["entity"], "tenant:acme");
    assert_eq!(set["after"]["locale"], "pt-BR");
}

/// `report daily --bucket hour`: one row per local hour of the period's timezone, keyed by its
/// local start, each counting the source conversations created in that local hour. The 25-hour
/// fall-back day in New York has 24 rows, its repeated 01:00 holding both UTC hours; a +05:30
/// zone's hours start at half past UTC hours. The other bucket values are unchanged.
#[tokio::test]
async fn daily_hour_buckets_count_the_local_hours_of_the_source() {
    let (source, target, tenants) = loaded().await;
    let mut nonzero = 0;
    for (slug, tenant_tz, inboxes) in &tenants {
        for entry in &PERIODS[1..4] {
            let (period, tz, extra) = resolve(entry, tenant_tz);
            let created = created_in(&source, inboxes, &period).await;
            let mut expected = std::collections::BTreeMap::<String, i64>::new();
            for at in &created {
                let local = at.and_utc().with_timezone(&tz);
                *expected.entry(local.format("%Y-%m-%dT%H:00").to_string()).or_default() += 1;
            }
            let mut args = vec!["daily", "--tenant", slug, "--bucket", "hour"];
            args.extend(extra.iter().map(String::as_str));
            let rows = report_json(&target, &args);
            let rows = rows.as_array().unwrap();
            let days = {
                let first = period.from.with_timezone(&tz).date_naive();
                let last = (period.to - chrono::Duration::microseconds(1)).with_timezone(&tz).date_naive();
                (last - first).num_days() + 1
            };
            assert_eq!(rows.len() as i64, 24 * days, "{slug} {entry:?}: every local hour once");
            let first_key = period.from.with_timezone(&tz).format("%Y-%m-%dT%H:00").to_string();
            assert_eq!(rows[0]["date"], first_key.as_str(), "{slug} {entry:?}");
            for row in rows {
                let key = row["date"].as_str().unwrap();
                assert_eq!(
                    row["conversations"].as_i64().unwrap(),
                    expected.get(key).copied().unwrap_or(0),
                    "{slug} {entry:?} {key}"
                );
                nonzero += usize::from(row["conversations"] != 0);
            }
            let total: i64 = rows.iter().map(|r| r["conversations"].as_i64().unwrap()).sum();
            assert_eq!(total, created.len() as i64, "{slug} {entry:?}: every conversation in one hour");
            if entry.0 == Some("2026-11-01") {
                let two_utc_hours = created
                    .iter()
                    .filter(|t| t.date().to_string() == "2026-11-01" && (5..7).contains(&t.hour()))
                    .count() as i64;
                assert_eq!(rows[1]["date"], "2026-11-01T01:00");
                assert_eq!(rows[1]["conversations"], two_utc_hours, "the repeated hour: {}", rows[1]);
            }
        }
    }
    assert!(nonzero > 100, "the data exercised the hours: {nonzero}");
    // The existing values still mean what they meant.
    for (bucket, key) in [("day", "2026-09-01"), ("week", "2026-08-31"), ("month", "2026-09-01")] {
        let rows = report_json(
            &target,
            &["daily", "--tenant", "even", "--bucket", bucket, "--from", "2026-09-01", "--to", "2026-10-01"],
        );
        assert_eq!(rows[0]["date"], key, "--bucket {bucket}");
    }
}

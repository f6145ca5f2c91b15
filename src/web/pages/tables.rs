//! The dashboard's tables by dimension: inbox, agent, team, label and channel. This module owns
//! their columns, the order the server renders them in (most conversations first, ties by name),
//! their totals row, and the markup `static/page.js` sorts by: each cell carries its raw value in
//! `data-sort` and each header its kind in `data-type`, so the script never parses a formatted,
//! localised number ("1.234") and sorts names as names, never an agent's id as text.
//!
//! The totals row is the tenant's `kpis` record for the same period: the same report code over
//! the whole tenant. Its counts are the sums of the rows for the dimensions that split the
//! conversations (each one falls in exactly one inbox, agent, team or channel, "none"
//! included), and its averages and median are weighted by every event, never an average of the
//! rows' averages. Labels overlap (a conversation with two labels counts under both), so their
//! totals row counts each conversation once and says so.

use std::cmp::Ordering;

use maud::{Markup, html};
use serde_json::{Map, Value};

use crate::reports::ReportKind;
use crate::web::i18n::Lang;

/// One table by dimension: its report, and the keys of its words.
#[derive(Debug, Clone, Copy)]
pub struct Dimension {
    /// The report whose rows the table shows (`geniai report KIND`).
    pub kind: ReportKind,
    /// The section heading.
    pub title: &'static str,
    /// The header of the name column.
    pub first: &'static str,
    /// The line shown when the period has no row.
    pub empty: &'static str,
}

impl Dimension {
    /// Whether a conversation can count in more than one row (labels), so that the rows do not
    /// add up to the totals.
    pub fn overlapping(self) -> bool {
        self.kind == ReportKind::Labels
    }
}

/// The five tables, in the order the page shows them.
pub const DIMENSIONS: [Dimension; 5] = [
    Dimension { kind: ReportKind::Inboxes, title: "by-inbox", first: "col-inbox", empty: "empty-inboxes" },
    Dimension { kind: ReportKind::Agents, title: "by-agent", first: "col-agent", empty: "empty-agents" },
    Dimension { kind: ReportKind::Teams, title: "by-team", first: "col-team", empty: "empty-teams" },
    Dimension { kind: ReportKind::Labels, title: "by-label", first: "col-label", empty: "empty-labels" },
    Dimension {
        kind: ReportKind::Channels,
        title: "by-channel",
        first: "col-channel",
        empty: "empty-channels",
    },
];

/// How a column's values are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Int,
    Duration,
    Decimal,
}

/// A metric column: the key of its header, the JSON field it shows, how it is written.
struct Column {
    header: &'static str,
    field: &'static str,
    format: Format,
}

/// The metric columns, after the name.
const COLUMNS: [Column; 6] = [
    Column { header: "col-conversations", field: "conversations", format: Format::Int },
    Column { header: "col-resolutions", field: "resolutions", format: Format::Int },
    Column {
        header: "col-avg-first-response",
        field: "avg_first_response_seconds",
        format: Format::Duration,
    },
    Column {
        header: "col-median-first-response",
        field: "median_first_response_seconds",
        format: Format::Duration,
    },
    Column { header: "col-avg-resolution", field: "avg_resolution_seconds", format: Format::Duration },
    Column { header: "col-csat", field: "csat_average", format: Format::Decimal },
];

/// A value as the reader sees it (`—` when there is none).
fn shown(lang: Lang, row: &Map<String, Value>, column: &Column) -> String {
    let value = row.get(column.field);
    let text = match column.format {
        Format::Int => value.and_then(Value::as_i64).map(|v| lang.int(v)),
        Format::Duration => value.and_then(Value::as_f64).map(|v| lang.duration(v)),
        Format::Decimal => value.and_then(Value::as_f64).map(|v| lang.decimal(v, 2)),
    };
    text.unwrap_or_else(|| "—".into())
}

/// A value as the script sorts it: the raw number, or empty when there is none (sorted last).
fn raw(row: &Map<String, Value>, field: &str) -> String {
    match row.get(field) {
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

/// The JSON field a dimension's rows carry their key in (`inbox_id`, `label`, ...).
fn key_field(kind: ReportKind) -> &'static str {
    kind.dimension().map(|(_, field)| field).unwrap_or("name")
}

/// The row's name as shown: its display name, else its key (an agent not yet synced shows its
/// id); `None` for the row of conversations without one (unassigned, no label, ...). Channels
/// drop Chatwoot's `Channel::` prefix.
pub fn row_name(kind: ReportKind, row: &Map<String, Value>) -> Option<String> {
    let text = |field: &str| match row.get(field) {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let name = text("name").or_else(|| text(key_field(kind)))?;
    Some(match kind {
        ReportKind::Channels => name.strip_prefix("Channel::").map(str::to_string).unwrap_or(name),
        _ => name,
    })
}

/// The server's order: most conversations first; ties by name (case-insensitive), the row
/// without a name after the named ones. Without script the table stays in this order.
pub fn server_order(kind: ReportKind, rows: &mut [Map<String, Value>]) {
    let conversations =
        |row: &Map<String, Value>| row.get("conversations").and_then(Value::as_i64).unwrap_or(0);
    rows.sort_by(|a, b| {
        conversations(b).cmp(&conversations(a)).then_with(|| by_name(row_name(kind, a), row_name(kind, b)))
    });
}

/// Names in reading order, case-insensitively; no name sorts last.
fn by_name(a: Option<String>, b: Option<String>) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => a.to_lowercase().cmp(&b.to_lowercase()).then_with(|| a.cmp(&b)),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// A table by dimension, in the server's order, with its totals row (`totals`: the tenant's
/// `kpis` record for the same period).
pub fn dimension_table(
    lang: Lang,
    dimension: Dimension,
    mut rows: Vec<Map<String, Value>>,
    totals: &Map<String, Value>,
) -> Markup {
    server_order(dimension.kind, &mut rows);
    let first = lang.t(dimension.first);
    let headers: Vec<String> = COLUMNS.iter().map(|c| lang.t(c.header)).collect();
    let (total_label, total_note) = if dimension.overlapping() {
        (lang.t("table-total-distinct"), Some(lang.t("table-total-distinct-note")))
    } else {
        (lang.t("table-total"), None)
    };
    html! {
        table.stack.sortable id=(format!("table-{}", dimension.kind.slug())) data-report=(dimension.kind.slug()) {
            thead { tr {
                th.name scope="col" data-type="text" { (first) }
                @for (column, header) in COLUMNS.iter().zip(&headers) {
                    th.num scope="col" data-type="number" data-field=(column.field)
                        aria-sort=[(column.field == "conversations").then_some("descending")] { (header) }
                }
            } }
            tbody {
                @for row in &rows {
                    @let name = row_name(dimension.kind, row);
                    @let label = name.clone().unwrap_or_else(|| lang.t("none"));
                    tr {
                        td.name data-label=(first) data-sort=(name.unwrap_or_default()) {
                            span title=(label) { (label) }
                        }
                        @for (column, header) in COLUMNS.iter().zip(&headers) {
                            td.num data-label=(header) data-sort=(raw(row, column.field)) { (shown(lang, row, column)) }
                        }
                    }
                }
                @if rows.is_empty() { tr { td colspan=(COLUMNS.len() + 1) .muted { (lang.t(dimension.empty)) } } }
            }
            tfoot {
                tr.total {
                    td.name data-label=(first) { span title=(total_note.clone().unwrap_or_else(|| total_label.clone())) { (total_label) } }
                    @for (column, header) in COLUMNS.iter().zip(&headers) {
                        td.num data-label=(header) data-field=(column.field) data-value=(raw(totals, column.field)) {
                            (shown(lang, totals, column))
                        }
                    }
                }
            }
        }
        @if let Some(note) = total_note { p.muted.table-note { (note) } }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn rows(values: Value) -> Vec<Map<String, Value>> {
        values.as_array().unwrap().iter().map(|v| v.as_object().unwrap().clone()).collect()
    }

    fn names(kind: ReportKind, rows: &[Map<String, Value>]) -> Vec<Option<String>> {
        rows.iter().map(|r| row_name(kind, r)).collect()
    }

    #[test]
    fn most_conversations_first_then_names_never_ids_as_text() {
        // The report's own order is by key as text: "10" before "9".
        let mut agents = rows(json!([
            {"agent_id": null, "name": null, "conversations": 5},
            {"agent_id": 10, "name": "bruno", "conversations": 5},
            {"agent_id": 9, "name": "Carla", "conversations": 7},
            {"agent_id": 11, "name": "Ana", "conversations": 5},
            {"agent_id": 12, "name": null, "conversations": 1},
        ]));
        server_order(ReportKind::Agents, &mut agents);
        let expected = [Some("Carla"), Some("Ana"), Some("bruno"), None, Some("12")];
        assert_eq!(names(ReportKind::Agents, &agents), expected.map(|n| n.map(str::to_string)));
    }

    #[test]
    fn channels_read_without_chatwoots_prefix_and_none_is_no_name() {
        let row = |v: Value| v.as_object().unwrap().clone();
        let whatsapp = row(json!({"channel_type": "Channel::Whatsapp", "name": "Channel::Whatsapp"}));
        assert_eq!(row_name(ReportKind::Channels, &whatsapp).as_deref(), Some("Whatsapp"));
        assert_eq!(row_name(ReportKind::Labels, &row(json!({"label": null, "name": null}))), None);
        assert_eq!(
            row_name(ReportKind::Inboxes, &row(json!({"inbox_id": 3, "name": null}))).as_deref(),
            Some("3")
        );
    }

    #[test]
    fn cells_carry_raw_values_and_the_totals_row_is_the_tenants_record() {
        let lang = Lang(crate::admin::Locale::PtBr);
        let inboxes = rows(json!([
            {"inbox_id": 1, "name": "Site", "conversations": 1200, "resolutions": 3, "avg_first_response_seconds": 61.5,
             "median_first_response_seconds": null, "avg_resolution_seconds": null, "csat_average": 4.5},
            {"inbox_id": 2, "name": "WhatsApp", "conversations": 1300, "resolutions": 4, "avg_first_response_seconds": 20.0,
             "median_first_response_seconds": 20.0, "avg_resolution_seconds": 10.0, "csat_average": null},
        ]));
        let totals = json!({"conversations": 2500, "resolutions": 7, "avg_first_response_seconds": 37.5,
                            "median_first_response_seconds": 20.0, "avg_resolution_seconds": 10.0, "csat_average": 4.5});
        let html = dimension_table(lang, DIMENSIONS[0], inboxes, totals.as_object().unwrap()).into_string();
        // The server's order, and the raw values the script sorts by (not "1.300").
        assert!(html.find("WhatsApp").unwrap() < html.find(">Site<").unwrap(), "{html}");
        assert!(html.contains(r#"data-sort="1300">1.300<"#), "{html}");
        assert!(html.contains(r#"data-sort="61.5">"#) && html.contains(r#"data-sort="">—<"#), "{html}");
        assert!(html.contains(r#"aria-sort="descending">Conversas<"#), "{html}");
        // The totals: the record's figures, in a footer the script does not move.
        let foot = &html[html.find("<tfoot>").unwrap()..];
        assert!(foot.contains(r#"data-field="conversations" data-value="2500">2.500<"#), "{foot}");
        assert!(foot.contains(r#"data-value="37.5">"#) && foot.contains(">Total<"), "{foot}");
        // Labels overlap: their totals count each conversation once, and say so.
        let labels =
            dimension_table(lang, DIMENSIONS[3], Vec::new(), totals.as_object().unwrap()).into_string();
        assert!(labels.contains(&lang.t("table-total-distinct-note")), "{labels}");
        assert!(labels.contains(&lang.t("empty-labels")), "{labels}");
    }
}

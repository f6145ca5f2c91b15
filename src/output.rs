//! Printing records on stdout as a table (comfy-table), JSON or CSV.
//!
//! Every command that prints records takes `--format table|json|csv`. JSON and CSV keep raw
//! values (seconds, plain numbers, snake_case field names); tables may humanise them. CSV is
//! encoded by [`crate::csv_format`], the encoder the web's downloads use too.

use std::io::Write;

use anyhow::Result;
use clap::ValueEnum;
use comfy_table::{ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};
use serde::Serialize;
use serde_json::Value;

/// How records are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// A table for people (the default).
    #[default]
    Table,
    /// A JSON array (or object, for single records), for scripts.
    Json,
    /// CSV with a header row, for spreadsheets and pipes.
    Csv,
}

/// A record that can be printed. By default the table shows the JSON fields as they are;
/// implementors override [`Tabular::headers`] and [`Tabular::cells`] to humanise.
pub trait Tabular: Serialize {
    /// Column headers for the table view.
    fn headers(&self) -> Vec<String> {
        match serde_json::to_value(self) {
            Ok(Value::Object(map)) => map.keys().cloned().collect(),
            _ => vec!["value".into()],
        }
    }

    /// The row's cells for the table view.
    fn cells(&self) -> Vec<String> {
        match serde_json::to_value(self) {
            Ok(Value::Object(map)) => map.values().map(display_value).collect(),
            Ok(other) => vec![display_value(&other)],
            Err(_) => vec![],
        }
    }
}

/// A value as text: strings bare, null empty, arrays comma-joined.
pub fn display_value(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(display_value).collect::<Vec<_>>().join(", "),
        other => other.to_string(),
    }
}

/// Prints a list of records to stdout.
pub fn print_list<T: Tabular>(records: &[T], format: Format) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, records)?;
            writeln!(out)?;
        }
        Format::Csv => write_csv(&mut out, records)?,
        Format::Table => {
            let Some(first) = records.first() else {
                writeln!(out, "(none)")?;
                return Ok(());
            };
            let mut table = new_table();
            table.set_header(first.headers());
            for record in records {
                table.add_row(record.cells());
            }
            writeln!(out, "{table}")?;
        }
    }
    out.flush()?;
    Ok(())
}

/// Prints one record: a JSON object, a one-row CSV, or a two-column table of fields.
pub fn print_one<T: Tabular>(record: &T, format: Format) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, record)?;
            writeln!(out)?;
        }
        Format::Csv => write_csv(&mut out, std::slice::from_ref(record))?,
        Format::Table => {
            let mut table = new_table();
            for (field, value) in record.headers().into_iter().zip(record.cells()) {
                table.add_row(vec![field, value]);
            }
            writeln!(out, "{table}")?;
        }
    }
    out.flush()?;
    Ok(())
}

/// A table in the house style, wrapping to the terminal (80 columns when not a terminal).
pub fn new_table() -> Table {
    let mut table = Table::new();
    table.load_style(UTF8_FULL_CONDENSED).set_content_arrangement(ContentArrangement::Dynamic);
    if table.width().is_none() {
        table.set_width(80);
    }
    table
}

fn write_csv<T: Serialize>(out: &mut impl Write, records: &[T]) -> Result<()> {
    out.write_all(&crate::csv_format::encode(records)?)?;
    Ok(())
}

/// Humanises a duration in seconds: `42s`, `4m 12s`, `1h 03m`, `2d 04h`.
pub fn human_duration(seconds: f64) -> String {
    if !seconds.is_finite() {
        return "—".into();
    }
    let total = seconds.round().max(0.0) as u64;
    let (d, h, m, s) = (total / 86_400, total / 3_600 % 24, total / 60 % 60, total % 60);
    if d > 0 {
        format!("{d}d {h:02}h")
    } else if h > 0 {
        format!("{h}h {m:02}m")
    } else if m > 0 {
        format!("{m}m {s:02}s")
    } else {
        format!("{s}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_are_humanised() {
        assert_eq!(human_duration(42.0), "42s");
        assert_eq!(human_duration(252.0), "4m 12s");
        assert_eq!(human_duration(3780.0), "1h 03m");
        assert_eq!(human_duration(187_200.0), "2d 04h");
    }
}

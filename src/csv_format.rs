//! The one CSV encoder behind every CSV geniai writes: `--format csv` of every command, the
//! dashboard's downloads and the per-conversation export, so that the CLI and the web write the
//! same bytes for the same records.
//!
//! Records are anything `Serialize` that becomes a JSON object; a cell is encoded from its JSON
//! value, so the data model decides what is a number and what is text:
//! - numbers: integers as they are; floats in plain decimal, the shortest form that reads back
//!   to the same value, without exponent or a `.0` for whole values (`1800`, `90.25`);
//! - timestamps: as the records serialise them, RFC 3339 in UTC with `Z`
//!   (`2026-03-02T09:30:00Z`, fractional seconds only when there are some);
//! - null: an empty cell; `true` / `false`; lists: their items joined with `;`;
//! - text: as it is, except that text starting with `=`, `+`, `-`, `@`, tab or carriage return
//!   gets a leading `'`, as OWASP recommends against CSV injection: names come from Chatwoot,
//!   where anyone who can name an agent or a label could otherwise plant a live formula in a
//!   client's spreadsheet. Numbers are never altered (a negative number is not a formula).
//!
//! Lines end with `\n`; fields are quoted only when they need it.

use anyhow::{Context, Result};
use serde::Serialize;
use serde_json::{Map, Number, Value};

/// Encodes records as CSV into memory; [`CsvEncoder::take`] hands over what is encoded so far,
/// so that a stream of any length can be written out in chunks.
pub struct CsvEncoder {
    writer: csv::Writer<Vec<u8>>,
    /// The header row, once written: every record's cells follow its order.
    columns: Option<Vec<String>>,
}

impl Default for CsvEncoder {
    fn default() -> Self {
        Self::new()
    }
}

impl CsvEncoder {
    /// An encoder whose header row is the first record's fields.
    pub fn new() -> Self {
        CsvEncoder { writer: new_writer(), columns: None }
    }

    /// An encoder that writes the header row `columns` at once, so that an empty stream still
    /// names its columns.
    pub fn with_columns(columns: &[&str]) -> Result<Self> {
        let mut encoder = Self::new();
        encoder.write_header(columns.iter().map(|c| c.to_string()).collect())?;
        Ok(encoder)
    }

    /// An encoder whose cells follow `columns` but whose header row reads `labels` (the
    /// dashboard's downloads name their columns in the reader's language; the CLI and the API
    /// keep the field names).
    pub fn with_labelled_columns(columns: &[&str], labels: &[String]) -> Result<Self> {
        let mut encoder = Self::new();
        encoder.writer.write_record(labels).context("encoding the CSV header")?;
        encoder.columns = Some(columns.iter().map(|c| c.to_string()).collect());
        Ok(encoder)
    }

    /// Encodes one record (it must serialise to a JSON object).
    pub fn write<T: Serialize>(&mut self, record: &T) -> Result<()> {
        match serde_json::to_value(record).context("encoding a CSV record")? {
            Value::Object(object) => self.write_object(&object),
            _ => anyhow::bail!("a CSV record must be an object"),
        }
    }

    /// Encodes one record given as a JSON object. A field missing from it is an empty cell.
    pub fn write_object(&mut self, object: &Map<String, Value>) -> Result<()> {
        if self.columns.is_none() {
            self.write_header(object.keys().cloned().collect())?;
        }
        let columns = self.columns.as_deref().unwrap_or_default();
        let cells = columns.iter().map(|c| object.get(c).map(cell).unwrap_or_default());
        self.writer.write_record(cells).context("encoding a CSV record")
    }

    /// Encodes one record given as its cells, already in the header's order and formatted as
    /// [`cell`] formats values ([`text`], [`float`]): for a stream of records of one known
    /// shape, where building a JSON object per record would cost more than the rest of the export
    /// (the per-conversation export, whose tests hold the two paths to the same bytes).
    pub fn write_cells<I, T>(&mut self, cells: I) -> Result<()>
    where
        I: IntoIterator<Item = T>,
        T: AsRef<[u8]>,
    {
        self.writer.write_record(cells).context("encoding a CSV record")
    }

    /// How many encoded bytes wait to be taken.
    pub fn pending(&mut self) -> Result<usize> {
        self.writer.flush().context("encoding CSV")?;
        Ok(self.writer.get_ref().len())
    }

    /// The bytes encoded since the last call.
    pub fn take(&mut self) -> Result<Vec<u8>> {
        std::mem::replace(&mut self.writer, new_writer()).into_inner().context("encoding CSV")
    }

    fn write_header(&mut self, columns: Vec<String>) -> Result<()> {
        self.writer.write_record(&columns).context("encoding the CSV header")?;
        self.columns = Some(columns);
        Ok(())
    }
}

fn new_writer() -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new().has_headers(false).from_writer(Vec::new())
}

/// Records as a whole CSV text, header row first (nothing at all for no records).
pub fn encode<T: Serialize>(records: &[T]) -> Result<Vec<u8>> {
    let mut encoder = CsvEncoder::new();
    for record in records {
        encoder.write(record)?;
    }
    encoder.take()
}

/// A JSON value as a CSV cell, in the format described above.
pub fn cell(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => number(n),
        Value::String(s) => text(s),
        Value::Array(items) => text(&items.iter().map(item).collect::<Vec<_>>().join(";")),
        Value::Object(_) => text(&value.to_string()),
    }
}

/// A list item, before the joined list is treated as text.
fn item(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Number(n) => number(n),
        other => cell(other),
    }
}

fn number(n: &Number) -> String {
    match n.as_f64() {
        // Display of f64 is the shortest decimal that reads back the same, never an exponent.
        Some(f) if n.is_f64() => f.to_string(),
        _ => n.to_string(),
    }
}

/// A float cell, as [`cell`] writes the JSON number it serialises to (none for NaN or an
/// infinity, which serialise to null).
pub fn float(f: f64) -> String {
    if f.is_finite() { f.to_string() } else { String::new() }
}

/// Text, neutralised when a spreadsheet would read it as a formula.
pub fn text(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{s}") } else { s.to_string() }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn numbers_stay_numbers_and_floats_are_plain() {
        assert_eq!(cell(&json!(3)), "3");
        assert_eq!(cell(&json!(-5)), "-5");
        assert_eq!(cell(&json!(-2.5)), "-2.5");
        assert_eq!(cell(&json!(1800.0)), "1800");
        assert_eq!(cell(&json!(0.1 + 0.2)), "0.30000000000000004");
        assert_eq!(cell(&json!(1e21)), "1000000000000000000000");
        assert_eq!(cell(&Value::Null), "");
        assert_eq!(cell(&json!(true)), "true");
    }

    #[test]
    fn formula_text_is_neutralised() {
        for evil in ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"] {
            assert_eq!(cell(&json!(evil)), format!("'{evil}"));
        }
        assert_eq!(cell(&json!("a=b")), "a=b");
        assert_eq!(cell(&json!(["-a", "b"])), "'-a;b");
        assert_eq!(cell(&json!(["a", "=b"])), "a;=b", "only a cell's start is read as a formula");
        assert_eq!(cell(&json!([1, 2])), "1;2");
    }

    #[test]
    fn timestamps_are_utc_with_z() {
        let at = chrono::DateTime::parse_from_rfc3339("2026-03-02T06:30:00-03:00").unwrap().to_utc();
        assert_eq!(cell(&json!(at)), "2026-03-02T09:30:00Z");
    }

    #[test]
    fn records_follow_the_header_and_stream_in_chunks() {
        let mut encoder = CsvEncoder::with_columns(&["a", "b"]).unwrap();
        assert_eq!(encoder.take().unwrap(), b"a,b\n");
        encoder.write(&json!({"b": "x,y", "a": null})).unwrap();
        assert!(encoder.pending().unwrap() > 0);
        encoder.write(&json!({"a": 1.5})).unwrap();
        assert_eq!(String::from_utf8(encoder.take().unwrap()).unwrap(), ",\"x,y\"\n1.5,\n");
        assert_eq!(encode::<Value>(&[]).unwrap(), b"");
        let rows = [json!({"label": "vip", "conversations": 3, "avg": null, "labels": ["a", "b"]})];
        assert_eq!(encode(&rows).unwrap(), b"label,conversations,avg,labels\nvip,3,,a;b\n");
    }
}

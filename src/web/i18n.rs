//! The dashboard's languages: its words, in Fluent files a translator edits (`locales/en/*.ftl`,
//! `locales/pt-BR/*.ftl`, compiled into the binary), and its number, date and duration formats.
//!
//! Which language a request speaks is decided once per request: [`negotiate`] starts it at the
//! browser's `Accept-Language` (all the login page has), and the logged-in user's extractor
//! replaces it with the user's own choice, else the tenant's default ([`resolve`]). Pages render
//! in [`Lang`] values handed down explicitly; only error pages, rendered where no user is at
//! hand, read the request's language back through [`current`]. The CLI and the JSON API stay
//! English: their field names and messages are a contract.

use std::cell::Cell;

use axum::extract::Request;
use axum::http::{HeaderMap, header};
use axum::middleware::Next;
use axum::response::Response;
use chrono::{DateTime, NaiveDate, TimeZone};
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, langid};

use crate::admin::Locale;

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // Interpolated values are plain text in HTML: no Unicode isolation marks around them.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static EN: LanguageIdentifier = langid!("en");
static PT_BR: LanguageIdentifier = langid!("pt-BR");

/// A message to show in the reader's language: its Fluent key and arguments (already formatted
/// for that language where they are numbers or dates).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Msg {
    /// The Fluent key, e.g. `error-unknown-timezone`.
    pub key: &'static str,
    /// `{ $name }` arguments.
    pub args: Vec<(&'static str, String)>,
}

impl Msg {
    /// A message without arguments.
    pub fn new(key: &'static str) -> Msg {
        Msg { key, args: Vec::new() }
    }

    /// The same message with one more argument.
    pub fn arg(mut self, name: &'static str, value: impl Into<String>) -> Msg {
        self.args.push((name, value.into()));
        self
    }
}

/// A language: its words and its formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Lang(pub Locale);

impl Lang {
    /// English, the language of the API and of anything without a reader.
    pub const EN: Lang = Lang(Locale::En);

    fn id(self) -> &'static LanguageIdentifier {
        match self.0 {
            Locale::En => &EN,
            Locale::PtBr => &PT_BR,
        }
    }

    /// The BCP 47 tag, for `<html lang>`.
    pub fn tag(self) -> &'static str {
        self.0.tag()
    }

    /// The text of `key` (the key itself if no file has it, which a test rules out).
    pub fn t(self, key: &str) -> String {
        LOCALES.try_lookup(self.id(), key).unwrap_or_else(|| key.to_string())
    }

    /// The text of `key` with `{ $name }` arguments.
    pub fn t_args(self, key: &str, args: &[(&str, String)]) -> String {
        let args = args
            .iter()
            .map(|(name, value)| {
                (std::borrow::Cow::Owned(name.to_string()), FluentValue::from(value.clone()))
            })
            .collect();
        LOCALES.try_lookup_with_args(self.id(), key, &args).unwrap_or_else(|| key.to_string())
    }

    /// The text of a [`Msg`].
    pub fn msg(self, msg: &Msg) -> String {
        if msg.args.is_empty() { self.t(msg.key) } else { self.t_args(msg.key, &msg.args) }
    }

    fn separators(self) -> (char, char) {
        match self.0 {
            Locale::En => (',', '.'),
            Locale::PtBr => ('.', ','),
        }
    }

    /// A whole number with thousands grouped: `1,234` / `1.234`.
    pub fn int(self, value: i64) -> String {
        let digits = value.unsigned_abs().to_string();
        let (group, _) = self.separators();
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(group);
            }
            out.push(c);
        }
        if value < 0 { format!("-{out}") } else { out }
    }

    /// A number with `places` decimals: `4.25` / `4,25` (thousands grouped).
    pub fn decimal(self, value: f64, places: usize) -> String {
        if !value.is_finite() {
            return "—".into();
        }
        let text = format!("{:.*}", places, value.abs());
        let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
        let whole = self.int(whole.parse::<i64>().unwrap_or(0));
        let sign = if value < 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0') { "-" } else { "" };
        let (_, point) = self.separators();
        if fraction.is_empty() { format!("{sign}{whole}") } else { format!("{sign}{whole}{point}{fraction}") }
    }

    /// A share (0..1) as a percentage with one decimal: `51.5%` / `51,5%`.
    pub fn percent(self, fraction: f64) -> String {
        format!("{}%", self.decimal(fraction * 100.0, 1))
    }

    /// A date: `2026-12-02` / `02/12/2026`.
    pub fn date(self, date: NaiveDate) -> String {
        match self.0 {
            Locale::En => date.format("%Y-%m-%d").to_string(),
            Locale::PtBr => date.format("%d/%m/%Y").to_string(),
        }
    }

    /// A short date for chart axes: `12-02` / `02/12`.
    pub fn short_date(self, date: NaiveDate) -> String {
        match self.0 {
            Locale::En => date.format("%m-%d").to_string(),
            Locale::PtBr => date.format("%d/%m").to_string(),
        }
    }

    /// A date and time to the minute: `2026-12-02 14:05` / `02/12/2026 14:05`.
    pub fn datetime<Z: TimeZone>(self, at: &DateTime<Z>) -> String
    where
        Z::Offset: std::fmt::Display,
    {
        match self.0 {
            Locale::En => at.format("%Y-%m-%d %H:%M").to_string(),
            Locale::PtBr => at.format("%d/%m/%Y %H:%M").to_string(),
        }
    }

    /// A duration: `4m 12s`, `1h 03m`, `2d 05h` (the units read the same in both languages).
    pub fn duration(self, seconds: f64) -> String {
        crate::output::human_duration(seconds)
    }

    /// How long ago, worded as `static/freshness.js` words it from [`Lang::ago_templates`].
    pub fn ago(self, seconds: f64) -> String {
        let s = seconds.max(0.0).round() as u64;
        let (key, n) = match s {
            0..60 => ("ago-seconds", s),
            60..3600 => ("ago-minutes", s / 60),
            3600..86_400 => ("ago-hours", s / 3600),
            _ => ("ago-days", s / 86_400),
        };
        self.t_args(key, &[("n", n.to_string())])
    }

    /// The four "ago" wordings with `{n}` where the number goes, for the page's script.
    pub fn ago_templates(self) -> [String; 4] {
        ["ago-seconds", "ago-minutes", "ago-hours", "ago-days"]
            .map(|k| self.t_args(k, &[("n", "{n}".into())]))
    }
}

/// The dashboard's language for a user: their own choice, else their tenant's default, else
/// what the browser asks for.
pub fn resolve(user_choice: Option<Locale>, tenant_default: Option<Locale>, browser: Locale) -> Lang {
    Lang(user_choice.or(tenant_default).unwrap_or(browser))
}

/// The best of our locales for an `Accept-Language` header (English when none matches).
pub fn from_accept_language(headers: &HeaderMap) -> Locale {
    let Some(value) = headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()) else {
        return Locale::En;
    };
    let mut best: Option<(f32, Locale)> = None;
    for part in value.split(',') {
        let mut pieces = part.split(';');
        let tag = pieces.next().unwrap_or("").trim().to_ascii_lowercase();
        let quality = pieces
            .find_map(|p| p.trim().strip_prefix("q=").and_then(|q| q.parse::<f32>().ok()))
            .unwrap_or(1.0);
        // Any Portuguese reads pt-BR better than English; any English is English.
        let locale = match tag.split('-').next() {
            Some("pt") => Locale::PtBr,
            Some("en") => Locale::En,
            _ => continue,
        };
        if quality > 0.0 && best.is_none_or(|(q, _)| quality > q) {
            best = Some((quality, locale));
        }
    }
    best.map(|(_, l)| l).unwrap_or(Locale::En)
}

tokio::task_local! {
    static REQUEST_LOCALE: Cell<Locale>;
}

/// The language of the request being handled (English outside one).
pub fn current() -> Lang {
    REQUEST_LOCALE.try_with(|l| Lang(l.get())).unwrap_or_default()
}

/// Makes `lang` the language of the request being handled (once its user is known).
pub fn set_current(lang: Lang) {
    let _ = REQUEST_LOCALE.try_with(|l| l.set(lang.0));
}

/// Middleware: each request starts in its browser's language.
pub async fn negotiate(request: Request, next: Next) -> Response {
    let locale = from_accept_language(request.headers());
    REQUEST_LOCALE.scope(Cell::new(locale), next.run(request)).await
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    /// The message keys a Fluent file defines (`key = ...` at the start of a line).
    fn keys(text: &str) -> BTreeSet<String> {
        text.lines()
            .filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_lowercase()))
            .filter_map(|l| l.split_once(" =").map(|(k, _)| k.trim().to_string()))
            .collect()
    }

    fn files(locale: &str) -> String {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("locales").join(locale);
        let mut text = String::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            text.push_str(&std::fs::read_to_string(entry.unwrap().path()).unwrap());
            text.push('\n');
        }
        text
    }

    #[test]
    fn both_languages_define_the_same_keys() {
        let (en, pt) = (keys(&files("en")), keys(&files("pt-BR")));
        assert!(en.len() > 100, "{}", en.len());
        let missing_pt: Vec<_> = en.difference(&pt).collect();
        let missing_en: Vec<_> = pt.difference(&en).collect();
        assert!(missing_pt.is_empty(), "pt-BR lacks {missing_pt:?}");
        assert!(missing_en.is_empty(), "en lacks {missing_en:?}");
        // Every argument any message takes, so that each resolves in full.
        let args: Vec<(&str, String)> = [
            "status",
            "value",
            "from",
            "to",
            "days",
            "detail",
            "max",
            "tenant",
            "tz",
            "label",
            "conversations",
            "resolutions",
            "n",
            "change",
            "previous",
            "range",
            "percent",
            "direction",
            "verdict",
            "year",
            "month",
            "weekday",
            "hour",
            "email",
            "choices",
            "min",
            "key",
            "configured",
            "name",
        ]
        .iter()
        .map(|n| (*n, "x".to_string()))
        .collect();
        for key in &en {
            for lang in [Lang(Locale::En), Lang(Locale::PtBr)] {
                let args = args
                    .iter()
                    .map(|(n, v)| (std::borrow::Cow::Owned(n.to_string()), FluentValue::from(v.clone())))
                    .collect();
                let text = LOCALES.try_lookup_with_args(lang.id(), key, &args);
                assert!(text.is_some(), "{key} does not resolve in {}", lang.tag());
            }
        }
    }

    #[test]
    fn every_domain_message_reads_in_both_languages_without_a_flag() {
        use crate::error::MessageId;
        let args = ["value", "max", "min", "choices", "from", "to", "key", "configured", "name"]
            .map(|n| (n, "x".to_string()));
        for id in MessageId::ALL {
            for lang in [Lang(Locale::En), Lang(Locale::PtBr)] {
                let text = lang.t_args(id.key(), &args);
                assert_ne!(text, id.key(), "{id:?} has no sentence in {}", lang.tag());
                assert!(!text.contains("--") && !text.contains("geniai "), "{id:?} names the CLI: {text}");
            }
        }
        let short = crate::password::validate("short").unwrap_err();
        let web = crate::web::WebError::Domain(short.clone());
        assert_eq!(
            web.status_and_message_in(Lang(Locale::PtBr)).1,
            "a senha deve ter pelo menos 12 caracteres"
        );
        assert_eq!(short.to_string(), "the password must be at least 12 characters long", "the CLI's words");
    }

    #[test]
    fn numbers_and_dates_follow_the_locale() {
        let (en, pt) = (Lang(Locale::En), Lang(Locale::PtBr));
        assert_eq!(en.int(1234), "1,234");
        assert_eq!(pt.int(1234), "1.234");
        assert_eq!(pt.int(-1234567), "-1.234.567");
        assert_eq!(pt.int(999), "999");
        assert_eq!(en.percent(0.515), "51.5%");
        assert_eq!(pt.percent(0.515), "51,5%");
        assert_eq!(pt.decimal(4.254, 2), "4,25");
        assert_eq!(pt.decimal(1234.5, 1), "1.234,5");
        let date = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
        assert_eq!(pt.date(date), "02/12/2026");
        assert_eq!(en.date(date), "2026-12-02");
        assert_eq!(pt.ago(125.0), "há 2 min");
        assert_eq!(en.ago(125.0), "2 min ago");
        assert_eq!(en.ago(12.0), crate::freshness::ago(12.0));
        assert_eq!(en.t("login-failed"), crate::web::auth::LOGIN_FAILED);
        assert_eq!(en.t("login-busy"), crate::web::auth::LOGIN_BUSY);
    }

    #[test]
    fn accept_language_picks_the_best_match() {
        let with = |v: &str| {
            let mut h = HeaderMap::new();
            h.insert(header::ACCEPT_LANGUAGE, v.parse().unwrap());
            from_accept_language(&h)
        };
        assert_eq!(with("pt-BR,pt;q=0.9,en;q=0.8"), Locale::PtBr);
        assert_eq!(with("en-US,en;q=0.9,pt;q=0.5"), Locale::En);
        assert_eq!(with("de-DE,pt-PT;q=0.7"), Locale::PtBr);
        assert_eq!(with("fr"), Locale::En);
        assert_eq!(from_accept_language(&HeaderMap::new()), Locale::En);
        assert_eq!(resolve(None, Some(Locale::PtBr), Locale::En), Lang(Locale::PtBr));
        assert_eq!(resolve(Some(Locale::En), Some(Locale::PtBr), Locale::PtBr), Lang(Locale::En));
        assert_eq!(resolve(None, None, Locale::PtBr), Lang(Locale::PtBr));
    }
}

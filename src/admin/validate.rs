//! Input rules shared by the CLI and the web: slugs, timezones, colours, emails, inbox ids, URLs.
//! Each returns a [`DomainError`] of kind `Invalid` with a one-line reason.

use std::str::FromStr;

use crate::error::{DomainError, MessageId};

/// Checks a tenant slug: `^[a-z0-9][a-z0-9-]{1,62}$` (2 to 63 characters).
pub fn slug(slug: &str) -> Result<(), DomainError> {
    let bytes = slug.as_bytes();
    let ok = (2..=63).contains(&bytes.len())
        && (bytes[0].is_ascii_lowercase() || bytes[0].is_ascii_digit())
        && bytes.iter().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-');
    if ok {
        Ok(())
    } else {
        Err(DomainError::invalid(format!(
            "invalid slug {slug:?}: use 2 to 63 lower-case letters, digits and '-', starting with a letter or digit"
        ))
        .id(MessageId::InvalidSlug)
        .arg("value", slug))
    }
}

/// A slug suggested from a display name: `"Acme Corp."` becomes `"acme-corp"`.
pub fn suggest_slug(name: &str) -> String {
    let mut slug = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        let c = fold_accent(c);
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let mut slug: String = slug.trim_end_matches('-').chars().take(63).collect();
    while slug.ends_with('-') {
        slug.pop();
    }
    if slug.len() < 2 {
        slug = format!("tenant-{slug}").trim_end_matches('-').to_string();
    }
    slug
}

/// The common Latin accented letters without their accents, so that "Café Ñandú" suggests
/// "cafe-nandu" rather than "caf-and".
fn fold_accent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
        'ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ý' | 'ÿ' => 'y',
        other => other,
    }
}

/// Checks a display name: not blank, at most 200 characters. Returns it trimmed.
pub fn name(name: &str) -> Result<String, DomainError> {
    let trimmed = name.trim();
    if trimmed.is_empty() {
        return Err(DomainError::invalid("the name must not be blank").id(MessageId::NameBlank));
    }
    if trimmed.chars().count() > 200 {
        return Err(DomainError::invalid("the name is longer than 200 characters")
            .id(MessageId::NameTooLong)
            .arg("max", 200));
    }
    Ok(trimmed.to_string())
}

/// Checks an IANA timezone name (`America/Sao_Paulo`, `UTC`) and returns its canonical spelling.
pub fn timezone(tz: &str) -> Result<String, DomainError> {
    chrono_tz::Tz::from_str(tz.trim()).map(|tz| tz.name().to_string()).map_err(|_| {
        DomainError::invalid(format!(
            "unknown timezone {tz:?}: use an IANA name such as America/Sao_Paulo or UTC"
        ))
        .id(MessageId::UnknownTimezone)
        .arg("value", tz)
    })
}

/// Checks a colour written `#RRGGBB`; returns it upper-cased.
pub fn colour(colour: &str) -> Result<String, DomainError> {
    let ok =
        colour.len() == 7 && colour.starts_with('#') && colour[1..].bytes().all(|b| b.is_ascii_hexdigit());
    if ok {
        Ok(colour.to_ascii_uppercase())
    } else {
        Err(DomainError::invalid(format!("invalid colour {colour:?}: write it as #RRGGBB, e.g. #1F6FEB"))
            .id(MessageId::InvalidColour)
            .arg("value", colour))
    }
}

/// Checks an email address and returns it lower-cased (emails are case-insensitive in geniai).
pub fn email(email: &str) -> Result<String, DomainError> {
    let email = email.trim().to_lowercase();
    let invalid = || {
        DomainError::invalid(format!("invalid email address {email:?}"))
            .id(MessageId::InvalidEmail)
            .arg("value", &email)
    };
    let (local, domain) = email.split_once('@').ok_or_else(invalid)?;
    let domain_ok = !domain.is_empty()
        && !domain.contains('@')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && (domain.contains('.') || domain == "localhost");
    let ok = !local.is_empty()
        && domain_ok
        && email.len() <= 254
        && !email.chars().any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | ',' | ';'));
    if ok { Ok(email) } else { Err(invalid()) }
}

/// Parses an inbox id given as text: a positive integer.
pub fn inbox_id(text: &str) -> Result<i32, DomainError> {
    match text.trim().parse::<i64>() {
        Ok(id) if id > 0 && id <= i64::from(i32::MAX) => Ok(id as i32),
        _ => Err(DomainError::invalid(format!("invalid inbox id {text:?}: inbox ids are positive integers"))
            .id(MessageId::InvalidInboxId)
            .arg("value", text)),
    }
}

/// Checks an inbox id given as a number.
pub fn positive_inbox_id(id: i32) -> Result<i32, DomainError> {
    if id > 0 { Ok(id) } else { inbox_id(&id.to_string()) }
}

/// Checks a logo URL: `https://` or `http://`, no spaces or quotes.
pub fn url(url: &str) -> Result<String, DomainError> {
    let url = url.trim();
    let scheme_ok = url.starts_with("https://") || url.starts_with("http://");
    let ok = scheme_ok
        && url.len() > "https://".len()
        && url.len() <= 2000
        && !url.chars().any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '\'' | '<' | '>'));
    if ok {
        Ok(url.to_string())
    } else {
        Err(DomainError::invalid(format!("invalid URL {url:?}: give an http:// or https:// address"))
            .id(MessageId::InvalidUrl)
            .arg("value", url))
    }
}

/// Checks a Chatwoot label name: not blank, no commas, at most 255 characters. Returns it trimmed.
pub fn label(label: &str) -> Result<String, DomainError> {
    let label = label.trim();
    if label.is_empty() || label.len() > 255 || label.contains(',') {
        return Err(DomainError::invalid(format!("invalid label {label:?}"))
            .id(MessageId::InvalidLabel)
            .arg("value", label));
    }
    Ok(label.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_follow_the_pattern() {
        for good in ["acme", "a1", "acme-corp-2", &"a".repeat(63)] {
            assert!(slug(good).is_ok(), "{good}");
        }
        for bad in ["a", "-acme", "Acme", "acme_corp", "acme corp", "", &"a".repeat(64), "açme"] {
            assert!(slug(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn slugs_are_suggested_from_names() {
        assert_eq!(suggest_slug("Acme Corp."), "acme-corp");
        assert_eq!(suggest_slug("  Café Ñandú & Filhos "), "cafe-nandu-filhos");
        assert_eq!(suggest_slug("X"), "tenant-x");
        assert!(slug(&suggest_slug(&"Long Name ".repeat(20))).is_ok());
    }

    #[test]
    fn timezones_colours_emails_and_ids() {
        assert_eq!(timezone("America/Sao_Paulo").unwrap(), "America/Sao_Paulo");
        assert!(timezone("Mars/Olympus").is_err());
        assert_eq!(colour("#1f6feb").unwrap(), "#1F6FEB");
        assert!(colour("1F6FEB").is_err() && colour("#12345G").is_err() && colour("#123").is_err());
        assert_eq!(email(" Ana@Example.COM ").unwrap(), "ana@example.com");
        for bad in ["ana", "ana@", "@example.com", "a b@example.com", "ana@example", "a@b@example.com"] {
            assert!(email(bad).is_err(), "{bad}");
        }
        assert_eq!(inbox_id("42").unwrap(), 42);
        for bad in ["0", "-3", "abc", "1.5", "99999999999"] {
            assert!(inbox_id(bad).is_err(), "{bad}");
        }
        assert!(url("https://cdn.example.com/logo.png").is_ok());
        assert!(url("javascript:alert(1)").is_err());
    }
}

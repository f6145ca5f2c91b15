//! The domain's closed vocabularies (plan, tenant status, locale, user role, ETL trigger, report
//! kind, bucket) as words: each enum says once which values it has and how each is spelled
//! ([`Word`]), and [`word_enum!`] gives it `FromStr` and `Display` from that, and, for the ones
//! stored in text columns, sqlx's encoding as text. Nothing here knows clap: the command layer
//! builds its parsers from [`Word::ALL`] (`cli::choice`), and the web parses form fields with
//! `FromStr`.

use crate::error::{DomainError, MessageId};

/// A domain enum spelled as a word: on the command line, in forms, in the database and in JSON.
pub trait Word: Copy + Sized + Send + Sync + 'static {
    /// What the values are, in an error message ("plan").
    const WHAT: &'static str;
    /// Every value, in the order they are offered.
    const ALL: &'static [Self];
    /// The value's word.
    fn word(self) -> &'static str;
}

/// The value whose word is `text` (ASCII case ignored, surrounding whitespace too), or an
/// invalid-input error that lists the words.
pub fn parse<T: Word>(text: &str) -> Result<T, DomainError> {
    let text = text.trim();
    T::ALL.iter().copied().find(|value| value.word().eq_ignore_ascii_case(text)).ok_or_else(|| {
        let words: Vec<&str> = T::ALL.iter().map(|value| value.word()).collect();
        let listed = match words.split_last() {
            Some((last, [])) => last.to_string(),
            Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
            None => String::new(),
        };
        DomainError::invalid(format!("unknown {} {text:?}: use {listed}", T::WHAT))
            .id(MessageId::UnknownChoice)
            .arg("value", text)
            .arg("choices", words.join(", "))
    })
}

/// Implements `FromStr` (through [`parse`]) and `Display` (the word) for a [`Word`] enum; with
/// `text_column`, also sqlx's `Type`, `Encode` and `Decode` for PostgreSQL as text, so that a
/// row decodes straight into the enum (a word the enum does not know is a decode error).
#[macro_export]
macro_rules! word_enum {
    ($t:ty) => {
        impl ::std::str::FromStr for $t {
            type Err = $crate::error::DomainError;
            fn from_str(text: &str) -> ::std::result::Result<Self, Self::Err> {
                $crate::enums::parse(text)
            }
        }

        impl ::std::fmt::Display for $t {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str($crate::enums::Word::word(*self))
            }
        }
    };
    ($t:ty, text_column) => {
        $crate::word_enum!($t);

        impl ::sqlx::Type<::sqlx::Postgres> for $t {
            fn type_info() -> ::sqlx::postgres::PgTypeInfo {
                <&str as ::sqlx::Type<::sqlx::Postgres>>::type_info()
            }
            fn compatible(ty: &::sqlx::postgres::PgTypeInfo) -> bool {
                <&str as ::sqlx::Type<::sqlx::Postgres>>::compatible(ty)
            }
        }

        impl<'q> ::sqlx::Encode<'q, ::sqlx::Postgres> for $t {
            fn encode_by_ref(
                &self,
                buf: &mut ::sqlx::postgres::PgArgumentBuffer,
            ) -> ::std::result::Result<::sqlx::encode::IsNull, ::sqlx::error::BoxDynError> {
                <&str as ::sqlx::Encode<::sqlx::Postgres>>::encode($crate::enums::Word::word(*self), buf)
            }
        }

        impl<'r> ::sqlx::Decode<'r, ::sqlx::Postgres> for $t {
            fn decode(
                value: ::sqlx::postgres::PgValueRef<'r>,
            ) -> ::std::result::Result<Self, ::sqlx::error::BoxDynError> {
                let text = <&str as ::sqlx::Decode<::sqlx::Postgres>>::decode(value)?;
                Ok(text.parse::<$t>()?)
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::Word;
    use crate::admin::{Locale, Plan, TenantStatus, UserRole};
    use crate::error::ErrorKind;
    use crate::etl::Trigger;
    use crate::reports::{Bucket, ReportKind};

    /// Every value prints as its word and parses back from it, and the words are distinct.
    fn round_trips<T: Word + std::fmt::Display + std::str::FromStr + PartialEq + std::fmt::Debug>() {
        for value in T::ALL {
            assert_eq!(value.to_string(), value.word());
            assert_eq!(value.word().parse::<T>().ok(), Some(*value), "{}", value.word());
            assert_eq!(value.word().to_uppercase().parse::<T>().ok(), Some(*value), "case is ignored");
        }
        let mut words: Vec<&str> = T::ALL.iter().map(|v| v.word()).collect();
        words.sort();
        words.dedup();
        assert_eq!(words.len(), T::ALL.len(), "{} words are distinct", T::WHAT);
    }

    #[test]
    fn every_domain_enum_round_trips_through_its_word() {
        round_trips::<Plan>();
        round_trips::<Locale>();
        round_trips::<TenantStatus>();
        round_trips::<UserRole>();
        round_trips::<Trigger>();
        round_trips::<ReportKind>();
        round_trips::<Bucket>();
    }

    #[test]
    fn the_words_are_the_stored_and_typed_ones() {
        assert_eq!(Plan::Enterprise.to_string(), "enterprise");
        assert_eq!(TenantStatus::Suspended.to_string(), "suspended");
        assert_eq!(UserRole::Analyst.to_string(), "analyst");
        assert_eq!(Trigger::Cron.to_string(), "cron");
        assert_eq!(ReportKind::FrtDistribution.to_string(), "frt-distribution");
        assert_eq!(Bucket::Month.to_string(), "month");
        assert_eq!(ReportKind::Heatmap.to_string(), "heatmap");
        assert_eq!(Locale::PtBr.to_string(), "pt-BR");
        assert_eq!("pt-br".parse::<Locale>().ok(), Some(Locale::PtBr));
        assert_eq!(" pro ".parse::<Plan>().ok(), Some(Plan::Pro));
    }

    #[test]
    fn an_unknown_word_is_invalid_input_that_lists_the_words() {
        let err = "gold".parse::<Plan>().unwrap_err();
        assert_eq!(err.kind, ErrorKind::Invalid);
        assert_eq!(err.message, r#"unknown plan "gold": use basic, pro or enterprise"#);
        assert!("".parse::<TenantStatus>().is_err());
    }
}

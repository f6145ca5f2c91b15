//! What a continuous sync knows the analytics copy already holds, from one cycle to the next.
//!
//! Every cycle re-reads each tenant's overlap window to catch late commits, so in a steady state
//! most tenants re-read only rows they loaded a cycle or two before. Committing those through
//! the tenant's write transaction (lock, staging, compare, dimensions, watermarks, run row)
//! changes nothing but costs tens of milliseconds per tenant and cycle. The watch loop keeps,
//! per tenant, a digest of every row line its last commit (or confirmation) covered, the
//! dimension names it wrote, and the watermark version (`max(etl_watermarks.updated_at)`) that
//! commit left. A tenant whose re-read lines are all among those digests, whose names are the
//! same and whose version nobody has moved since holds nothing new: `super::quiet` then only
//! advances its watermarks, for all such tenants in one transaction.
//!
//! The memory is per process and only a shortcut: a missing or stale entry sends the tenant
//! through the ordinary write path, which is always correct. It holds one digest per row in the
//! overlap window, replaced (not grown) on every cycle.

use std::collections::{HashMap, HashSet};
use std::sync::Mutex;

use chrono::{DateTime, Utc};
use sha2::{Digest as _, Sha256};

use super::dimensions::Dimensions;
use crate::db::TenantId;

/// A row line's digest: the first 128 bits of SHA-256 over its stream and its COPY text, so
/// that a changed row cannot pass for a confirmed one by chance.
type LineDigest = [u8; 16];

/// The digests of the lines one extraction read for a tenant, one set over its streams.
#[derive(Debug, Default)]
pub(super) struct Lines(HashSet<LineDigest>);

impl Lines {
    /// Digests every line of `rows` (COPY text per stream, in `Stream::ALL`'s order).
    pub(super) fn of(rows: &[Vec<u8>]) -> Lines {
        let mut set = HashSet::new();
        for (stream, text) in rows.iter().enumerate() {
            for line in text.split_inclusive(|b| *b == b'\n') {
                let mut hash = Sha256::new();
                hash.update([stream as u8]);
                hash.update(line);
                let full = hash.finalize();
                let mut digest = [0u8; 16];
                digest.copy_from_slice(&full[..16]);
                set.insert(digest);
            }
        }
        Lines(set)
    }
}

/// What the last commit of a tenant left in the analytics copy.
#[derive(Debug)]
struct Known {
    version: DateTime<Utc>,
    dimensions: Dimensions,
    lines: Lines,
}

/// The per-tenant memory of a watch loop (see the module comment). Shared by the cycles of one
/// loop through [`super::EtlOptions::confirmed`].
#[derive(Debug, Default)]
pub struct Confirmed {
    tenants: Mutex<HashMap<TenantId, Known>>,
}

impl Confirmed {
    /// Whether `tenant`'s copy already holds every one of `lines` and these `dimensions`, and
    /// nobody moved its watermarks since (they still carry `version`).
    pub(super) fn holds(
        &self,
        tenant: TenantId,
        version: Option<DateTime<Utc>>,
        dimensions: &Dimensions,
        lines: &Lines,
    ) -> bool {
        let tenants = self.tenants.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        tenants.get(&tenant).is_some_and(|known| {
            Some(known.version) == version
                && known.dimensions == *dimensions
                && lines.0.is_subset(&known.lines.0)
        })
    }

    /// Records what a commit (or a confirmation) of `tenant` left: the watermark `version` it
    /// wrote, the names and the lines it covered.
    pub(super) fn remember(
        &self,
        tenant: TenantId,
        version: DateTime<Utc>,
        dimensions: Dimensions,
        lines: Lines,
    ) {
        let mut tenants = self.tenants.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        tenants.insert(tenant, Known { version, dimensions, lines });
    }

    /// Drops what is known of `tenant` (its run failed, or something else wrote it).
    pub(super) fn forget(&self, tenant: TenantId) {
        let mut tenants = self.tenants.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        tenants.remove(&tenant);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(seconds: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(seconds, 0).unwrap()
    }

    #[test]
    fn a_tenant_holds_the_lines_it_committed_and_nothing_else() {
        let confirmed = Confirmed::default();
        let tenant = TenantId(7);
        let committed = [b"1\ta\n2\tb\n".to_vec(), b"9\tz\n".to_vec()];
        assert!(!confirmed.holds(tenant, Some(at(1)), &Dimensions::default(), &Lines::of(&committed)));
        confirmed.remember(tenant, at(1), Dimensions::default(), Lines::of(&committed));

        let same =
            |rows: &[Vec<u8>]| confirmed.holds(tenant, Some(at(1)), &Dimensions::default(), &Lines::of(rows));
        assert!(same(&committed), "the very lines");
        assert!(same(&[b"2\tb\n".to_vec(), vec![]]), "fewer lines, as the window slides");
        assert!(same(&[vec![], vec![]]), "nothing re-read");
        assert!(!same(&[b"2\tB\n".to_vec(), vec![]]), "a changed row");
        assert!(!same(&[b"3\tc\n".to_vec(), vec![]]), "a new row");
        assert!(!same(&[b"9\tz\n".to_vec(), vec![]]), "a line of another stream");
        assert!(
            !confirmed.holds(tenant, Some(at(2)), &Dimensions::default(), &Lines::of(&committed)),
            "another writer moved the watermarks"
        );
        assert!(!confirmed.holds(TenantId(8), Some(at(1)), &Dimensions::default(), &Lines::of(&committed)));
        confirmed.forget(tenant);
        assert!(!same(&committed), "forgotten");
    }
}

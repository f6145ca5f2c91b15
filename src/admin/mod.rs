//! Administration: the domain logic behind `geniai tenant|user|inbox` and the web admin pages.
//!
//! Functions here validate their input, open the right transaction (cross-tenant work through
//! `db::platform_tx`, one tenant's settings through `db::tenant_tx`), make the change, and record it
//! in the audit log in the same transaction, with the caller's actor (`cli:<os user>` or
//! `web:<email>`). They never print or prompt: the command layer (`commands/`) and the web layer
//! do that, and reuse these functions unchanged.
//!
//! Invalid input, unknown names, conflicts and busy tenants are
//! [`DomainError`](crate::error::DomainError)s of the matching kind, with one line that says what
//! is wrong (exit code 2 on the command line; 400, 404, 409 or 423 on the web).

pub mod inboxes;
pub mod settings;
pub mod tenants;
pub mod users;
pub mod validate;

pub use settings::Locale;
pub use tenants::{NewTenant, Plan, Tenant, TenantStatus, TenantUpdate};
pub use users::{NewUser, User, UserRole};

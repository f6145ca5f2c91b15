//! Rebuilds the crate when a migration in `sql/` or a translation in `locales/` is added or
//! changed: `sqlx::migrate!` and `fluent_templates::static_loader!` embed them at compile time,
//! and Cargo does not otherwise watch those directories.
fn main() {
    println!("cargo:rerun-if-changed=sql");
    println!("cargo:rerun-if-changed=locales");
}

//! Rebuilds the crate when a migration in `sql/` is added or changed: `sqlx::migrate!` embeds
//! them at compile time, and Cargo does not otherwise watch that directory.
fn main() {
    println!("cargo:rerun-if-changed=sql");
}

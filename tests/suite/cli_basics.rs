//! The command line as a whole: its definition is consistent, errors exit with the documented codes.

use super::support;

use clap::CommandFactory;

#[test]
fn the_cli_definition_is_consistent() {
    geniai::cli::Cli::command().debug_assert();
}

#[test]
fn unknown_subcommands_are_usage_errors() {
    assert_cmd::Command::cargo_bin("geniai").unwrap().arg("frobnicate").assert().code(2);
}

#[test]
fn an_unreachable_database_is_a_clear_failure_not_a_panic() {
    let mut cmd = assert_cmd::Command::cargo_bin("geniai").unwrap();
    cmd.env("DATABASE_URL", "postgresql://nobody@127.0.0.1:1/none").arg("migrate");
    let out = cmd.assert().code(1);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(stderr.contains("cannot reach the analytics database"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn a_password_in_the_database_url_never_reaches_the_output() {
    let mut cmd = assert_cmd::Command::cargo_bin("geniai").unwrap();
    cmd.env("DATABASE_URL", "postgresql://someone:s3cr3t-pw@127.0.0.1:1/none").args(["-vv", "migrate"]);
    let out = cmd.assert().code(1);
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.get_output().stdout),
        String::from_utf8_lossy(&out.get_output().stderr)
    );
    assert!(!all.contains("s3cr3t-pw"), "{all}");
}

#[test]
fn the_embedded_default_starts_on_demand_and_migrates() {
    let home = tempfile::Builder::new().prefix("geniai-home-").tempdir_in("/tmp").unwrap();
    let path = home.path().join("home");
    let geniai = || {
        let mut cmd = assert_cmd::Command::cargo_bin("geniai").unwrap();
        cmd.env_remove("DATABASE_URL").env("GENIAI_HOME", &path);
        cmd
    };
    let _stop = support::StopClusterOnDrop(path.clone());
    geniai().args(["db", "status"]).assert().success().stdout(predicates::str::contains("not initialized"));
    // `migrate` needs the database, so it creates and starts the cluster itself.
    geniai().arg("migrate").assert().success();
    geniai().args(["db", "status"]).assert().success().stdout(predicates::str::starts_with("running"));
    let url = geniai().args(["db", "url"]).assert().success();
    let url = String::from_utf8_lossy(&url.get_output().stdout).trim().to_string();
    assert!(url.starts_with("postgresql://") && url.contains(path.join("run").to_str().unwrap()), "{url}");
    geniai().args(["migrate", "--status"]).assert().success();
    geniai().args(["db", "stop"]).assert().success().stdout("stopped\n");
    geniai().args(["db", "status"]).assert().success().stdout(predicates::str::starts_with("stopped"));
    // `db` refuses to act when the target is elsewhere.
    geniai().env("DATABASE_URL", "postgresql://x@127.0.0.1:1/y").args(["db", "start"]).assert().code(2);
}

#[test]
fn a_malformed_database_url_is_a_usage_error() {
    let mut cmd = assert_cmd::Command::cargo_bin("geniai").unwrap();
    cmd.env("DATABASE_URL", "not a url").arg("migrate");
    cmd.assert().code(2);
}

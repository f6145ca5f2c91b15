//! `geniai demo` on a fresh embedded default: everything from nothing, then a safe re-run.

use super::support;

#[test]
fn the_demo_builds_everything_from_nothing_and_reruns_safely() {
    let home = tempfile::Builder::new().prefix("geniai-demo-").tempdir_in("/tmp").unwrap();
    let path = home.path().join("home");
    let _stop = support::StopClusterOnDrop(path.clone());
    let geniai = || {
        let mut cmd = assert_cmd::Command::cargo_bin("geniai").unwrap();
        for var in [
            "DATABASE_URL",
            "GENIAI_SOURCE_URL",
            "GENIAI_CONFIG",
            "GENIAI_MASTER_KEY",
            "GENIAI_MASTER_KEY_FILE",
        ] {
            cmd.env_remove(var);
        }
        cmd.env("GENIAI_HOME", &path);
        cmd
    };

    let out = geniai().args(["demo", "--conversations", "1500", "--no-serve"]).assert().success();
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    for expected in [
        "acme",
        "globex",
        "initech",
        "TOTAL",
        "admin@geniai.example",
        "manager@acme.example",
        "conversations",
    ] {
        assert!(stdout.contains(expected), "missing {expected} in:\n{stdout}");
    }

    // Every demo tenant holds data, reachable through the ordinary commands.
    let json = geniai().args(["report", "overview", "--format", "json"]).assert().success();
    let rows: serde_json::Value = serde_json::from_slice(&json.get_output().stdout).unwrap();
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 4, "{rows:?}");
    for row in &rows[..3] {
        assert!(row["conversations"].as_i64().unwrap() > 0, "{row}");
        assert_eq!(row["last_etl_status"], "succeeded");
    }

    // A second run reuses the data instead of failing or duplicating it.
    let out = geniai().args(["demo", "--no-serve"]).assert().success();
    assert!(String::from_utf8_lossy(&out.get_output().stdout).contains("reusing"));
    let users = geniai().args(["user", "list", "--format", "json"]).assert().success();
    let users: serde_json::Value = serde_json::from_slice(&users.get_output().stdout).unwrap();
    assert_eq!(users.as_array().unwrap().len(), 4, "three managers and one platform admin");

    // The demo refuses to run against an explicit database.
    geniai()
        .env("DATABASE_URL", "postgresql://x@127.0.0.1:1/y")
        .args(["demo", "--no-serve"])
        .assert()
        .code(2);
}

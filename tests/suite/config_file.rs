//! geniai.toml: flag, then environment, then file, then default; secrets and typos refused.

use std::path::Path;

fn geniai() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("geniai").unwrap();
    for var in ["DATABASE_URL", "GENIAI_HOME", "GENIAI_CONFIG", "GENIAI_LOG_FORMAT"] {
        cmd.env_remove(var);
    }
    cmd
}

fn write(dir: &Path, text: &str) -> std::path::PathBuf {
    let path = dir.join("geniai.toml");
    std::fs::write(&path, text).unwrap();
    path
}

fn status_home(out: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&out.get_output().stdout).to_string()
}

#[test]
fn the_file_applies_under_environment_and_flags() {
    let dir = tempfile::tempdir().unwrap();
    let config = write(dir.path(), "home = \"/tmp/geniai-from-file\"\n");

    let out = geniai().args(["--config"]).arg(&config).args(["db", "status"]).assert().success();
    assert!(status_home(&out).contains("/tmp/geniai-from-file"), "{}", status_home(&out));

    let out = geniai()
        .env("GENIAI_CONFIG", &config)
        .env("GENIAI_HOME", "/tmp/geniai-from-env")
        .args(["db", "status"])
        .assert()
        .success();
    assert!(status_home(&out).contains("/tmp/geniai-from-env"), "the environment wins over the file");

    let out = geniai()
        .env("GENIAI_CONFIG", &config)
        .env("GENIAI_HOME", "/tmp/geniai-from-env")
        .args(["--home", "/tmp/geniai-from-flag", "db", "status"])
        .assert()
        .success();
    assert!(status_home(&out).contains("/tmp/geniai-from-flag"), "the flag wins over everything");
}

#[test]
fn the_file_is_found_in_the_working_directory() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "home = \"/tmp/geniai-cwd-file\"\n");
    let out = geniai().current_dir(dir.path()).args(["db", "status"]).assert().success();
    assert!(status_home(&out).contains("/tmp/geniai-cwd-file"));
}

#[test]
fn secrets_unknown_keys_and_missing_files_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    for (text, expect) in [
        ("database_url = \"postgresql://u:pw@h/db\"\n", "DATABASE_URL"),
        ("master_key = \"abc\"\n", "secret"),
        ("hoem = \"/tmp\"\n", "unknown setting `hoem`"),
        ("home = [1, 2]\n", "must be a string"),
        ("home = \n", "geniai.toml"),
    ] {
        let config = write(dir.path(), text);
        let out = geniai().arg("--config").arg(&config).args(["db", "status"]).assert().code(2);
        let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
        assert!(stderr.contains(expect), "{text}: {stderr}");
        assert!(!stderr.contains("pw@"), "a secret leaked into the error: {stderr}");
    }
    geniai().args(["--config", "/nonexistent/geniai.toml", "db", "status"]).assert().code(2);
}

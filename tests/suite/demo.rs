//! `geniai demo` on a fresh embedded default: everything from nothing, then a safe re-run, a
//! Portuguese-speaking tenant, and a master key with which the dashboard the demo starts can set
//! secrets.

use std::io::{BufRead, BufReader, Read, Write};
use std::os::unix::fs::PermissionsExt;

use super::support;

/// One HTTP/1.1 request on its own connection: the status code, the headers (names lowercased)
/// and the body.
fn http(
    addr: &str,
    method: &str,
    path: &str,
    cookie: &str,
    form: &[(&str, &str)],
) -> (u16, Vec<(String, String)>, String) {
    let body = serde_urlencoded::to_string(form).unwrap();
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    let mut request = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    if !cookie.is_empty() {
        request.push_str(&format!("Cookie: {cookie}\r\n"));
    }
    if method == "POST" {
        request.push_str(&format!(
            "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n",
            body.len()
        ));
    }
    request.push_str("\r\n");
    request.push_str(&body);
    stream.write_all(request.as_bytes()).unwrap();
    let mut reply = String::new();
    stream.read_to_string(&mut reply).unwrap();
    let (head, body) = reply.split_once("\r\n\r\n").unwrap_or((&reply, ""));
    let mut lines = head.lines();
    let status = lines.next().unwrap().split_whitespace().nth(1).unwrap().parse().unwrap();
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    (status, headers, body.to_string())
}

/// The value of the cookie `name` that a response sets.
fn set_cookie(headers: &[(String, String)], name: &str) -> String {
    headers
        .iter()
        .filter(|(k, _)| k == "set-cookie")
        .find_map(|(_, v)| {
            v.strip_prefix(&format!("{name}=")).map(|rest| rest.split(';').next().unwrap().to_string())
        })
        .unwrap_or_else(|| panic!("no {name} cookie in {headers:?}"))
}

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
        "sabia",
        "Sabiá Móveis e Decoração",
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
    assert_eq!(rows.len(), 5, "{rows:?}");
    for row in &rows[..4] {
        assert!(row["conversations"].as_i64().unwrap() > 0, "{row}");
        assert_eq!(row["last_etl_status"], "succeeded");
    }

    // A second run reuses the data instead of failing or duplicating it.
    let out = geniai().args(["demo", "--no-serve"]).assert().success();
    assert!(String::from_utf8_lossy(&out.get_output().stdout).contains("reusing"));
    let users = geniai().args(["user", "list", "--format", "json"]).assert().success();
    let users: serde_json::Value = serde_json::from_slice(&users.get_output().stdout).unwrap();
    assert_eq!(users.as_array().unwrap().len(), 5, "four managers and one platform admin");

    // One tenant speaks Brazilian Portuguese, so that the dashboard shows both languages.
    let show = geniai().args(["tenant", "show", "sabia", "--format", "json"]).assert().success();
    let tenant: serde_json::Value = serde_json::from_slice(&show.get_output().stdout).unwrap();
    assert_eq!(tenant["locale"], "pt-BR", "{tenant}");
    assert_eq!(tenant["timezone"], "America/Sao_Paulo", "{tenant}");
    assert_eq!(tenant["name"], "Sabiá Móveis e Decoração", "{tenant}");

    // The demo keeps its master key in GENIAI_HOME, readable by its owner only, and never prints it.
    let key_file = path.join("demo-master-key");
    let mode = std::fs::metadata(&key_file).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600, "{mode:o}");
    let key = std::fs::read_to_string(&key_file).unwrap().trim().to_string();
    assert_eq!(key.len(), 44, "base64 of 32 bytes");
    assert!(!stdout.contains(&key), "the demo printed its master key");
    assert!(
        stdout.contains(&format!("GENIAI_MASTER_KEY_FILE='{}' geniai serve", key_file.display())),
        "{stdout}"
    );
    // The printed instructions work: a secret set and read back with the demo's key.
    geniai()
        .env("GENIAI_MASTER_KEY_FILE", &key_file)
        .args(["secret", "set", "--tenant", "acme", "crm_api_key", "--value-stdin"])
        .write_stdin("crm-value-1234\n")
        .assert()
        .success();
    let got = geniai()
        .env("GENIAI_MASTER_KEY_FILE", &key_file)
        .args(["secret", "get", "--tenant", "acme", "crm_api_key"])
        .assert()
        .success();
    assert_eq!(String::from_utf8_lossy(&got.get_output().stdout).trim(), "crm-value-1234");

    // The dashboard the demo starts has that key: the pt-BR manager's integrations page, in
    // Portuguese, can set a secret, which the CLI then opens with the same key file.
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("geniai"))
        .args(["demo", "--bind", "127.0.0.1:0"])
        .env("GENIAI_HOME", &path)
        .env_remove("DATABASE_URL")
        .env_remove("GENIAI_SOURCE_URL")
        .env_remove("GENIAI_CONFIG")
        .env_remove("GENIAI_MASTER_KEY")
        .env_remove("GENIAI_MASTER_KEY_FILE")
        .env("RUST_LOG", "warn")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    let mut warnings = String::new();
    let addr = loop {
        line.clear();
        assert!(stderr.read_line(&mut line).unwrap() > 0, "geniai demo exited early: {warnings}");
        if let Some(rest) = line.split("serving on http://").nth(1) {
            break rest.split_whitespace().next().unwrap().to_string();
        }
        warnings.push_str(&line);
    };
    assert!(!warnings.contains("no master key"), "{warnings}");
    let (_, headers, _) = http(&addr, "GET", "/login", "", &[]);
    let login_csrf = set_cookie(&headers, "geniai_login_csrf");
    let (status, headers, _) = http(
        &addr,
        "POST",
        "/login",
        &format!("geniai_login_csrf={login_csrf}"),
        &[("_csrf", &login_csrf), ("email", "manager@sabia.example"), ("password", "demo-password-sabia")],
    );
    assert_eq!(status, 303, "{headers:?}");
    let session = format!("geniai_session={}", set_cookie(&headers, "geniai_session"));
    let (status, _, page) = http(&addr, "GET", "/settings", &session, &[]);
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("Integrações"), "the pt-BR tenant's page is in Portuguese: {page}");
    assert!(!page.contains("chave mestra"), "the page says no master key is configured: {page}");
    let csrf = page
        .split("name=\"_csrf\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a CSRF field on the page")
        .to_string();
    let (status, headers, body) = http(
        &addr,
        "POST",
        "/settings/secrets",
        &session,
        &[("_csrf", &csrf), ("name", "webhook_token"), ("value", "set-in-the-browser-5678")],
    );
    assert_eq!(status, 303, "{headers:?} {body}");
    nix::sys::signal::kill(nix::unistd::Pid::from_raw(child.id() as i32), nix::sys::signal::Signal::SIGTERM)
        .unwrap();
    assert!(child.wait().unwrap().success());
    let got = geniai()
        .env("GENIAI_MASTER_KEY_FILE", &key_file)
        .args(["secret", "get", "--tenant", "sabia", "webhook_token"])
        .assert()
        .success();
    assert_eq!(String::from_utf8_lossy(&got.get_output().stdout).trim(), "set-in-the-browser-5678");

    // The demo refuses to run against an explicit database.
    geniai()
        .env("DATABASE_URL", "postgresql://x@127.0.0.1:1/y")
        .args(["demo", "--no-serve"])
        .assert()
        .code(2);
}

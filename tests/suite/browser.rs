//! End-to-end: a real headless Chromium (Debian's `chromium` and `chromium-driver`, installed by
//! `.ci/run`) drives the dashboard served on a real socket: a client logs in and sees its KPI
//! numbers, downloads a CSV, is refused an admin URL and logs out; an admin logs in and sees the
//! overview. Every screenshot goes to `target/screenshots/`; the few the README shows
//! ([`README_SCREENSHOTS`]) also go to `docs/screenshots/` when `GENIAI_UPDATE_SCREENSHOTS=1`.
//!
//! The WebDriver protocol is plain JSON over HTTP; a tiny client below speaks it, so the test
//! needs no extra crates.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine;
use chrono::Datelike;
use geniai::db::{self, TenantId};
use geniai::web::{AppState, WebConfig};
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use super::web::{ADMIN_USER, ALPHA_USER, Fixture, PASSWORD, fixture};

mod axe;

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// The W3C key of an element reference.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// The screenshots the README shows, refreshed in `docs/screenshots/` by a run with
/// `GENIAI_UPDATE_SCREENSHOTS=1`: the client's dashboard in English at 1280 px (a week compared
/// with the one before) and in Portuguese on a 400 px phone, its charts, the admin overview and an admin's tenant page.
const README_SCREENSHOTS: [&str; 5] = [
    "client-dashboard-periods.png",
    "client-dashboard-pt-BR-phone.png",
    "client-dashboard-frt-heatmap.png",
    "admin-overview.png",
    "admin-tenant.png",
];

/// One HTTP/1.1 exchange with chromedriver. It may keep the connection open, so the body is
/// read by its Content-Length rather than to the end of the stream.
async fn http(port: u16, method: &str, path: &str, body: Option<&Value>) -> Result<(u16, Value), String> {
    let mut stream = tokio::net::TcpStream::connect(("127.0.0.1", port)).await.map_err(|e| e.to_string())?;
    let payload = body.map(|b| b.to_string()).unwrap_or_default();
    let request = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{payload}",
        payload.len()
    );
    stream.write_all(request.as_bytes()).await.map_err(|e| e.to_string())?;
    let mut raw = Vec::new();
    let mut chunk = [0u8; 64 * 1024];
    loop {
        let n = stream.read(&mut chunk).await.map_err(|e| e.to_string())?;
        raw.extend_from_slice(&chunk[..n]);
        if let Some(end) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&raw[..end]).to_ascii_lowercase();
            let length = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .and_then(|v| v.trim().parse::<usize>().ok());
            if let Some(length) = length
                && raw.len() >= end + 4 + length
            {
                let status: u16 =
                    head.split_whitespace().nth(1).and_then(|s| s.parse().ok()).ok_or("no status")?;
                let value = serde_json::from_slice(&raw[end + 4..end + 4 + length]).unwrap_or(Value::Null);
                return Ok((status, value));
            }
        }
        if n == 0 {
            return Err(format!("chromedriver closed the connection: {}", String::from_utf8_lossy(&raw)));
        }
    }
}

/// A chromedriver process and one browser session in it; both end on drop.
struct Browser {
    driver: Child,
    port: u16,
    session: String,
    _profile: tempfile::TempDir,
    downloads: PathBuf,
}

impl Browser {
    async fn start(downloads: &Path) -> Browser {
        assert!(
            Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists(),
            "the browser test needs Debian's chromium and chromium-driver: apt-get install -y chromium chromium-driver"
        );
        let port = free_port();
        let driver = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        // Startup readiness of an external process: poll its status endpoint.
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            if let Ok((200, status)) = http(port, "GET", "/status", None).await
                && status["value"]["ready"] == true
            {
                break;
            }
            assert!(Instant::now() < deadline, "chromedriver did not become ready");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let profile = tempfile::tempdir().unwrap();
        let capabilities = json!({ "capabilities": { "alwaysMatch": {
            "browserName": "chrome",
            // The console (CSP violations are reported there), read by `Browser::console`.
            "goog:loggingPrefs": { "browser": "ALL" },
            "goog:chromeOptions": {
                "binary": CHROMIUM,
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--window-size=1280,1700",
                    format!("--user-data-dir={}", profile.path().display()),
                ],
                "prefs": {
                    "download.default_directory": downloads.display().to_string(),
                    "download.prompt_for_download": false,
                },
            },
        }}});
        let (status, created) =
            http(port, "POST", "/session", Some(&capabilities)).await.expect("create a session");
        assert_eq!(status, 200, "chromedriver refused the session: {created}");
        let session = created["value"]["sessionId"].as_str().expect("a session id").to_string();
        let browser =
            Browser { driver, port, session, _profile: profile, downloads: downloads.to_path_buf() };
        // Headless Chromium saves downloads only when told where, through DevTools.
        browser
            .command(
                "POST",
                "/chromium/send_command",
                json!({"cmd": "Browser.setDownloadBehavior", "params": {"behavior": "allow", "downloadPath": downloads.display().to_string()}}),
            )
            .await;
        browser
    }

    async fn command(&self, method: &str, path: &str, body: Value) -> Value {
        self.try_command(method, path, body).await.unwrap_or_else(|reply| panic!("{method} {path}: {reply}"))
    }

    /// A WebDriver command; `Err` with chromedriver's reply when it refuses (say, an element that
    /// went stale because the page reloaded meanwhile).
    async fn try_command(&self, method: &str, path: &str, body: Value) -> Result<Value, Value> {
        let url = format!("/session/{}{path}", self.session);
        let body = if method == "GET" { None } else { Some(&body) };
        let (status, reply) = http(self.port, method, &url, body).await.expect("talk to chromedriver");
        if status == 200 { Ok(reply["value"].clone()) } else { Err(reply) }
    }

    async fn goto(&self, url: &str) {
        self.command("POST", "/url", json!({ "url": url })).await;
    }

    async fn current_url(&self) -> String {
        self.command("GET", "/url", Value::Null).await.as_str().unwrap_or_default().to_string()
    }

    /// Waits until the browser shows `expected` (a click starts a navigation; it may not have
    /// finished when the click returns). WebDriver's explicit wait: poll the browser's state.
    async fn wait_for_url(&self, expected: &str) {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let url = self.current_url().await;
            if url == expected {
                return;
            }
            assert!(Instant::now() < deadline, "the browser stayed at {url}, expected {expected}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    async fn find(&self, css: &str) -> String {
        let found = self.command("POST", "/element", json!({"using": "css selector", "value": css})).await;
        match found[ELEMENT].as_str() {
            Some(id) => id.to_string(),
            None => {
                let url = self.current_url().await;
                let source = self.command("GET", "/source", Value::Null).await;
                panic!("no element {css} at {url}: {found}\n{}", source.as_str().unwrap_or_default())
            }
        }
    }

    async fn text(&self, css: &str) -> String {
        let id = self.find(css).await;
        self.command("GET", &format!("/element/{id}/text"), Value::Null)
            .await
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    async fn type_into(&self, css: &str, text: &str) {
        let id = self.find(css).await;
        self.command("POST", &format!("/element/{id}/value"), json!({ "text": text })).await;
    }

    async fn click(&self, css: &str) {
        let id = self.find(css).await;
        self.command("POST", &format!("/element/{id}/click"), json!({})).await;
    }

    async fn screenshot(&self, name: &str) {
        let data = self.command("GET", "/screenshot", Value::Null).await;
        let png = base64::engine::general_purpose::STANDARD.decode(data.as_str().unwrap()).unwrap();
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut targets = vec![root.join("target/screenshots")];
        if README_SCREENSHOTS.contains(&name)
            && std::env::var_os("GENIAI_UPDATE_SCREENSHOTS").is_some_and(|v| v == "1")
        {
            targets.push(root.join("docs/screenshots"));
        }
        for dir in targets {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(dir.join(name), &png).unwrap();
        }
    }

    /// Runs `script` in the page (WebDriver's script execution is not bound by the page's CSP)
    /// and returns what it returns.
    async fn execute(&self, script: &str) -> Value {
        self.command("POST", "/execute/sync", json!({ "script": script, "args": [] })).await
    }

    /// Makes the viewport a phone's: `width` CSS px wide, touch and all (DevTools emulation, so
    /// that the window's own minimum size does not matter).
    async fn emulate_phone(&self, width: u32) {
        self.command(
            "POST",
            "/chromium/send_command",
            json!({"cmd": "Emulation.setDeviceMetricsOverride",
                   "params": {"width": width, "height": 860, "deviceScaleFactor": 2, "mobile": true}}),
        )
        .await;
    }

    /// Asserts that the page does not scroll sideways, naming what sticks out if it does. On a
    /// phone's viewport it first waits (up to 10 s) until the page is loaded and the phone's
    /// styles apply: on a loaded machine the emulated width can reach the page's media queries
    /// after its first layout.
    async fn assert_no_sideways_scroll(&self, what: &str) {
        let deadline = Instant::now() + Duration::from_secs(10);
        let phone_styles = "return document.documentElement.clientWidth > 640
            || (document.readyState === 'complete' && window.matchMedia('(max-width: 640px)').matches)";
        while self.execute(phone_styles).await != Value::Bool(true) && Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let measured = self
            .execute(
                "const d = document.documentElement; const w = d.clientWidth;
                 const wide = [...document.querySelectorAll('body *')]
                   .filter(e => e.getBoundingClientRect().right > w + 0.5)
                   .slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right));
                 return [d.scrollWidth, w, wide];",
            )
            .await;
        let (scroll, client) = (measured[0].as_i64().unwrap(), measured[1].as_i64().unwrap());
        assert!(client <= 400, "{what}: the viewport is {client} px wide, not a phone's");
        assert!(
            scroll <= client,
            "{what} scrolls sideways: {scroll} > {client} px; too wide: {}",
            measured[2]
        );
    }

    /// The console messages logged since the last call (chromedriver's log endpoint).
    async fn console(&self) -> Vec<String> {
        let entries = self.command("POST", "/se/log", json!({"type": "browser"})).await;
        entries
            .as_array()
            .map(|e| e.iter().map(|m| format!("{} {}", m["level"], m["message"])).collect())
            .unwrap_or_default()
    }

    /// Waits until the text of `css` satisfies `ok` (a page that refreshes itself: poll it).
    async fn wait_for_text(&self, css: &str, within: Duration, ok: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + within;
        loop {
            let found =
                self.command("POST", "/elements", json!({"using": "css selector", "value": css})).await;
            if let Some(id) = found.as_array().and_then(|a| a.first()).and_then(|e| e[ELEMENT].as_str()) {
                // The page may reload between finding the element and reading it: then it is
                // stale, and the next round finds the new one.
                let text = self.try_command("GET", &format!("/element/{id}/text"), Value::Null).await;
                let text = text.ok().and_then(|t| t.as_str().map(str::to_string));
                if let Some(text) = text.as_deref().filter(|t| ok(t)) {
                    return text.to_string();
                }
                assert!(Instant::now() < deadline, "{css} still reads {text:?}");
            } else {
                assert!(Instant::now() < deadline, "no {css} appeared");
            }
            tokio::time::sleep(Duration::from_millis(250)).await;
        }
    }

    /// Logs in through the form.
    async fn log_in(&self, base: &str, email: &str) {
        self.goto(&format!("{base}/login")).await;
        self.type_into("input[name=email]", email).await;
        self.type_into("input[name=password]", PASSWORD).await;
        self.click("form.login button[type=submit]").await;
    }

    /// Waits for a file to appear in the download directory (the browser writes it on its own).
    async fn downloaded(&self, suffix: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let done = std::fs::read_dir(&self.downloads).unwrap().flatten().find(|e| {
                let name = e.file_name().to_string_lossy().to_string();
                name.contains(suffix) && name.ends_with(".csv")
            });
            if let Some(entry) = done {
                return std::fs::read_to_string(entry.path()).unwrap();
            }
            if Instant::now() > deadline {
                let seen: Vec<_> =
                    std::fs::read_dir(&self.downloads).unwrap().flatten().map(|e| e.file_name()).collect();
                panic!("no *{suffix}*.csv download appeared in {}: {seen:?}", self.downloads.display());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        // Best effort: end the browser session, then the driver this test started.
        let (port, session) = (self.port, self.session.clone());
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
            rt.block_on(http(port, "DELETE", &format!("/session/{session}"), None)).ok();
        })
        .join();
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// Thirty days of plausible traffic for a tenant, so that the screenshots show something.
async fn realistic_data(f: &Fixture, tenant: TenantId, scale: i32) {
    let mut tx = db::tenant_tx(&f.db.pool, tenant).await.unwrap();
    let statements = [
        "INSERT INTO inboxes (tenant_id, inbox_id, account_id, name, channel_type) VALUES
            ($1, 1, 1, 'WhatsApp', 'Channel::Whatsapp'), ($1, 2, 1, 'Site chat', 'Channel::WebWidget'),
            ($1, 3, 1, 'Instagram', 'Channel::Instagram')",
        "INSERT INTO agents (tenant_id, user_id, name) VALUES ($1, 1, 'Ana Souza'), ($1, 2, 'Bruno Lima'), ($1, 3, 'Carla Dias')",
        "INSERT INTO conversations (tenant_id, conversation_id, account_id, inbox_id, display_id, status, assignee_id,
                                    labels, created_at, first_reply_created_at, source_updated_at)
         SELECT $1, n, 1, 1 + (n * 7) % 3 % 3, n, CASE WHEN n % 7 = 0 THEN 0 ELSE 1 END, CASE WHEN n % 11 = 0 THEN NULL ELSE 1 + n % 3 END,
                CASE n % 5 WHEN 0 THEN ARRAY['lead','sale'] WHEN 1 THEN ARRAY['lead'] WHEN 2 THEN ARRAY['support'] ELSE '{}' END,
                date_trunc('day', now()) - make_interval(days => 1 + (n * n + n / 3) % 30 * (n % 4 + 1) / 4)
                    + make_interval(mins => (n * 37) % 600 + 480),
                date_trunc('day', now()) - make_interval(days => 1 + (n * n + n / 3) % 30 * (n % 4 + 1) / 4)
                    + make_interval(mins => (n * 37) % 600 + 480 + (n * 13) % 240),
                now()
           FROM generate_series(1, $2) n",
        "INSERT INTO reporting_events (tenant_id, event_id, name, value, value_in_business_hours, inbox_id, user_id, conversation_id, created_at)
         SELECT tenant_id, conversation_id, 'first_response', extract(epoch FROM first_reply_created_at - created_at),
                extract(epoch FROM first_reply_created_at - created_at), inbox_id, assignee_id, conversation_id, first_reply_created_at
           FROM conversations WHERE tenant_id = $1 AND $2 > 0",
        "INSERT INTO reporting_events (tenant_id, event_id, name, value, value_in_business_hours, inbox_id, user_id, conversation_id, created_at)
         SELECT tenant_id, 100000 + conversation_id, 'conversation_resolved', 3600 + conversation_id % 20 * 600, 3600,
                inbox_id, assignee_id, conversation_id, created_at + make_interval(secs => 3600 + conversation_id % 20 * 600)
           FROM conversations WHERE tenant_id = $1 AND status = 1 AND $2 > 0",
        "INSERT INTO csat_responses (tenant_id, response_id, conversation_id, message_id, rating, assigned_agent_id, created_at, updated_at)
         SELECT tenant_id, conversation_id, conversation_id, conversation_id, 3 + (conversation_id / 3) % 3, assignee_id,
                created_at + interval '2 hours', created_at + interval '2 hours'
           FROM conversations WHERE tenant_id = $1 AND status = 1 AND conversation_id % 3 = 0 AND $2 > 0",
        // Teams, and each conversation's channel as the ETL copies it from its inbox.
        "INSERT INTO teams (tenant_id, team_id, name) SELECT $1, t, n FROM (VALUES (1, 'Vendas'), (2, 'Suporte')) v(t, n) WHERE $2 > 0",
        "UPDATE conversations c SET team_id = CASE WHEN conversation_id % 3 = 0 THEN NULL ELSE 1 + conversation_id % 2 END,
                channel_type = (SELECT i.channel_type FROM inboxes i WHERE i.tenant_id = c.tenant_id AND i.inbox_id = c.inbox_id)
          WHERE tenant_id = $1 AND $2 > 0",
        "INSERT INTO etl_watermarks (tenant_id, stream, cursor_ts, cursor_id)
         SELECT $1, 'conversations', now() - make_interval(secs => 40 + $2), $2",
        "INSERT INTO etl_runs (tenant_id, trigger, started_at, finished_at, status, rows_read, rows_written)
         SELECT $1, 'cron', now() - interval '2 minutes', now() - interval '1 minute', 'succeeded', $2 * 4, $2 * 4",
        "INSERT INTO tenant_settings (tenant_id, display_name, primary_color, secondary_color, lead_labels, conversion_labels)
         SELECT $1, NULL, '#1f6f78', '#f29e4c', '{lead}', '{sale}' WHERE $2 > 0",
    ];
    for sql in statements {
        sqlx::query(sql)
            .bind(tenant)
            .bind(scale)
            .execute(&mut *tx)
            .await
            .unwrap_or_else(|e| panic!("{sql}: {e}"));
    }
    tx.commit().await.unwrap();
}

/// `geniai serve`'s app on a free port of localhost: its base URL and the server task.
/// `geniai ARGS` against the fixture's database, as an operator would run it; it must succeed.
fn geniai_ok(f: &Fixture, args: &[&str]) {
    super::support::geniai(&f.db).args(args).assert().success();
}

/// The app over the fixture's database, with a master key (so the integrations page can write).
fn app_with_a_master_key(f: &Fixture) -> AppState {
    AppState::new(f.db.pool.clone(), WebConfig::default())
        .with_master_key(geniai::secrets::MasterKey::generate())
}

async fn serve(state: AppState) -> (String, tokio::task::JoinHandle<()>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = geniai::web::app(state);
    let server = tokio::spawn(async move {
        axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>()).await.unwrap();
    });
    (format!("http://{addr}"), server)
}

/// Runs a browser flow to its end on a runtime of its own, on a thread with a roomy stack: the
/// flows' futures are large in debug builds.
fn on_a_roomy_stack<F: std::future::Future<Output = ()> + 'static>(flow: fn() -> F, failed: &str) {
    std::thread::Builder::new()
        .stack_size(64 * 1024 * 1024)
        .spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .thread_stack_size(16 * 1024 * 1024)
                .enable_all()
                .build()
                .unwrap();
            runtime.block_on(flow());
        })
        .unwrap()
        .join()
        .expect(failed);
}

#[test]
fn a_real_browser_logs_in_downloads_is_refused_and_logs_out() {
    on_a_roomy_stack(browser_flow, "the browser flow failed");
}

async fn browser_flow() {
    let f = fixture().await;
    realistic_data(&f, f.alpha, 240).await;
    realistic_data(&f, f.beta, 90).await;
    let expected: i64 = {
        let mut tx = db::tenant_tx(&f.db.pool, f.alpha).await.unwrap();
        // The default period: the last 30 full days in the tenant's timezone (UTC here).
        let tz_now = "(date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC')";
        sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT count(*) FROM conversations WHERE created_at >= {tz_now} - interval '30 days' AND created_at < {tz_now}"
        )))
        .fetch_one(&mut *tx)
        .await
        .unwrap()
    };

    // The real server on a real socket.
    let (base, server) = serve(AppState::new(f.db.pool.clone(), WebConfig::default())).await;
    let downloads = tempfile::tempdir().unwrap();
    let browser = Browser::start(downloads.path()).await;

    // 1. A client logs in and sees its own KPI numbers.
    browser.log_in(&base, ALPHA_USER).await;
    browser.wait_for_url(&format!("{base}/dashboard")).await;
    let conversations = browser.text("[data-kpi=conversations] .value").await;
    assert_eq!(conversations, expected.to_string(), "the KPI card shows the tenant's own count");
    assert!(browser.text("h1").await.contains("Alpha Clinic"));
    browser.screenshot("client-dashboard.png").await;

    // 2. A CSV download.
    browser.click("a.csv[href^='/dashboard/csv/inboxes']").await;
    let csv = browser.downloaded("-inboxes-").await;
    let mut lines = csv.lines();
    assert!(lines.next().unwrap().starts_with("inbox_id,name,conversations"), "{csv}");
    let total: i64 = lines.map(|l| l.split(',').nth(2).unwrap().parse::<i64>().unwrap()).sum();
    assert_eq!(total, expected, "{csv}");

    // 3. An admin URL is refused.
    browser.goto(&format!("{base}/admin")).await;
    assert!(browser.text("h1").await.contains("403"), "the admin view must refuse a client");

    // 4. Log out: the dashboard sends the browser back to the login form.
    browser.goto(&format!("{base}/dashboard")).await;
    browser.click("header.top form button[type=submit]").await;
    browser.wait_for_url(&format!("{base}/login")).await;
    browser.goto(&format!("{base}/dashboard")).await;
    assert_eq!(browser.current_url().await, format!("{base}/login"));

    // 5. An admin logs in and sees the overview of every tenant.
    browser.log_in(&base, ADMIN_USER).await;
    browser.wait_for_url(&format!("{base}/admin")).await;
    let overview = browser.text("table#overview").await;
    assert!(overview.contains("Alpha Clinic") && overview.contains("Beta Motors"), "{overview}");
    assert_eq!(browser.text("tr[data-tenant=alpha] td:nth-child(3)").await, expected.to_string());
    browser.screenshot("admin-overview.png").await;

    drop(browser);
    server.abort();
}

/// The dashboard keeps itself fresh: its script (a static file, allowed by the CSP without
/// inline script) ticks "Updated … ago" and, once an ETL run has loaded something new, reloads
/// the figures by itself. The new run is written the way a run records itself (data, watermark,
/// run row), without a Chatwoot source.
#[test]
fn the_dashboard_refreshes_itself_after_a_new_etl_run() {
    std::thread::Builder::new()
        .stack_size(64 * 1024 * 1024)
        .spawn(|| {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .thread_stack_size(16 * 1024 * 1024)
                .enable_all()
                .build()
                .unwrap();
            runtime.block_on(refresh_flow());
        })
        .unwrap()
        .join()
        .expect("the refresh flow failed");
}

async fn refresh_flow() {
    let f = fixture().await;
    // Its watermark is 70 s behind and its last run finished a minute ago.
    realistic_data(&f, f.alpha, 30).await;
    let (base, server) = serve(AppState::new(f.db.pool.clone(), WebConfig::default())).await;
    let downloads = tempfile::tempdir().unwrap();
    let browser = Browser::start(downloads.path()).await;

    browser.log_in(&base, ALPHA_USER).await;
    browser.wait_for_url(&format!("{base}/dashboard")).await;
    let before: i64 = browser.text("[data-kpi=conversations] .value").await.parse().unwrap();
    assert_eq!(browser.text("#freshness time.as-of").await, "1 min ago");
    // The script ran (it marks the line) and the CSP refused nothing.
    browser.wait_for_text("#freshness[data-script=running]", Duration::from_secs(10), |_| true).await;

    // A run loads one more conversation (yesterday, inside the default period).
    let mut tx = db::tenant_tx(&f.db.pool, f.alpha).await.unwrap();
    for sql in [
        "INSERT INTO conversations (tenant_id, conversation_id, account_id, inbox_id, display_id, status,
                                    created_at, source_updated_at)
         VALUES ($1, 9999, 1, 1, 9999, 0, date_trunc('day', now()) - interval '12 hours', now())",
        "UPDATE etl_watermarks SET cursor_ts = now() WHERE tenant_id = $1",
        "INSERT INTO etl_runs (tenant_id, trigger, started_at, finished_at, status, rows_read, rows_written)
         VALUES ($1, 'watch', now(), now(), 'succeeded', 1, 1)",
    ] {
        sqlx::query(sql).bind(f.alpha).execute(&mut *tx).await.unwrap_or_else(|e| panic!("{sql}: {e}"));
    }
    tx.commit().await.unwrap();

    // Within a poll interval (20 s) and a reload, the page shows the new figure and a fresh age.
    let after = browser
        .wait_for_text("[data-kpi=conversations] .value", Duration::from_secs(60), |t| {
            t.parse::<i64>().is_ok_and(|n| n == before + 1)
        })
        .await;
    assert_eq!(after, (before + 1).to_string());
    let age = browser
        .wait_for_text("#freshness time.as-of", Duration::from_secs(10), |t| t.ends_with(" s ago"))
        .await;
    assert!(age.trim_end_matches(" s ago").parse::<u32>().unwrap() < 60, "{age}");
    browser.wait_for_text("#freshness[data-script=running]", Duration::from_secs(10), |_| true).await;

    let console = browser.console().await;
    let refused: Vec<&String> =
        console.iter().filter(|m| m.contains("Content Security Policy") || m.contains("SEVERE")).collect();
    assert!(refused.is_empty(), "the console reports: {refused:?}");
    drop(browser);
    server.abort();
}

/// A Brazilian client's day on a phone: every page fits 400 CSS px without scrolling sideways,
/// speaks Portuguese and writes numbers and dates the Brazilian way; the admin's pages fit too.
#[test]
fn every_page_fits_a_phone_and_a_portuguese_tenant_reads_portuguese() {
    on_a_roomy_stack(phone_flow, "the phone flow failed");
}

async fn phone_flow() {
    let f = fixture().await;
    realistic_data(&f, f.alpha, 240).await;
    realistic_data(&f, f.beta, 90).await;
    // The way an operator sets it (and an audited change for the audit log to show).
    geniai_ok(&f, &["tenant", "settings", "alpha", "--locale", "pt-BR"]);
    let state = app_with_a_master_key(&f);
    let (base, server) = serve(state).await;
    let downloads = tempfile::tempdir().unwrap();
    let browser = Browser::start(downloads.path()).await;
    browser.emulate_phone(400).await;

    browser.goto(&format!("{base}/login")).await;
    browser.assert_no_sideways_scroll("the login page").await;
    browser.log_in(&base, ALPHA_USER).await;
    browser.wait_for_url(&format!("{base}/dashboard")).await;
    assert_eq!(browser.execute("return document.documentElement.lang").await, "pt-BR");
    assert_eq!(browser.text("[data-kpi=conversations] .label").await, "Conversas");
    assert!(browser.text("main").await.contains("Por caixa de entrada"));
    let share = browser.text("[data-kpi=conversion_rate] .value").await;
    assert!(share.ends_with('%') && share.contains(','), "a Brazilian percentage: {share}");
    // The default period's last day included (yesterday, in the tenant's UTC), the Brazilian way.
    let yesterday = (chrono::Utc::now().date_naive() - chrono::Days::new(1)).format("%d/%m/%Y").to_string();
    assert!(browser.text("main").await.contains(&yesterday), "a dd/mm/yyyy date");
    // Two KPI cards per row.
    let tops = browser
        .execute("return [...document.querySelectorAll('.card')].slice(0, 3).map(c => Math.round(c.getBoundingClientRect().top))")
        .await;
    assert!(tops[0] == tops[1] && tops[1] != tops[2], "two cards per row: {tops}");
    browser.assert_no_sideways_scroll("the dashboard").await;
    // The README's phone: a week, compared with the one before.
    browser.goto(&format!("{base}/dashboard?preset=last-7-days&tz=UTC")).await;
    assert_eq!(browser.text("nav.presets a.current").await, "Últimos 7 dias");
    browser.assert_no_sideways_scroll("the dashboard's week").await;
    browser.screenshot("client-dashboard-pt-BR-phone.png").await;
    for path in ["/settings", "/no/such/page"] {
        browser.goto(&format!("{base}{path}")).await;
        browser.assert_no_sideways_scroll(path).await;
    }

    browser.goto(&format!("{base}/dashboard")).await;
    browser.click("header.top form button[type=submit]").await;
    browser.wait_for_url(&format!("{base}/login")).await;
    browser.log_in(&base, ADMIN_USER).await;
    browser.wait_for_url(&format!("{base}/admin")).await;
    for path in [
        "/admin",
        "/admin/audit",
        "/admin/tenants/new",
        "/admin/tenants/alpha",
        "/admin/tenants/alpha/settings",
    ] {
        browser.goto(&format!("{base}{path}")).await;
        browser.assert_no_sideways_scroll(path).await;
    }
    // The overview's actions stay reachable on a phone.
    browser.goto(&format!("{base}/admin")).await;
    let visible = browser
        .execute("const b = document.querySelector('tr[data-tenant=alpha] button'); const r = b.getBoundingClientRect(); return r.width > 0 && r.right <= document.documentElement.clientWidth")
        .await;
    assert_eq!(visible, true, "the suspend button is on screen");
    drop(browser);
    server.abort();
}

/// The period a test looks at: the first and the last day included, in São Paulo.
const SAO_PAULO: chrono_tz::Tz = chrono_tz::America::Sao_Paulo;

fn sao_paulo_today() -> chrono::NaiveDate {
    chrono::Utc::now().with_timezone(&SAO_PAULO).date_naive()
}

/// Alpha, in São Paulo, with thirty days of traffic, served on a real socket to a logged-in
/// client's browser at its dashboard.
async fn dashboard_in_sao_paulo() -> (Fixture, Browser, String, tokio::task::JoinHandle<()>, tempfile::TempDir)
{
    let f = fixture().await;
    realistic_data(&f, f.alpha, 240).await;
    let mut tx = db::platform_tx(&f.db.pool).await.unwrap();
    sqlx::query("UPDATE tenants SET timezone = 'America/Sao_Paulo' WHERE id = $1")
        .bind(f.alpha)
        .execute(&mut *tx)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let (base, server) = serve(AppState::new(f.db.pool.clone(), WebConfig::default())).await;
    let downloads = tempfile::tempdir().unwrap();
    let browser = Browser::start(downloads.path()).await;
    browser.log_in(&base, ALPHA_USER).await;
    browser.wait_for_url(&format!("{base}/dashboard")).await;
    (f, browser, base, server, downloads)
}

/// Alpha's conversations created on the days `first..=last` in São Paulo, counted in the database.
async fn conversations_on(f: &Fixture, first: chrono::NaiveDate, last: chrono::NaiveDate) -> i64 {
    let mut tx = db::tenant_tx(&f.db.pool, f.alpha).await.unwrap();
    sqlx::query_scalar(
        "SELECT count(*) FROM conversations
          WHERE created_at >= ($1::date)::timestamp AT TIME ZONE 'America/Sao_Paulo'
            AND created_at < ($2::date + 1)::timestamp AT TIME ZONE 'America/Sao_Paulo'",
    )
    .bind(first)
    .bind(last)
    .fetch_one(&mut *tx)
    .await
    .unwrap()
}

/// `geniai report kpis` for alpha over `[from, to)` in São Paulo, as JSON.
fn cli_kpis(f: &Fixture, from: chrono::NaiveDate, to: chrono::NaiveDate) -> Value {
    let out = super::support::geniai(&f.db)
        .args(["report", "kpis", "--tenant", "alpha", "--tz", "America/Sao_Paulo", "--format", "json"])
        .args(["--from", &from.to_string(), "--to", &to.to_string()])
        .assert()
        .success();
    serde_json::from_slice(&out.get_output().stdout).unwrap()
}

impl Browser {
    /// The values of the custom range's date inputs.
    async fn picker_dates(&self) -> (String, String) {
        let v = self
            .execute("return [document.querySelector('#period-from').value, document.querySelector('#period-until').value]")
            .await;
        (v[0].as_str().unwrap().to_string(), v[1].as_str().unwrap().to_string())
    }
}

/// A client picks presets: each link shows its days (computed in the tenant's timezone) in the
/// form, the summary and the figures, and the timezone is a list starting with the tenant's.
#[test]
fn a_preset_shows_its_dates_and_its_figures_in_a_real_browser() {
    on_a_roomy_stack(preset_flow, "the preset flow failed");
}

async fn preset_flow() {
    let (f, browser, base, server, _downloads) = dashboard_in_sao_paulo().await;
    let today = sao_paulo_today();
    let day = |n: u64| today - chrono::Days::new(n);
    // The default period is the "last 30 days" preset.
    assert_eq!(browser.text("nav.presets a.current").await, "Last 30 days");
    assert_eq!(browser.picker_dates().await, (day(30).to_string(), day(1).to_string()));
    // The timezone is a list, the tenant's zone first and chosen, never free text.
    let tz = browser
        .execute("const s = document.querySelector('form.period [name=tz]'); return [s.tagName, s.options[0].value, s.value, s.options.length]")
        .await;
    assert_eq!(
        (&tz[0], &tz[1], &tz[2]),
        (&json!("SELECT"), &json!("America/Sao_Paulo"), &json!("America/Sao_Paulo"))
    );
    assert!(tz[3].as_u64().unwrap() > 400, "every IANA zone: {tz}");

    for (preset, label, first, last) in [
        ("yesterday", "Yesterday", day(1), day(1)),
        ("last-7-days", "Last 7 days", day(7), day(1)),
        ("this-month", "This month", today.with_day(1).unwrap(), today),
    ] {
        browser.click(&format!("nav.presets a[data-preset={preset}]")).await;
        browser.wait_for_url(&format!("{base}/dashboard?preset={preset}&tz=America%2FSao_Paulo")).await;
        assert_eq!(browser.text("nav.presets a.current").await, label);
        assert_eq!(browser.picker_dates().await, (first.to_string(), last.to_string()), "{preset}");
        let range = browser.text("#period-summary .range").await;
        let shown = if first == last { first.to_string() } else { format!("{first} – {last}") };
        assert_eq!(range, shown, "{preset}");
        let expected = conversations_on(&f, first, last).await;
        assert_eq!(browser.text("[data-kpi=conversations] .value").await, expected.to_string(), "{preset}");
        if preset == "last-7-days" {
            assert!(expected > 0, "the week has traffic, so the comparison means something");
        }
    }
    // The CSV downloads keep the contract's parameters: from, exclusive to, tz.
    let href = browser
        .execute("return document.querySelector(\"a.csv[href*='/csv/inboxes']\").getAttribute('href')")
        .await;
    let (first, after) = (today.with_day(1).unwrap(), today + chrono::Days::new(1));
    assert_eq!(href, json!(format!("/dashboard/csv/inboxes?from={first}&to={after}&tz=America%2FSao_Paulo")));
    drop(browser);
    server.abort();
}

/// A client enters a custom range inclusively (its end date is the last day counted): the
/// figures are those of `geniai report kpis` with the exclusive end, and each card's change
/// against the previous period of the same length is the CLI's figures for both periods.
#[test]
fn a_custom_inclusive_range_shows_its_totals_and_the_clis_comparison_in_a_real_browser() {
    on_a_roomy_stack(custom_range_flow, "the custom range flow failed");
}

async fn custom_range_flow() {
    let (f, browser, base, server, _downloads) = dashboard_in_sao_paulo().await;
    let today = sao_paulo_today();
    let day = |n: u64| today - chrono::Days::new(n);
    let (first, last) = (day(10), day(4));
    browser
        .execute(&format!(
            "document.querySelector('#period-from').value = '{first}';
             document.querySelector('#period-until').value = '{last}';"
        ))
        .await;
    browser.click("form.period button[type=submit]").await;
    browser.wait_for_url(&format!("{base}/dashboard?from={first}&until={last}&tz=America%2FSao_Paulo")).await;
    assert_eq!(browser.picker_dates().await, (first.to_string(), last.to_string()), "shown as entered");
    assert_eq!(browser.text("nav.presets a.current").await, "Custom");
    assert_eq!(browser.text("#period-summary .range").await, format!("{first} – {last}"));
    // The previous period: the seven days before.
    let (before_first, before_last) = (day(17), day(11));
    assert_eq!(
        browser.text("#period-summary .compared").await,
        format!("compared with {before_first} – {before_last}")
    );

    // The totals: the last day counts, the day after does not.
    let now = cli_kpis(&f, first, last + chrono::Days::new(1));
    let before = cli_kpis(&f, before_first, first);
    let expected = now["conversations"].as_i64().unwrap();
    assert_eq!(expected, conversations_on(&f, first, last).await);
    assert!(expected > 0 && before["conversations"].as_i64().unwrap() > 0, "{now} {before}");
    assert_eq!(browser.text("[data-kpi=conversations] .value").await, expected.to_string());
    let by_inbox = browser
        .execute(
            "return [...document.querySelector('#table-inboxes').querySelectorAll('tbody tr')]
               .map(r => Number(r.children[1].textContent.replace(/,/g, ''))).reduce((a, b) => a + b, 0)",
        )
        .await;
    assert_eq!(by_inbox, json!(expected), "the inbox table adds up to the card");

    // Each compared card: the arrow and percentage of the CLI's two periods, and its verdict.
    let mut arrows = 0;
    for (card, field, higher_is_better) in [
        ("conversations", "conversations", None),
        ("resolutions", "resolutions", Some(true)),
        ("avg_first_response", "avg_first_response_seconds", Some(false)),
        ("avg_resolution", "avg_resolution_seconds", Some(false)),
        ("leads", "leads", Some(true)),
    ] {
        let (c, p) = (now[field].as_f64().unwrap(), before[field].as_f64().unwrap());
        let pct = ((c - p) / p.abs() * 100.0).round() as i64;
        let delta = browser.text(&format!("[data-kpi={card}] .change .delta")).await;
        let arrow = match pct.signum() {
            1 => "▲",
            -1 => "▼",
            _ => "=",
        };
        assert_eq!(delta, format!("{arrow} {}%", pct.abs()), "{card}: {c} against {p}");
        let class = browser
            .execute(&format!("return document.querySelector('[data-kpi={card}] .change').className"))
            .await;
        let verdict = match (higher_is_better, pct.signum()) {
            (None, _) | (_, 0) => "neutral",
            (Some(true), 1) | (Some(false), -1) => "good",
            _ => "bad",
        };
        assert_eq!(class, json!(format!("change {verdict}")), "{card}");
        if verdict != "neutral" {
            let word = browser.text(&format!("[data-kpi={card}] .change .verdict")).await;
            assert_eq!(word, if verdict == "good" { "better" } else { "worse" }, "{card}: not colour alone");
        }
        arrows += usize::from(pct != 0);
    }
    assert!(arrows > 0, "some figure changed, so an arrow shows");
    assert_eq!(
        browser.text("[data-kpi=conversations] .previous").await,
        format!("before: {}", before["conversations"])
    );
    browser.screenshot("client-dashboard-periods.png").await;
    drop(browser);
    server.abort();
}

/// `geniai report KIND` for alpha over `[from, to)` in UTC, as JSON.
fn cli_report(f: &Fixture, kind: &str, from: chrono::NaiveDate, to: chrono::NaiveDate) -> Value {
    let out = super::support::geniai(&f.db)
        .args(["report", kind, "--tenant", "alpha", "--tz", "UTC", "--format", "json"])
        .args(["--from", &from.to_string(), "--to", &to.to_string()])
        .assert()
        .success();
    serde_json::from_slice(&out.get_output().stdout).unwrap()
}

/// The metric columns of the tables by dimension, in order, as their JSON fields.
const TABLE_FIELDS: [&str; 6] = [
    "conversations",
    "resolutions",
    "avg_first_response_seconds",
    "median_first_response_seconds",
    "avg_resolution_seconds",
    "csat_average",
];

impl Browser {
    /// What a table by dimension looks like: how wide it is against its box, each header's
    /// place, each name's lines, the rows' raw values and names in the order shown, the totals.
    async fn table(&self, slug: &str) -> Value {
        self.execute(&format!(
            "const t = document.querySelector('#table-{slug}'); const w = t.parentElement;
             const box = w.getBoundingClientRect();
             const heads = [...t.tHead.rows[0].cells].map(th => {{
               const r = th.getBoundingClientRect();
               return {{ text: th.textContent.trim(), sort: th.getAttribute('aria-sort'),
                        inside: r.width > 0 && r.height > 0 && r.left >= box.left - 0.5 && r.right <= box.right + 0.5,
                        clipped: th.scrollWidth > th.clientWidth }};
             }});
             const names = [...t.querySelectorAll('tbody td.name span')].map(s => ({{
               text: s.textContent, title: s.title,
               one_line: s.getBoundingClientRect().height < 2 * parseFloat(getComputedStyle(s).fontSize),
               truncated: s.scrollWidth > s.clientWidth }}));
             const rows = [...t.tBodies[0].rows].map(r => ({{ name: r.cells[0].textContent.trim(),
               values: [...r.cells].slice(1).map(c => c.getAttribute('data-sort')) }}));
             const totals = Object.fromEntries([...t.tFoot.rows[0].cells].filter(c => c.dataset.field)
               .map(c => [c.dataset.field, [c.dataset.value, c.textContent.trim()]]));
             return {{ wrap: [w.scrollWidth, w.clientWidth], table: [t.scrollWidth, t.clientWidth],
                      ready: t.dataset.sortable || null, heads, names, rows, totals }};"
        ))
        .await
    }
}

/// A raw value of a table's cell (`data-sort` / `data-value`) against the CLI's JSON value.
fn same_figure(shown: &Value, cli: &Value) -> bool {
    match (shown.as_str().unwrap_or_default(), cli.as_f64()) {
        ("", None) => cli.is_null(),
        (text, Some(expected)) => {
            text.parse::<f64>().is_ok_and(|v| (v - expected).abs() <= 1e-9 * expected.abs().max(1.0))
        }
        _ => false,
    }
}

/// The tables by inbox, agent, team, label and channel, at 1280 px in both languages: every
/// column and header in view without scrolling sideways, names on one line (a long one cut with
/// an ellipsis, whole in its title); most conversations first; a header click sorts numbers as
/// numbers and names alphabetically in the page's language (Álvaro before Ana); the rows and
/// the totals row are the CLI's figures (`report kpis` for the totals, `report KIND` per row).
#[test]
fn the_tables_by_dimension_fit_1280_px_sort_by_any_column_and_total_as_the_cli() {
    on_a_roomy_stack(tables_flow, "the tables flow failed");
}

async fn tables_flow() {
    let f = fixture().await;
    realistic_data(&f, f.alpha, 240).await;
    let long_name = "Atendimento ao cliente da loja do centro (WhatsApp Business, número principal)";
    let mut tx = db::tenant_tx(&f.db.pool, f.alpha).await.unwrap();
    for sql in [
        // A name longer than its column, and an agent whose name a byte-wise sort puts last.
        "UPDATE inboxes SET name = $2 WHERE tenant_id = $1 AND inbox_id = 2",
        "INSERT INTO agents (tenant_id, user_id, name) VALUES ($1, 4, 'Álvaro Reis')",
        "UPDATE conversations SET assignee_id = 4 WHERE tenant_id = $1 AND conversation_id % 13 = 0",
        "UPDATE reporting_events SET user_id = 4 WHERE tenant_id = $1 AND conversation_id % 13 = 0",
        "UPDATE csat_responses SET assigned_agent_id = 4 WHERE tenant_id = $1 AND conversation_id % 13 = 0",
    ] {
        sqlx::query(sql)
            .bind(f.alpha)
            .bind(long_name)
            .execute(&mut *tx)
            .await
            .unwrap_or_else(|e| panic!("{sql}: {e}"));
    }
    tx.commit().await.unwrap();
    // The dashboard's default period: the last 30 full days, in alpha's UTC.
    let today = chrono::Utc::now().date_naive();
    let (from, to) = (today - chrono::Days::new(30), today);
    let kpis = cli_report(&f, "kpis", from, to);
    assert!(kpis["conversations"].as_i64().unwrap() > 100, "{kpis}");

    let (base, server) = serve(AppState::new(f.db.pool.clone(), WebConfig::default())).await;
    let downloads = tempfile::tempdir().unwrap();
    let browser = Browser::start(downloads.path()).await;
    browser.log_in(&base, ALPHA_USER).await;
    browser.wait_for_url(&format!("{base}/dashboard")).await;
    let width = browser.execute("return document.documentElement.clientWidth").await.as_i64().unwrap();
    assert!((1260..=1280).contains(&width), "a 1280 px window: {width}");

    for language in ["en", "pt-BR"] {
        if language == "pt-BR" {
            geniai_ok(&f, &["tenant", "settings", "alpha", "--locale", "pt-BR"]);
            browser.goto(&format!("{base}/dashboard")).await;
            assert_eq!(browser.execute("return document.documentElement.lang").await, "pt-BR");
        }
        let page = browser
            .execute("const d = document.documentElement; return [d.scrollWidth, d.clientWidth]")
            .await;
        assert!(page[0].as_i64() <= page[1].as_i64(), "{language}: the page scrolls sideways: {page}");
        for slug in ["inboxes", "agents", "teams", "labels", "channels"] {
            let table = browser.table(slug).await;
            let what = format!("{language} {slug}");
            assert_eq!(table["ready"], "ready", "{what}: page.js made it sortable");
            for pair in [&table["wrap"], &table["table"]] {
                assert!(pair[0].as_i64() <= pair[1].as_i64(), "{what} is wider than its box: {table}");
            }
            let heads = table["heads"].as_array().unwrap();
            assert_eq!(heads.len(), 1 + TABLE_FIELDS.len(), "{what}");
            for head in heads {
                assert!(head["inside"] == true && head["clipped"] == false, "{what}: header {head}");
            }
            assert_eq!(heads[1]["sort"], "descending", "{what}: sorted by conversations");
            for name in table["names"].as_array().unwrap() {
                assert_eq!(name["one_line"], true, "{what}: {name}");
                assert_eq!(name["title"], name["text"], "{what}: the whole name in the title");
            }

            // Most conversations first; each row is the CLI's row of the same name.
            let rows = table["rows"].as_array().unwrap();
            let conversations: Vec<i64> =
                rows.iter().map(|r| r["values"][0].as_str().unwrap().parse().unwrap()).collect();
            assert!(conversations.windows(2).all(|w| w[0] >= w[1]), "{what}: {conversations:?}");
            let cli = cli_report(&f, slug, from, to);
            let cli = cli.as_array().unwrap();
            assert_eq!(rows.len(), cli.len(), "{what}: {table}");
            let none = if language == "en" { "(none)" } else { "(nenhum)" };
            for row in rows {
                let name = row["name"].as_str().unwrap();
                let expected = cli
                    .iter()
                    .find(|c| {
                        let cli_name = c["name"].as_str().map(|n| n.trim_start_matches("Channel::"));
                        cli_name.unwrap_or(none) == name
                    })
                    .unwrap_or_else(|| panic!("{what}: no CLI row named {name}: {cli:?}"));
                for (i, field) in TABLE_FIELDS.iter().enumerate() {
                    assert!(same_figure(&row["values"][i], &expected[field]), "{what} {name} {field}: {row}");
                }
            }
            // The totals row: `report kpis`, which the rows add up to where each conversation
            // is in one row only (not labels: a conversation with two labels is in both).
            for field in TABLE_FIELDS {
                let total = &table["totals"][field];
                assert!(
                    same_figure(&total[0], &kpis[field]),
                    "{what} total {field}: {total} vs {}",
                    kpis[field]
                );
                if slug != "labels" && !field.contains("seconds") && !field.contains("average") {
                    let sum: i64 = cli.iter().map(|r| r[field].as_i64().unwrap()).sum();
                    assert_eq!(
                        Some(sum),
                        kpis[field].as_i64(),
                        "{what}: the rows add up to the total {field}"
                    );
                }
            }
            let card = browser.text("[data-kpi=conversations] .value").await;
            assert_eq!(table["totals"]["conversations"][1], card, "{what}: the total reads as the card");
            if slug == "labels" {
                let sum: i64 = conversations.iter().sum();
                assert!(sum > kpis["conversations"].as_i64().unwrap(), "labels overlap: {sum}");
            }
        }
        // The long name is cut, not wrapped, and whole in its title.
        let inboxes = browser.table("inboxes").await;
        let long = inboxes["names"].as_array().unwrap().iter().find(|n| n["title"] == long_name).cloned();
        assert_eq!(
            long.as_ref().map(|n| (&n["truncated"], &n["one_line"])),
            Some((&json!(true), &json!(true)))
        );
        browser.screenshot(&format!("client-dashboard-tables-{language}.png")).await;
    }

    // Sorting, by the agents' table (in Portuguese now): the name column alphabetically in the
    // page's language, the unassigned row last either way.
    let agents = cli_report(&f, "agents", from, to);
    let agents = agents.as_array().unwrap();
    let shown = |table: &Value| -> Vec<String> {
        table["rows"].as_array().unwrap().iter().map(|r| r["name"].as_str().unwrap().to_string()).collect()
    };
    let mut names: Vec<String> =
        agents.iter().filter_map(|a| a["name"].as_str().map(str::to_string)).collect();
    assert_eq!(names.len(), 4, "four named agents: {agents:?}");
    assert!(agents.iter().any(|a| a["name"].is_null()), "and conversations without an agent");
    names.sort_by_key(|n| n.replace('Á', "A"));
    assert_eq!(names[0], "Álvaro Reis");
    browser.click("#table-agents th.name button").await;
    let by_name = browser.table("agents").await;
    assert_eq!(by_name["heads"][0]["sort"], "ascending");
    assert_eq!(by_name["heads"][1]["sort"], Value::Null);
    let mut expected = names.clone();
    expected.push("(nenhum)".into());
    assert_eq!(shown(&by_name), expected, "A to Z, then the unassigned");
    browser.click("#table-agents th.name button").await;
    let mut expected: Vec<String> = names.iter().rev().cloned().collect();
    expected.push("(nenhum)".into());
    let reversed = browser.table("agents").await;
    assert_eq!(shown(&reversed), expected, "Z to A, the unassigned still last");
    assert_eq!(reversed["heads"][0]["sort"], "descending");

    // A numeric column: the slowest first response first, then reversed; numbers as numbers.
    let field = "avg_first_response_seconds";
    let mut by_frt: Vec<(f64, String)> = agents
        .iter()
        .map(|a| (a[field].as_f64().unwrap(), a["name"].as_str().unwrap_or("(nenhum)").to_string()))
        .collect();
    by_frt.sort_by(|a, b| b.0.total_cmp(&a.0));
    browser.click(&format!("#table-agents th[data-field={field}] button")).await;
    let slowest_first = browser.table("agents").await;
    assert_eq!(slowest_first["heads"][3]["sort"], "descending");
    assert_eq!(shown(&slowest_first), by_frt.iter().map(|(_, n)| n.clone()).collect::<Vec<_>>());
    browser.click(&format!("#table-agents th[data-field={field}] button")).await;
    let fastest_first = browser.table("agents").await;
    assert_eq!(shown(&fastest_first), by_frt.iter().rev().map(|(_, n)| n.clone()).collect::<Vec<_>>());
    // The totals row stayed where it was, and the page still fits.
    assert_eq!(fastest_first["totals"], slowest_first["totals"]);
    browser.screenshot("client-dashboard-tables-sorted.png").await;

    // On a phone the rows stack, the totals row too, each cell labelled by its column.
    browser.emulate_phone(400).await;
    browser.goto(&format!("{base}/dashboard")).await;
    browser.assert_no_sideways_scroll("the dashboard's tables").await;
    let stacked = browser
        .execute(
            "const t = document.querySelector('#table-agents'); t.scrollIntoView();
             const cell = t.tFoot.rows[0].cells[1];
             return [getComputedStyle(t.tHead).display, getComputedStyle(cell).display,
                     getComputedStyle(cell, '::before').content, cell.getBoundingClientRect().width > 0]",
        )
        .await;
    assert_eq!(stacked, json!(["none", "flex", "\"Conversas\"", true]), "stacked rows on a phone");
    browser.screenshot("client-dashboard-tables-phone.png").await;

    let console = browser.console().await;
    let refused: Vec<&String> =
        console.iter().filter(|m| m.contains("Content Security Policy") || m.contains("SEVERE")).collect();
    assert!(refused.is_empty(), "the console reports: {refused:?}");
    drop(browser);
    server.abort();
}

/// `geniai report ARGS… --format json` for alpha, as JSON.
fn cli_json(f: &Fixture, args: &[&str]) -> Value {
    let out = super::support::geniai(&f.db)
        .args(["report"])
        .args(args)
        .args(["--tenant", "alpha", "--format", "json"])
        .assert()
        .success();
    serde_json::from_slice(&out.get_output().stdout).unwrap()
}

impl Browser {
    /// What the series chart shows: its bucket, each bar's key and counts, the tick labels of
    /// both axes (text, size in CSS px, box), and the chart's title.
    async fn series(&self) -> Value {
        self.execute(
            "const svg = document.querySelector('#series svg');
             const scale = svg.getScreenCTM().a;
             const tick = t => { const r = t.getBoundingClientRect();
               return { text: t.textContent, px: parseFloat(getComputedStyle(t).fontSize) * scale,
                        left: r.left, right: r.right }; };
             return { bucket: svg.dataset.bucket, title: document.querySelector('#series-title').firstChild.textContent,
                      bars: [...svg.querySelectorAll('rect.bar-primary')].map(r => [r.dataset.key, Number(r.dataset.conversations), Number(r.dataset.resolutions)]),
                      y: [...svg.querySelectorAll('text.y-tick')].map(tick),
                      x: [...svg.querySelectorAll('text.x-tick')].map(tick),
                      links: [...document.querySelectorAll('nav.buckets .bucket')].map(b => [b.dataset.bucket, b.tagName, b.getAttribute('aria-current')]) };",
        )
        .await
    }

    /// Navigates to `url` and waits until the series chart shows `bucket`.
    async fn series_in(&self, bucket: &str) -> Value {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let shown = self
                .execute("const s = document.querySelector('#series svg'); return s && s.dataset.bucket")
                .await;
            if shown == bucket {
                return self.series().await;
            }
            assert!(Instant::now() < deadline, "the series stayed at {shown}, expected {bucket}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

/// The series' bars equal `report daily --bucket B` for the same period and zone.
fn assert_series_is_the_clis(what: &str, series: &Value, cli: &Value) {
    let bars = series["bars"].as_array().unwrap();
    let cli = cli.as_array().unwrap();
    assert_eq!(bars.len(), cli.len(), "{what}: a bar per bucket: {series}");
    for (bar, row) in bars.iter().zip(cli) {
        assert_eq!(bar[0], row["date"], "{what}");
        assert_eq!(bar[1], row["conversations"], "{what} {}", row["date"]);
        assert_eq!(bar[2], row["resolutions"], "{what} {}", row["date"]);
    }
}

/// The count axis: whole numbers from 0 in equal steps, the top at least the largest bar; every
/// label at least 10 CSS px, and the x labels side by side without overlapping.
fn assert_readable_whole_ticks(what: &str, series: &Value) {
    let y = series["y"].as_array().unwrap();
    let values: Vec<i64> = y
        .iter()
        .map(|t| {
            let text = t["text"].as_str().unwrap().replace(['.', ','], "");
            text.parse::<i64>().unwrap_or_else(|_| panic!("{what}: tick {t} is not a whole number"))
        })
        .collect();
    assert!(values.len() >= 2 && values[0] == 0, "{what}: {values:?}");
    let step = values[1] - values[0];
    assert!(step >= 1 && values.windows(2).all(|w| w[1] - w[0] == step), "{what}: {values:?}");
    let most = series["bars"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b[1].as_f64().unwrap().max(b[2].as_f64().unwrap()))
        .fold(0.0, f64::max);
    assert!(*values.last().unwrap() as f64 >= most, "{what}: {values:?} below {most}");
    let x = series["x"].as_array().unwrap();
    assert!(x.len() >= 2, "{what}: {series}");
    for tick in y.iter().chain(x) {
        assert!(tick["px"].as_f64().unwrap() >= 10.0, "{what}: a label under 10 px: {tick}");
    }
    for pair in x.windows(2) {
        assert!(
            pair[0]["right"].as_f64().unwrap() <= pair[1]["left"].as_f64().unwrap(),
            "{what}: x labels overlap: {pair:?}"
        );
    }
}

/// The charts of a São Paulo client: the series' bucket follows the period (days for a month,
/// hours for one day, weeks for 90 days, where hours are not offered) and the bucket links
/// switch it, the bars always `report daily --bucket B`; the count axis has whole-number ticks,
/// readable at 1280 px and at 400 px; the first-response chart is `report frt-distribution
/// --fine`; the heatmap's 168 cells are `report heatmap`, each with its count as text.
#[test]
fn the_charts_follow_the_period_switch_buckets_and_equal_the_cli() {
    on_a_roomy_stack(charts_flow, "the charts flow failed");
}

async fn charts_flow() {
    let (f, browser, base, server, _downloads) = dashboard_in_sao_paulo().await;
    let today = sao_paulo_today();
    let (first, last) = (today - chrono::Days::new(30), today - chrono::Days::new(1));
    let (from, to) = (first.to_string(), today.to_string());
    let period = ["--from", &from, "--to", &to, "--tz", "America/Sao_Paulo"];
    let month_url = format!("{base}/dashboard?from={first}&until={last}&tz=America%2FSao_Paulo");
    browser.goto(&month_url).await;

    // Thirty days: days, the CLI's `--bucket day`.
    let days = browser.series_in("day").await;
    let cli_days = cli_json(&f, &[&["daily", "--bucket", "day"][..], &period].concat());
    assert_series_is_the_clis("30 days", &days, &cli_days);
    assert_eq!(days["bars"].as_array().unwrap().len(), 30);
    assert!(days["title"].as_str().unwrap().ends_with("per day"), "{days}");
    assert!(days["links"].as_array().unwrap().contains(&json!(["day", "A", "true"])), "{days}");
    assert_readable_whole_ticks("30 days at 1280 px", &days);

    // The week link switches the series to the CLI's weeks.
    browser.click("nav.buckets a[data-bucket=week]").await;
    let weeks = browser.series_in("week").await;
    assert!(browser.current_url().await.ends_with("&bucket=week"));
    let cli_weeks = cli_json(&f, &[&["daily", "--bucket", "week"][..], &period].concat());
    assert_series_is_the_clis("30 days by week", &weeks, &cli_weeks);
    assert!(weeks["bars"].as_array().unwrap().len() < 7 && weeks["bars"] != days["bars"]);
    assert!(weeks["title"].as_str().unwrap().ends_with("per week"), "{weeks}");
    let total = |s: &Value| s["bars"].as_array().unwrap().iter().map(|b| b[1].as_i64().unwrap()).sum::<i64>();
    assert_eq!(total(&weeks), total(&days), "the same conversations, cut differently");

    // One day: hours, the CLI's `--bucket hour` in the tenant's zone.
    browser.goto(&format!("{base}/dashboard?preset=yesterday")).await;
    let hours = browser.series_in("hour").await;
    let (y_from, y_to) = ((today - chrono::Days::new(1)).to_string(), today.to_string());
    let cli_hours = cli_json(
        &f,
        &["daily", "--bucket", "hour", "--from", &y_from, "--to", &y_to, "--tz", "America/Sao_Paulo"],
    );
    assert_series_is_the_clis("yesterday", &hours, &cli_hours);
    assert_eq!(hours["bars"].as_array().unwrap().len(), 24);
    assert_eq!(hours["x"][0]["text"], "00:00");
    assert_readable_whole_ticks("yesterday at 1280 px", &hours);

    // Ninety days: weeks, and no hours to choose.
    browser.goto(&format!("{base}/dashboard?preset=last-90-days")).await;
    let quarter = browser.series_in("week").await;
    let links = quarter["links"].as_array().unwrap();
    assert!(links.contains(&json!(["hour", "SPAN", null])), "hours are not offered: {links:?}");
    assert!(links.contains(&json!(["week", "A", "true"])), "{links:?}");

    // The charts of the thirty days.
    browser.goto(&month_url).await;
    browser.series_in("day").await;
    let frt = browser
        .execute("return [...document.querySelectorAll('#frt-chart tbody tr')].map(r => [r.dataset.bucket, Number(r.dataset.count), r.querySelector('.count').textContent])")
        .await;
    let cli_frt = cli_json(&f, &[&["frt-distribution", "--fine"][..], &period].concat());
    let cli_frt = cli_frt.as_array().unwrap();
    let frt = frt.as_array().unwrap();
    assert_eq!(frt.len(), 8, "the eight fine buckets: {frt:?}");
    for (shown, row) in frt.iter().zip(cli_frt) {
        assert_eq!(shown[0], row["bucket"]);
        assert_eq!(shown[1], row["first_responses"], "{}", row["bucket"]);
        assert_eq!(shown[2], row["first_responses"].to_string(), "the count as text: {}", row["bucket"]);
    }
    let spread = cli_frt.iter().filter(|b| b["first_responses"].as_i64() > Some(0)).count();
    assert!(spread >= 4, "the data spreads over the fine buckets: {cli_frt:?}");

    let cells = browser
        .execute("return [...document.querySelectorAll('#heatmap td')].map(c => [Number(c.dataset.weekday), Number(c.dataset.hour), c.textContent.trim(), c.title])")
        .await;
    let cells = cells.as_array().unwrap();
    let cli_heat = cli_json(&f, &[&["heatmap"][..], &period].concat());
    let cli_heat = cli_heat.as_array().unwrap();
    assert_eq!(cells.len(), 168);
    assert_eq!(cli_heat.len(), 168);
    for (cell, row) in cells.iter().zip(cli_heat) {
        assert_eq!((&cell[0], &cell[1]), (&row["weekday"], &row["hour"]));
        assert_eq!(cell[2], row["conversations"].to_string(), "the count as text: {row}");
        assert!(cell[3].as_str().unwrap().contains(&format!("{:02}:00", row["hour"].as_i64().unwrap())));
    }
    let busy = cli_heat.iter().filter(|c| c["conversations"].as_i64() > Some(0)).count();
    assert!(busy >= 20, "the data fills the heatmap: {busy} cells");
    browser.execute("document.querySelector('#series').scrollIntoView()").await;
    browser.screenshot("client-dashboard-charts.png").await;
    browser.execute("document.querySelector('section.frt').scrollIntoView()").await;
    browser.screenshot("client-dashboard-frt-heatmap.png").await;

    // On a phone: the same charts, every label at least 10 px, nothing sideways.
    browser.emulate_phone(400).await;
    browser.goto(&month_url).await;
    let phone = browser.series_in("day").await;
    assert_series_is_the_clis("30 days on a phone", &phone, &cli_days);
    assert_readable_whole_ticks("30 days at 400 px", &phone);
    browser.assert_no_sideways_scroll("the dashboard's charts").await;
    browser.goto(&format!("{base}/dashboard?preset=yesterday")).await;
    assert_readable_whole_ticks("yesterday at 400 px", &browser.series_in("hour").await);
    browser.goto(&format!("{base}/dashboard?preset=last-90-days")).await;
    assert_readable_whole_ticks("90 days at 400 px", &browser.series_in("week").await);
    browser.assert_no_sideways_scroll("the dashboard by week").await;
    let heat_px = browser
        .execute("const c = document.querySelector('#heatmap td'); return c.getBoundingClientRect().width")
        .await;
    assert!(heat_px.as_f64().unwrap() >= 8.0, "heatmap cells stay visible: {heat_px}");
    let wrap = browser
        .execute("const w = document.querySelector('.heatmap-wrap'); return [w.scrollWidth, w.clientWidth]")
        .await;
    assert!(wrap[0].as_i64() <= wrap[1].as_i64(), "the heatmap's 24 hours fit a phone: {wrap}");
    browser.execute("document.querySelector('#series').scrollIntoView()").await;
    browser.screenshot("client-dashboard-charts-phone.png").await;
    browser.execute("document.querySelector('section.frt').scrollIntoView()").await;
    browser.screenshot("client-dashboard-frt-heatmap-phone.png").await;
    drop(browser);
    server.abort();
}

impl Browser {
    /// The text of the prompt (`window.confirm`) the page opened: WebDriver's explicit wait for
    /// a dialog, polled (the click that opens it may return first).
    async fn prompt_text(&self) -> String {
        let deadline = Instant::now() + Duration::from_secs(30);
        let url = format!("/session/{}/alert/text", self.session);
        loop {
            let (status, reply) = http(self.port, "GET", &url, None).await.expect("talk to chromedriver");
            if status == 200 {
                return reply["value"].as_str().unwrap_or_default().to_string();
            }
            assert!(Instant::now() < deadline, "no confirmation appeared: {reply}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Answers the open prompt: OK (`accept`) or Cancel.
    async fn answer_prompt(&self, accept: bool) {
        let verb = if accept { "accept" } else { "dismiss" };
        self.command("POST", &format!("/alert/{verb}"), json!({})).await;
    }
}

/// Whether `email`'s account is enabled, in the database.
async fn user_is_active(f: &Fixture, email: &str) -> bool {
    let mut tx = db::platform_tx(&f.db.pool).await.unwrap();
    sqlx::query_scalar("SELECT is_active FROM users WHERE email = $1")
        .bind(email)
        .fetch_one(&mut *tx)
        .await
        .unwrap()
}

/// The admin overview's two charts per client show `geniai report overview`'s figures for the
/// same period: conversations and conversion rate, client by client (the raw value each bar
/// carries and the text it shows).
#[test]
fn the_admin_overview_charts_equal_the_cli_report_overview() {
    on_a_roomy_stack(overview_charts_flow, "the overview charts flow failed");
}

async fn overview_charts_flow() {
    let f = fixture().await;
    realistic_data(&f, f.alpha, 240).await;
    realistic_data(&f, f.beta, 90).await;
    let today = chrono::Utc::now().date_naive();
    let (from, to) = (today - chrono::Days::new(30), today);
    let out = super::support::geniai(&f.db)
        .args(["report", "overview", "--tz", "UTC", "--format", "json"])
        .args(["--from", &from.to_string(), "--to", &to.to_string()])
        .assert()
        .success();
    let cli: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let cli: Vec<&Value> = cli.as_array().unwrap().iter().filter(|r| r["tenant"] != "TOTAL").collect();
    assert_eq!(cli.len(), 2, "{cli:?}");
    assert!(cli.iter().all(|r| r["conversations"].as_i64().unwrap() > 10), "{cli:?}");

    let (base, server) = serve(AppState::new(f.db.pool.clone(), WebConfig::default())).await;
    let downloads = tempfile::tempdir().unwrap();
    let browser = Browser::start(downloads.path()).await;
    browser.log_in(&base, ADMIN_USER).await;
    browser.wait_for_url(&format!("{base}/admin")).await;
    // The period inclusively, as the picker sends it: `until` is the last day, the CLI's `--to` the day after.
    let until = to - chrono::Days::new(1);
    browser.goto(&format!("{base}/admin?from={from}&until={until}&tz=UTC")).await;
    for (field, shown) in [("conversations", "int"), ("conversion_rate", "percent")] {
        let bars = browser
            .execute(&format!(
                "return [...document.querySelectorAll('figure[data-field={field}] li[data-client]')].map(li => ({{
                   tenant: li.dataset.client, value: li.dataset.value,
                   text: li.querySelector('.value').textContent.trim(),
                   bar: Number(li.querySelector('rect').getAttribute('width')) }}))"
            ))
            .await;
        let bars = bars.as_array().unwrap();
        assert_eq!(bars.len(), cli.len(), "{field}: one bar per client: {bars:?}");
        for row in &cli {
            let bar = bars
                .iter()
                .find(|b| b["tenant"] == row["tenant"])
                .unwrap_or_else(|| panic!("{field}: {row}"));
            assert!(
                same_figure(&bar["value"], &row[field]),
                "{field} of {}: {bar} vs {}",
                row["tenant"],
                row[field]
            );
            let expected = match shown {
                "int" => row[field].as_i64().unwrap().to_string(),
                _ => format!("{:.1}%", row[field].as_f64().unwrap() * 100.0),
            };
            assert_eq!(bar["text"], expected.as_str(), "{field} of {}", row["tenant"]);
            assert!(bar["bar"].as_f64().unwrap() > 0.0, "{field}: a visible bar: {bar}");
        }
        // Largest first, and the largest bar is the full width.
        let values: Vec<f64> = bars.iter().map(|b| b["value"].as_str().unwrap().parse().unwrap()).collect();
        assert!(values.windows(2).all(|w| w[0] >= w[1]), "{field}: {values:?}");
        assert_eq!(bars[0]["bar"].as_f64(), Some(100.0), "{field}");
    }
    browser.screenshot("admin-overview-charts.png").await;
    drop(browser);
    server.abort();
}

/// The admin's destructive actions ask first (disabling a user, suspending a tenant, deleting a
/// credential): Cancel changes nothing, OK does it. A refused form shows its message beside the
/// field, on the form, in the page. The audit log fits 1280 px and a 400 px phone, its
/// before/after cells one field a line, a long value cut with the whole of it at hand.
#[test]
fn admin_actions_confirm_first_show_errors_inline_and_the_audit_log_fits() {
    on_a_roomy_stack(admin_actions_flow, "the admin actions flow failed");
}

async fn admin_actions_flow() {
    let f = fixture().await;
    realistic_data(&f, f.alpha, 60).await;
    let long_logo = format!("https://cdn.example.com/{}/logo.png", "very-long-path-segment".repeat(12));
    geniai_ok(
        &f,
        &["tenant", "settings", "alpha", "--logo-url", &long_logo, "--display-name", "Clínica Alpha"],
    );
    let state = app_with_a_master_key(&f);
    let (base, server) = serve(state).await;
    let downloads = tempfile::tempdir().unwrap();
    let browser = Browser::start(downloads.path()).await;
    browser.log_in(&base, ADMIN_USER).await;
    browser.wait_for_url(&format!("{base}/admin")).await;

    // Disable a user: the question names the user; Cancel keeps the user, OK disables.
    let page = format!("{base}/admin/tenants/alpha");
    browser.goto(&page).await;
    browser.execute("document.getElementById('administration').scrollIntoView()").await;
    browser.screenshot("admin-tenant-users.png").await;
    let disable = format!("tr[data-email='{ALPHA_USER}'] form[action$='/users/disable'] button");
    browser.click(&disable).await;
    let question = browser.prompt_text().await;
    assert!(question.contains(ALPHA_USER) && question.contains("Disable"), "{question}");
    browser.answer_prompt(false).await;
    assert_eq!(browser.current_url().await, page, "Cancel stays on the page");
    assert!(user_is_active(&f, ALPHA_USER).await, "Cancel disables no one");
    browser.click(&disable).await;
    browser.prompt_text().await;
    browser.answer_prompt(true).await;
    browser.wait_for_url(&format!("{page}#users")).await;
    assert!(!user_is_active(&f, ALPHA_USER).await, "OK disabled the user");
    let status = browser.text(&format!("tr[data-email='{ALPHA_USER}'] td:nth-child(5)")).await;
    assert_eq!(status, "disabled");
    // Enabling does not ask.
    browser.click(&format!("tr[data-email='{ALPHA_USER}'] form[action$='/users/enable'] button")).await;
    // The URL is already `#users` from the disable: wait for the re-rendered row instead.
    browser
        .wait_for_text(
            &format!("tr[data-email='{ALPHA_USER}'] td:nth-child(5)"),
            Duration::from_secs(10),
            |t| t != "disabled",
        )
        .await;
    assert!(user_is_active(&f, ALPHA_USER).await);

    // A refused set-password (blank: long enough for the browser, not for the rule) comes back
    // with the message beside the password field.
    browser.type_into("#set-password-form input[name=password]", "            ").await;
    browser.click("#set-password-form button[type=submit]").await;
    browser.wait_for_url(&format!("{page}/users/password")).await;
    let placed = browser
        .execute(
            "const input = document.querySelector('#set-password-form input[name=password]');
             const error = document.getElementById(input.getAttribute('aria-describedby') || 'none');
             if (!error) return null;
             const i = input.getBoundingClientRect(), e = error.getBoundingClientRect();
             return { text: error.textContent, invalid: input.getAttribute('aria-invalid'),
                      inForm: input.form.contains(error), below: e.top >= i.bottom - 1 && e.top - i.bottom < 40,
                      visible: e.width > 0 && e.height > 0, value: input.value,
                      top: document.querySelectorAll('#set-password-form p.error').length };",
        )
        .await;
    assert_eq!(placed["invalid"], "true", "{placed}");
    assert!(placed["text"].as_str().unwrap().contains("blank"), "{placed}");
    for check in ["inForm", "below", "visible"] {
        assert_eq!(placed[check], true, "the message is beside the field ({check}): {placed}");
    }
    assert_eq!(placed["value"], "", "the password is not sent back: {placed}");
    assert_eq!(placed["top"], 0, "not at the top of the form: {placed}");
    assert!(browser.text("main").await.contains("Clínica Alpha"), "the whole page, not an error page");

    // Suspend a tenant: Cancel keeps it active.
    browser.goto(&format!("{base}/admin")).await;
    browser.click("tr[data-tenant=beta] form[action$='/suspend'] button").await;
    assert!(browser.prompt_text().await.starts_with("Suspend this tenant?"));
    browser.answer_prompt(false).await;
    let mut tx = db::platform_tx(&f.db.pool).await.unwrap();
    let status: String = sqlx::query_scalar("SELECT status FROM tenants WHERE slug = 'beta'")
        .fetch_one(&mut *tx)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(status, "active");

    // Delete a credential: asks first; Cancel keeps it, OK deletes it.
    let settings = format!("{base}/admin/tenants/alpha/settings");
    browser.goto(&settings).await;
    browser.type_into("form.stacked input[name=name]", "n8n_api_key").await;
    browser.type_into("form.stacked input[name=value]", "n8n-secret-value-1234").await;
    browser.click("form.stacked button[type=submit]").await;
    // The form posts back to the page it is on: the URL cannot tell the new page has arrived.
    browser.wait_for_text("main table", Duration::from_secs(60), |t| t.contains("n8n_api_key")).await;
    let delete = "form[action$='/secrets/delete'] button";
    browser.click(delete).await;
    assert!(browser.prompt_text().await.starts_with("Delete this credential?"));
    browser.answer_prompt(false).await;
    assert!(browser.text("main table").await.contains("n8n_api_key"), "Cancel keeps the credential");
    browser.click(delete).await;
    browser.prompt_text().await;
    browser.answer_prompt(true).await;
    browser.wait_for_text("main table", Duration::from_secs(60), |t| !t.contains("n8n_api_key")).await;
    browser.wait_for_url(&settings).await;

    // The audit log, at 1280 px and on a phone.
    for phone in [false, true] {
        if phone {
            browser.emulate_phone(400).await;
        }
        browser.goto(&format!("{base}/admin/audit")).await;
        let fit = browser
            .execute(
                "const d = document.documentElement, t = document.querySelector('#audit');
                 const cells = [...t.querySelectorAll('td.json')].filter(c => c.textContent.trim());
                 const clip = t.querySelector('.clip');
                 return { page: [d.scrollWidth, d.clientWidth], table: [t.scrollWidth, t.clientWidth],
                          right: t.getBoundingClientRect().right, width: d.clientWidth,
                          narrowest: Math.min(...cells.map(c => c.getBoundingClientRect().width)),
                          fields: t.querySelectorAll('dl.kv dt').length,
                          clip: clip && { shown: clip.textContent, title: clip.title },
                          full: [...t.querySelectorAll('details.full pre')].map(p => p.textContent).join(' ') };",
            )
            .await;
        let what = if phone { "at 400 px" } else { "at 1280 px" };
        assert!(
            fit["page"][0].as_i64() <= fit["page"][1].as_i64(),
            "{what}: the page scrolls sideways: {fit}"
        );
        assert!(fit["table"][0].as_i64() <= fit["table"][1].as_i64(), "{what}: the table overflows: {fit}");
        assert!(fit["right"].as_f64() <= fit["width"].as_f64(), "{what}: {fit}");
        assert!(
            fit["narrowest"].as_f64().unwrap() >= 150.0,
            "{what}: a before/after cell is too narrow to read: {fit}"
        );
        assert!(fit["fields"].as_i64().unwrap() >= 4, "{what}: one line per field: {fit}");
        let shown = fit["clip"]["shown"].as_str().expect("the long logo address is cut");
        assert!(shown.ends_with('…') && shown.chars().count() < 80, "{what}: {fit}");
        assert_eq!(fit["clip"]["title"], long_logo.as_str(), "{what}: the whole value in its title");
        assert!(fit["full"].as_str().unwrap().contains(&long_logo), "{what}: and in the disclosure");
        if phone {
            browser.assert_no_sideways_scroll("the audit log").await;
            browser.screenshot("admin-audit-phone.png").await;
        } else {
            let width =
                browser.execute("return document.documentElement.clientWidth").await.as_i64().unwrap();
            assert!((1260..=1280).contains(&width), "a 1280 px window: {width}");
            browser.screenshot("admin-audit.png").await;
        }
    }
    drop(browser);
    server.abort();
}

/// An admin changes a tenant's default language, timezone and colour from the tenant's page, in
/// a real browser: the zone and the language are picked from lists, a bad colour comes back
/// beside its field (marked invalid), and the saved values are the CLI's to read. The admin's
/// own page keeps the admin's language.
#[test]
fn an_admin_changes_a_tenants_language_timezone_and_colour_in_a_real_browser() {
    on_a_roomy_stack(tenant_settings_flow, "the tenant settings flow failed");
}

async fn tenant_settings_flow() {
    let f = fixture().await;
    let (base, server) = serve(AppState::new(f.db.pool.clone(), WebConfig::default())).await;
    let downloads = tempfile::tempdir().unwrap();
    let browser = Browser::start(downloads.path()).await;
    browser.log_in(&base, ADMIN_USER).await;
    browser.wait_for_url(&format!("{base}/admin")).await;
    let page = format!("{base}/admin/tenants/alpha");
    browser.goto(&page).await;
    let form = "#tenant-settings-form";
    browser.click(&format!("{form} select[name=timezone] option[value='America/Sao_Paulo']")).await;
    browser.click(&format!("{form} select[name=locale] option[value='pt-BR']")).await;
    browser.type_into(&format!("{form} input[name=primary_color]"), "azul").await;
    browser.click(&format!("{form} button[type=submit]")).await;
    browser.wait_for_url(&format!("{page}/branding")).await;
    let placed = browser
        .execute(
            "const input = document.querySelector('#tenant-settings-form input[name=primary_color]');
             const error = document.getElementById(input.getAttribute('aria-describedby') || 'none');
             if (!error) return null;
             const e = error.getBoundingClientRect();
             return { text: error.textContent, invalid: input.getAttribute('aria-invalid'),
                      inForm: input.form.contains(error), visible: e.width > 0 && e.height > 0,
                      value: input.value, lang: document.documentElement.lang };",
        )
        .await;
    assert_eq!(placed["invalid"], "true", "{placed}");
    assert!(placed["text"].as_str().unwrap().contains("#RRGGBB"), "{placed}");
    assert_eq!(placed["inForm"], true, "{placed}");
    assert_eq!(placed["visible"], true, "{placed}");
    assert_eq!(placed["value"], "azul", "what was typed stays: {placed}");
    assert_eq!(placed["lang"], "en", "the admin's language, not the tenant's: {placed}");
    let unchanged =
        super::support::geniai(&f.db).args(["tenant", "show", "alpha", "--format", "json"]).assert();
    let unchanged: Value = serde_json::from_slice(&unchanged.get_output().stdout).unwrap();
    assert_eq!((unchanged["timezone"].as_str(), unchanged["locale"].as_str()), (Some("UTC"), Some("en")));

    // Corrected, it saves; the choices made before the refusal are still chosen.
    let colour = browser.find(&format!("{form} input[name=primary_color]")).await;
    browser.command("POST", &format!("/element/{colour}/clear"), json!({})).await;
    browser.type_into(&format!("{form} input[name=primary_color]"), "#1f6feb").await;
    browser.click(&format!("{form} button[type=submit]")).await;
    browser.wait_for_url(&format!("{page}#branding")).await;
    let shown = browser
        .execute(
            "const f = document.querySelector('#tenant-settings-form');
             return { tz: f.timezone.value, locale: f.locale.value, colour: f.primary_color.value };",
        )
        .await;
    assert_eq!(shown, json!({ "tz": "America/Sao_Paulo", "locale": "pt-BR", "colour": "#1F6FEB" }));
    let saved = super::support::geniai(&f.db).args(["tenant", "show", "alpha", "--format", "json"]).assert();
    let saved: Value = serde_json::from_slice(&saved.get_output().stdout).unwrap();
    assert_eq!(
        (saved["timezone"].as_str(), saved["locale"].as_str()),
        (Some("America/Sao_Paulo"), Some("pt-BR"))
    );
    browser.execute("document.getElementById('tenant-settings-form').scrollIntoView()").await;
    browser.screenshot("admin-tenant-settings.png").await;
    drop(browser);
    server.abort();
}

impl Browser {
    /// Back to the window's own 1280 px viewport after [`Browser::emulate_phone`].
    async fn emulate_desktop(&self) {
        self.command(
            "POST",
            "/chromium/send_command",
            json!({"cmd": "Emulation.clearDeviceMetricsOverride", "params": {}}),
        )
        .await;
    }

    /// The `Accept-Language` the browser sends from now on (what the login page speaks).
    async fn accept_language(&self, tag: &str) {
        let agent = self.execute("return navigator.userAgent").await;
        self.command(
            "POST",
            "/chromium/send_command",
            json!({"cmd": "Emulation.setUserAgentOverride", "params": {"userAgent": agent, "acceptLanguage": tag}}),
        )
        .await;
    }

    /// Checks the page at `path` with axe-core at 1280 px and at 400 px, in `language`.
    async fn assert_accessible_at_both_widths(&self, base: &str, path: &str, language: &str) {
        for phone in [false, true] {
            if phone {
                self.emulate_phone(400).await;
            } else {
                self.emulate_desktop().await;
            }
            self.goto(&format!("{base}{path}")).await;
            assert_eq!(self.execute("return document.documentElement.lang").await, language, "{path}");
            let width = if phone { 400 } else { 1280 };
            self.assert_accessible(&format!("{path} in {language} at {width} px")).await;
        }
        self.emulate_desktop().await;
    }
}

/// Every page passes axe-core's WCAG 2 A/AA rules (no serious or critical violation), at
/// 1280 px and at 400 px: the login page in English and in Portuguese (by `Accept-Language`),
/// a client's dashboard and integrations page in both languages, and the admin's overview,
/// tenant page, tenant settings, new-tenant form and audit log.
#[test]
fn every_page_passes_axe_core_wcag_a_and_aa_at_1280_and_400_px() {
    on_a_roomy_stack(accessibility_flow, "the accessibility flow failed");
}

async fn accessibility_flow() {
    let f = fixture().await;
    realistic_data(&f, f.alpha, 240).await;
    realistic_data(&f, f.beta, 90).await;
    // An audited change, so that the audit log has rows to check, and a tenant page with
    // something in each section (also the README's screenshot of it).
    geniai_ok(&f, &["tenant", "settings", "alpha", "--display-name", "Clínica Alpha"]);
    geniai_ok(&f, &["inbox", "map", "--tenant", "alpha", "--inbox", "1", "--inbox", "2", "--inbox", "3"]);
    for (email, name, role) in
        [("bruno@alpha.test", "Bruno Lima", "viewer"), ("carla@alpha.test", "Carla Dias", "admin")]
    {
        super::support::geniai(&f.db)
            .args([
                "user",
                "create",
                "--tenant",
                "alpha",
                "--email",
                email,
                "--name",
                name,
                "--role",
                role,
                "--password-stdin",
            ])
            .write_stdin(format!("{PASSWORD}\n"))
            .assert()
            .success();
    }
    let state = app_with_a_master_key(&f);
    let (base, server) = serve(state).await;
    let downloads = tempfile::tempdir().unwrap();
    let browser = Browser::start(downloads.path()).await;

    browser.goto(&format!("{base}/login")).await;
    browser.assert_accessible_at_both_widths(&base, "/login", "en").await;
    browser.accept_language("pt-BR,pt;q=0.9").await;
    browser.assert_accessible_at_both_widths(&base, "/login", "pt-BR").await;
    browser.accept_language("en-US,en;q=0.9").await;

    browser.log_in(&base, ALPHA_USER).await;
    browser.wait_for_url(&format!("{base}/dashboard")).await;
    for language in ["en", "pt-BR"] {
        if language == "pt-BR" {
            geniai_ok(&f, &["tenant", "settings", "alpha", "--locale", "pt-BR"]);
        }
        for path in ["/dashboard", "/dashboard?preset=yesterday", "/settings"] {
            browser.assert_accessible_at_both_widths(&base, path, language).await;
        }
    }
    // A light brand colour (a tenant's own choice) behind the header, the buttons and the chosen
    // preset: their text turns dark rather than white on yellow.
    geniai_ok(&f, &["tenant", "settings", "alpha", "--primary-color", "#f2c94c", "--locale", "en"]);
    browser.assert_accessible_at_both_widths(&base, "/dashboard", "en").await;

    browser.click("header.top form button[type=submit]").await;
    browser.wait_for_url(&format!("{base}/login")).await;
    browser.log_in(&base, ADMIN_USER).await;
    browser.wait_for_url(&format!("{base}/admin")).await;
    for path in [
        "/admin",
        "/admin/tenants/alpha",
        "/admin/tenants/alpha/settings",
        "/admin/tenants/new",
        "/admin/audit",
    ] {
        browser.assert_accessible_at_both_widths(&base, path, "en").await;
    }
    browser.goto(&format!("{base}/admin/tenants/alpha")).await;
    browser.execute("document.getElementById('administration').scrollIntoView()").await;
    browser.screenshot("admin-tenant.png").await;
    drop(browser);
    server.abort();
}

/// A zone whose today is not São Paulo's now: one of these two always qualifies, being 26 hours
/// apart, so the test sees a preset's dates move with the zone.
fn a_zone_with_another_today() -> chrono_tz::Tz {
    ["Pacific/Kiritimati", "Etc/GMT+12"]
        .into_iter()
        .map(|z| z.parse::<chrono_tz::Tz>().unwrap())
        .find(|z| chrono::Utc::now().with_timezone(z).date_naive() != sao_paulo_today())
        .unwrap()
}

impl Browser {
    /// Chooses `zone` in the period form's timezone list and sends the form.
    async fn submit_zone(&self, zone: &str) {
        self.execute(&format!("document.querySelector('form.period [name=tz]').value = '{zone}'")).await;
        self.click("form.period button[type=submit]").await;
        self.wait_for_text("#period-summary", Duration::from_secs(30), |t| t.contains(zone)).await;
    }
}

/// Changing the timezone keeps the chosen preset: "last 7 days" stays the last 7 days, now
/// counted in the new zone (a shareable preset link), and so does the default period; a range
/// typed by hand stays that range in the new zone; editing a preset's date makes it custom.
#[test]
fn changing_the_timezone_keeps_the_preset_in_a_real_browser() {
    on_a_roomy_stack(timezone_keeps_preset_flow, "the timezone flow failed");
}

async fn timezone_keeps_preset_flow() {
    let (_f, browser, base, server, _downloads) = dashboard_in_sao_paulo().await;
    let zone = a_zone_with_another_today();
    let today = chrono::Utc::now().with_timezone(&zone).date_naive();
    let day = |n: u64| today - chrono::Days::new(n);
    let encoded = zone.name().replace('/', "%2F").replace('+', "%2B");

    // The default period (the last 30 days) and a chosen preset alike.
    for (preset, label, first, last) in
        [("last-30-days", "Last 30 days", day(30), day(1)), ("last-7-days", "Last 7 days", day(7), day(1))]
    {
        if preset != "last-30-days" {
            browser.click(&format!("nav.presets a[data-preset={preset}]")).await;
            browser.wait_for_url(&format!("{base}/dashboard?preset={preset}&tz=America%2FSao_Paulo")).await;
        }
        browser.submit_zone(zone.name()).await;
        assert_eq!(browser.text("nav.presets a.current").await, label, "{preset} in {zone}");
        assert_eq!(browser.picker_dates().await, (first.to_string(), last.to_string()), "{preset} in {zone}");
        assert_eq!(browser.current_url().await, format!("{base}/dashboard?preset={preset}&tz={encoded}"));
        browser.goto(&format!("{base}/dashboard")).await;
    }

    // A custom range keeps its dates in the new zone.
    let sp = sao_paulo_today();
    let (first, last) = (sp - chrono::Days::new(12), sp - chrono::Days::new(5));
    browser
        .execute(&format!(
            "document.querySelector('#period-from').value = '{first}';
             document.querySelector('#period-until').value = '{last}';"
        ))
        .await;
    browser.click("form.period button[type=submit]").await;
    browser.wait_for_text("nav.presets a.current", Duration::from_secs(30), |t| t == "Custom").await;
    browser.submit_zone(zone.name()).await;
    assert_eq!(browser.text("nav.presets a.current").await, "Custom");
    assert_eq!(browser.picker_dates().await, (first.to_string(), last.to_string()));

    // Editing a preset's date (with a zone change or without) is a custom range.
    browser.goto(&format!("{base}/dashboard?preset=last-7-days&tz=America%2FSao_Paulo")).await;
    let edited = sp - chrono::Days::new(9);
    browser.execute(&format!("document.querySelector('#period-from').value = '{edited}'")).await;
    browser.submit_zone(zone.name()).await;
    assert_eq!(browser.text("nav.presets a.current").await, "Custom");
    assert_eq!(browser.picker_dates().await.0, edited.to_string(), "the date as typed");
    drop(browser);
    server.abort();
}

impl Browser {
    /// Empties the field `css` and types `text` into it, as a person would.
    async fn retype(&self, css: &str, text: &str) {
        let id = self.find(css).await;
        self.command("POST", &format!("/element/{id}/clear"), json!({})).await;
        self.command("POST", &format!("/element/{id}/value"), json!({ "text": text })).await;
    }

    /// What the period form's date fields are: type, value, placeholder, and the hint they
    /// point at (`aria-describedby`).
    async fn date_fields(&self) -> Value {
        self.execute(
            "return ['#period-from', '#period-until'].map(s => { const i = document.querySelector(s);
               const hint = document.getElementById(i.getAttribute('aria-describedby') || 'none');
               return [i.type, i.value, i.placeholder, hint && hint.textContent.trim()]; })",
        )
        .await
    }
}

/// The date fields follow the page's language, not the browser's: in an English Chromium (whose
/// native date inputs show mm/dd/yyyy) a Portuguese page shows and takes dd/mm/aaaa, and the
/// address keeps the contract's ISO `from`/`until`; a date that does not exist is refused in
/// Portuguese; an English page keeps ISO dates.
#[test]
fn the_date_fields_follow_the_pages_language_in_a_real_browser() {
    on_a_roomy_stack(date_fields_flow, "the date fields flow failed");
}

async fn date_fields_flow() {
    let (f, browser, base, server, _downloads) = dashboard_in_sao_paulo().await;
    let today = sao_paulo_today();
    let day = |n: u64| today - chrono::Days::new(n);
    let iso = |d: chrono::NaiveDate| d.to_string();
    let br = |d: chrono::NaiveDate| d.format("%d/%m/%Y").to_string();

    // English: ISO dates, as the rest of the English page writes them.
    let fields = browser.date_fields().await;
    assert_eq!(fields[0][1], iso(day(30)), "{fields}");
    assert_eq!(fields[1][1], iso(day(1)), "{fields}");
    assert_eq!(fields[0][2], "yyyy-mm-dd", "{fields}");

    geniai_ok(&f, &["tenant", "settings", "alpha", "--locale", "pt-BR"]);
    browser.goto(&format!("{base}/dashboard?preset=last-7-days&tz=America%2FSao_Paulo")).await;
    let fields = browser.date_fields().await;
    for (field, shown) in fields.as_array().unwrap().iter().zip([br(day(7)), br(day(1))]) {
        assert_eq!(field[0], "text", "not the browser's own date format: {fields}");
        assert_eq!(field[1], shown.as_str(), "{fields}");
        assert_eq!(field[2], "dd/mm/aaaa", "{fields}");
        assert!(field[3].as_str().is_some_and(|h| h.contains("dd/mm/aaaa")), "a visible hint: {fields}");
    }

    // Typed the Brazilian way; the address says ISO.
    let (first, last) = (day(12), day(6));
    browser.retype("#period-from", &br(first)).await;
    browser.retype("#period-until", &br(last)).await;
    browser.click("form.period button[type=submit]").await;
    browser
        .wait_for_url(&format!(
            "{base}/dashboard?from={}&until={}&tz=America%2FSao_Paulo",
            iso(first),
            iso(last)
        ))
        .await;
    assert_eq!(browser.text("nav.presets a.current").await, "Personalizado");
    assert_eq!(browser.text("#period-summary .range").await, format!("{} – {}", br(first), br(last)));
    let fields = browser.date_fields().await;
    assert_eq!((&fields[0][1], &fields[1][1]), (&json!(br(first)), &json!(br(last))), "{fields}");
    let expected = conversations_on(&f, first, last).await;
    assert!(expected > 0);
    let shown = browser.text("[data-kpi=conversations] .value").await.replace('.', "");
    assert_eq!(shown, expected.to_string());

    // A day that does not exist: refused, in Portuguese, naming what was typed.
    browser.retype("#period-from", "31/02/2026").await;
    browser.click("form.period button[type=submit]").await;
    let refused = browser.wait_for_text("main", Duration::from_secs(30), |t| t.contains("31/02/2026")).await;
    assert!(refused.contains("não é uma data"), "{refused}");
    drop(browser);
    server.abort();
}

/// The README shows exactly the screenshots the browser tests refresh, each committed and small.
#[test]
fn the_readme_shows_the_screenshots_the_browser_tests_refresh() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let shown: std::collections::BTreeSet<&str> = readme
        .match_indices("docs/screenshots/")
        .filter_map(|(at, prefix)| {
            let rest = &readme[at + prefix.len()..];
            rest.find(".png").map(|end| &rest[..end + 4]).filter(|name| !name.contains([' ', ')', '"']))
        })
        .collect();
    assert_eq!(shown, README_SCREENSHOTS.into_iter().collect(), "the README's images");
    for name in README_SCREENSHOTS {
        let png =
            std::fs::read(root.join("docs/screenshots").join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "{name} is a PNG");
        assert!(png.len() < 300_000, "{name} is {} bytes", png.len());
    }
}

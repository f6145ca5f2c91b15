//! Administration through the real binary: onboarding, validation errors, the audit trail,
//! inbox moves, tenant deletion, and secrets with their master key.

use std::process::Output;

use geniai::db::{self, TenantId};
use serde_json::Value;
use sqlx::PgPool;

use super::support::{self, TestDb};

const PASSWORD: &str = "correct horse battery staple";

/// Runs geniai with `args` and `stdin`, plus extra environment.
fn run(db: &TestDb, args: &[&str], stdin: &str, env: &[(&str, &str)]) -> Output {
    let mut cmd = support::geniai(db);
    cmd.args(args).write_stdin(stdin.to_string());
    for (name, value) in env {
        cmd.env(name, value);
    }
    cmd.output().expect("run geniai")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).to_string()
}

/// Runs geniai and asserts success; returns stdout.
#[track_caller]
fn ok(db: &TestDb, args: &[&str], stdin: &str, env: &[(&str, &str)]) -> String {
    let out = run(db, args, stdin, env);
    assert!(
        out.status.success(),
        "geniai {args:?} failed ({:?}):\n{}{}",
        out.status.code(),
        text(&out.stdout),
        text(&out.stderr)
    );
    text(&out.stdout)
}

/// Runs geniai and asserts exit 2 with exactly one line on stderr containing `expected`.
#[track_caller]
fn usage_error(db: &TestDb, args: &[&str], stdin: &str, env: &[(&str, &str)], expected: &str) {
    let out = run(db, args, stdin, env);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "geniai {args:?}: expected exit 2, stderr:\n{stderr}");
    assert_eq!(stderr.trim_end().lines().count(), 1, "geniai {args:?}: not one line:\n{stderr}");
    assert!(stderr.contains(expected), "geniai {args:?}: {expected:?} not in:\n{stderr}");
}

fn json(db: &TestDb, args: &[&str]) -> Value {
    let stdout = ok(db, args, "", &[]);
    serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{args:?} printed invalid JSON ({e}):\n{stdout}"))
}

/// A Chatwoot source database with two accounts and inboxes 1..=4.
async fn chatwoot_source() -> TestDb {
    let source = support::fresh_db().await;
    geniai::source::create_schema(&source.pool).await.unwrap();
    sqlx::raw_sql(
        "INSERT INTO accounts (id, name, created_at, updated_at) VALUES
             (1, 'Acme Account', now(), now()), (2, 'Globex Account', now(), now());
         INSERT INTO inboxes (id, channel_id, account_id, name, channel_type, created_at, updated_at) VALUES
             (1, 1, 1, 'Acme WhatsApp', 'Channel::Whatsapp', now(), now()),
             (2, 2, 1, 'Acme Site', 'Channel::WebWidget', now(), now()),
             (3, 3, 2, 'Globex Mail', 'Channel::Email', now(), now()),
             (4, 4, 2, 'Globex API', 'Channel::Api', now(), now());",
    )
    .execute(&source.pool)
    .await
    .unwrap();
    source
}

fn actions(entries: &Value) -> Vec<String> {
    entries.as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap().to_string()).collect()
}

#[tokio::test]
async fn a_scripted_onboarding_sets_up_a_working_tenant() {
    let db = support::migrated_db().await;
    let source = chatwoot_source().await;
    let src = [("GENIAI_SOURCE_URL", source.url.as_str())];
    let key = geniai::secrets::MasterKey::generate();
    let key_env = [("GENIAI_MASTER_KEY", key.to_base64().to_string())];
    let key_env: Vec<(&str, &str)> = key_env.iter().map(|(k, v)| (*k, v.as_str())).collect();

    let unmapped =
        json(&db, &["inbox", "list", "--unmapped", "--format", "json", "--source-url", &source.url]);
    assert_eq!(unmapped.as_array().unwrap().len(), 4);
    assert_eq!(unmapped[0]["name"], "Acme WhatsApp");
    assert_eq!(unmapped[0]["channel_type"], "Channel::Whatsapp");
    assert_eq!(unmapped[0]["account_name"], "Acme Account");

    ok(&db, &["tenant", "create", "--slug", "acme", "--name", "Acme Corp", "--plan", "pro"], "", &[]);
    ok(&db, &["tenant", "update", "acme", "--timezone", "America/Sao_Paulo"], "", &[]);
    ok(&db, &["inbox", "map", "--tenant", "acme", "--inbox", "1", "--inbox", "2"], "", &src);
    ok(
        &db,
        &[
            "user",
            "create",
            "--email",
            "Ana@Acme.example.com",
            "--name",
            "Ana",
            "--tenant",
            "acme",
            "--role",
            "admin",
            "--password-stdin",
        ],
        &format!("{PASSWORD}\n"),
        &[],
    );
    ok(
        &db,
        &[
            "user",
            "create",
            "--email",
            "root@geniai.example.com",
            "--name",
            "Root",
            "--platform-admin",
            "--password-stdin",
        ],
        PASSWORD,
        &[],
    );
    ok(
        &db,
        &[
            "tenant",
            "settings",
            "acme",
            "--display-name",
            "Acme",
            "--primary-color",
            "#1f6feb",
            "--logo-url",
            "https://cdn.example.com/acme.png",
            "--lead-label",
            "lead",
            "--conversion-label",
            "sale",
            "--conversion-label",
            "upsell",
        ],
        "",
        &[],
    );
    ok(
        &db,
        &["secret", "set", "--tenant", "acme", "source_url", "--value-stdin"],
        "postgres://ro@cw/acme\n",
        &key_env,
    );

    let tenant = json(&db, &["tenant", "show", "acme", "--format", "json"]);
    assert_eq!(tenant["slug"], "acme");
    assert_eq!(tenant["name"], "Acme Corp");
    assert_eq!(tenant["plan"], "pro");
    assert_eq!(tenant["status"], "active");
    assert_eq!(tenant["timezone"], "America/Sao_Paulo");
    assert_eq!(tenant["inboxes"], serde_json::json!([1, 2]));
    assert_eq!(tenant["users"], 1);

    let users = json(&db, &["user", "list", "--format", "json"]);
    assert_eq!(users[0]["email"], "root@geniai.example.com");
    assert_eq!(users[0]["role"], "platform_admin");
    assert_eq!(users[0]["tenant"], Value::Null);
    assert_eq!(users[1]["email"], "ana@acme.example.com");
    assert_eq!(users[1]["role"], "admin");
    assert_eq!(users[1]["tenant"], "acme");
    assert!(users[1].get("password_hash").is_none());

    let settings = json(&db, &["tenant", "settings", "acme", "--format", "json"]);
    assert_eq!(settings["primary_color"], "#1F6FEB");
    assert_eq!(settings["conversion_labels"], serde_json::json!(["sale", "upsell"]));
    assert_eq!(settings["lead_labels"], serde_json::json!(["lead"]));

    let mapped = json(&db, &["inbox", "list", "--tenant", "acme", "--format", "json"]);
    assert_eq!(mapped.as_array().unwrap().len(), 2);
    let unmapped =
        json(&db, &["inbox", "list", "--unmapped", "--format", "json", "--source-url", &source.url]);
    let ids: Vec<i64> =
        unmapped.as_array().unwrap().iter().map(|i| i["inbox_id"].as_i64().unwrap()).collect();
    assert_eq!(ids, [3, 4]);

    // The password works, and the user row is case-insensitively unique.
    let mut tx = db::platform_tx(&db.pool).await.unwrap();
    let hash: String =
        sqlx::query_scalar("SELECT password_hash FROM users WHERE email = 'ana@acme.example.com'")
            .fetch_one(&mut *tx)
            .await
            .unwrap();
    assert!(hash.starts_with("$argon2id$"));
    assert!(geniai::password::verify(PASSWORD.into(), hash).await);

    let csv = ok(&db, &["tenant", "list", "--format", "csv"], "", &[]);
    assert!(
        csv.starts_with("id,slug,name,status,plan,timezone,inboxes,users,created_at,updated_at,locale\n"),
        "{csv}"
    );
    assert!(csv.contains(",acme,Acme Corp,active,pro,America/Sao_Paulo,1;2,1,"), "{csv}");
}

#[tokio::test]
async fn invalid_input_is_one_line_and_exit_2() {
    let db = support::migrated_db().await;
    ok(&db, &["tenant", "create", "--slug", "acme", "--name", "Acme"], "", &[]);
    ok(&db, &["tenant", "create", "--slug", "globex", "--name", "Globex", "--inbox", "7"], "", &[]);
    let pw = format!("{PASSWORD}\n");
    ok(
        &db,
        &[
            "user",
            "create",
            "--email",
            "ana@example.com",
            "--name",
            "Ana",
            "--tenant",
            "acme",
            "--password-stdin",
        ],
        &pw,
        &[],
    );

    let cases: &[(&[&str], &str, &str)] = &[
        (&["tenant", "create", "--slug", "Bad_Slug", "--name", "X"], "", "invalid slug"),
        (&["tenant", "create", "--slug=-x", "--name", "X"], "", "invalid slug"),
        (&["tenant", "create", "--slug", "acme", "--name", "Again"], "", "already exists"),
        (
            &["tenant", "create", "--slug", "initech", "--name", "I", "--timezone", "Mars/Base"],
            "",
            "unknown timezone",
        ),
        (&["tenant", "create", "--slug", "initech", "--name", "I", "--inbox", "0"], "", "invalid inbox id"),
        (&["tenant", "create", "--slug", "initech", "--name", "I", "--inbox", "-4"], "", "invalid inbox id"),
        (&["tenant", "create", "--slug", "initech", "--name", "I", "--inbox", "abc"], "", "invalid inbox id"),
        (
            &["tenant", "create", "--slug", "initech", "--name", "I", "--inbox", "7"],
            "",
            "belongs to tenant globex",
        ),
        (&["tenant", "create", "--name", "Initech"], "", "missing --slug"),
        (&["tenant", "create"], "", "missing --slug and --name"),
        (&["tenant", "show", "nope"], "", "unknown tenant"),
        (&["tenant", "update", "nope", "--name", "X"], "", "unknown tenant"),
        (&["tenant", "update", "acme"], "", "nothing to update"),
        (&["tenant", "update", "acme", "--timezone", "Nowhere"], "", "unknown timezone"),
        (&["tenant", "suspend", "nope"], "", "unknown tenant"),
        (&["tenant", "delete", "acme"], "", "pass --yes"),
        (&["tenant", "settings", "nope"], "", "unknown tenant"),
        (&["tenant", "settings", "acme", "--primary-color", "blue"], "", "invalid colour"),
        (&["tenant", "settings", "acme", "--secondary-color", "#12345"], "", "invalid colour"),
        (&["tenant", "settings", "acme", "--logo-url", "javascript:alert(1)"], "", "invalid URL"),
        (
            &[
                "user",
                "create",
                "--email",
                "not-an-email",
                "--name",
                "N",
                "--tenant",
                "acme",
                "--password-stdin",
            ],
            &pw,
            "invalid email",
        ),
        (
            &[
                "user",
                "create",
                "--email",
                "ANA@Example.COM",
                "--name",
                "N",
                "--tenant",
                "acme",
                "--password-stdin",
            ],
            &pw,
            "already exists",
        ),
        (
            &[
                "user",
                "create",
                "--email",
                "bo@example.com",
                "--name",
                "N",
                "--tenant",
                "nope",
                "--password-stdin",
            ],
            &pw,
            "unknown tenant",
        ),
        (
            &[
                "user",
                "create",
                "--email",
                "bo@example.com",
                "--name",
                "N",
                "--tenant",
                "acme",
                "--password-stdin",
            ],
            "short\n",
            "at least 12",
        ),
        (
            &["user", "create", "--email", "bo@example.com", "--name", "N", "--tenant", "acme"],
            "",
            "--password-stdin",
        ),
        (&["user", "passwd", "nobody@example.com", "--password-stdin"], &pw, "unknown user"),
        (&["user", "disable", "nobody@example.com"], "", "unknown user"),
        (&["user", "delete", "ana@example.com"], "", "pass --yes"),
        (&["inbox", "map", "--tenant", "nope", "--inbox", "1"], "", "unknown tenant"),
        (&["inbox", "map", "--tenant", "acme", "--inbox", "0"], "", "invalid inbox id"),
        (&["inbox", "map", "--tenant", "acme", "--inbox=-2"], "", "invalid inbox id"),
        (
            &["inbox", "map", "--tenant", "acme", "--inbox", "7"],
            "",
            "inbox 7 belongs to tenant globex: pass --move",
        ),
        (&["inbox", "unmap", "--inbox", "99"], "", "not mapped"),
        (&["inbox", "unmap", "--inbox", "x"], "", "invalid inbox id"),
        (&["inbox", "list", "--tenant", "nope"], "", "unknown tenant"),
        (&["inbox", "list", "--unmapped"], "", "no Chatwoot source"),
        (&["secret", "list", "--tenant", "nope"], "", "unknown tenant"),
        (&["secret", "set", "--tenant", "acme", "bad name", "--value-stdin"], "v", "invalid secret name"),
        (&["secret", "set", "--tenant", "acme", "api_key", "--value-stdin"], "v", "no master key"),
        (&["audit", "--since", "last tuesday"], "", "invalid date"),
        (&["audit", "--tenant", "nope"], "", "unknown tenant"),
    ];
    for (args, stdin, expected) in cases {
        usage_error(&db, args, stdin, &[], expected);
    }
    // Nothing above changed anything.
    let tenants = json(&db, &["tenant", "list", "--format", "json"]);
    assert_eq!(tenants.as_array().unwrap().len(), 2);
    assert_eq!(json(&db, &["user", "list", "--format", "json"]).as_array().unwrap().len(), 1);
    let audit = json(&db, &["audit", "--format", "json"]);
    assert_eq!(actions(&audit).iter().filter(|a| *a == "tenant.create").count(), 2);
    assert_eq!(audit.as_array().unwrap().len(), 4, "{audit:#}");
}

#[tokio::test]
async fn every_mutation_is_in_the_audit_trail_with_its_actor() {
    let db = support::migrated_db().await;
    let key = geniai::secrets::MasterKey::generate();
    let new_key = geniai::secrets::MasterKey::generate();
    let dir = tempfile::tempdir().unwrap();
    let new_key_file = dir.path().join("new.key");
    std::fs::write(&new_key_file, new_key.to_base64().as_str()).unwrap();
    let key_b64 = key.to_base64().to_string();
    let k = [("GENIAI_MASTER_KEY", key_b64.as_str())];
    let pw = format!("{PASSWORD}\n");

    ok(&db, &["tenant", "create", "--slug", "acme", "--name", "Acme", "--inbox", "1"], "", &[]);
    ok(&db, &["tenant", "create", "--slug", "globex", "--name", "Globex"], "", &[]);
    ok(&db, &["tenant", "update", "acme", "--plan", "enterprise"], "", &[]);
    ok(&db, &["tenant", "suspend", "acme"], "", &[]);
    ok(&db, &["tenant", "activate", "acme"], "", &[]);
    ok(&db, &["tenant", "settings", "acme", "--primary-color", "#000000"], "", &[]);
    ok(&db, &["inbox", "map", "--tenant", "acme", "--inbox", "2"], "", &[]);
    ok(&db, &["inbox", "map", "--tenant", "globex", "--inbox", "2", "--move"], "", &[]);
    ok(&db, &["inbox", "unmap", "--inbox", "2"], "", &[]);
    ok(
        &db,
        &[
            "user",
            "create",
            "--email",
            "ana@example.com",
            "--name",
            "Ana",
            "--tenant",
            "acme",
            "--password-stdin",
        ],
        &pw,
        &[],
    );
    ok(&db, &["user", "passwd", "ana@example.com", "--password-stdin"], "another long password\n", &[]);
    ok(&db, &["user", "disable", "ana@example.com"], "", &[]);
    ok(&db, &["user", "enable", "ana@example.com"], "", &[]);
    ok(&db, &["user", "delete", "ana@example.com", "--yes"], "", &[]);
    ok(&db, &["secret", "set", "--tenant", "acme", "api_key", "--value-stdin"], "sk-live-AUDITME-1234", &k);
    ok(&db, &["secret", "get", "--tenant", "acme", "api_key"], "", &k);
    ok(&db, &["secret", "rotate-key", "--new-key-file", new_key_file.to_str().unwrap()], "", &k);
    let new_b64 = new_key.to_base64().to_string();
    ok(&db, &["secret", "delete", "--tenant", "acme", "api_key"], "", &[("GENIAI_MASTER_KEY", &new_b64)]);
    ok(&db, &["tenant", "delete", "globex", "--yes"], "", &[]);

    let audit = json(&db, &["audit", "--format", "json", "--limit", "1000"]);
    let mut seen = actions(&audit);
    seen.reverse();
    assert_eq!(
        seen,
        [
            "tenant.create",
            "inbox.map",
            "tenant.create",
            "tenant.update",
            "tenant.suspend",
            "tenant.activate",
            "tenant.settings",
            "inbox.map",
            "inbox.move",
            "inbox.move",
            "inbox.unmap",
            "user.create",
            "user.passwd",
            "user.disable",
            "user.enable",
            "user.delete",
            "secret.set",
            "secret.reveal",
            "secret.rotate_key",
            "secret.delete",
            "tenant.delete",
        ]
    );
    for entry in audit.as_array().unwrap() {
        let actor = entry["actor"].as_str().unwrap();
        assert!(actor.starts_with("cli:") && actor.ends_with("/test"), "{actor}");
        for field in ["id", "at", "tenant_id", "tenant", "actor", "action", "entity", "before", "after"] {
            assert!(entry.get(field).is_some(), "{field} missing from {entry}");
        }
    }
    let suspend = audit.as_array().unwrap().iter().find(|e| e["action"] == "tenant.suspend").unwrap();
    assert_eq!(suspend["entity"], "tenant:acme");
    assert_eq!(suspend["before"]["status"], "active");
    assert_eq!(suspend["after"]["status"], "suspended");
    let passwd = audit.as_array().unwrap().iter().find(|e| e["action"] == "user.passwd").unwrap();
    assert_eq!(passwd["entity"], "user:ana@example.com");
    let all = audit.to_string();
    assert!(!all.contains("AUDITME") && !all.contains("argon2") && !all.contains("another long"), "{all}");

    // Filters: by tenant (a deleted one too), by date, by count.
    let globex = json(&db, &["audit", "--tenant", "globex", "--format", "json"]);
    assert_eq!(actions(&globex).first().map(String::as_str), Some("tenant.delete"));
    assert!(globex.as_array().unwrap().iter().all(|e| e["entity"] != "tenant:acme"));
    assert_eq!(json(&db, &["audit", "--limit", "3", "--format", "json"]).as_array().unwrap().len(), 3);
    assert!(
        json(&db, &["audit", "--since", "2999-01-01", "--format", "json"]).as_array().unwrap().is_empty()
    );
    assert_eq!(
        json(&db, &["audit", "--since", "2000-01-01T00:00:00Z", "--format", "json", "--limit", "1000"]),
        audit
    );
    assert_eq!(json(&db, &["audit", "--since", "1h", "--format", "json", "--limit", "1000"]), audit);
    let table = ok(&db, &["audit", "--tenant", "acme", "--limit", "1"], "", &[]);
    assert!(table.contains("secret.delete") || table.contains("secret.dele"), "{table}");
}

/// Seeds analytics rows for `inbox` under `tenant`: 2 conversations, each with 3 messages, one
/// reporting event with an inbox and one without, and a CSAT response.
async fn seed_inbox_rows(pool: &PgPool, tenant: TenantId, inbox: i32) {
    let mut tx = db::platform_tx(pool).await.unwrap();
    for c in 0..2 {
        let conversation = inbox * 100 + c;
        sqlx::query(
            "INSERT INTO conversations (tenant_id, conversation_id, account_id, inbox_id, display_id, status, created_at, source_updated_at)
             VALUES ($1, $2, 1, $3, $2, 0, now(), now())",
        )
        .bind(tenant)
        .bind(conversation)
        .bind(inbox)
        .execute(&mut *tx)
        .await
        .unwrap();
        for m in 0..3 {
            sqlx::query(
                "INSERT INTO messages (tenant_id, message_id, conversation_id, inbox_id, message_type, private, content_type, created_at)
                 VALUES ($1, $2, $3, $4, 0, false, 0, now())",
            )
            .bind(tenant)
            .bind(conversation * 10 + m)
            .bind(conversation)
            .bind(inbox)
            .execute(&mut *tx)
            .await
            .unwrap();
        }
        sqlx::query(
            "INSERT INTO reporting_events (tenant_id, event_id, name, inbox_id, conversation_id, created_at)
             VALUES ($1, $2, 'first_response', $3, $4, now()), ($1, $2 + 1, 'conversation_resolved', NULL, $4, now())",
        )
        .bind(tenant)
        .bind(i64::from(conversation) * 10)
        .bind(inbox)
        .bind(conversation)
        .execute(&mut *tx)
        .await
        .unwrap();
        sqlx::query(
            "INSERT INTO csat_responses (tenant_id, response_id, conversation_id, message_id, rating, created_at, updated_at)
             VALUES ($1, $2, $2, $2, 5, now(), now())",
        )
        .bind(tenant)
        .bind(conversation)
        .execute(&mut *tx)
        .await
        .unwrap();
    }
    sqlx::query("INSERT INTO inboxes (tenant_id, inbox_id, account_id, name) VALUES ($1, $2, 1, 'seeded')")
        .bind(tenant)
        .bind(inbox)
        .execute(&mut *tx)
        .await
        .unwrap();
    tx.commit().await.unwrap();
}

/// Row counts per analytics table for one tenant, seen through that tenant's own transaction.
async fn analytics_counts(pool: &PgPool, tenant: TenantId) -> Vec<i64> {
    let mut tx = db::tenant_tx(pool, tenant).await.unwrap();
    let mut counts = Vec::new();
    for table in ["conversations", "messages", "reporting_events", "csat_responses", "inboxes"] {
        let n: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT count(*) FROM {table}")))
            .fetch_one(&mut *tx)
            .await
            .unwrap();
        counts.push(n);
    }
    counts
}

#[tokio::test]
async fn moving_an_inbox_takes_its_rows_and_unmapping_removes_them() {
    let db = support::migrated_db().await;
    let source = chatwoot_source().await;
    ok(
        &db,
        &["tenant", "create", "--slug", "acme", "--name", "Acme", "--inbox", "1", "--inbox", "2"],
        "",
        &[],
    );
    ok(&db, &["tenant", "create", "--slug", "globex", "--name", "Globex"], "", &[]);
    let tenants = json(&db, &["tenant", "list", "--format", "json"]);
    let acme = TenantId(tenants[0]["id"].as_i64().unwrap() as i32);
    let globex = TenantId(tenants[1]["id"].as_i64().unwrap() as i32);
    seed_inbox_rows(&db.pool, acme, 1).await;
    seed_inbox_rows(&db.pool, acme, 2).await;
    assert_eq!(analytics_counts(&db.pool, acme).await, [4, 12, 8, 4, 2]);

    usage_error(
        &db,
        &["inbox", "map", "--tenant", "globex", "--inbox", "2"],
        "",
        &[],
        "belongs to tenant acme",
    );
    assert_eq!(analytics_counts(&db.pool, globex).await, [0, 0, 0, 0, 0]);

    let out = ok(&db, &["inbox", "map", "--tenant", "globex", "--inbox", "2", "--move"], "", &[]);
    assert!(out.contains("Moved inbox 2 from acme to globex with 14 analytics row(s)"), "{out}");
    assert_eq!(analytics_counts(&db.pool, acme).await, [2, 6, 4, 2, 1]);
    // The dimension row is dropped so that the ETL reloads the inbox in full for its new owner.
    assert_eq!(analytics_counts(&db.pool, globex).await, [2, 6, 4, 2, 0]);
    let mapped = json(&db, &["inbox", "list", "--format", "json"]);
    assert_eq!(mapped[1]["inbox_id"], 2);
    assert_eq!(mapped[1]["tenant"], "globex");
    assert_eq!(mapped[0]["name"], "seeded");

    let out = ok(&db, &["inbox", "unmap", "--inbox", "1"], "", &[]);
    assert!(out.contains("deleted 15 analytics row(s)"), "{out}");
    assert_eq!(analytics_counts(&db.pool, acme).await, [0, 0, 0, 0, 0]);
    assert_eq!(analytics_counts(&db.pool, globex).await, [2, 6, 4, 2, 0]);

    // An id the source lacks is mapped with a warning; a known one without.
    let out = run(
        &db,
        &["inbox", "map", "--tenant", "acme", "--inbox", "3", "--inbox", "999"],
        "",
        &[("GENIAI_SOURCE_URL", &source.url)],
    );
    assert!(out.status.success());
    let stderr = text(&out.stderr);
    assert!(stderr.contains("inbox 999 does not exist in the Chatwoot source"), "{stderr}");
    assert!(!stderr.contains("inbox 3 "), "{stderr}");
    assert_eq!(
        json(&db, &["tenant", "show", "acme", "--format", "json"])["inboxes"],
        serde_json::json!([3, 999])
    );
}

#[tokio::test]
async fn deleting_a_tenant_removes_everything_it_owns_but_not_the_trail() {
    let db = support::migrated_db().await;
    let key = geniai::secrets::MasterKey::generate().to_base64().to_string();
    ok(&db, &["tenant", "create", "--slug", "acme", "--name", "Acme", "--inbox", "1"], "", &[]);
    ok(&db, &["tenant", "create", "--slug", "globex", "--name", "Globex", "--inbox", "2"], "", &[]);
    let tenants = json(&db, &["tenant", "list", "--format", "json"]);
    let acme = TenantId(tenants[0]["id"].as_i64().unwrap() as i32);
    let globex = TenantId(tenants[1]["id"].as_i64().unwrap() as i32);
    seed_inbox_rows(&db.pool, acme, 1).await;
    seed_inbox_rows(&db.pool, globex, 2).await;
    ok(
        &db,
        &["user", "create", "--email", "a@acme.com", "--name", "A", "--tenant", "acme", "--password-stdin"],
        PASSWORD,
        &[],
    );
    ok(
        &db,
        &["secret", "set", "--tenant", "acme", "x", "--value-stdin"],
        "value",
        &[("GENIAI_MASTER_KEY", &key)],
    );
    ok(&db, &["tenant", "settings", "acme", "--display-name", "A"], "", &[]);
    // The summaries have no foreign key to `tenants` (migration 0038): the deletion must find them.
    let mut tx = db::tenant_tx(&db.pool, acme).await.unwrap();
    for table in ["report_rollups", "frt_histogram", "conversation_live_counts", "dimension_rollups"] {
        let rows: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT count(*) FROM {table}")))
            .fetch_one(&mut *tx)
            .await
            .unwrap();
        assert!(rows > 0, "{table} holds no row of the tenant before its deletion");
    }
    drop(tx);

    ok(&db, &["tenant", "delete", "acme", "--yes"], "", &[]);

    let mut tx = db::platform_tx(&db.pool).await.unwrap();
    for table in geniai::db::TENANT_TABLES.iter().chain(&["users", "inbox_mappings", "tenants"]) {
        let column = if *table == "tenants" { "id" } else { "tenant_id" };
        let left: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT count(*) FROM {table} WHERE {column} = $1"
        )))
        .bind(acme)
        .fetch_one(&mut *tx)
        .await
        .unwrap();
        assert_eq!(left, 0, "{table} kept rows of the deleted tenant");
    }
    drop(tx);
    assert_eq!(analytics_counts(&db.pool, globex).await, [2, 6, 4, 2, 1]);
    let trail = json(&db, &["audit", "--tenant", "acme", "--format", "json"]);
    assert!(actions(&trail).contains(&"tenant.create".to_string()));
    assert_eq!(trail[0]["action"], "tenant.delete");
    assert_eq!(trail[0]["tenant"], Value::Null);
}

#[tokio::test]
async fn a_tenant_is_not_deleted_while_an_etl_run_holds_its_lock() {
    let db = support::migrated_db().await;
    ok(&db, &["tenant", "create", "--slug", "acme", "--name", "Acme", "--inbox", "1"], "", &[]);
    let tenants = json(&db, &["tenant", "list", "--format", "json"]);
    let acme = TenantId(tenants[0]["id"].as_i64().unwrap() as i32);
    seed_inbox_rows(&db.pool, acme, 1).await;
    let loaded = analytics_counts(&db.pool, acme).await;
    assert!(loaded[0] > 0);

    // A run in progress holds the tenant's lock, as `geniai etl` takes it.
    let mut etl_run = db.pool.begin().await.unwrap();
    sqlx::query("SELECT pg_advisory_xact_lock($1, $2)")
        .bind(geniai::etl::LOCK_NAMESPACE)
        .bind(acme.0)
        .execute(&mut *etl_run)
        .await
        .unwrap();
    let out = run(&db, &["tenant", "delete", "acme", "--yes"], "", &[]);
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("an ETL run is loading tenant `acme`"), "{}", text(&out.stderr));
    assert_eq!(analytics_counts(&db.pool, acme).await, loaded);

    etl_run.rollback().await.unwrap();
    ok(&db, &["tenant", "delete", "acme", "--yes"], "", &[]);
    let facts: i64 = sqlx::query_scalar(
        "SELECT (SELECT count(*) FROM conversations WHERE tenant_id = $1)
              + (SELECT count(*) FROM messages WHERE tenant_id = $1)
              + (SELECT count(*) FROM reporting_events WHERE tenant_id = $1)
              + (SELECT count(*) FROM csat_responses WHERE tenant_id = $1)",
    )
    .bind(acme)
    .fetch_one(&db.pool)
    .await
    .unwrap();
    assert_eq!(facts, 0, "the deleted tenant's facts stayed");
}

#[tokio::test]
async fn secrets_round_trip_through_the_cli_and_never_leak() {
    let db = support::migrated_db().await;
    let dir = tempfile::tempdir().unwrap();
    ok(&db, &["tenant", "create", "--slug", "acme", "--name", "Acme"], "", &[]);

    // keygen: a fresh base64 key each time; -o writes a private file and never overwrites.
    let first = ok(&db, &["keygen"], "", &[]);
    let second = ok(&db, &["keygen"], "", &[]);
    assert_ne!(first, second);
    assert!(geniai::secrets::MasterKey::parse(&first).is_ok(), "{first}");
    let key_file = dir.path().join("master.key");
    ok(&db, &["keygen", "-o", key_file.to_str().unwrap()], "", &[]);
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(std::fs::metadata(&key_file).unwrap().permissions().mode() & 0o777, 0o600);
    usage_error(&db, &["keygen", "-o", key_file.to_str().unwrap()], "", &[], "cannot create");
    let key_path = key_file.to_str().unwrap();
    let file_env = [("GENIAI_MASTER_KEY_FILE", key_path)];

    usage_error(
        &db,
        &["secret", "set", "--tenant", "acme", "source_url", "--value-stdin"],
        "not a url with Sup3r-S3cret-PW",
        &file_env,
        "must be a PostgreSQL connection URL",
    );
    usage_error(
        &db,
        &["secret", "set", "--tenant", "acme", "api_key", "--value-stdin"],
        "",
        &file_env,
        "empty",
    );
    let secret = "postgres://reader:Sup3r-S3cret-PW@chatwoot-db/cw";
    let mut outputs = String::new();
    for args in [
        &["-vv", "secret", "set", "--tenant", "acme", "source_url", "--value-stdin"][..],
        &["-vv", "--log-format", "json", "secret", "set", "--tenant", "acme", "source_url", "--value-stdin"]
            [..],
    ] {
        let out = run(&db, args, &format!("{secret}\n"), &file_env);
        assert!(out.status.success(), "{}", text(&out.stderr));
        outputs.push_str(&text(&out.stdout));
        outputs.push_str(&text(&out.stderr));
    }
    let got =
        ok(&db, &["secret", "get", "--tenant", "acme", "source_url", "--master-key-file", key_path], "", &[]);
    assert_eq!(got, format!("{secret}\n"));
    let listed = ok(&db, &["secret", "list", "--tenant", "acme", "--format", "json"], "", &[]);
    outputs.push_str(&listed);
    let listed: Value = serde_json::from_str(&listed).unwrap();
    assert_eq!(listed[0]["name"], "source_url");
    assert!(listed[0]["key_id"].is_string() && listed[0]["created_at"].is_string());
    outputs.push_str(&ok(&db, &["secret", "list", "--tenant", "acme"], "", &[]));
    let hinted =
        ok(&db, &["secret", "list", "--tenant", "acme", "--hints", "--format", "json"], "", &file_env);
    outputs.push_str(&hinted);
    assert!(hinted.contains("\"hint\": \"••••b/cw\""), "{hinted}");
    outputs.push_str(&ok(&db, &["audit", "--format", "json"], "", &[]));
    assert!(!outputs.contains("Sup3r-S3cret-PW"), "a secret reached the output or logs:\n{outputs}");

    // Nothing in the database holds it: not the secrets table, not the audit log, anywhere.
    let mut tx = db::platform_tx(&db.pool).await.unwrap();
    let dump: Vec<String> = sqlx::query_scalar(
        "SELECT row_to_json(s)::text FROM tenant_secrets s UNION ALL
         SELECT encode(ciphertext, 'escape') FROM tenant_secrets UNION ALL
         SELECT row_to_json(a)::text FROM audit_log a",
    )
    .fetch_all(&mut *tx)
    .await
    .unwrap();
    drop(tx);
    assert!(!dump.join("\n").contains("Sup3r-S3cret-PW"));

    // A wrong key: a clear one-line error, and the stored secret still opens with the right one.
    let wrong = geniai::secrets::MasterKey::generate().to_base64().to_string();
    let wrong_env = [("GENIAI_MASTER_KEY", wrong.as_str())];
    usage_error(
        &db,
        &["secret", "get", "--tenant", "acme", "source_url"],
        "",
        &wrong_env,
        "sealed with master key",
    );
    usage_error(
        &db,
        &["secret", "set", "--tenant", "acme", "other", "--value-stdin"],
        "v",
        &wrong_env,
        "sealed with master key",
    );
    usage_error(
        &db,
        &["secret", "get", "--tenant", "acme", "source_url"],
        "",
        &[("GENIAI_MASTER_KEY", "tooshort")],
        "master key",
    );
    usage_error(&db, &["secret", "get", "--tenant", "acme", "source_url"], "", &[], "no master key");
    usage_error(
        &db,
        &["secret", "get", "--tenant", "acme", "missing"],
        "",
        &file_env,
        "has no secret missing",
    );
    assert_eq!(
        ok(&db, &["secret", "get", "--tenant", "acme", "source_url"], "", &file_env),
        format!("{secret}\n")
    );

    // Rotation: without a new key it refuses; with one, old key out, new key in.
    usage_error(&db, &["secret", "rotate-key"], "", &file_env, "no new master key");
    let new_key = geniai::secrets::MasterKey::generate().to_base64().to_string();
    let out = ok(
        &db,
        &["secret", "rotate-key"],
        "",
        &[("GENIAI_MASTER_KEY_FILE", key_path), ("GENIAI_NEW_MASTER_KEY", &new_key)],
    );
    assert!(out.contains("Re-encrypted 1 secret(s)"), "{out}");
    assert!(!out.contains(&new_key));
    usage_error(
        &db,
        &["secret", "get", "--tenant", "acme", "source_url"],
        "",
        &file_env,
        "sealed with master key",
    );
    let new_env = [("GENIAI_MASTER_KEY", new_key.as_str())];
    assert_eq!(
        ok(&db, &["secret", "get", "--tenant", "acme", "source_url"], "", &new_env),
        format!("{secret}\n")
    );

    ok(&db, &["secret", "delete", "--tenant", "acme", "source_url"], "", &[]);
    assert_eq!(ok(&db, &["secret", "list", "--tenant", "acme", "--format", "json"], "", &[]).trim(), "[]");
}

/// The geniai binary for a pseudo-terminal session, pointed at `db`.
/// Waits until the program on the terminal has turned echo off, i.e. reads a password now. A
/// password prompt discards what was typed before it switched (TCSAFLUSH), so a line sent as soon
/// as the prompt's text shows can be lost on a loaded machine.
fn when_echo_is_off(p: &rexpect::session::PtySession) -> Result<(), rexpect::error::Error> {
    use std::os::fd::AsRawFd;
    let master = p.process().get_file_handle()?;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        let mut attrs = std::mem::MaybeUninit::<libc::termios>::uninit();
        // SAFETY: tcgetattr only fills the struct, for a descriptor that stays open meanwhile.
        let attrs = unsafe {
            assert_eq!(
                libc::tcgetattr(master.as_raw_fd(), attrs.as_mut_ptr()),
                0,
                "reading the terminal's modes"
            );
            attrs.assume_init()
        };
        if attrs.c_lflag & libc::ECHO == 0 {
            return Ok(());
        }
        assert!(std::time::Instant::now() < deadline, "the password prompt never turned echo off");
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
}

fn pty_command(db: &TestDb, args: &[&str]) -> std::process::Command {
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("geniai"));
    for var in ["GENIAI_HOME", "GENIAI_SOURCE_URL", "GENIAI_MASTER_KEY", "GENIAI_MASTER_KEY_FILE", "RUST_LOG"]
    {
        cmd.env_remove(var);
    }
    cmd.env("DATABASE_URL", &db.url).env("GENIAI_ACTOR", "test").env("TERM", "xterm").env("NO_COLOR", "1");
    cmd.args(args);
    cmd
}

#[tokio::test]
async fn deleting_on_a_terminal_asks_first_and_no_keeps_everything() {
    let db = support::migrated_db().await;
    ok(&db, &["tenant", "create", "--slug", "acme", "--name", "Acme", "--inbox", "1"], "", &[]);
    let cmd = pty_command(&db, &["tenant", "delete", "acme"]);
    let transcript = tokio::task::spawn_blocking(move || -> Result<String, rexpect::error::Error> {
        let mut p = rexpect::session::spawn_command(cmd, Some(30_000))?;
        let question = p.exp_string("cannot be undone")?;
        p.send("n")?;
        p.flush()?;
        let rest = p.exp_eof()?;
        Ok(format!("{question}{rest}"))
    })
    .await
    .unwrap()
    .unwrap_or_else(|e| panic!("the confirmation prompt failed: {e}"));
    assert!(transcript.contains("Delete tenant acme (Acme) with 1 inbox mapping(s)"), "{transcript}");
    assert!(transcript.contains("cancelled: nothing was changed"), "{transcript}");
    assert_eq!(json(&db, &["tenant", "show", "acme", "--format", "json"])["inboxes"], serde_json::json!([1]));
    assert!(!actions(&json(&db, &["audit", "--format", "json"])).contains(&"tenant.delete".to_string()));
}

#[tokio::test]
async fn interactive_onboarding_through_a_terminal() {
    let db = support::migrated_db().await;
    let source = chatwoot_source().await;
    ok(&db, &["tenant", "create", "--slug", "acme", "--name", "Acme", "--inbox", "1"], "", &[]);

    let mut cmd = pty_command(&db, &["tenant", "create"]);
    cmd.env("GENIAI_SOURCE_URL", &source.url);
    // The blocking pty session runs off the async runtime.
    let transcript = tokio::task::spawn_blocking(move || -> Result<String, rexpect::error::Error> {
        let mut p = rexpect::session::spawn_command(cmd, Some(30_000))?;
        p.exp_string("Tenant name")?;
        p.send_line("Globex Corporation")?;
        p.exp_string("globex-corporation")?; // the suggested slug
        p.send_line("")?;
        p.exp_string("Plan")?;
        p.send("\x1b[B")?;
        p.flush()?; // down: pro
        p.send("\r")?;
        p.flush()?;
        p.exp_string("Timezone")?;
        p.send_line("Europe/Lisbon")?;
        p.exp_string("Globex Mail")?; // the unmapped inboxes are offered; Acme's inbox 1 is not
        p.send(" ")?;
        p.flush()?; // pick the first offered: inbox 2
        p.send("\x1b[B")?;
        p.flush()?;
        p.send("\x1b[B")?;
        p.flush()?;
        p.send(" ")?;
        p.flush()?; // and inbox 4
        p.send("\r")?;
        p.flush()?;
        p.exp_string("first user")?;
        p.send("y")?;
        p.flush()?;
        p.exp_string("email")?;
        p.send_line("Boss@Globex.example.com")?;
        p.exp_string("name")?;
        p.send_line("The Boss")?;
        p.exp_string("role")?;
        p.send("\r")?;
        p.flush()?; // admin
        p.exp_string("password")?;
        when_echo_is_off(&p)?;
        p.send_line(PASSWORD)?;
        p.exp_string("Repeat")?;
        when_echo_is_off(&p)?;
        p.send_line(PASSWORD)?;
        p.exp_string("Create this tenant?")?;
        p.send("y")?;
        p.flush()?;
        let done = p.exp_string("Created user")?;
        let rest = p.exp_eof()?;
        Ok(format!("{done}{rest}"))
    })
    .await
    .unwrap()
    .unwrap_or_else(|e| panic!("interactive onboarding failed: {e}"));
    assert!(transcript.contains("Created tenant globex-corporation"), "{transcript}");

    let tenant = json(&db, &["tenant", "show", "globex-corporation", "--format", "json"]);
    assert_eq!(tenant["name"], "Globex Corporation");
    assert_eq!(tenant["plan"], "pro");
    assert_eq!(tenant["timezone"], "Europe/Lisbon");
    assert_eq!(tenant["inboxes"], serde_json::json!([2, 4]));
    let users = json(&db, &["user", "list", "--tenant", "globex-corporation", "--format", "json"]);
    assert_eq!(users[0]["email"], "boss@globex.example.com");
    assert_eq!(users[0]["role"], "admin");
    assert!(!transcript.contains(PASSWORD), "the password was echoed:\n{transcript}");
}

/// Gives `email` a live session; returns how many sessions the user has afterwards.
async fn open_session(pool: &PgPool, email: &str, n: u8) -> i64 {
    let mut tx = db::platform_tx(pool).await.unwrap();
    sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, expires_at)
         SELECT $2, id, now() + interval '1 day' FROM users WHERE email = $1",
    )
    .bind(email)
    .bind(vec![n; 32])
    .execute(&mut *tx)
    .await
    .unwrap();
    let count = sessions_of(&mut tx, email).await;
    tx.commit().await.unwrap();
    count
}

async fn sessions_of(conn: &mut sqlx::PgConnection, email: &str) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.email = $1")
        .bind(email)
        .fetch_one(conn)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_new_password_or_disabling_ends_the_users_sessions() {
    let db = support::migrated_db().await;
    ok(&db, &["tenant", "create", "--slug", "acme", "--name", "Acme"], "", &[]);
    for email in ["ana@acme.com", "bo@acme.com"] {
        ok(
            &db,
            &["user", "create", "--email", email, "--name", "N", "--tenant", "acme", "--password-stdin"],
            PASSWORD,
            &[],
        );
    }
    assert_eq!(open_session(&db.pool, "ana@acme.com", 1).await, 1);
    assert_eq!(open_session(&db.pool, "bo@acme.com", 2).await, 1);
    let mut tx = db::platform_tx(&db.pool).await.unwrap();
    sqlx::query("UPDATE users SET failed_login_count = 7, locked_until = now() + interval '1 hour'")
        .execute(&mut *tx)
        .await
        .unwrap();
    tx.commit().await.unwrap();

    ok(&db, &["user", "passwd", "ANA@acme.com", "--password-stdin"], "a brand new password\n", &[]);
    let mut tx = db::platform_tx(&db.pool).await.unwrap();
    assert_eq!(sessions_of(&mut tx, "ana@acme.com").await, 0);
    assert_eq!(sessions_of(&mut tx, "bo@acme.com").await, 1, "another user's session ended");
    let (hash, failed, locked): (String, i32, Option<chrono::DateTime<chrono::Utc>>) = sqlx::query_as(
        "SELECT password_hash, failed_login_count, locked_until FROM users WHERE email = 'ana@acme.com'",
    )
    .fetch_one(&mut *tx)
    .await
    .unwrap();
    drop(tx);
    assert!(geniai::password::verify("a brand new password".into(), hash.clone()).await);
    assert!(!geniai::password::verify(PASSWORD.into(), hash).await);
    assert_eq!((failed, locked), (0, None));

    ok(&db, &["user", "disable", "bo@acme.com"], "", &[]);
    let mut tx = db::platform_tx(&db.pool).await.unwrap();
    assert_eq!(sessions_of(&mut tx, "bo@acme.com").await, 0);
    drop(tx);
    let users = json(&db, &["user", "list", "--tenant", "acme", "--format", "json"]);
    assert_eq!(users[1]["email"], "bo@acme.com");
    assert_eq!(users[1]["is_active"], false);
    let again = ok(&db, &["user", "disable", "bo@acme.com"], "", &[]);
    assert!(again.contains("already disabled"), "{again}");
}

fn keys(record: &Value) -> Vec<&str> {
    record
        .as_object()
        .unwrap_or_else(|| panic!("not an object: {record}"))
        .keys()
        .map(String::as_str)
        .collect()
}

/// Scripts depend on these names: a change here is an interface change.
#[tokio::test]
async fn json_field_names_are_stable() {
    let db = support::migrated_db().await;
    let source = chatwoot_source().await;
    let key = geniai::secrets::MasterKey::generate().to_base64().to_string();
    ok(&db, &["tenant", "create", "--slug", "acme", "--name", "Acme", "--inbox", "1"], "", &[]);
    ok(
        &db,
        &["user", "create", "--email", "a@acme.com", "--name", "A", "--tenant", "acme", "--password-stdin"],
        PASSWORD,
        &[],
    );
    ok(
        &db,
        &["secret", "set", "--tenant", "acme", "api_key", "--value-stdin"],
        "value-1234",
        &[("GENIAI_MASTER_KEY", &key)],
    );

    let tenant_fields = [
        "id",
        "slug",
        "name",
        "status",
        "plan",
        "timezone",
        "inboxes",
        "users",
        "created_at",
        "updated_at",
        "locale",
    ];
    assert_eq!(keys(&json(&db, &["tenant", "list", "--format", "json"])[0]), tenant_fields);
    assert_eq!(keys(&json(&db, &["tenant", "show", "acme", "--format", "json"])), tenant_fields);
    assert_eq!(
        keys(&json(&db, &["user", "list", "--format", "json"])[0]),
        ["id", "email", "name", "role", "tenant", "is_active", "last_login_at", "created_at"]
    );
    assert_eq!(
        keys(&json(&db, &["inbox", "list", "--format", "json"])[0]),
        ["inbox_id", "tenant", "name", "channel_type", "mapped_at"]
    );
    let unmapped =
        json(&db, &["inbox", "list", "--unmapped", "--format", "json", "--source-url", &source.url]);
    assert_eq!(keys(&unmapped[0]), ["inbox_id", "name", "channel_type", "account_id", "account_name"]);
    assert_eq!(
        keys(&json(&db, &["tenant", "settings", "acme", "--format", "json"])),
        [
            "display_name",
            "primary_color",
            "secondary_color",
            "logo_url",
            "lead_labels",
            "conversion_labels",
            "updated_at",
            "locale"
        ]
    );
    assert_eq!(
        keys(&json(&db, &["secret", "list", "--tenant", "acme", "--format", "json"])[0]),
        ["name", "key_id", "created_at", "updated_at"]
    );
    assert_eq!(
        keys(&json(&db, &["audit", "--format", "json"])[0]),
        ["id", "at", "tenant_id", "tenant", "actor", "action", "entity", "before", "after"]
    );

    // Settings: "" clears a field, --clear-*-labels empties a list.
    ok(&db, &["tenant", "settings", "acme", "--display-name", "Acme!", "--lead-label", "lead"], "", &[]);
    let cleared = json(
        &db,
        &["tenant", "settings", "acme", "--display-name", "", "--clear-lead-labels", "--format", "json"],
    );
    assert_eq!(cleared["display_name"], Value::Null);
    assert_eq!(cleared["lead_labels"], serde_json::json!([]));
}

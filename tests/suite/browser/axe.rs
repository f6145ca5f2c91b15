//! axe-core, the accessibility checker, in the browser tests: fetched from the npm registry on
//! first use (a pinned version, checked against the registry's integrity hash) into
//! `target/axe-core/`, never committed; injected into the page under test and run over its WCAG 2
//! A and AA rules. A plain `cargo test` on a fresh machine needs only `npm` on the PATH.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use serde_json::{Value, json};

use super::Browser;

/// The axe-core release the tests run, and its tarball's integrity as the npm registry publishes
/// it (`npm view axe-core@VERSION dist.integrity`): a changed tarball is refused.
const AXE_VERSION: &str = "4.10.3";
const AXE_INTEGRITY: &str =
    "sha512-Xm7bpRXnDSX2YE2YFfBk2FnF0ep6tmG7xPh8iHee8MIcrgq762Nkce856dYtJYLkuIoYZvGfTs/PbZhideTcEg==";

/// The rule sets checked: WCAG 2.0, 2.1 and 2.2, levels A and AA.
const WCAG_TAGS: [&str; 6] = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];

/// The impacts that fail a page. axe reports lesser ones (moderate, minor) too; they are printed.
const FAILING_IMPACTS: [&str; 2] = ["serious", "critical"];

/// axe-core's browser bundle (`axe.min.js`), fetched once per machine and read once per run.
fn axe_source() -> &'static str {
    static SOURCE: OnceLock<String> = OnceLock::new();
    SOURCE.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/axe-core");
        let script = dir.join(format!("axe-core-{AXE_VERSION}.min.js"));
        if !script.exists() {
            fetch_axe(&dir, &script);
        }
        std::fs::read_to_string(&script).unwrap_or_else(|e| panic!("read {}: {e}", script.display()))
    })
}

/// `npm pack` the pinned release into a scratch directory, check its integrity, and move its
/// `axe.min.js` into place in one rename (so that tests racing here never see half a file).
fn fetch_axe(dir: &Path, script: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    let scratch = tempfile::tempdir_in(dir).unwrap();
    let cache: PathBuf = dir.join("npm-cache");
    let packed = Command::new("npm")
        .args(["pack", &format!("axe-core@{AXE_VERSION}"), "--json", "--silent"])
        .arg("--pack-destination")
        .arg(scratch.path())
        .arg("--cache")
        .arg(&cache)
        .output()
        .unwrap_or_else(|e| {
            panic!("the accessibility tests fetch axe-core with npm, which did not start: {e}")
        });
    assert!(
        packed.status.success(),
        "npm pack axe-core@{AXE_VERSION} failed: {}",
        String::from_utf8_lossy(&packed.stderr)
    );
    let report: Value = serde_json::from_slice(&packed.stdout)
        .unwrap_or_else(|e| panic!("npm pack's report: {e}: {}", String::from_utf8_lossy(&packed.stdout)));
    assert_eq!(report[0]["integrity"], AXE_INTEGRITY, "axe-core@{AXE_VERSION} is not the tarball pinned");
    let tarball = scratch.path().join(report[0]["filename"].as_str().expect("npm pack names its tarball"));
    let untarred = Command::new("tar")
        .arg("-xzf")
        .arg(&tarball)
        .arg("-C")
        .arg(scratch.path())
        .arg("package/axe.min.js")
        .status()
        .expect("run tar");
    assert!(untarred.success(), "could not unpack {}", tarball.display());
    std::fs::rename(scratch.path().join("package/axe.min.js"), script).unwrap();
}

impl Browser {
    /// Runs axe-core's WCAG 2 A/AA rules on the page shown and asserts that none fails with a
    /// serious or critical impact, naming each failure's rule, elements and reason if one does.
    pub(super) async fn assert_accessible(&self, what: &str) {
        self.command("POST", "/timeouts", json!({ "script": 120_000 })).await;
        // Injected afresh: a navigation drops it. WebDriver's scripts are not bound by the CSP.
        let loaded = self.execute(&format!("{}\n;return typeof window.axe;", axe_source())).await;
        assert_eq!(loaded, "object", "axe-core did not load into {what}");
        let script = format!(
            "const done = arguments[arguments.length - 1];
             axe.run(document, {{ runOnly: {{ type: 'tag', values: {tags} }}, resultTypes: ['violations'] }})
               .then(r => done({{ url: r.url, ran: [...r.passes, ...r.incomplete, ...r.violations].map(v => v.id), violations: r.violations.map(v => ({{
                   id: v.id, impact: v.impact, help: v.help,
                   nodes: v.nodes.map(n => ({{ target: n.target.join(' '), why: n.failureSummary }})) }})) }}))
               .catch(e => done({{ error: String(e) }}));",
            tags = json!(WCAG_TAGS)
        );
        let result = self.command("POST", "/execute/async", json!({ "script": script, "args": [] })).await;
        assert!(result["error"].is_null(), "axe-core failed on {what}: {result}");
        // A check that checked nothing would pass: the contrast rule, at least, ran.
        assert!(result["ran"].as_array().unwrap().contains(&json!("color-contrast")), "{what}: {result}");
        let violations = result["violations"].as_array().expect("axe-core's violations");
        let (failing, lesser): (Vec<&Value>, Vec<&Value>) = violations
            .iter()
            .partition(|v| FAILING_IMPACTS.contains(&v["impact"].as_str().unwrap_or_default()));
        for v in &lesser {
            eprintln!("{what}: axe-core notes ({}) {}: {}", v["impact"], v["id"], v["help"]);
        }
        let report: Vec<String> = failing
            .iter()
            .map(|v| {
                let nodes: Vec<String> = v["nodes"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .take(5)
                    .map(|n| {
                        format!(
                            "    {} — {}",
                            n["target"],
                            n["why"].as_str().unwrap_or_default().replace('\n', " ")
                        )
                    })
                    .collect();
                format!(
                    "  {} ({}, {} elements): {}\n{}",
                    v["id"],
                    v["impact"],
                    v["nodes"].as_array().unwrap().len(),
                    v["help"],
                    nodes.join("\n")
                )
            })
            .collect();
        assert!(
            failing.is_empty(),
            "{what} ({}) fails axe-core's WCAG 2 A/AA rules:\n{}",
            result["url"],
            report.join("\n")
        );
    }
}

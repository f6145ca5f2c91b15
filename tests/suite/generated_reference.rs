//! The committed completions/ and man/ match the command line. A change to a flag or its help
//! makes this fail until the files are regenerated:
//!
//!     GENIAI_REGENERATE=1 cargo test generated_reference

use std::path::Path;

#[test]
fn generated_reference_files_are_current() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let files = geniai::reference::files().unwrap();
    let regenerate = std::env::var_os("GENIAI_REGENERATE").is_some();
    if regenerate {
        for dir in ["completions", "man"] {
            let _ = std::fs::remove_dir_all(root.join(dir));
            std::fs::create_dir_all(root.join(dir)).unwrap();
        }
    }
    let mut stale = Vec::new();
    for (path, contents) in &files {
        let full = root.join(path);
        if regenerate {
            std::fs::write(&full, contents).unwrap();
        } else if std::fs::read(&full).ok().as_deref() != Some(contents.as_slice()) {
            stale.push(path.display().to_string());
        }
    }
    // Files that no command produces any more are stale too.
    for dir in ["completions", "man"] {
        for entry in std::fs::read_dir(root.join(dir)).into_iter().flatten().flatten() {
            let relative = Path::new(dir).join(entry.file_name());
            if !files.iter().any(|(p, _)| *p == relative) {
                stale.push(format!("{} (no longer generated)", relative.display()));
            }
        }
    }
    assert!(
        stale.is_empty(),
        "completions/man pages are stale: {stale:?}\nregenerate with: GENIAI_REGENERATE=1 cargo test generated_reference"
    );
    assert!(files.iter().any(|(p, _)| p.ends_with("geniai.1")));
    assert!(files.iter().any(|(p, _)| p.ends_with("geniai-report.1")));
}

//! Shell completions and man pages, generated from the clap definition.
//!
//! The repository commits them under `completions/` and `man/`; a test fails when they no longer
//! match the command line (regenerate with `GENIAI_REGENERATE=1 cargo test generated_reference`).

use std::path::PathBuf;

use anyhow::Result;
use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::Cli;

/// The shells geniai ships completions for, with the file each is committed as.
pub const SHELLS: &[(Shell, &str)] = &[
    (Shell::Bash, "geniai.bash"),
    (Shell::Zsh, "_geniai"),
    (Shell::Fish, "geniai.fish"),
    (Shell::Elvish, "geniai.elv"),
    (Shell::PowerShell, "_geniai.ps1"),
];

/// The completion script for one shell.
pub fn completion(shell: Shell) -> Vec<u8> {
    let mut cmd = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "geniai", &mut out);
    out
}

/// Every generated file, as (path relative to the repository root, contents).
pub fn files() -> Result<Vec<(PathBuf, Vec<u8>)>> {
    let mut files: Vec<(PathBuf, Vec<u8>)> = SHELLS
        .iter()
        .map(|(shell, name)| (PathBuf::from("completions").join(name), completion(*shell)))
        .collect();

    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    let mut stack = vec![cmd];
    while let Some(cmd) = stack.pop() {
        stack.extend(cmd.get_subcommands().filter(|s| !s.is_hide_set()).cloned());
        let man = clap_mangen::Man::new(cmd);
        let mut page = Vec::new();
        man.render(&mut page)?;
        files.push((PathBuf::from("man").join(man.get_filename()), page));
    }
    files.sort();
    Ok(files)
}

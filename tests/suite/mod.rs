//! Test modules, and the support code they share.

pub mod support;

mod cli_basics;
mod isolation;
mod migrations;

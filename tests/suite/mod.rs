//! Test modules, and the support code they share.

pub mod support;

mod admin_cli;
mod audit;
mod browser;
mod cli_basics;
mod config_file;
mod demo;
mod doctor;
mod etl;
mod extract_plans;
mod generated_reference;
mod isolation;
mod login_limits;
mod migrations;
mod report_correctness;
mod reports;
mod rollups;
mod schema_shape;
mod secrets;
mod seed;
mod web;
mod web_pages;
mod write_costs;

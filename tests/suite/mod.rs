//! Test modules, and the support code they share.

pub mod support;

mod admin_cli;
mod audit;
mod browser;
mod cli_basics;
mod config_file;
mod connections;
mod csv_format;
mod demo;
mod doctor;
mod etl;
mod etl_chatwoot;
mod export_facts;
mod extract_plans;
mod freshness;
mod generated_reference;
mod heatmap;
mod isolation;
mod login_limits;
mod metrics;
mod migrations;
mod report_correctness;
mod reports;
mod rollups;
mod schema_shape;
mod secrets;
mod seed;
mod stream_tables;
pub mod tenant_rows;
mod watch;
mod web;
mod web_pages;
mod write_costs;

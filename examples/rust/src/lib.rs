//! inventory: stock levels and reservations over HTTP.
//!
//! The example Rust service of Switchback's `examples/`: a blue-green deployer can run it (`PORT`,
//! `/healthz`, `/readyz`, `/metrics` with the `prometheus-client` profile's names) and its release
//! workflow tests it with a line-coverage gate. No dependencies: `std::net` and a small HTTP/1.1 reader.

pub mod app;
pub mod config;
pub mod http;
pub mod metrics;
pub mod server;
pub mod stock;

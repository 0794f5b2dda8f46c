//! inventory: serves on $PORT (8080) with the stock levels of $STOCK.
//!
//! SIGTERM ends the process at once (std has no signal handling): give the pods a preStop sleep so that
//! Kubernetes takes them out of the Service before they stop.

use std::env;
use std::net::TcpListener;
use std::process;
use std::sync::Arc;

use inventory::app::App;
use inventory::config::Config;
use inventory::server;

fn main() {
    let port = env::var("PORT").ok();
    let stock = env::var("STOCK").ok();
    let config = Config::from_env(port.as_deref(), stock.as_deref()).unwrap_or_else(|error| {
        eprintln!("{}", error);
        process::exit(2);
    });
    let listener = TcpListener::bind(("0.0.0.0", config.port)).unwrap_or_else(|error| {
        eprintln!("cannot listen on :{}: {}", config.port, error);
        process::exit(1);
    });
    eprintln!(
        "inventory {} listening on :{} with {} SKUs",
        env!("CARGO_PKG_VERSION"),
        config.port,
        config.inventory.len()
    );
    server::serve(listener, Arc::new(App::new(config.inventory)));
}

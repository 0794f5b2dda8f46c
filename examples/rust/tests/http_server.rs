//! The server over real sockets: what a client, a kubelet probe or a Prometheus scrape sees.

use std::io::{Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::thread;

use inventory::app::App;
use inventory::server::{handle_connection, serve};
use inventory::stock::Inventory;

fn start(stock: &str) -> (SocketAddr, Arc<App>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    let app = Arc::new(App::new(Inventory::parse(stock).unwrap()));
    let served = Arc::clone(&app);
    thread::spawn(move || serve(listener, served));
    (address, app)
}

fn exchange(address: SocketAddr, raw: &str) -> String {
    let mut stream = TcpStream::connect(address).unwrap();
    stream.write_all(raw.as_bytes()).unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    answer
}

#[test]
fn answers_probes_and_reservations_over_tcp() {
    let (address, app) = start("WIDGET-1=3");
    let health = exchange(address, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    assert!(health.starts_with("HTTP/1.1 200 OK\r\n"), "{}", health);
    assert!(health.contains("\r\nContent-Length: 2\r\n"));
    assert!(health.ends_with("\r\n\r\nok"));

    let body = "sku=WIDGET-1&quantity=2";
    let reserved = exchange(
        address,
        &format!("POST /reservations HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{}", body.len(), body),
    );
    assert!(
        reserved.starts_with("HTTP/1.1 201 Created\r\n"),
        "{}",
        reserved
    );
    assert!(reserved.ends_with("{\"sku\":\"WIDGET-1\",\"reserved\":2,\"available\":1}"));

    let oversold = exchange(
        address,
        &format!(
            "POST /reservations HTTP/1.1\r\nContent-Length: {}\r\n\r\n{}",
            body.len(),
            body
        ),
    );
    assert!(
        oversold.starts_with("HTTP/1.1 409 Conflict\r\n"),
        "{}",
        oversold
    );

    let metrics = exchange(address, "GET /metrics HTTP/1.1\r\n\r\n");
    assert!(metrics.contains("Content-Type: text/plain; version=0.0.4; charset=utf-8\r\n"));
    assert!(metrics.contains(
        "http_requests_total{method=\"POST\",handler=\"/reservations\",code=\"409\"} 1\n"
    ));
    assert_eq!(app.requests("GET", "/healthz", 200), 1);
}

#[test]
fn answers_400_and_413_to_requests_it_cannot_read() {
    let (address, _) = start("WIDGET-1=3");
    let malformed = exchange(address, "HELLO\r\n\r\n");
    assert!(
        malformed.starts_with("HTTP/1.1 400 Bad Request\r\n"),
        "{}",
        malformed
    );
    assert!(malformed.ends_with("malformed request line"));
    let too_large = exchange(
        address,
        "POST /reservations HTTP/1.1\r\nContent-Length: 999999\r\n\r\n",
    );
    assert!(
        too_large.starts_with("HTTP/1.1 413 Payload Too Large\r\n"),
        "{}",
        too_large
    );
}

#[test]
fn a_client_that_hangs_up_gets_nothing_and_breaks_nothing() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    let app = App::new(Inventory::parse("A=1").unwrap());

    let client = TcpStream::connect(address).unwrap();
    client.shutdown(Shutdown::Write).unwrap();
    let (server_side, _) = listener.accept().unwrap();
    assert!(
        handle_connection(server_side, &app).is_ok(),
        "closed before a request: not an error"
    );

    let mut client = TcpStream::connect(address).unwrap();
    client
        .write_all(b"POST /reservations HTTP/1.1\r\nContent-Length: 10\r\n\r\nsku")
        .unwrap();
    client.shutdown(Shutdown::Write).unwrap();
    let (server_side, _) = listener.accept().unwrap();
    assert!(
        handle_connection(server_side, &app).is_err(),
        "a body cut short is an I/O error"
    );
}

//! Routing: a request to a response, without sockets, so the tests call it directly.

use std::sync::Mutex;
use std::time::Instant;

use crate::http::{json_string, Request, Response};
use crate::metrics::{Metrics, CONTENT_TYPE as METRICS_CONTENT_TYPE};
use crate::stock::{parse_reservation, valid_sku, Inventory, ReserveError};

/// The service: liveness, readiness (ready while it has stock to sell), metrics, stock and reservations.
pub struct App {
    inventory: Mutex<Inventory>,
    metrics: Mutex<Metrics>,
}

/// The `handler` label of a path: its route, `unmatched` for anything else (bounded cardinality).
fn route(path: &str) -> Option<&'static str> {
    match path {
        "/healthz" => Some("/healthz"),
        "/readyz" => Some("/readyz"),
        "/metrics" => Some("/metrics"),
        "/reservations" => Some("/reservations"),
        _ if path.starts_with("/stock/") => Some("/stock/{sku}"),
        _ => None,
    }
}

impl App {
    pub fn new(inventory: Inventory) -> App {
        App {
            inventory: Mutex::new(inventory),
            metrics: Mutex::new(Metrics::default()),
        }
    }

    pub fn handle(&self, request: &Request) -> Response {
        let started = Instant::now();
        let path = request.path();
        let handler = route(path);
        let response = match (handler, request.method.as_str()) {
            (None, _) => Response::text(404, "not found"),
            (Some("/healthz"), "GET") => Response::text(200, "ok"),
            (Some("/readyz"), "GET") => self.readyz(),
            (Some("/metrics"), "GET") => self.metrics_response(),
            (Some("/stock/{sku}"), "GET") => self.stock(&path["/stock/".len()..]),
            (Some("/reservations"), "POST") => self.reserve(&request.body),
            (Some("/reservations"), _) => {
                Response::text(405, "method not allowed").with_header("Allow", "POST")
            }
            (Some(_), _) => Response::text(405, "method not allowed").with_header("Allow", "GET"),
        };
        let seconds = started.elapsed().as_secs_f64();
        self.lock_metrics().observe(
            &request.method,
            handler.unwrap_or("unmatched"),
            response.status,
            seconds,
        );
        response
    }

    /// How many requests were answered with this status (for the tests and the logs).
    pub fn requests(&self, method: &str, handler: &str, status: u16) -> u64 {
        self.lock_metrics().requests(method, handler, status)
    }

    fn lock_metrics(&self) -> std::sync::MutexGuard<'_, Metrics> {
        // a panic while counting cannot leave the counters half-written: keep serving them
        self.metrics
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn lock_inventory(&self) -> std::sync::MutexGuard<'_, Inventory> {
        self.inventory
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn readyz(&self) -> Response {
        if self.lock_inventory().is_empty() {
            Response::text(503, "no stock loaded")
        } else {
            Response::text(200, "ready")
        }
    }

    fn metrics_response(&self) -> Response {
        let mut response = Response::text(200, &self.lock_metrics().render());
        response.content_type = METRICS_CONTENT_TYPE;
        response
    }

    fn stock(&self, sku: &str) -> Response {
        if !valid_sku(sku) {
            return Response::errors(
                400,
                &["sku must be 1 to 32 letters, digits, '-' or '_'".to_string()],
            );
        }
        match self.lock_inventory().available(sku) {
            Some(available) => Response::json(
                200,
                format!(
                    "{{\"sku\":{},\"available\":{}}}",
                    json_string(sku),
                    available
                ),
            ),
            None => Response::errors(404, &[format!("unknown sku {}", sku)]),
        }
    }

    fn reserve(&self, body: &[u8]) -> Response {
        let form = match std::str::from_utf8(body) {
            Ok(form) => form,
            Err(_) => return Response::errors(400, &["the form is not UTF-8".to_string()]),
        };
        let request = match parse_reservation(form) {
            Ok(request) => request,
            Err(errors) => return Response::errors(422, &errors),
        };
        match self
            .lock_inventory()
            .reserve(&request.sku, request.quantity)
        {
            Ok(reservation) => Response::json(
                201,
                format!(
                    "{{\"sku\":{},\"reserved\":{},\"available\":{}}}",
                    json_string(&reservation.sku),
                    reservation.reserved,
                    reservation.available
                ),
            ),
            Err(error @ ReserveError::UnknownSku(_)) => Response::errors(404, &[error.to_string()]),
            Err(error @ ReserveError::Insufficient { .. }) => {
                Response::errors(409, &[error.to_string()])
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn app() -> App {
        App::new(Inventory::parse("WIDGET-1=5,GADGET-2=0").unwrap())
    }

    fn request(method: &str, target: &str, body: &str) -> Request {
        Request {
            method: method.to_string(),
            target: target.to_string(),
            headers: Vec::new(),
            body: body.into(),
        }
    }

    fn answer(app: &App, method: &str, target: &str, body: &str) -> (u16, String) {
        let response = app.handle(&request(method, target, body));
        (response.status, String::from_utf8(response.body).unwrap())
    }

    #[test]
    fn answers_liveness_and_readiness() {
        let app = app();
        assert_eq!(answer(&app, "GET", "/healthz", ""), (200, "ok".to_string()));
        assert_eq!(
            answer(&app, "GET", "/readyz", ""),
            (200, "ready".to_string())
        );
        let empty = App::new(Inventory::default());
        assert_eq!(
            answer(&empty, "GET", "/readyz", ""),
            (503, "no stock loaded".to_string())
        );
        assert_eq!(
            answer(&empty, "GET", "/healthz", "").0,
            200,
            "an empty catalogue is not a dead process"
        );
    }

    #[test]
    fn tells_the_stock_of_an_sku() {
        let app = app();
        assert_eq!(
            answer(&app, "GET", "/stock/WIDGET-1", ""),
            (200, "{\"sku\":\"WIDGET-1\",\"available\":5}".to_string())
        );
        assert_eq!(
            answer(&app, "GET", "/stock/NOPE", ""),
            (404, "{\"errors\":[\"unknown sku NOPE\"]}".to_string())
        );
        assert_eq!(answer(&app, "GET", "/stock/", "").0, 400);
        assert_eq!(answer(&app, "GET", "/stock/a%20b", "").0, 400);
    }

    #[test]
    fn reserves_stock_and_refuses_to_oversell() {
        let app = app();
        let response = app.handle(&request("POST", "/reservations", "sku=WIDGET-1&quantity=4"));
        assert_eq!(response.status, 201);
        assert_eq!(response.content_type, "application/json");
        assert_eq!(
            response.body,
            b"{\"sku\":\"WIDGET-1\",\"reserved\":4,\"available\":1}".to_vec()
        );
        assert_eq!(
            answer(&app, "POST", "/reservations", "sku=WIDGET-1&quantity=2"),
            (
                409,
                "{\"errors\":[\"only 1 of WIDGET-1 available, 2 requested\"]}".to_string()
            )
        );
        assert_eq!(
            answer(&app, "POST", "/reservations", "sku=NOPE&quantity=1").0,
            404
        );
        assert_eq!(
            answer(&app, "GET", "/stock/WIDGET-1", "").1,
            "{\"sku\":\"WIDGET-1\",\"available\":1}"
        );
    }

    #[test]
    fn refuses_an_invalid_reservation() {
        let app = app();
        assert_eq!(
            answer(&app, "POST", "/reservations", "quantity=0"),
            (
                422,
                "{\"errors\":[\"sku is required\",\"quantity must be a whole number between 1 and 1000\"]}".to_string()
            )
        );
        let not_utf8 = Request {
            body: vec![0xff],
            ..request("POST", "/reservations", "")
        };
        assert_eq!(app.handle(&not_utf8).status, 400);
    }

    #[test]
    fn answers_404_to_unknown_paths_and_405_with_allow_to_wrong_methods() {
        let app = app();
        assert_eq!(answer(&app, "GET", "/nope", "").0, 404);
        let response = app.handle(&request("GET", "/reservations", ""));
        assert_eq!(
            (response.status, response.headers.clone()),
            (405, vec![("Allow", "POST".to_string())])
        );
        let response = app.handle(&request("DELETE", "/healthz", ""));
        assert_eq!(
            (response.status, response.headers.clone()),
            (405, vec![("Allow", "GET".to_string())])
        );
    }

    #[test]
    fn counts_every_answer_with_a_bounded_handler_label() {
        let app = app();
        answer(&app, "GET", "/stock/WIDGET-1?fresh=1", "");
        answer(&app, "GET", "/stock/GADGET-2", "");
        answer(&app, "GET", "/wp-admin", "");
        answer(&app, "GET", "/other", "");
        assert_eq!(app.requests("GET", "/stock/{sku}", 200), 2);
        assert_eq!(app.requests("GET", "unmatched", 404), 2);
        let response = app.handle(&request("GET", "/metrics", ""));
        assert_eq!(response.content_type, METRICS_CONTENT_TYPE);
        let text = String::from_utf8(response.body).unwrap();
        assert!(
            text.contains(
                "http_requests_total{method=\"GET\",handler=\"unmatched\",code=\"404\"} 2\n"
            ),
            "{}",
            text
        );
    }
}

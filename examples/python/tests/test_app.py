import json

from checkout.app import MAX_BODY_BYTES, App


def body(response):
    return json.loads(response.body.decode("utf-8"))


def cart(**overrides):
    payload = {"items": [{"sku": "A-1", "unit_price_cents": 2000, "quantity": 3}], "tax_rate_percent": 10}
    payload.update(overrides)
    return json.dumps(payload).encode("utf-8")


def test_liveness_answers_ok():
    response = App().handle("GET", "/healthz", b"")
    assert (response.status, response.body, response.content_type) == (200, b"ok", "text/plain; charset=utf-8")


def test_readiness_turns_to_503_while_draining():
    app = App()
    assert app.handle("GET", "/readyz", b"").status == 200
    app.drain()
    assert app.draining
    response = app.handle("GET", "/readyz", b"")
    assert (response.status, response.body) == (503, b"draining")
    # liveness is unaffected: the pod is not restarted while it drains
    assert app.handle("GET", "/healthz", b"").status == 200


def test_a_quote():
    response = App().handle("POST", "/quote?currency=EUR", cart())
    assert response.status == 200
    assert response.content_type == "application/json"
    assert body(response) == {
        "item_count": 3,
        "subtotal_cents": 6000,
        "tax_cents": 600,
        "shipping_cents": 0,
        "total_cents": 6600,
    }


def test_an_invalid_cart_is_422_with_the_errors():
    response = App().handle("POST", "/quote", cart(items=[], tax_rate_percent=50))
    assert response.status == 422
    assert body(response) == {
        "errors": ["items must be a non-empty array", "tax_rate_percent must be a number between 0 and 30"]
    }


def test_a_body_that_is_not_json_is_400():
    for raw in (b"{not json", b"\xff\xfe", b""):
        response = App().handle("POST", "/quote", raw)
        assert response.status == 400
        assert body(response) == {"errors": ["the request body must be JSON"]}


def test_an_unreadable_content_length_is_400():
    response = App().handle("POST", "/quote", None)
    assert (response.status, body(response)) == (400, {"errors": ["Content-Length must be a number"]})


def test_a_body_over_the_limit_is_413():
    response = App().handle("POST", "/quote", b" " * (MAX_BODY_BYTES + 1))
    assert response.status == 413


def test_unknown_paths_are_404_and_wrong_methods_405():
    app = App()
    assert app.handle("GET", "/nope", b"").status == 404
    response = app.handle("GET", "/quote", b"")
    assert response.status == 405
    assert response.headers == {"Allow": "POST"}


def test_every_answer_is_counted_with_a_bounded_handler_label():
    app = App()
    app.handle("POST", "/quote", cart())
    app.handle("POST", "/quote", b"{")
    app.handle("GET", "/wp-admin", b"")
    app.handle("GET", "/other", b"")
    assert app.metrics.requests("POST", "/quote", 200) == 1
    assert app.metrics.requests("POST", "/quote", 400) == 1
    assert app.metrics.requests("GET", "unmatched", 404) == 2
    response = app.handle("GET", "/metrics", b"")
    assert response.status == 200
    assert response.content_type.startswith("text/plain; version=0.0.4")
    assert 'http_requests_total{method="GET",handler="unmatched",code="404"} 2' in response.body.decode("utf-8")

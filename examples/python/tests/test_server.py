import http.client
import json
import threading

import pytest

from checkout.app import App
from checkout.server import Server, main, on_sigterm, port_from_env


@pytest.fixture
def server():
    app = App()
    server = Server(app, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    server.serving_thread = thread
    yield server
    server.shutdown()
    server.server_close()
    thread.join(5)


def request(server, method, path, body=None, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=5)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def test_the_server_answers_health_and_quotes_over_http(server):
    status, headers, body = request(server, "GET", "/healthz")
    assert (status, body) == (200, b"ok")
    assert headers["Content-Length"] == "2"
    assert headers["Server"].startswith("checkout/")

    cart = {"items": [{"sku": "A-1", "unit_price_cents": 999, "quantity": 2}], "tax_rate_percent": 5}
    status, headers, body = request(
        server, "POST", "/quote", json.dumps(cart), {"Content-Type": "application/json"}
    )
    assert status == 200
    assert headers["Content-Type"] == "application/json"
    assert json.loads(body) == {
        "item_count": 2,
        "subtotal_cents": 1998,
        "tax_cents": 100,
        "shipping_cents": 499,
        "total_cents": 2597,
    }


def test_the_server_sends_errors_and_extra_headers(server):
    status, headers, _ = request(server, "DELETE", "/quote")
    assert status == 405
    assert headers["Allow"] == "POST"
    status, _, body = request(server, "POST", "/quote", b"{}", {"Content-Length": "x"})
    assert status == 400
    assert json.loads(body) == {"errors": ["Content-Length must be a number"]}


def test_metrics_are_served_in_prometheus_text_format(server):
    request(server, "GET", "/missing")
    status, headers, body = request(server, "GET", "/metrics")
    assert status == 200
    assert headers["Content-Type"] == "text/plain; version=0.0.4; charset=utf-8"
    assert 'http_requests_total{method="GET",handler="unmatched",code="404"} 1' in body.decode("utf-8")


def test_sigterm_drains_then_stops_the_server(server):
    status, _, _ = request(server, "GET", "/readyz")
    assert status == 200
    on_sigterm(server.app, server)(15, None)
    assert server.app.draining
    server.serving_thread.join(5)
    assert not server.serving_thread.is_alive()


@pytest.mark.parametrize("env, port", [({}, 8080), ({"PORT": ""}, 8080), ({"PORT": " 9090 "}, 9090)])
def test_the_port_comes_from_the_environment(env, port):
    assert port_from_env(env) == port


@pytest.mark.parametrize("value", ["http", "0", "65536", "-1", "80.5"])
def test_a_port_that_is_not_a_tcp_port_is_refused(value):
    with pytest.raises(ValueError, match="PORT must be a TCP port"):
        port_from_env({"PORT": value})


def test_main_exits_2_on_an_invalid_port(caplog):
    assert main({"PORT": "nope"}) == 2
    assert "PORT must be a TCP port (1-65535), got 'nope'" in caplog.text

from checkout.metrics import CONTENT_TYPE, Metrics


def test_requests_are_counted_by_method_handler_and_status():
    metrics = Metrics()
    metrics.observe("GET", "/healthz", 200, 0.001)
    metrics.observe("GET", "/healthz", 200, 0.002)
    metrics.observe("POST", "/quote", 422, 0.003)
    assert metrics.requests("GET", "/healthz", 200) == 2
    assert metrics.requests("POST", "/quote", 422) == 1
    assert metrics.requests("POST", "/quote", 200) == 0
    text = metrics.render()
    assert "# TYPE http_requests_total counter\n" in text
    assert 'http_requests_total{method="GET",handler="/healthz",code="200"} 2\n' in text
    assert 'http_requests_total{method="POST",handler="/quote",code="422"} 1\n' in text


def test_latency_is_a_cumulative_histogram_with_a_bucket_at_half_a_second():
    metrics = Metrics()
    for seconds in (0.004, 0.3, 0.5, 0.7, 9.0):
        metrics.observe("POST", "/quote", 200, seconds)
    text = metrics.render()
    labels = 'method="POST",handler="/quote"'
    assert "# TYPE http_request_duration_seconds histogram\n" in text
    assert f'http_request_duration_seconds_bucket{{{labels},le="0.005"}} 1\n' in text
    assert f'http_request_duration_seconds_bucket{{{labels},le="0.25"}} 1\n' in text
    assert f'http_request_duration_seconds_bucket{{{labels},le="0.5"}} 3\n' in text
    assert f'http_request_duration_seconds_bucket{{{labels},le="1.0"}} 4\n' in text
    assert f'http_request_duration_seconds_bucket{{{labels},le="5.0"}} 4\n' in text
    assert f'http_request_duration_seconds_bucket{{{labels},le="+Inf"}} 5\n' in text
    assert f"http_request_duration_seconds_count{{{labels}}} 5\n" in text
    assert f"http_request_duration_seconds_sum{{{labels}}} 10.504000\n" in text


def test_label_values_are_escaped():
    metrics = Metrics()
    metrics.observe('GE"T', "a\\b\nc", 200, 0.0)
    assert 'http_requests_total{method="GE\\"T",handler="a\\\\b\\nc",code="200"} 1' in metrics.render()


def test_no_requests_render_only_the_metadata():
    assert Metrics().render().count("\n") == 4
    assert CONTENT_TYPE.startswith("text/plain; version=0.0.4")

import { CONTENT_TYPE, Metrics } from "../src/metrics";

describe("Metrics", () => {
  it("counts requests by method, route and status", () => {
    const metrics = new Metrics();
    metrics.observe("GET", "/healthz", 200, 0.001);
    metrics.observe("GET", "/healthz", 200, 0.001);
    metrics.observe("POST", "/cart/total", 422, 0.002);
    expect(metrics.requests("GET", "/healthz", 200)).toBe(2);
    expect(metrics.requests("POST", "/cart/total", 200)).toBe(0);
    const text = metrics.render();
    expect(text).toContain("# TYPE http_requests_total counter\n");
    expect(text).toContain('http_requests_total{method="GET",route="/healthz",code="200"} 2\n');
    expect(text).toContain('http_requests_total{method="POST",route="/cart/total",code="422"} 1\n');
  });

  it("keeps a cumulative latency histogram with a bucket at half a second", () => {
    const metrics = new Metrics();
    [0.004, 0.3, 0.5, 0.7, 9].forEach((seconds) => metrics.observe("POST", "/cart/total", 200, seconds));
    const text = metrics.render();
    const labels = 'method="POST",route="/cart/total"';
    expect(text).toContain("# TYPE http_request_duration_seconds histogram\n");
    expect(text).toContain(`http_request_duration_seconds_bucket{${labels},le="0.005"} 1\n`);
    expect(text).toContain(`http_request_duration_seconds_bucket{${labels},le="0.25"} 1\n`);
    expect(text).toContain(`http_request_duration_seconds_bucket{${labels},le="0.5"} 3\n`);
    expect(text).toContain(`http_request_duration_seconds_bucket{${labels},le="1"} 4\n`);
    expect(text).toContain(`http_request_duration_seconds_bucket{${labels},le="5"} 4\n`);
    expect(text).toContain(`http_request_duration_seconds_bucket{${labels},le="+Inf"} 5\n`);
    expect(text).toContain(`http_request_duration_seconds_sum{${labels}} 10.504000\n`);
    expect(text).toContain(`http_request_duration_seconds_count{${labels}} 5\n`);
  });

  it("escapes label values", () => {
    const metrics = new Metrics();
    metrics.observe('GE"T', "a\\b\nc", 200, 0);
    expect(metrics.render()).toContain('http_requests_total{method="GE\\"T",route="a\\\\b\\nc",code="200"} 1');
  });

  it("renders only the metadata before any request", () => {
    expect(new Metrics().render().split("\n")).toHaveLength(5);
    expect(CONTENT_TYPE).toMatch(/^text\/plain; version=0\.0\.4/);
  });
});

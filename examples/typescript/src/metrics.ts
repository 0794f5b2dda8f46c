/**
 * Request metrics in Prometheus' text format, with the names of Switchback's `prometheus-client` profile:
 * `http_requests_total{method,route,code}` counts requests by status (the health-monitor's error rate) and
 * `http_request_duration_seconds` is a classic histogram with a bucket at 0.5 s (its p95 latency check).
 */

export const CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
export const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

interface Latency {
  buckets: number[]; // per bucket, not cumulative
  count: number;
  sum: number;
}

function escape(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, '\\"');
}

function labels(pairs: Array<[string, string]>): string {
  return pairs.map(([name, value]) => `${name}="${escape(value)}"`).join(",");
}

export class Metrics {
  private readonly requestCounts = new Map<string, number>();
  private readonly latencies = new Map<string, Latency>();

  observe(method: string, route: string, status: number, seconds: number): void {
    const requestKey = labels([["method", method], ["route", route], ["code", String(status)]]);
    this.requestCounts.set(requestKey, (this.requestCounts.get(requestKey) ?? 0) + 1);
    const latencyKey = labels([["method", method], ["route", route]]);
    let latency = this.latencies.get(latencyKey);
    if (latency === undefined) {
      latency = { buckets: BUCKETS.map(() => 0), count: 0, sum: 0 };
      this.latencies.set(latencyKey, latency);
    }
    const bucket = BUCKETS.findIndex((bound) => seconds <= bound);
    if (bucket >= 0) {
      latency.buckets[bucket] += 1;
    }
    latency.count += 1;
    latency.sum += seconds;
  }

  requests(method: string, route: string, status: number): number {
    return this.requestCounts.get(labels([["method", method], ["route", route], ["code", String(status)]])) ?? 0;
  }

  render(): string {
    const out = [
      "# HELP http_requests_total HTTP requests answered, by method, route and status code.",
      "# TYPE http_requests_total counter",
    ];
    for (const [key, count] of [...this.requestCounts].sort()) {
      out.push(`http_requests_total{${key}} ${count}`);
    }
    out.push(
      "# HELP http_request_duration_seconds Time to answer an HTTP request.",
      "# TYPE http_request_duration_seconds histogram",
    );
    for (const [key, latency] of [...this.latencies].sort()) {
      let cumulative = 0;
      BUCKETS.forEach((bound, index) => {
        cumulative += latency.buckets[index];
        out.push(`http_request_duration_seconds_bucket{${key},le="${bound}"} ${cumulative}`);
      });
      out.push(`http_request_duration_seconds_bucket{${key},le="+Inf"} ${latency.count}`);
      out.push(`http_request_duration_seconds_sum{${key}} ${latency.sum.toFixed(6)}`);
      out.push(`http_request_duration_seconds_count{${key}} ${latency.count}`);
    }
    return out.join("\n") + "\n";
  }
}

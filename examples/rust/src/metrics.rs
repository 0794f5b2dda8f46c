//! Request metrics in Prometheus' text format, with the names of Switchback's `prometheus-client` profile:
//! `http_requests_total{method,handler,code}` counts requests by status (the health-monitor's error rate)
//! and `http_request_duration_seconds` is a classic histogram with a bucket at 0.5 s (its p95 latency).

use std::collections::BTreeMap;
use std::fmt::Write;

pub const CONTENT_TYPE: &str = "text/plain; version=0.0.4; charset=utf-8";
pub const BUCKETS: [f64; 10] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0];

#[derive(Debug, Default)]
struct Latency {
    buckets: [u64; BUCKETS.len()], // per bucket, not cumulative
    count: u64,
    sum: f64,
}

#[derive(Debug, Default)]
pub struct Metrics {
    requests: BTreeMap<(String, String, u16), u64>,
    latency: BTreeMap<(String, String), Latency>,
}

fn escape(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace('\n', "\\n")
        .replace('"', "\\\"")
}

impl Metrics {
    pub fn observe(&mut self, method: &str, handler: &str, status: u16, seconds: f64) {
        *self
            .requests
            .entry((method.to_string(), handler.to_string(), status))
            .or_insert(0) += 1;
        let latency = self
            .latency
            .entry((method.to_string(), handler.to_string()))
            .or_default();
        if let Some(bucket) = BUCKETS.iter().position(|bound| seconds <= *bound) {
            latency.buckets[bucket] += 1;
        }
        latency.count += 1;
        latency.sum += seconds;
    }

    pub fn requests(&self, method: &str, handler: &str, status: u16) -> u64 {
        self.requests
            .get(&(method.to_string(), handler.to_string(), status))
            .copied()
            .unwrap_or(0)
    }

    pub fn render(&self) -> String {
        let mut out = String::new();
        out.push_str("# HELP http_requests_total HTTP requests answered, by method, handler and status code.\n");
        out.push_str("# TYPE http_requests_total counter\n");
        for ((method, handler, code), count) in &self.requests {
            let _ = writeln!(
                out,
                "http_requests_total{{method=\"{}\",handler=\"{}\",code=\"{}\"}} {}",
                escape(method),
                escape(handler),
                code,
                count
            );
        }
        out.push_str("# HELP http_request_duration_seconds Time to answer an HTTP request.\n");
        out.push_str("# TYPE http_request_duration_seconds histogram\n");
        for ((method, handler), latency) in &self.latency {
            let labels = format!(
                "method=\"{}\",handler=\"{}\"",
                escape(method),
                escape(handler)
            );
            let mut cumulative = 0;
            for (bound, count) in BUCKETS.iter().zip(latency.buckets.iter()) {
                cumulative += count;
                let _ = writeln!(
                    out,
                    "http_request_duration_seconds_bucket{{{},le=\"{}\"}} {}",
                    labels, bound, cumulative
                );
            }
            let _ = writeln!(
                out,
                "http_request_duration_seconds_bucket{{{},le=\"+Inf\"}} {}",
                labels, latency.count
            );
            let _ = writeln!(
                out,
                "http_request_duration_seconds_sum{{{}}} {:.6}",
                labels, latency.sum
            );
            let _ = writeln!(
                out,
                "http_request_duration_seconds_count{{{}}} {}",
                labels, latency.count
            );
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_requests_by_method_handler_and_status() {
        let mut metrics = Metrics::default();
        metrics.observe("GET", "/healthz", 200, 0.001);
        metrics.observe("GET", "/healthz", 200, 0.001);
        metrics.observe("POST", "/reservations", 409, 0.002);
        assert_eq!(metrics.requests("GET", "/healthz", 200), 2);
        assert_eq!(metrics.requests("POST", "/reservations", 201), 0);
        let text = metrics.render();
        assert!(text.contains("# TYPE http_requests_total counter\n"));
        assert!(text
            .contains("http_requests_total{method=\"GET\",handler=\"/healthz\",code=\"200\"} 2\n"));
        assert!(text.contains(
            "http_requests_total{method=\"POST\",handler=\"/reservations\",code=\"409\"} 1\n"
        ));
    }

    #[test]
    fn keeps_a_cumulative_histogram_with_a_bucket_at_half_a_second() {
        let mut metrics = Metrics::default();
        for seconds in [0.004, 0.3, 0.5, 0.7, 9.0] {
            metrics.observe("POST", "/reservations", 201, seconds);
        }
        let text = metrics.render();
        let series = |suffix: &str, value: &str| {
            format!(
                "http_request_duration_seconds_{}{{method=\"POST\",handler=\"/reservations\"{}\n",
                suffix, value
            )
        };
        assert!(text.contains("# TYPE http_request_duration_seconds histogram\n"));
        assert!(
            text.contains(&series("bucket", ",le=\"0.005\"} 1")),
            "{}",
            text
        );
        assert!(text.contains(&series("bucket", ",le=\"0.25\"} 1")));
        assert!(text.contains(&series("bucket", ",le=\"0.5\"} 3")));
        assert!(text.contains(&series("bucket", ",le=\"1\"} 4")));
        assert!(text.contains(&series("bucket", ",le=\"5\"} 4")));
        assert!(text.contains(&series("bucket", ",le=\"+Inf\"} 5")));
        assert!(text.contains(&series("sum", "} 10.504000")));
        assert!(text.contains(&series("count", "} 5")));
    }

    #[test]
    fn escapes_label_values() {
        let mut metrics = Metrics::default();
        metrics.observe("GE\"T", "a\\b\nc", 200, 0.0);
        assert!(metrics.render().contains(
            "http_requests_total{method=\"GE\\\"T\",handler=\"a\\\\b\\nc\",code=\"200\"} 1"
        ));
    }

    #[test]
    fn renders_only_the_metadata_before_any_request() {
        assert_eq!(Metrics::default().render().lines().count(), 4);
        assert!(CONTENT_TYPE.starts_with("text/plain; version=0.0.4"));
    }
}

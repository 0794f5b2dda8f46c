// The load gate's k6 script: the seed's load target, 1,000 concurrent users with p95 < 100 ms, against a
// service in staging. service-release.yml runs it (through scripts/release/load-gate.sh) once the build took
// staging's traffic, unless the service names a script of its own (input load-test-script), which may start
// from this one. Every setting comes from the environment:
//
//   TARGET_URL      the service's base URL in staging (required)
//   TARGET_PATH     what each user requests, default /
//   VUS             concurrent virtual users, default 1000
//   DURATION        how long they hold at VUS after a ramp of RAMP, default 1m (RAMP default 30s)
//   P95_MS          the p95 latency threshold in milliseconds, default 100
//   MAX_ERROR_RATE  the share of failed requests allowed, default 0.01
//   THINK_SECONDS   each user's pause between requests, default 1 (1,000 users: about 1,000 requests/s)
//
// A threshold crossed makes k6 exit 99, which fails the gate.
import http from "k6/http";
import { check, sleep } from "k6";

const target = __ENV.TARGET_URL;
if (!target) {
  throw new Error("TARGET_URL is required: the service's base URL in staging");
}
const vus = parseInt(__ENV.VUS || "1000", 10);
const p95 = parseFloat(__ENV.P95_MS || "100");
const maxErrorRate = parseFloat(__ENV.MAX_ERROR_RATE || "0.01");
const think = parseFloat(__ENV.THINK_SECONDS || "1");
const url = target.replace(/\/$/, "") + (__ENV.TARGET_PATH || "/");

export const options = {
  scenarios: {
    users: {
      executor: "ramping-vus",
      startVUs: 0,
      stages: [
        { duration: __ENV.RAMP || "30s", target: vus },
        { duration: __ENV.DURATION || "1m", target: vus },
        { duration: "10s", target: 0 },
      ],
      gracefulRampDown: "10s",
    },
  },
  thresholds: {
    http_req_duration: [`p(95)<${p95}`],
    http_req_failed: [`rate<${maxErrorRate}`],
  },
  summaryTrendStats: ["avg", "med", "p(95)", "p(99)", "max"],
};

export default function () {
  const response = http.get(url, { tags: { name: "load-gate" } });
  check(response, { "2xx": (r) => r.status >= 200 && r.status < 300 });
  sleep(think);
}

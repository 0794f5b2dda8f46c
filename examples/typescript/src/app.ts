/**
 * Routing: a request (method, URL, body) to a response, without sockets, so the tests call it directly.
 */
import { total, ValidationError } from "./cart";
import { CONTENT_TYPE as METRICS_CONTENT_TYPE, Metrics } from "./metrics";

export const MAX_BODY_BYTES = 64 * 1024;
const TEXT = "text/plain; charset=utf-8";
const JSON_TYPE = "application/json";

export interface Response {
  status: number;
  contentType: string;
  body: string;
  headers?: Record<string, string>;
}

type Handler = (body: Buffer) => Response;

function text(status: number, body: string): Response {
  return { status, contentType: TEXT, body };
}

function json(status: number, value: unknown): Response {
  return { status, contentType: JSON_TYPE, body: JSON.stringify(value) };
}

/** The service: liveness, readiness (503 while draining), metrics and the cart total. */
export class App {
  private isDraining = false;
  private readonly routes: Record<string, Record<string, Handler>>;

  constructor(readonly metrics: Metrics = new Metrics()) {
    this.routes = {
      "/healthz": { GET: () => text(200, "ok") },
      "/readyz": { GET: () => (this.draining ? text(503, "draining") : text(200, "ready")) },
      "/metrics": { GET: () => ({ status: 200, contentType: METRICS_CONTENT_TYPE, body: this.metrics.render() }) },
      "/cart/total": { POST: (body) => this.cartTotal(body) },
    };
  }

  get draining(): boolean {
    return this.isDraining;
  }

  /** Stop taking traffic: /readyz answers 503 from now on, so Kubernetes takes the pod out. */
  drain(): void {
    this.isDraining = true;
  }

  handle(method: string, url: string, body: Buffer): Response {
    const started = process.hrtime.bigint();
    const path = url.split("?", 1)[0];
    const methods = Object.prototype.hasOwnProperty.call(this.routes, path) ? this.routes[path] : undefined;
    let response: Response;
    if (methods === undefined) {
      response = text(404, "not found");
    } else if (!(method in methods)) {
      response = { ...text(405, "method not allowed"), headers: { Allow: Object.keys(methods).sort().join(", ") } };
    } else {
      response = methods[method](body);
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    this.metrics.observe(method, methods === undefined ? "unmatched" : path, response.status, seconds);
    return response;
  }

  private cartTotal(body: Buffer): Response {
    if (body.length > MAX_BODY_BYTES) {
      return json(413, { errors: [`the request body must be at most ${MAX_BODY_BYTES} bytes`] });
    }
    let input: unknown;
    try {
      input = JSON.parse(body.toString("utf8"));
    } catch {
      return json(400, { errors: ["the request body must be JSON"] });
    }
    try {
      return json(200, total(input));
    } catch (error) {
      if (error instanceof ValidationError) {
        return json(422, { errors: error.errors });
      }
      throw error;
    }
  }
}

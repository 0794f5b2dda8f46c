import { App, MAX_BODY_BYTES } from "../src/app";

const body = (value: unknown) => Buffer.from(JSON.stringify(value));
const empty = Buffer.alloc(0);

describe("App", () => {
  it("answers liveness", () => {
    expect(new App().handle("GET", "/healthz", empty)).toEqual({
      status: 200,
      contentType: "text/plain; charset=utf-8",
      body: "ok",
    });
  });

  it("turns readiness to 503 while draining, and keeps liveness", () => {
    const app = new App();
    expect(app.handle("GET", "/readyz", empty).status).toBe(200);
    app.drain();
    expect(app.draining).toBe(true);
    expect(app.handle("GET", "/readyz", empty)).toMatchObject({ status: 503, body: "draining" });
    expect(app.handle("GET", "/healthz", empty).status).toBe(200);
  });

  it("totals a cart", () => {
    const response = new App().handle(
      "POST",
      "/cart/total?currency=EUR",
      body({ lines: [{ sku: "MUG-1", priceCents: 1250, quantity: 2 }], coupon: "SAVE10" }),
    );
    expect(response.status).toBe(200);
    expect(response.contentType).toBe("application/json");
    expect(JSON.parse(response.body)).toEqual({
      itemCount: 2,
      subtotalCents: 2500,
      discountCents: 250,
      totalCents: 2250,
      coupon: "SAVE10",
    });
  });

  it("answers 422 with the errors for an invalid cart", () => {
    const response = new App().handle("POST", "/cart/total", body({ lines: [], coupon: "NOPE" }));
    expect(response.status).toBe(422);
    expect(JSON.parse(response.body)).toEqual({ errors: ["lines must be a non-empty array", 'unknown coupon "NOPE"'] });
  });

  it.each(["{not json", ""])("answers 400 to a body that is not JSON: %j", (raw) => {
    const response = new App().handle("POST", "/cart/total", Buffer.from(raw));
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body)).toEqual({ errors: ["the request body must be JSON"] });
  });

  it("answers 413 to a body over the limit", () => {
    expect(new App().handle("POST", "/cart/total", Buffer.alloc(MAX_BODY_BYTES + 1, " ")).status).toBe(413);
  });

  it("answers 404 to unknown paths and 405 with Allow to wrong methods", () => {
    const app = new App();
    expect(app.handle("GET", "/nope", empty).status).toBe(404);
    expect(app.handle("GET", "/__proto__", empty).status).toBe(404);
    expect(app.handle("GET", "/cart/total", empty)).toMatchObject({ status: 405, headers: { Allow: "POST" } });
  });

  it("counts every answer, with one label for unmatched paths", () => {
    const app = new App();
    app.handle("POST", "/cart/total", body({ lines: [{ sku: "A", priceCents: 1, quantity: 1 }] }));
    app.handle("POST", "/cart/total", Buffer.from("{"));
    app.handle("GET", "/wp-admin", empty);
    app.handle("GET", "/other", empty);
    expect(app.metrics.requests("POST", "/cart/total", 200)).toBe(1);
    expect(app.metrics.requests("POST", "/cart/total", 400)).toBe(1);
    expect(app.metrics.requests("GET", "unmatched", 404)).toBe(2);
    const response = app.handle("GET", "/metrics", empty);
    expect(response.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(response.body).toContain('http_requests_total{method="GET",route="unmatched",code="404"} 2');
  });
});

import { request as httpRequest, Server } from "node:http";
import { App, MAX_BODY_BYTES } from "../src/app";
import { listen, main, onSigterm, portFromEnv } from "../src/server";

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function request(port: number, method: string, path: string, body?: string | Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port, method, path }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }),
      );
    });
    req.on("error", reject);
    req.end(body);
  });
}

describe("the HTTP server", () => {
  let app: App;
  let server: Server;
  let port: number;

  beforeEach(async () => {
    app = new App();
    ({ server, port } = await listen(app, 0, "127.0.0.1"));
  });

  afterEach(async () => {
    if (server.listening) {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("answers health and cart totals", async () => {
    await expect(request(port, "GET", "/healthz")).resolves.toMatchObject({ status: 200, body: "ok" });
    const answer = await request(
      port,
      "POST",
      "/cart/total",
      JSON.stringify({ lines: [{ sku: "MUG-1", priceCents: 2500, quantity: 1 }], coupon: "welcome5" }),
    );
    expect(answer.status).toBe(200);
    expect(answer.headers["content-type"]).toBe("application/json");
    expect(answer.headers["content-length"]).toBe(String(Buffer.byteLength(answer.body)));
    expect(JSON.parse(answer.body)).toMatchObject({ subtotalCents: 2500, discountCents: 500, totalCents: 2000 });
  });

  it("sends the Allow header of a 405 and refuses an oversized body", async () => {
    const answer = await request(port, "DELETE", "/cart/total");
    expect(answer.status).toBe(405);
    expect(answer.headers.allow).toBe("POST");
    const big = Buffer.alloc(MAX_BODY_BYTES * 2, " ");
    await expect(request(port, "POST", "/cart/total", big)).resolves.toMatchObject({ status: 413 });
  });

  it("serves the metrics in Prometheus text format", async () => {
    await request(port, "GET", "/missing");
    const answer = await request(port, "GET", "/metrics");
    expect(answer.headers["content-type"]).toBe("text/plain; version=0.0.4; charset=utf-8");
    expect(answer.body).toContain('http_requests_total{method="GET",route="unmatched",code="404"} 1');
  });

  it("drains on SIGTERM, then stops listening", async () => {
    const log = jest.fn();
    onSigterm(app, server, log)();
    expect(app.draining).toBe(true);
    await new Promise((resolve) => server.once("close", resolve));
    expect(log).toHaveBeenCalledWith("SIGTERM: draining");
    expect(log).toHaveBeenCalledWith("storefront stopped");
    expect(server.listening).toBe(false);
    await expect(request(port, "GET", "/readyz")).rejects.toThrow(/ECONNREFUSED/);
  });

  it("fails to listen on a port in use", async () => {
    await expect(listen(new App(), port, "127.0.0.1")).rejects.toThrow(/EADDRINUSE/);
  });
});

describe("portFromEnv", () => {
  it.each([
    [{}, 8080],
    [{ PORT: "" }, 8080],
    [{ PORT: " 9090 " }, 9090],
  ])("reads %j as %d", (env, port) => {
    expect(portFromEnv(env)).toBe(port);
  });

  it.each(["http", "0", "65536", "-1", "80.5"])("refuses %j", (value) => {
    expect(() => portFromEnv({ PORT: value })).toThrow(`PORT must be a TCP port (1-65535), got "${value}"`);
  });
});

describe("main", () => {
  it("exits 2 with one line on an invalid PORT", async () => {
    const error = jest.spyOn(console, "error").mockImplementation(() => undefined);
    const exit = jest.fn();
    try {
      await expect(main({ PORT: "nope" }, exit)).resolves.toBeUndefined();
      expect(exit).toHaveBeenCalledWith(2);
      expect(error).toHaveBeenCalledWith('PORT must be a TCP port (1-65535), got "nope"');
    } finally {
      error.mockRestore();
    }
  });
});

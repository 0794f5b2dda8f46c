/**
 * The thin HTTP layer: node:http around App, the PORT variable and a graceful SIGTERM.
 */
import { createServer, IncomingMessage, Server, ServerResponse } from "node:http";
import { AddressInfo } from "node:net";
import { App, MAX_BODY_BYTES } from "./app";

export const DEFAULT_PORT = 8080;

/** PORT, 8080 when unset; anything but a TCP port is a startup error. */
export function portFromEnv(env: NodeJS.ProcessEnv): number {
  const raw = (env.PORT ?? "").trim() || String(DEFAULT_PORT);
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port < 1 || port > 65535) {
    throw new Error(`PORT must be a TCP port (1-65535), got ${JSON.stringify(raw)}`);
  }
  return port;
}

/** Reads the body, up to one byte over the limit (enough for the app to answer 413). */
function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      if (size <= MAX_BODY_BYTES) {
        chunks.push(chunk);
        size += chunk.length;
      }
    });
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", reject);
  });
}

export function createAppServer(app: App): Server {
  return createServer((request: IncomingMessage, response: ServerResponse) => {
    readBody(request)
      .then((body) => {
        const answer = app.handle(request.method ?? "GET", request.url ?? "/", body);
        response.writeHead(answer.status, {
          "Content-Type": answer.contentType,
          "Content-Length": Buffer.byteLength(answer.body),
          ...answer.headers,
        });
        response.end(answer.body);
      })
      .catch(() => response.destroy());
  });
}

/** Listens on the port (0: any free one) and resolves with the server and the port it got. */
export function listen(app: App, port: number, host = "0.0.0.0"): Promise<{ server: Server; port: number }> {
  const server = createAppServer(app);
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve({ server, port: (server.address() as AddressInfo).port }));
  });
}

/** The SIGTERM handler: readiness goes to 503, then the server stops after the requests in flight. */
export function onSigterm(app: App, server: Server, log: (message: string) => void = console.log): () => void {
  return () => {
    app.drain();
    log("SIGTERM: draining");
    server.close(() => log("storefront stopped"));
    server.closeIdleConnections();
  };
}

/** Starts the service from the environment; a bad PORT logs one line and exits 2. */
export async function main(
  env: NodeJS.ProcessEnv,
  exit: (code: number) => void = (code) => process.exit(code),
): Promise<Server | undefined> {
  let port: number;
  try {
    port = portFromEnv(env);
  } catch (error) {
    console.error((error as Error).message);
    exit(2);
    return undefined;
  }
  const app = new App();
  const { server } = await listen(app, port);
  process.once("SIGTERM", onSigterm(app, server));
  console.log(`storefront listening on :${port}`);
  return server;
}

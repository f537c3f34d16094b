import type { Server } from 'node:http';
import { type HttpBindings, serve } from '@hono/node-server';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { timeout } from 'hono/timeout';
import type { HttpRoute } from '../channels/httpRoute';
import { ConfigError } from '../runtime/errors';
import type { Logger } from '../runtime/logger';

/**
 * Far above anything a platform posts (a Telegram update is a few kilobytes, Slack's events and
 * interactions too), and small enough that many connections at once cannot use up the memory.
 */
export const MAX_BODY_BYTES = 1024 * 1024;

/** A webhook is answered once its turn is stored, in milliseconds; longer means something is stuck. */
export const HANDLER_TIMEOUT_MS = 10_000;

/** `/readyz`'s answer: `ready` decides 200 or 503, the rest is shown as it is. */
export interface Readiness {
  ready: boolean;
  [figure: string]: unknown;
}

export interface HttpServerOptions {
  /** The platforms' webhooks (`ChannelAdapter.routes`). */
  routes: HttpRoute[];
  readiness: () => Readiness;
  /** `/metrics` in Prometheus's text format, when metrics are on. */
  metrics?: () => string;
  logger: Logger;
  maxBodyBytes?: number;
  timeoutMs?: number;
  /** The coordinator desk's routes, served under `/desk` from the start. */
  desk?: Hono;
}

export interface HttpServer {
  /** The routes as a fetch handler, for tests that need no socket. */
  readonly app: Hono<{ Bindings: HttpBindings }>;
  /** Lets the webhooks through once every adapter has started; until then they get 503 and the platform tries again. */
  open(): void;
  /** Listens on `port` (0: any free port) and `host`; resolves with the port. */
  listen(port: number, host: string): Promise<number>;
  /** Stops taking requests and waits up to `graceMs` for those under way. */
  close(graceMs?: number): Promise<void>;
}

/**
 * The one HTTP server: every webhook, `/healthz`, `/readyz` and the coordinator desk. The
 * body limit, the timeouts and the answers to malformed requests live here, once: a body over the
 * limit 413, an unknown path 404, a handler that takes too long 503, anything unexpected 500 with one
 * log line and no details in the answer.
 */
export function createHttpServer(options: HttpServerOptions): HttpServer {
  const { logger } = options;
  const maxSize = options.maxBodyBytes ?? MAX_BODY_BYTES;
  let opened = false;
  const app = new Hono<{ Bindings: HttpBindings }>();
  app.get('/healthz', (c) => c.json({ alive: true }));
  // Browsers ask every site for an icon; the desk has none, and a 404 shows as an error in their console.
  app.get('/favicon.ico', (c) => c.body(null, 204));
  app.get('/readyz', (c) => {
    const readiness = options.readiness();
    return c.json(readiness, readiness.ready ? 200 : 503);
  });
  if (options.metrics) {
    const metrics = options.metrics;
    app.get('/metrics', (c) => c.text(metrics(), 200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' }));
  }
  const limitBody = bodyLimit({ maxSize, onError: (c) => c.body(null, 413, { connection: 'close' }) });
  const limitTime = timeout(options.timeoutMs ?? HANDLER_TIMEOUT_MS, () => new HTTPException(503, { message: 'took too long' }));
  for (const route of options.routes) {
    if (route.method === 'GET') {
      app.get(route.path, limitTime, async (c, next) => {
        if (!opened) return c.body(null, 503, { 'retry-after': '5' });
        return route.handle(c, next);
      });
      continue;
    }
    app.post(route.path, limitBody, limitTime, async (c, next) => {
      if (!opened) return c.body(null, 503, { 'retry-after': '5' });
      return route.handle(c, next);
    });
  }
  if (options.desk) {
    // The desk keeps the same body limit itself, to answer a file too large with a page rather than a bare 413.
    app.use('/desk/*', limitTime);
    app.route('/desk', options.desk);
  }
  app.notFound((c) => c.body(null, 404));
  app.onError((err, c) => {
    if (err instanceof HTTPException) return c.body(null, err.status, { connection: 'close' });
    logger.error('http request failed', { path: c.req.path, err });
    return c.body(null, 500, { connection: 'close' });
  });

  let server: Server | undefined;
  return {
    app,
    open: () => {
      opened = true;
    },
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        const listening = serve({
          fetch: app.fetch,
          port,
          hostname: host,
          // A client that sends its headers or its body too slowly is cut off.
          serverOptions: { headersTimeout: 10_000, requestTimeout: 30_000 },
        }) as Server;
        listening.once('error', (err) => reject(new ConfigError([`PORT: cannot listen on ${host}:${port}: ${err.message}`])));
        listening.once('listening', () => {
          server = listening;
          const address = listening.address();
          resolve(address && typeof address === 'object' ? address.port : port);
        });
      }),
    close: async (graceMs = 5_000) => {
      const listening = server;
      if (!listening) return;
      server = undefined;
      const closed = new Promise<void>((resolve) => listening.close(() => resolve()));
      listening.closeIdleConnections();
      const timer = setTimeout(() => listening.closeAllConnections(), graceMs);
      await closed;
      clearTimeout(timer);
    },
  };
}

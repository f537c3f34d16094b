import type { HttpBindings } from '@hono/node-server';
import type { Handler } from 'hono';

/**
 * A request an adapter answers on Kompis's one HTTP server (src/http/): a platform's webhook. The
 * server has already refused a body over its size limit and gives up a request that takes too long;
 * a `GET` route answers a platform's check of the address (WhatsApp's verification challenge);
 * the handler checks what the platform sent and answers 4xx to anything malformed. `c.env` holds
 * Node's request and response, for a platform library that speaks only those.
 */
export interface HttpRoute {
  method: 'POST' | 'GET';
  path: string;
  handle: Handler<{ Bindings: HttpBindings }>;
}

import { parse as parseQuery } from 'node:querystring';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import type { HTTPReceiver } from '@slack/bolt';
import { z } from 'zod';
import type { HttpRoute } from '../../src/channels/httpRoute';
import type { Logger } from '../../src/runtime/logger';

/** Where Slack posts events, interactions and `/kompis` (the manifest's `request_url`s). */
export const SLACK_EVENTS_PATH = '/slack/events';

const FORM = 'application/x-www-form-urlencoded';
const anObject = z.looseObject({});

/**
 * Slack's events endpoint on the one HTTP server, answered by bolt's HTTP receiver, which checks the
 * signature and the timestamp and acknowledges. The body is read first (the server has refused one
 * over its limit) and a body that is not a JSON object (or a form of one) gets 400: bolt reads fields
 * of the body it parsed outside any error handler, so a signed `null` would end the process. What
 * passes goes on to bolt with its body already read, on Node's own request and response.
 */
export function slackEventsRoute(receiver: HTTPReceiver, logger: Logger): HttpRoute {
  return {
    method: 'POST',
    path: SLACK_EVENTS_PATH,
    handle: async (c) => {
      const body = Buffer.from(await c.req.arrayBuffer());
      if (!isObjectBody(body.toString('utf8'), c.req.header('content-type'))) {
        logger.warn('slack: a request that is not an event or an interaction');
        return c.body(null, 400, { connection: 'close' });
      }
      // bolt takes a body that was read already from `rawBody`, and answers on the response itself.
      receiver.requestListener(Object.assign(c.env.incoming, { rawBody: body }), c.env.outgoing);
      return RESPONSE_ALREADY_SENT;
    },
  };
}

/** Parsed as bolt parses it: a form (with the JSON in `payload`, if any), otherwise JSON. */
function isObjectBody(text: string, contentType: string | undefined): boolean {
  try {
    if (contentType === FORM) {
      const { payload } = parseQuery(text);
      return typeof payload === 'string' ? anObject.safeParse(JSON.parse(payload)).success : true;
    }
    return anObject.safeParse(JSON.parse(text)).success;
  } catch {
    return false;
  }
}

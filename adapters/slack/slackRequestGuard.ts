import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import type { HTTPReceiver } from '@slack/bolt';
import { z } from 'zod';
import { declaredTooLarge, readBody } from '../../src/channels/readBody';
import type { Logger } from '../../src/runtime/logger';

/** Slack's events and interactions are a few kilobytes; far more is no request from Slack. */
export const SLACK_MAX_BODY_BYTES = 1024 * 1024;

const FORM = 'application/x-www-form-urlencoded';
const anObject = z.looseObject({});

/**
 * Reads a request to bolt's events endpoint before bolt does, and answers 413 past `maxBytes` and
 * 400 for a body that is not a JSON object (or a form of one): bolt reads fields of the body it parsed
 * outside any error handler, so a signed `null` would end the process. What passes goes on to bolt
 * with its body already read, where the signature is checked as before.
 */
export function guardSlackRequests(receiver: HTTPReceiver, options: { endpoint: string; logger: Logger; maxBytes?: number }): void {
  const maxBytes = options.maxBytes ?? SLACK_MAX_BODY_BYTES;
  const bolt = receiver.requestListener;
  receiver.requestListener = (req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    // Anything else keeps bolt's own handling, errors included.
    if (req.method !== 'POST' || path !== options.endpoint) return bolt(req, res);
    void checked(req, res).catch((err: unknown) => {
      options.logger.error('slack request failed', { err });
      reply(res, 500);
    });
  };

  async function checked(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (declaredTooLarge(req, maxBytes)) return reply(res, 413);
    const body = await readBody(req, maxBytes);
    if (body === 'too large') return reply(res, 413);
    if (body === 'cut off' || !isObjectBody(body.toString('utf8'), req.headers['content-type'])) {
      options.logger.warn('slack: a request that is not an event or an interaction');
      return reply(res, 400);
    }
    // bolt takes a body that was read already from `rawBody`.
    bolt(Object.assign(req, { rawBody: body }), res);
  }
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

function reply(res: ServerResponse, status: number): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { connection: 'close' }).end();
}

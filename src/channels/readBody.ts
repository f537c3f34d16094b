import type { IncomingMessage } from 'node:http';

/**
 * A request's body, read up to `maxBytes`: past that it is not read on (the caller answers 413 and
 * closes the connection), and a client that goes away mid-upload gives `cut off`. Never rejects.
 */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer | 'too large' | 'cut off'> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) return void chunks.push(chunk);
      req.off('data', onData);
      resolve('too large');
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks)));
    // A client that goes away mid-upload: 'error' (aborted) and 'close' come without 'end'.
    req.once('error', () => resolve('cut off'));
    req.once('close', () => resolve('cut off'));
  });
}

/** Whether a declared Content-Length is already more than `maxBytes`. */
export function declaredTooLarge(req: IncomingMessage, maxBytes: number): boolean {
  return Number(req.headers['content-length'] ?? 0) > maxBytes;
}

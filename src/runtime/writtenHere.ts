import { createHash } from 'node:crypto';

/**
 * Digests of JSON this process wrote to the database. JSON read back that has one of them is exactly
 * what this process made from a typed value, so it needs no check against its schema again; anything
 * else (written by another process or version, or by hand) is checked as it comes off disk. Only
 * digests are kept, nothing a person wrote; beyond `max` the oldest are forgotten.
 */
export class WrittenHere {
  private readonly digests = new Set<string>();

  constructor(private readonly max: number) {}

  /** Remembers `json` as written by this process. */
  add(json: string): void {
    const digest = digestOf(json);
    if (this.digests.has(digest)) return;
    if (this.digests.size >= this.max) {
      const oldest = this.digests.values().next();
      if (!oldest.done) this.digests.delete(oldest.value);
    }
    this.digests.add(digest);
  }

  has(json: string): boolean {
    return this.digests.has(digestOf(json));
  }
}

function digestOf(json: string): string {
  return createHash('sha1').update(json).digest('base64');
}

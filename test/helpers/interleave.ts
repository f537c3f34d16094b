import type { Random } from '../../src/simulation/random';

/** Everybody's items in one seeded random order that keeps each stream's own order. */
export function interleave<T>(streams: T[][], random: Random): T[] {
  const next = streams.map(() => 0);
  const order: T[] = [];
  for (;;) {
    const open = streams.flatMap((s, i) => ((next[i] ?? 0) < s.length ? [i] : []));
    if (open.length === 0) return order;
    const i = open[random.int(0, open.length - 1)] ?? 0;
    const item = streams[i]?.[next[i] ?? 0];
    if (item !== undefined) order.push(item);
    next[i] = (next[i] ?? 0) + 1;
  }
}

import type { Store } from '../../db/client';
import type { ChannelAdapter } from '../channels/channel';
import type { Clock } from '../runtime/clock';
import { readiness } from './readiness';

/** Upper bounds of the turn-latency histogram, in seconds. */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

/** Turns handled and how long each took to be stored, per channel, since the start. */
export class TurnMetrics {
  private readonly byChannel = new Map<string, { count: number; sum: number; buckets: number[] }>();

  record(channel: string, seconds: number): void {
    const entry = this.byChannel.get(channel) ?? { count: 0, sum: 0, buckets: BUCKETS.map(() => 0) };
    entry.count += 1;
    entry.sum += seconds;
    BUCKETS.forEach((bound, i) => {
      if (seconds <= bound) entry.buckets[i] = (entry.buckets[i] ?? 0) + 1;
    });
    this.byChannel.set(channel, entry);
  }

  lines(): string[] {
    const lines = ['# HELP kompis_turn_seconds How long a turn took to be stored.', '# TYPE kompis_turn_seconds histogram'];
    for (const [channel, { count, sum, buckets }] of this.byChannel) {
      BUCKETS.forEach((bound, i) => lines.push(`kompis_turn_seconds_bucket{channel="${channel}",le="${bound}"} ${buckets[i] ?? 0}`));
      lines.push(`kompis_turn_seconds_bucket{channel="${channel}",le="+Inf"} ${count}`);
      lines.push(`kompis_turn_seconds_sum{channel="${channel}"} ${sum}`, `kompis_turn_seconds_count{channel="${channel}"} ${count}`);
    }
    return lines;
  }
}

/**
 * `/metrics` (with `METRICS=1`) in Prometheus's text format: `/readyz`'s figures and the turns. Channel
 * names are Kompis's own; nothing a person wrote is in it.
 */
export function metricsText(deps: { store: Store; adapters: ChannelAdapter[]; clock: Clock; started: () => boolean; turns: TurnMetrics }): string {
  const ready = readiness(deps);
  const outbox = typeof ready.outbox === 'object' && ready.outbox !== null ? (ready.outbox as Record<string, number | null>) : {};
  const gauge = (name: string, help: string, value: number) => [`# HELP ${name} ${help}`, `# TYPE ${name} gauge`, `${name} ${value}`];
  const channels = typeof ready.channels === 'object' && ready.channels !== null ? Object.entries(ready.channels as Record<string, string>) : [];
  return [
    ...gauge('kompis_ready', '1 when /readyz answers 200.', ready.ready ? 1 : 0),
    ...gauge('kompis_database_writable', '1 when the database takes writes.', ready.database === 'writable' ? 1 : 0),
    ...gauge('kompis_outbox_pending', 'Messages waiting to be sent.', outbox.pending ?? 0),
    ...gauge('kompis_outbox_oldest_due_seconds', 'How long the oldest due message has waited.', outbox.oldestDueSeconds ?? 0),
    ...gauge('kompis_outbox_given_up_last_day', 'Messages given up in the last 24 hours.', outbox.givenUpLastDay ?? 0),
    ...(typeof ready.templates === 'object' && ready.templates !== null
      ? gauge(
          'kompis_whatsapp_templates_last_day',
          'WhatsApp templates (charged by Meta) sent in the last 24 hours.',
          (ready.templates as { sentLastDay?: number }).sentLastDay ?? 0,
        )
      : []),
    '# HELP kompis_channel_connected 1 when the channel is connected.',
    '# TYPE kompis_channel_connected gauge',
    ...channels.map(([channel, state]) => `kompis_channel_connected{channel="${channel}",state="${state}"} ${state === 'connected' ? 1 : 0}`),
    ...deps.turns.lines(),
    '',
  ].join('\n');
}

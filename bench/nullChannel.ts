import type { ChannelAdapter, ChannelName, SendResult } from '../src/channels/channel';

/** A channel that takes every message at once, so a measurement is Kompis's own work. */
export class NullChannel implements ChannelAdapter {
  readonly capabilities = { maxButtons: 10, maxButtonLabel: 64, maxText: 4096, canInitiate: true };
  sent = 0;
  constructor(readonly channel: ChannelName) {}
  async start(): Promise<void> {}
  async send(): Promise<SendResult> {
    this.sent++;
    return { ok: true };
  }
  async stop(): Promise<void> {}
}

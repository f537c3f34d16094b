import { setImmediate as setImmediatePromise } from 'node:timers/promises';
import { openStore, type Store } from '../../db/client';
import { programmes } from '../../db/schema';
import type { Clock } from '../runtime/clock';
import { Engine } from '../conversation/engine';
import { TurnNotStored } from '../runtime/errors';
import { createTranslator, LOCALES_DIR, requireLocales, type Translator } from '../text/i18n';
import type { Logger } from '../runtime/logger';
import type { ChannelAdapter, ChannelEvents, Inbound } from '../channels/channel';
import { DEFAULT_MAX_ATTEMPTS, Outbox } from '../delivery/outbox';
import { recordDeliveryStatus } from '../delivery/recordDeliveryStatus';
import type { Programme } from '../settings/programme';
import { Scheduler } from '../jobs/scheduler';
import { afterErasure, emptyWal, type ErasedAddress } from '../privacy/afterErasure';
import { forgetDelivered } from '../privacy/forgetDelivered';
import { createHttpServer, type HttpServer } from '../http/httpServer';
import { readiness } from '../http/readiness';
import { metricsText, TurnMetrics } from '../http/metrics';
import { deskRoutes } from '../desk/deskRoutes';

export interface AppOptions {
  databasePath: string;
  programme: Programme;
  adapters: ChannelAdapter[];
  clock: Clock;
  logger: Logger;
  outboxMaxAttempts?: number;
  /** How long a message being sent is left to this process before it is tried again (see `Outbox`). */
  outboxLeaseMs?: number;
  translator?: Translator;
  /**
   * The one HTTP server (webhooks, `/healthz`, `/readyz`), listening from the start, before the
   * adapters start; absent, nothing listens (the console).
   */
  http?: { port: number; host: string; metrics?: boolean };
  /** The desk's address as people reach it (`DESK_URL`); without it, `http://HOST:PORT`. */
  deskUrl?: string;
}

export interface App {
  store: Store;
  engine: Engine;
  outbox: Outbox;
  scheduler: Scheduler;
  /** The HTTP server, when `http` was given. */
  http: HttpServer | undefined;
  /** The port the HTTP server listens on once started (useful with port 0). */
  httpPort(): number | undefined;
  /** What the console and local channels call for every event: run the turn, then send its replies. */
  onInbound(msg: Inbound): Promise<void>;
  /** Starts every adapter, the outbox timer and the scheduler (which first catches up). */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Wires the store, engine, outbox and adapters together; the same wiring in production and tests. */
export function createApp(options: AppOptions): App {
  const translator = options.translator ?? createTranslator(LOCALES_DIR, options.programme.localeOverrides);
  requireLocales(translator, options.programme.languages);
  const store = openStore(options.databasePath);
  saveProgramme(store, options.programme, options.clock.now());
  const { clock, logger, programme, adapters } = options;
  // Once an erasure is committed: the write-ahead log emptied, and the adapters' files removed.
  const erased = (addresses: ErasedAddress[]) => afterErasure({ store, adapters, logger }, addresses);
  let port: number | undefined;
  const deskUrl = () => (options.http && port !== undefined ? (options.deskUrl ?? `http://${reachableHost(options.http.host)}:${port}`) : undefined);
  const engine = new Engine({ store, programme, translator, clock, logger, afterErasure: erased, deskUrl });
  const outbox = new Outbox({
    store,
    translator,
    clock,
    logger,
    adapters,
    maxAttempts: options.outboxMaxAttempts,
    leaseMs: options.outboxLeaseMs,
    afterDelivery: (erased) => {
      if (forgetDelivered(store.db, erased)) emptyWal(store, logger);
    },
  });
  const scheduler = new Scheduler({ store, programme, clock, logger, afterRun: () => outbox.drain(), afterErasure: erased });
  const turns = new TurnMetrics();
  const handle = async (msg: Inbound) => {
    const since = performance.now();
    const outcome = await engine.handle(msg);
    turns.record(msg.channel, (performance.now() - since) / 1000);
    return outcome;
  };
  const onInbound = async (msg: Inbound) => {
    await handle(msg);
    await outbox.drain();
  };
  // A platform's event is done once its turn is stored: the request is answered at once, and the
  // replies go out as the rate limit allows, without holding up anybody else's event.
  const onStored = async (msg: Inbound) => {
    const outcome = await handle(msg);
    if (outcome === 'unstored') throw new TurnNotStored(msg);
    outbox.drainInBackground();
    // A turn runs synchronously: between the updates of one long-polled batch, the answers to the
    // sends under way are read, or a batch of a hundred would keep them waiting until it is done.
    await setImmediatePromise();
  };
  // What a platform reports about a sent message; a failure recorded throws, so the platform reports it again.
  const events: ChannelEvents = {
    onStatus: (status) => {
      const found = recordDeliveryStatus({ store, clock, maxAttempts: options.outboxMaxAttempts ?? DEFAULT_MAX_ATTEMPTS }, status);
      if (found && status.status === 'failed') outbox.drainInBackground();
    },
  };
  let started = false;
  const http = options.http
    ? createHttpServer({
        routes: adapters.flatMap((adapter) => adapter.routes?.() ?? []),
        readiness: () => readiness({ store, adapters, clock, started: () => started }),
        metrics: options.http.metrics ? () => metricsText({ store, adapters, clock, started: () => started, turns }) : undefined,
        logger,
        desk: deskRoutes({ store, programme, translator, clock, logger, afterAction: () => outbox.drainInBackground() }),
      })
    : undefined;
  return {
    store,
    engine,
    outbox,
    scheduler,
    http,
    httpPort: () => port,
    onInbound,
    async start() {
      if (http && options.http) port = await http.listen(options.http.port, options.http.host);
      // What was left queued goes meanwhile: a broadcast's rest does not keep the channels from listening.
      outbox.drainInBackground();
      for (const adapter of adapters) await adapter.start(adapter.inboundSettles === 'stored' ? onStored : onInbound, events);
      http?.open();
      started = true;
      outbox.start();
      await scheduler.start();
    },
    async stop() {
      // No new webhook first: what the platforms post now is delivered again to the next start.
      await http?.close();
      await scheduler.stop();
      for (const adapter of adapters) await adapter.stop();
      await outbox.stop();
      store.close();
    },
  };
}

/** Keeps the programmes table in step with the settings file the process was started with. */
export function saveProgramme(store: Store, programme: Programme, now: Date): void {
  const row = { name: programme.name, settings: JSON.stringify(programme), updatedAt: now.toISOString() };
  store.db
    .insert(programmes)
    .values({ id: programme.id, ...row })
    .onConflictDoUpdate({ target: programmes.id, set: row })
    .run();
}

/** An address to listen on everywhere is not one to open: the desk link names this machine instead. */
function reachableHost(host: string): string {
  return host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
}

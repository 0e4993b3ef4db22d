import { headers as natsHeaders, nanos } from '@nats-io/transport-node';
import { RetentionPolicy, StorageType, type JetStreamManager } from '@nats-io/jetstream';
import { asyncScheduler, Observable, type OperatorFunction, type Subscription } from 'rxjs';
import { ConnectionError } from '../errors/ConnectionError.js';
import type { WatchedEvent } from '../resync/WatchedEvent.js';
import { backoffDelay } from '../stream/backoffDelay.js';
import { markerHeaders, messageIdOf, payloadOf } from './eventMessage.js';
import {
  closeLink,
  describeFailure,
  openLink,
  reportedServers,
  resolveTarget,
  TARGET_SHAPE,
  type NatsLink,
  type TargetConfig,
} from './natsLink.js';
import type { PublishCounters, PublishOptions, PublishReceipt } from './PublishOptions.js';
import { eventSubject } from './subjects.js';

/** The duplicate window of a stream created here, in ms, unless `duplicateWindow` says otherwise. */
export const DEFAULT_DUPLICATE_WINDOW = 120_000;

/** JetStream's API error code for a stream that does not exist. */
const STREAM_NOT_FOUND = 10059;

interface Entry<E extends WatchedEvent> {
  readonly event: E;
  readonly index: number;
  receipt?: PublishReceipt<E>;
}

/** Whether `error` is JetStream's "stream not found". @internal */
export function isStreamNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === STREAM_NOT_FOUND;
}

/**
 * Makes sure the stream exists, catching every subject under the prefix; resolves `true`
 * when it was created now. Two relays creating it at once with the same settings is fine:
 * JetStream takes an identical creation as a success.
 */
async function ensureStream(jsm: JetStreamManager, config: TargetConfig, duplicateWindow: number): Promise<boolean> {
  try {
    await jsm.streams.info(config.stream);
    return false;
  } catch (error) {
    if (!isStreamNotFound(error)) throw error;
  }
  await jsm.streams.add({
    name: config.stream,
    subjects: [`${config.subjectPrefix}.>`],
    duplicate_window: nanos(duplicateWindow),
    storage: StorageType.File,
    retention: RetentionPolicy.Limits,
  });
  return true;
}

/**
 * Publishes every event to NATS JetStream, and emits one {@link PublishReceipt} per event, in
 * the order the events came: the relay of a scale-out (see docs/scale-out.md). Put it after
 * `watchResources(…).events`, so that what a consumer reads is never wrong after a gap.
 *
 * - Subjects are `<subjectPrefix>.<namespace or _>.<type>.<action>`, each token encoded so
 *   that no character a server sends (`.`, `*`, `>`, spaces) can move an event to another
 *   subject; consumers filter on them server-side.
 * - A live event's message id is its `uuid`: two relays on one account publish the same
 *   events, and each is stored once (within the stream's duplicate window). A synthetic
 *   event's id is a hash of its content and of `listedAt`, the date of the REST page it came
 *   from (upstream's clock), which travels with it (headers), so that consumers order it against live events
 *   by the watch's per-resource time rule: a synthetic event never undoes a newer live one
 *   (see `consumeEvents`).
 * - The stream (`DOCKERCLOUD` by default) is created when missing, with the subjects
 *   `<subjectPrefix>.>` and a duplicate window of `duplicateWindow` ms (2 minutes).
 * - At most `maxInFlight` publishes await their acknowledgement; later events wait in order.
 *   After any failure (NATS down, restarting, the stream gone) publishing stops, what was in
 *   flight settles, and the failed events are published again, in order, after the library's
 *   backoff; an event is never skipped. Events stored before a failure and retried are
 *   recognised by their id (`duplicate: true`).
 * - It completes once the source has completed and every event is acknowledged, and closes a
 *   connection it made (never the caller's).
 *
 * @example
 * ```ts
 * watchResources({ kinds: ['service', 'container'] }).events
 *   .pipe(publishEvents({ servers: 'nats://127.0.0.1:4222', status: (s) => console.error(s.kind) }))
 *   .subscribe((receipt) => console.log(receipt.seq, receipt.duplicate));
 * ```
 * @see {@link consumeEvents}
 */
export function publishEvents<E extends WatchedEvent>(options: PublishOptions): OperatorFunction<E, PublishReceipt<E>> {
  const config = resolveTarget(options, {
    ...TARGET_SHAPE,
    duplicateWindow: 1000,
    maxInFlight: 1,
    timeout: 1,
    status: 'function',
    scheduler: 'object',
  });
  const duplicateWindow = options.duplicateWindow ?? DEFAULT_DUPLICATE_WINDOW;
  const maxInFlight = options.maxInFlight ?? 256;
  const timeout = options.timeout ?? 5000;
  const scheduler = options.scheduler ?? asyncScheduler;
  const report = options.status ?? (() => undefined);

  return (source) =>
    new Observable<PublishReceipt<E>>((subscriber) => {
      // Every event not yet emitted, in order; `waiting` holds those not in flight, in order.
      const entries: Entry<E>[] = [];
      let waiting: Entry<E>[] = [];
      let received = 0;
      let inFlight = 0;
      let published = 0;
      let duplicates = 0;
      let failures = 0;
      let link: NatsLink | undefined;
      // A link is being opened, or the stream checked.
      let opening = false;
      // The stream is checked on this link: false after any failure, which may mean it is gone.
      let ready = false;
      // A publish failed: nothing more is sent until the backoff has run.
      let failed: unknown;
      let attempt = 0;
      let timer: Subscription | undefined;
      let sourceDone = false;
      let sourceError: { error: unknown } | undefined;
      let closed = false;

      const counters = (): PublishCounters => ({ published, duplicates, failures, pending: entries.length });

      const finish = (error?: Error): void => {
        if (closed) return;
        closed = true;
        timer?.unsubscribe();
        const owned = link;
        link = undefined;
        void closeLink(owned);
        report(error === undefined ? { kind: 'closed', counters: counters() } : { kind: 'closed', error, counters: counters() });
        if (error !== undefined) subscriber.error(error);
        else if (sourceError !== undefined) subscriber.error(sourceError.error);
        else subscriber.complete();
      };

      const retryLater = (error: unknown): void => {
        failures += 1;
        if (attempt + 1 >= config.retry.maxAttempts) {
          finish(
            new ConnectionError(`NATS failed ${attempt + 1} times in a row: ${describeFailure(error, config)}`, {
              kind: 'network',
              attempts: attempt + 1,
            }),
          );
          return;
        }
        const delay = backoffDelay(attempt, config.retry.baseDelay, config.retry.maxDelay, config.random);
        attempt += 1;
        report({ kind: 'retrying', attempt, delay, reason: describeFailure(error, config), counters: counters() });
        timer = scheduler.schedule(() => {
          timer = undefined;
          failed = undefined;
          pump();
        }, delay);
      };

      const prepare = (): void => {
        opening = true;
        report({ kind: 'connecting', attempt, servers: reportedServers(config), counters: counters() });
        const open = link !== undefined && !link.connection.isClosed() ? Promise.resolve(link) : openLink(config, 'dockercloud-rx relay');
        open
          .then(async (opened) => {
            if (closed) {
              if (opened !== link) await closeLink(opened);
              return;
            }
            link = opened;
            const created = await ensureStream(opened.jsm, config, duplicateWindow);
            if (closed) return;
            opening = false;
            ready = true;
            report({ kind: 'connected', stream: config.stream, created, servers: reportedServers(config), counters: counters() });
            pump();
          })
          .catch((error: unknown) => {
            opening = false;
            if (!closed) retryLater(error);
          });
      };

      const send = (entry: Entry<E>, active: NatsLink): void => {
        inFlight += 1;
        const payload = payloadOf(entry.event);
        const h = natsHeaders();
        for (const [name, value] of markerHeaders(entry.event)) h.set(name, value);
        active.js
          .publish(eventSubject(config.subjectPrefix, entry.event), payload, {
            msgID: messageIdOf(entry.event, payload),
            headers: h,
            timeout,
          })
          .then(
            (ack) => {
              inFlight -= 1;
              if (ack.duplicate) duplicates += 1;
              else published += 1;
              // One acknowledged publish is a healthy link: the backoff starts over.
              attempt = 0;
              entry.receipt = { event: entry.event, seq: ack.seq, duplicate: ack.duplicate };
              pump();
            },
            (error: unknown) => {
              inFlight -= 1;
              // Back in line, in order: the retry publishes it again under the same id.
              failed ??= error;
              ready = false;
              waiting.push(entry);
              pump();
            },
          );
      };

      function pump(): void {
        if (closed) return;
        // Receipts go out in the order of the events, whatever the order of the acknowledgements.
        while (entries.length > 0 && entries[0]!.receipt !== undefined) {
          subscriber.next(entries.shift()!.receipt!);
          if (closed) return;
        }
        if (entries.length === 0 && sourceDone) return finish();
        if (failed !== undefined) {
          // Wait for what is in flight to settle, then back off once for all of it.
          // (`failed` stays set until the backoff has run: nothing is sent meanwhile.)
          if (inFlight === 0 && timer === undefined) {
            waiting.sort((a, b) => a.index - b.index);
            retryLater(failed);
          }
          return;
        }
        if (timer !== undefined || opening) return;
        if (link === undefined || link.connection.isClosed() || !ready) {
          if (waiting.length > 0 || link === undefined) prepare();
          return;
        }
        const active = link;
        let sent = 0;
        while (inFlight < maxInFlight && sent < waiting.length) send(waiting[sent++]!, active);
        waiting = sent === 0 ? waiting : waiting.slice(sent);
      }

      const subscription = source.subscribe({
        next: (event) => {
          const entry: Entry<E> = { event, index: received++ };
          entries.push(entry);
          waiting.push(entry);
          pump();
        },
        error: (error: unknown) => {
          sourceDone = true;
          sourceError = { error };
          pump();
        },
        complete: () => {
          sourceDone = true;
          pump();
        },
      });
      pump();

      return () => {
        subscription.unsubscribe();
        if (closed) return;
        closed = true;
        timer?.unsubscribe();
        const owned = link;
        link = undefined;
        void closeLink(owned);
        report({ kind: 'closed', counters: counters() });
      };
    });
}

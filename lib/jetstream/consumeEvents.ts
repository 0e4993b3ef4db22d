import { nanos } from '@nats-io/transport-node';
import { AckPolicy, DeliverPolicy, type ConsumerConfig, type JsMsg } from '@nats-io/jetstream';
import { asyncScheduler, Observable, type Subscription } from 'rxjs';
import { ConnectionError } from '../errors/ConnectionError.js';
import { isResourceEvent } from '../model/CloudEvent.js';
import { decodeEvent } from '../model/decodeEvent.js';
import { RESOURCE_TYPES } from '../model/vocabulary.js';
import type { WatchedEvent } from '../resync/WatchedEvent.js';
import { backoffDelay } from '../stream/backoffDelay.js';
import type { ConsumeCounters, ConsumeOptions } from './ConsumeOptions.js';
import { withMarkers } from './eventMessage.js';
import { closeLink, describeFailure, openLink, reportedServers, resolveTarget, TARGET_SHAPE, type NatsLink } from './natsLink.js';
import { isStreamNotFound } from './publishEvents.js';
import { ResourceClocks } from './ResourceClocks.js';
import { filterSubject } from './subjects.js';

/** A consumer name NATS accepts. */
const CONSUMER_NAME = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The events relayed into NATS JetStream by `publishEvents`, as a cold Observable of the
 * library's events: every operator of the library composes on it unchanged, a synthetic
 * event is still `isSynthetic`, a delete still `finalStateUnknown`. Each subscription reads
 * through its own consumer: the `durable` one named so (a later subscription resumes right
 * after the last event delivered), or an ephemeral one.
 *
 * - Each message is decoded by the library's own decoder, as a websocket frame is: one that
 *   does not decode is reported (`rejected`) and terminated, never delivered.
 * - A message is acknowledged after the subscriber's `next` returns (at-least-once), the one
 *   in hand included when the subscriber unsubscribes inside `next` (`take(50)`). Messages
 *   fetched ahead and not delivered are handed back (`nak`), never acknowledged.
 * - Events merged from several relays are ordered by the watch's per-resource time rule: an
 *   event older than what was delivered of its resource is dropped (`dropped`), a synthetic
 *   event counting as old as the REST page it came from (`listedAt`, the page's `Date`: the
 *   upstream's clock, as `datetime` is), with ties going to the live event. So a relay's late listing never undoes a newer live event.
 * - A stream that does not exist yet is waited for (`waiting-for-stream`, with the library's
 *   backoff), not an error; so is NATS when it is down.
 * - `closed` is reported once the acknowledgements are flushed and a connection made here is
 *   closed, at most `expires` ms after unsubscribing (the fetch in flight is drained first).
 *
 * @example
 * ```ts
 * consumeEvents({ servers: 'nats://127.0.0.1:4222', durable: 'dashboard', filter: { type: 'service' } })
 *   .pipe(resourceView())
 *   .subscribe((view) => console.log(`${view.size} services`));
 * ```
 * @see {@link publishEvents}
 */
export function consumeEvents(options: ConsumeOptions): Observable<WatchedEvent> {
  const config = resolveTarget(options, {
    ...TARGET_SHAPE,
    durable: CONSUMER_NAME,
    filter: {
      type: [...RESOURCE_TYPES],
      namespace: (value, path, fail) => (value === null || typeof value === 'string' ? undefined : fail(path, 'expected a string or null')),
    },
    deliver: ['all', 'new'],
    batch: 1,
    expires: 100,
    ackWait: 1000,
    status: 'function',
    scheduler: 'object',
  });
  const batch = options.batch ?? 16;
  const expires = options.expires ?? 1000;
  const ackWait = options.ackWait ?? 30_000;
  const scheduler = options.scheduler ?? asyncScheduler;
  const report = options.status ?? (() => undefined);
  const filter = options.filter;
  const subject =
    filter === undefined || (filter.type === undefined && filter.namespace === undefined)
      ? undefined
      : filterSubject(config.subjectPrefix, filter);

  return new Observable<WatchedEvent>((subscriber) => {
    let closed = false;
    let delivered = 0;
    let rejected = 0;
    let stale = 0;
    let attempt = 0;
    let link: NatsLink | undefined;
    let timer: Subscription | undefined;
    let wake: (() => void) | undefined;
    const clocks = new ResourceClocks();
    const counters = (): ConsumeCounters => ({ delivered, rejected, stale });

    // A backoff delay on the scheduler, cut short by unsubscribing.
    const sleep = (delay: number): Promise<void> =>
      new Promise((resolve) => {
        wake = resolve;
        timer = scheduler.schedule(() => {
          timer = undefined;
          wake = undefined;
          resolve();
        }, delay);
      });

    const nextDelay = (): number => backoffDelay(attempt++, config.retry.baseDelay, config.retry.maxDelay, config.random);

    const deliver = (msg: JsMsg): void => {
      const decoded = decodeEvent(msg.string());
      if (decoded._tag === 'Left' || !isResourceEvent(decoded.right)) {
        rejected += 1;
        const reason =
          decoded._tag === 'Left'
            ? decoded.left.message
            : `not a resource event (type ${JSON.stringify(String(decoded.right.type)).slice(0, 40)})`;
        report({ kind: 'rejected', seq: msg.seq, reason, counters: counters() });
        msg.term();
        return;
      }
      const event = withMarkers(decoded.right, (name) => msg.headers?.get(name) || undefined);
      if (!clocks.admit(event)) {
        stale += 1;
        report({ kind: 'dropped', reason: 'stale', event, counters: counters() });
        msg.ack();
        return;
      }
      delivered += 1;
      subscriber.next(event);
      // After `next` returns, even when it unsubscribed: this event was delivered.
      msg.ack();
    };

    const consumerConfig = (): Partial<ConsumerConfig> => {
      const settings: Partial<ConsumerConfig> = {
        ack_policy: AckPolicy.Explicit,
        deliver_policy: options.deliver === 'new' ? DeliverPolicy.New : DeliverPolicy.All,
        ack_wait: nanos(ackWait),
      };
      if (subject !== undefined) settings.filter_subject = subject;
      if (options.durable !== undefined) settings.durable_name = options.durable;
      else settings.inactive_threshold = nanos(Math.max(30_000, expires * 10));
      return settings;
    };

    let ephemeral: string | undefined;

    const run = async (): Promise<Error | undefined> => {
      while (!closed) {
        try {
          if (link === undefined || link.connection.isClosed()) {
            report({ kind: 'connecting', attempt, servers: reportedServers(config), counters: counters() });
            const opened = await openLink(config, 'dockercloud-rx consumer');
            if (closed) {
              await closeLink(opened);
              break;
            }
            link = opened;
          }
          try {
            await link.jsm.streams.info(config.stream);
          } catch (error) {
            if (!isStreamNotFound(error)) throw error;
            const delay = nextDelay();
            report({ kind: 'waiting-for-stream', stream: config.stream, attempt, delay, counters: counters() });
            await sleep(delay);
            continue;
          }
          let name = options.durable ?? ephemeral;
          if (name === undefined || options.durable !== undefined) {
            try {
              name = (await link.jsm.consumers.add(config.stream, consumerConfig())).name;
            } catch (error) {
              // A durable that exists with other settings is used as it is.
              if (options.durable === undefined) throw error;
              name = (await link.jsm.consumers.info(config.stream, options.durable)).name;
            }
            if (options.durable === undefined) ephemeral = name;
          }
          const consumer = await link.js.consumers.get(config.stream, name);
          report({ kind: 'consuming', stream: config.stream, consumer: name, counters: counters() });
          while (!closed) {
            const messages = await consumer.fetch({ max_messages: batch, expires });
            for await (const msg of messages) {
              // Fetched ahead and not delivered: handed back for whoever reads next.
              if (closed) msg.nak();
              else deliver(msg);
            }
            attempt = 0;
          }
        } catch (error) {
          if (closed) break;
          if (attempt + 1 >= config.retry.maxAttempts) {
            return new ConnectionError(`NATS failed ${attempt + 1} times in a row: ${describeFailure(error, config)}`, {
              kind: 'network',
              attempts: attempt + 1,
            });
          }
          const delay = nextDelay();
          report({ kind: 'retrying', attempt, delay, reason: describeFailure(error, config), counters: counters() });
          await sleep(delay);
        }
      }
      return undefined;
    };

    const cleanUp = async (): Promise<void> => {
      const current = link;
      link = undefined;
      if (current === undefined || current.connection.isClosed()) return;
      // The acknowledgements and naks reach the server before anything else happens; NATS
      // being down must not hold the subscription open for ever, so this is bounded.
      let bound: ReturnType<typeof setTimeout> | undefined;
      const settle = async (): Promise<void> => {
        await current.connection.flush();
        if (ephemeral !== undefined) await current.jsm.consumers.delete(config.stream, ephemeral);
      };
      await Promise.race([settle(), new Promise<void>((resolve) => (bound = setTimeout(resolve, Math.max(2000, expires))))]).catch(() => {
        // Best effort: an ephemeral consumer left behind expires by itself.
      });
      clearTimeout(bound);
      await closeLink(current);
    };

    void run().then(async (error) => {
      closed = true;
      await cleanUp();
      report(error === undefined ? { kind: 'closed', counters: counters() } : { kind: 'closed', error, counters: counters() });
      if (error !== undefined) subscriber.error(error);
    });

    return () => {
      closed = true;
      timer?.unsubscribe();
      timer = undefined;
      wake?.();
      wake = undefined;
    };
  });
}

// Benchmark 1, second part: what a rejected frame costs the stream, against its floor. A server
// flooding garbage must not be a CPU attack: a wrong-shape frame may cost at most 3× an accepted
// frame, and a malformed-JSON frame at most 1.5× a bare `JSON.parse` throwing on it.

import type { StreamStatus } from '../lib/stream/StreamStatus.js';
import type { StreamOptions } from '../lib/stream/StreamOptions.js';
import { streamEvents } from '../lib/stream/streamEvents.js';
import type { WebSocketConstructor, WebSocketLike } from '../lib/stream/WebSocketLike.js';
import { collectGarbage, median, type BenchSettings, type Progress, type TargetResult } from './harness.js';

/** The three kinds of frame a server can send. */
export type FrameKind = 'accepted' | 'wrong shape' | 'malformed';

/** One row: a way of consuming a set of frames, timed per frame. */
export interface RejectionRowResult {
  readonly name: string;
  readonly note: string;
  readonly kind: FrameKind;
  /** Median µs of CPU per frame. */
  readonly microsPerFrame: number;
  /** How many frames the stream rejected in one pass (its own `rejected` counter). */
  readonly rejected: number;
  /** How many events it emitted in one pass. */
  readonly events: number;
}

/** What the rejection rows report. */
export interface RejectionBenchResult {
  /** Frames of each kind in one pass. */
  readonly frames: number;
  readonly averageLength: Readonly<Record<FrameKind, number>>;
  readonly rows: readonly RejectionRowResult[];
  /** The ratios of the targets, each the median of the per-round ratios. */
  readonly ratios: readonly { readonly name: string; readonly ratio: number; readonly limit: number; readonly credentials: boolean }[];
  readonly targets: readonly TargetResult[];
}

// Ways to break a recorded event, each at a field the decoder checks: early (action), in the
// middle (parents, resource_uri) and late (state, uuid, datetime), so that some wrong shapes
// cost nearly a full validation before they fail.
const BREAKS: readonly ((event: Record<string, unknown>) => void)[] = [
  (e) => (e['action'] = 'explode'),
  (e) => (e['parents'] = 'none'),
  (e) => (e['resource_uri'] = 42),
  (e) => (e['state'] = 7),
  (e) => (e['uuid'] = 5),
  (e) => (e['datetime'] = 3),
];

/**
 * Frames of the three kinds, made from the same recorded events: the events as they are; each
 * with one field of the wrong type or value (valid JSON of the wrong shape); and each cut
 * short or with a stray character inside (malformed JSON), at a place that varies.
 */
export function rejectionFrames(recorded: readonly string[], count: number): Record<FrameKind, string[]> {
  const accepted: string[] = [];
  const wrong: string[] = [];
  const malformed: string[] = [];
  for (let i = 0; accepted.length < count; i++) {
    const frame = recorded[i % recorded.length]!;
    const event = JSON.parse(frame) as Record<string, unknown>;
    if (typeof event['resource_uri'] !== 'string') continue;
    accepted.push(frame);
    BREAKS[i % BREAKS.length]!(event);
    wrong.push(JSON.stringify(event));
    const at = Math.floor((frame.length * ((i * 37) % 100)) / 100);
    malformed.push(i % 2 === 0 ? frame.slice(0, Math.max(1, at)) : `${frame.slice(0, at)}\u0001${frame.slice(at)}`);
  }
  return { accepted, 'wrong shape': wrong, malformed };
}

/** The least a socket is: the stream attaches its handlers, the benchmark calls them. */
class BenchSocket implements WebSocketLike {
  readyState = 1;
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { readonly data: unknown }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  onclose: ((event: { readonly code: number; readonly reason: string }) => void) | null = null;
  close(): void {
    this.readyState = 3;
  }
}

const CREDENTIALS: StreamOptions['auth'] = { user: 'bench-user', apiKey: 'bench-S3CRET-0123456789abcdef0123456789abcdef' };

/**
 * Pushes every frame through one subscription of `streamEvents`, as the socket would: the
 * stream's own frame path (size check, decode, rejection, status report), with a status
 * observer that keeps only the last status, or that also reads each rejection's message.
 */
function throughStream(frames: readonly string[], credentials: boolean, readMessages: boolean): { events: number; rejected: number } {
  let socket: BenchSocket | undefined;
  const Socket = function () {
    socket = new BenchSocket();
    return socket;
  } as unknown as WebSocketConstructor;
  let last: StreamStatus | undefined;
  let read = 0;
  const status = readMessages
    ? (s: StreamStatus): void => {
        last = s;
        if (s.kind === 'rejected') read += s.error.message.length;
      }
    : (s: StreamStatus): void => {
        last = s;
      };
  const options: StreamOptions = {
    url: 'ws://127.0.0.1:1',
    WebSocket: Socket,
    status,
    retry: false,
    auth: credentials ? CREDENTIALS : 'none',
  };
  let events = 0;
  const subscription = streamEvents(options).subscribe(() => {
    events++;
  });
  const ws = socket!;
  ws.onopen!({});
  const onmessage = ws.onmessage!;
  for (let i = 0; i < frames.length; i++) onmessage({ data: frames[i]! });
  subscription.unsubscribe();
  if (readMessages && read === 0 && last !== undefined && last.counters.rejected > 0) throw new Error('no message was read');
  return { events, rejected: last?.counters.rejected ?? -1 };
}

interface Row {
  readonly name: string;
  readonly note: string;
  readonly kind: FrameKind;
  readonly run: (frames: readonly string[]) => { events: number; rejected: number };
}

function rows(): Row[] {
  const stream = (name: string, kind: FrameKind, credentials: boolean, readMessages = false): Row => ({
    name,
    kind,
    note:
      `${kind} frames through streamEvents' frame path ${credentials ? 'with' : 'without'} credentials` +
      (readMessages ? ', the status observer reading every rejection message (scrubbed then)' : ', a status observer that does nothing'),
    run: (frames) => throughStream(frames, credentials, readMessages),
  });
  return [
    {
      name: 'JSON.parse, accepted',
      kind: 'accepted',
      note: 'a bare JSON.parse of the accepted frames',
      run(frames) {
        let events = 0;
        for (let i = 0; i < frames.length; i++) if ((JSON.parse(frames[i]!) as { type?: unknown }).type !== undefined) events++;
        return { events, rejected: frames.length - events };
      },
    },
    {
      name: 'JSON.parse throwing',
      kind: 'malformed',
      note: 'a bare JSON.parse throwing on each malformed frame, the error caught',
      run(frames) {
        let rejected = 0;
        for (let i = 0; i < frames.length; i++) {
          try {
            JSON.parse(frames[i]!);
          } catch {
            rejected++;
          }
        }
        return { events: frames.length - rejected, rejected };
      },
    },
    stream('stream, accepted', 'accepted', false),
    stream('stream, wrong shape', 'wrong shape', false),
    stream('stream, malformed', 'malformed', false),
    stream('stream + credentials, accepted', 'accepted', true),
    stream('stream + credentials, wrong shape', 'wrong shape', true),
    stream('stream + credentials, malformed', 'malformed', true),
    stream('stream + credentials, malformed, messages read', 'malformed', true, true),
  ];
}

/** The targets: each a ratio of two rows of the same round. */
const RATIOS: readonly {
  readonly name: string;
  readonly row: string;
  readonly floor: string;
  readonly limit: number;
  readonly credentials: boolean;
}[] = [
  { name: 'wrong shape / accepted', row: 'stream, wrong shape', floor: 'stream, accepted', limit: 3, credentials: false },
  { name: 'malformed / JSON.parse throwing', row: 'stream, malformed', floor: 'JSON.parse throwing', limit: 1.5, credentials: false },
  {
    name: 'wrong shape / accepted, with credentials',
    row: 'stream + credentials, wrong shape',
    floor: 'stream + credentials, accepted',
    limit: 3,
    credentials: true,
  },
  {
    name: 'malformed / JSON.parse throwing, with credentials',
    row: 'stream + credentials, malformed',
    floor: 'JSON.parse throwing',
    limit: 1.5,
    credentials: true,
  },
];

/**
 * Times every row (CPU time) over its frames `settings.runs` times, the rows taking turns, and checks that
 * the stream rejected exactly the frames it should (so that validation is measured, not skipped).
 */
export function runRejectionBench(recorded: readonly string[], settings: BenchSettings, progress: Progress): RejectionBenchResult {
  const count = Math.min(recorded.length, settings.quick ? 20_000 : 100_000);
  const frames = rejectionFrames(recorded, count);
  const all = rows();
  for (const row of all) row.run(frames[row.kind].slice(0, Math.min(count, 20_000)));

  const times = new Map<string, number[]>(all.map((row) => [row.name, []]));
  const checks = new Map<string, { events: number; rejected: number }>();
  const ratios = new Map<string, number[]>(RATIOS.map((r) => [r.name, []]));
  for (let round = 0; round < settings.runs; round++) {
    const roundTimes = new Map<string, number>();
    for (const row of all) {
      progress.tick(`rejections: round ${round + 1}/${settings.runs}, ${row.name}`);
      collectGarbage();
      // CPU time of this process, not wall time: on a loaded machine the wall clock also counts
      // the time other processes had the core.
      const start = process.cpuUsage();
      const check = row.run(frames[row.kind]);
      const used = process.cpuUsage(start);
      const ms = (used.user + used.system) / 1000;
      checks.set(row.name, check);
      times.get(row.name)!.push(ms);
      roundTimes.set(row.name, ms);
    }
    for (const r of RATIOS) ratios.get(r.name)!.push(roundTimes.get(r.row)! / roundTimes.get(r.floor)!);
  }
  progress.done('rejections: done');

  for (const row of all) {
    const check = checks.get(row.name)!;
    const expected = row.kind === 'accepted' ? 0 : count;
    if (row.name.startsWith('stream') && check.rejected !== expected) {
      throw new Error(`${row.name}: rejected ${check.rejected} of ${count} ${row.kind} frames, expected ${expected}`);
    }
  }
  const results = all.map((row): RejectionRowResult => ({
    name: row.name,
    note: row.note,
    kind: row.kind,
    microsPerFrame: (median(times.get(row.name)!) * 1000) / count,
    rejected: checks.get(row.name)!.rejected,
    events: checks.get(row.name)!.events,
  }));
  const measured = RATIOS.map((r) => ({ name: r.name, ratio: median(ratios.get(r.name)!), limit: r.limit, credentials: r.credentials }));
  const average = (list: readonly string[]): number => list.reduce((sum, f) => sum + f.length, 0) / list.length;
  return {
    frames: count,
    averageLength: {
      accepted: average(frames.accepted),
      'wrong shape': average(frames['wrong shape']),
      malformed: average(frames.malformed),
    },
    rows: results,
    ratios: measured,
    targets: measured.map((m) => ({
      benchmark: '1. decoding and operators',
      target: `rejection cost: ${m.name} ≤ ${m.limit}×`,
      measured: `${m.ratio.toFixed(2)}×`,
      holds: settings.quick ? undefined : m.ratio <= m.limit,
    })),
  };
}

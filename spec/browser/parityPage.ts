// The browser side of the parity test, bundled by esbuild from the browser entry: it runs
// `parityPipeline` over the browser's `streamEvents` (the platform WebSocket, query auth).
import { lastValueFrom, take, toArray } from 'rxjs';
import { streamEvents } from '../../lib/index.js';
import { parityPipeline } from './parityPipeline.js';

/** What the test passes to the page. */
export interface ParityRun {
  readonly url: string;
  readonly user: string;
  readonly apiKey: string;
  readonly stack: string;
  readonly events: number;
}

declare global {
  interface Window {
    runParity(run: ParityRun): Promise<string[]>;
  }
}

window.runParity = (run) =>
  lastValueFrom(
    parityPipeline(
      streamEvents({ url: run.url, auth: { user: run.user, apiKey: run.apiKey, in: 'query' }, retry: false }).pipe(take(run.events)),
      run.stack,
    ).pipe(toArray()),
  );

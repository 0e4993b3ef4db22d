import {
  catchError,
  concatMap,
  connectable,
  defaultIfEmpty,
  forkJoin,
  map,
  Observable,
  of,
  race,
  Subject,
  take,
  tap,
  timer,
  type Subscription,
} from 'rxjs';
import type { DetailsCache } from '../details/DetailsCache.js';
import { isResourceEvent, type CloudEvent } from '../model/CloudEvent.js';
import { isEndOfLife } from '../model/isEndOfLife.js';
import { RecentlyEnded } from '../tracking/RecentlyEnded.js';
import { normalizeResourceUri } from '../uri/normalizeResourceUri.js';
import { parseResourceUri } from '../uri/parseResourceUri.js';

/** How many ended resources keep their name, for the `delete` that follows a `Terminated`. */
const ENDED_NAMES = 1024;

/**
 * The names the commands print for resources, from a details cache: `label(uri)` is the REST
 * `name` of a resource, while it lives and for a while after its end (the cache forgets it at
 * its end, but its last lines still name it).
 *
 * `names(events$)` feeds the cache with the events and lets them through in order, each once
 * its resource's and its direct parent's names are known, or `wait` ms have passed: a person
 * reads names, and a first sighting is worth a short wait. A REST failure never ends the
 * events: `unavailable` is told, and ids are printed where names are missing.
 *
 * @example
 * ```ts
 * const names = new ResourceNames(createDetailsCache({ env }), 300, (error) => terminal.status(String(error)));
 * names.names(events$).pipe(formatForTerminal({ label: (uri) => names.label(uri) }, terminal, reporter, secrets));
 * ```
 */
export class ResourceNames {
  private readonly ended = new RecentlyEnded(ENDED_NAMES);

  constructor(
    private readonly cache: DetailsCache,
    private readonly wait: number,
    private readonly unavailable: (error: unknown) => void,
  ) {}

  /** The name of the resource at `uri`, if known. */
  label(uri: string): string | undefined {
    const name = this.cache.get(uri)?.name;
    if (name !== undefined && name !== '') return name;
    const key = keyOf(uri);
    return key === undefined ? undefined : this.ended.stateOf(key);
  }

  /** `events$`, each event held until its names are known (at most `wait` ms), feeding the cache. */
  names(events$: Observable<CloudEvent>): Observable<CloudEvent> {
    return new Observable<CloudEvent>((subscriber) => {
      // Both sides subscribe before the source starts: a source that emits at once reaches both.
      const shared = connectable(events$, { connector: () => new Subject<CloudEvent>(), resetOnDisconnect: false });
      // Subscribed first: the cache hears of each event before the printing side asks for it.
      let feeding: Subscription | undefined = shared
        .pipe(
          tap((event) => {
            // Its name, before the cache forgets the resource.
            if (!isResourceEvent(event) || !isEndOfLife(event)) return;
            const key = keyOf(event.resource_uri);
            const name = this.cache.get(event.resource_uri)?.name;
            if (key !== undefined && name !== undefined) this.ended.add(key, name);
          }),
          this.cache.follow(),
        )
        .subscribe({
          error: (error: unknown) => {
            // Names are a help: without them the ids are printed, and the events go on.
            feeding = undefined;
            this.unavailable(error);
          },
        });
      const printing = shared.pipe(concatMap((event) => this.ready(event, feeding !== undefined))).subscribe(subscriber);
      const source = shared.connect();
      return () => {
        source.unsubscribe();
        printing.unsubscribe();
        feeding?.unsubscribe();
      };
    });
  }

  /** The event, once the names it shows are known or `wait` ms passed. */
  private ready(event: CloudEvent, feeding: boolean): Observable<CloudEvent> {
    if (!feeding || !isResourceEvent(event)) return of(event);
    // Not for an action (it has no name), nor for a resource whose details came without one.
    const uris = [isEndOfLife(event) ? undefined : event.resource_uri, event.parents[0]].filter(
      (uri): uri is string =>
        uri !== undefined &&
        (parseResourceUri(uri)?.kind ?? 'action') !== 'action' &&
        this.cache.get(uri) === undefined &&
        this.label(uri) === undefined,
    );
    if (uris.length === 0) return of(event);
    const known = uris.map((uri) =>
      this.cache.details(uri).pipe(
        take(1),
        map(() => true),
        catchError(() => of(false)),
        defaultIfEmpty(false),
      ),
    );
    return race(forkJoin(known), timer(this.wait)).pipe(
      take(1),
      map(() => event),
    );
  }
}

function keyOf(uri: string): string | undefined {
  try {
    return normalizeResourceUri(uri);
  } catch {
    return undefined;
  }
}

import WebSocket from 'isomorphic-ws';
import type { Observable } from 'rxjs';
import type { CloudEvent } from '../model/CloudEvent.js';
import { eventStream } from '../stream/eventStream.js';
import { resolveStreamOptions } from '../stream/resolveStreamOptions.js';
import type { StreamOptions } from '../stream/StreamOptions.js';
import type { WebSocketConstructor } from '../stream/WebSocketLike.js';
import { readEnvironment, type Environment } from './readEnvironment.js';

const ENDPOINT = /\/events\/?(?:[?#].*)?$/;

/** The options of the Node `streamEvents`: those of the browser-safe one, and the environment. */
export interface NodeStreamOptions extends StreamOptions {
  /** Where to read `DOCKERCLOUD_*` settings the options leave out. Default `process.env`. */
  readonly env?: Environment;
}

/**
 * The events stream on Node: `streamEvents` of the package entry, with `ws` as the WebSocket
 * (so credentials go in an `Authorization` header, frames are bounded by `maxMessageSize`,
 * and quiet connections are pinged), and with the url, namespace and credentials the options
 * leave out read from the `DOCKERCLOUD_*` environment variables, as the official SDKs do.
 *
 * @example
 * ```ts
 * import { streamEvents, ofType } from 'dockercloud-rx/node';
 * // DOCKERCLOUD_USER and DOCKERCLOUD_APIKEY are set in the environment.
 * streamEvents({ filter: { type: 'service' } }).pipe(ofType('service')).subscribe((e) => console.log(e.state));
 * ```
 * @see {@link readEnvironment}
 */
export function streamEvents(options: NodeStreamOptions = {}): Observable<CloudEvent> {
  // `env` is this entry's own option: the schema of the stream options does not know it.
  const { env, ...streamOptions } = options;
  const dialect = options.dialect ?? 'dockercloud';
  const fromEnv = readEnvironment(env ?? process.env, dialect);
  const url = options.url ?? fromEnv.url;
  // The environment's namespace yields to a URL that already names the endpoint, and means
  // nothing to Tutum; only a namespace given in the options may conflict with the URL.
  const envNamespace = dialect === 'tutum' || (url !== undefined && ENDPOINT.test(url)) ? undefined : fromEnv.namespace;
  const merged: StreamOptions = {
    ...streamOptions,
    url,
    namespace: options.namespace ?? envNamespace,
    auth: options.auth ?? fromEnv.auth,
  };
  return eventStream(resolveStreamOptions(merged, { WebSocket: WebSocket as unknown as WebSocketConstructor, sendsHeaders: true }));
}

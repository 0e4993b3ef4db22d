import { startEmulator, type Emulator } from '../../lib/emulator/index.js';
import type { ResourceEvent } from '../../lib/model/ResourceEvent.js';
import { request } from 'node:http';
import { handshakeStatus, rest } from './support.js';

const NS = 'acme';

/**
 * A GET sent with exactly this request target: no URL parsing on the way (which would read
 * `//api/…` as a host), as a client that joins strings sends it.
 */
function rawGet(
  emulator: Emulator,
  target: string,
  headers: Record<string, string> = { Authorization: emulator.credentials.authorization },
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: emulator.port, path: target, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the REST API', () => {
  let emulator: Emulator;

  beforeEach(async () => {
    emulator = await startEmulator({
      seed: 'rest',
      paused: true,
      namespace: NS,
      world: { nodeClusters: 1, nodesPerCluster: 3, stacks: 4, servicesPerStack: 3, containersPerService: 3 },
    });
  });
  afterEach(() => emulator.stop());

  describe('listings', () => {
    it.each([
      ['stack', `/api/app/v1/${NS}/stack/`, 4],
      ['service', `/api/app/v1/${NS}/service/`, 12],
      ['container', `/api/app/v1/${NS}/container/`, 36],
      ['nodecluster', `/api/infra/v1/${NS}/nodecluster/`, 1],
      ['node', `/api/infra/v1/${NS}/node/`, 3],
      ['action', `/api/audit/v1/${NS}/action/`, 0],
    ])('lists %s at %s', async (kind, path, total) => {
      for (const variant of [path, path.replace(`${NS}/`, ''), path.slice(0, -1)]) {
        const { status, body, headers } = await rest(emulator, variant);
        expect(status).toBe(200);
        expect(headers.get('content-type')).toBe('application/json');
        expect(body.meta).toMatchObject({ limit: 25, offset: 0, previous: null, total_count: total });
        expect(body.objects).toHaveLength(Math.min(25, total));
        for (const object of body.objects) {
          expect(object.type).toBe(kind);
          expect(object.resource_uri).toBe(`${path}${object.uuid}/`);
          expect(typeof object.state).toBe('string');
          expect(Array.isArray(object.parents)).toBe(true);
        }
      }
    });

    it('names the parents as Docker Cloud did: service.stack, container.service/stack/node/node_cluster, node.node_cluster', async () => {
      const [service] = (await rest(emulator, '/api/app/v1/service/?limit=1')).body.objects;
      expect(service.stack).toBe(service.parents[0]);
      expect(service).toMatchObject({ name: expect.any(String), image_name: expect.any(String), target_num_containers: 3 });
      expect(service.containers).toHaveLength(3);
      const [container] = (await rest(emulator, '/api/app/v1/container/?limit=1')).body.objects;
      expect([container.service, container.stack, container.node, container.node_cluster]).toEqual(container.parents);
      const [node] = (await rest(emulator, '/api/app/v1/node/?limit=1')).body.objects;
      expect(node.node_cluster).toBe(node.parents[0]);
      emulator.step(40);
      const [action] = (await rest(emulator, '/api/audit/v1/action/?limit=1')).body.objects;
      expect(action.object).toBe(action.parents[0]);
      expect(action).toMatchObject({ action: expect.any(String), method: expect.any(String), user: 'emulator' });
    });

    it.each(['node', 'nodecluster'])(
      'names each %s under /api/infra/v1/, in events and REST alike, and still answers under /api/app/v1/',
      async (kind) => {
        const infra = await rest(emulator, `/api/infra/v1/${NS}/${kind}/`);
        // Earlier emulators, and watchResources, list nodes under app: the same answer there.
        const app = await rest(emulator, `/api/app/v1/${NS}/${kind}/`);
        expect(app.status).toBe(200);
        expect(app.body.objects).toEqual(infra.body.objects);
        const [object] = infra.body.objects;
        expect((await rest(emulator, `/api/app/v1/${NS}/${kind}/${object.uuid}/`)).body).toEqual(object);
        expect((await rest(emulator, `/api/v1/${kind}/${object.uuid}/`)).body).toEqual(object);
        // The URIs REST gives for nodes are infra ones wherever they appear: parents and fields.
        const containers = (await rest(emulator, '/api/app/v1/container/?limit=100')).body.objects;
        const field = kind === 'node' ? 'node' : 'node_cluster';
        for (const container of containers) {
          expect(container[field]).toMatch(new RegExp(`^/api/infra/v1/${NS}/${kind}/[0-9a-f-]{36}/$`));
          expect(container.parents).toContain(container[field]);
        }
        emulator.step(300);
        const events = emulator.step(300).filter((event) => event.type === kind);
        expect(events.length).toBeGreaterThan(0);
        for (const event of events) expect(event.resource_uri).toMatch(new RegExp(`^/api/infra/v1/${NS}/${kind}/`));
      },
    );

    it('lists a node cluster with its nodes, node type and region as Docker Cloud did', async () => {
      const [cluster] = (await rest(emulator, `/api/infra/v1/${NS}/nodecluster/`)).body.objects;
      const nodes = (await rest(emulator, `/api/infra/v1/${NS}/node/`)).body.objects;
      expect(cluster.nodes).toEqual(nodes.map((node: { resource_uri: string }) => node.resource_uri));
      expect(cluster.node_type).toMatch(/^\/api\/infra\/v1\/nodetype\/[a-z]+\/[a-z0-9-]+\/$/);
      expect(cluster.region).toMatch(/^\/api\/infra\/v1\/region\/[a-z]+\/[a-z0-9-]+\/$/);
      for (const node of nodes) {
        expect(node).toMatchObject({ node_cluster: cluster.resource_uri, node_type: cluster.node_type, region: cluster.region });
        expect(node.external_fqdn).toBe(`${node.uuid}.node.dockerapp.io`);
      }
    });

    it('paginates with limit and offset, linking next and previous', async () => {
      const path = `/api/app/v1/${NS}/container/`;
      const first = await rest(emulator, `${path}?limit=10`);
      expect(first.body.meta).toEqual({ limit: 10, offset: 0, next: `${path}?limit=10&offset=10`, previous: null, total_count: 36 });
      const seen: string[] = first.body.objects.map((o: { uuid: string }) => o.uuid);
      let next: string | null = first.body.meta.next;
      let pages = 1;
      while (next !== null) {
        const page = await rest(emulator, next);
        expect(page.body.meta.previous).toBe(`${path}?limit=10&offset=${page.body.meta.offset - 10}`);
        seen.push(...page.body.objects.map((o: { uuid: string }) => o.uuid));
        next = page.body.meta.next;
        pages++;
      }
      expect(pages).toBe(4);
      expect(new Set(seen).size).toBe(36);
      const last = await rest(emulator, `${path}?limit=10&offset=30`);
      expect(last.body.objects).toHaveLength(6);
      expect(last.body.meta.next).toBeNull();
      const beyond = await rest(emulator, `${path}?offset=100`);
      expect(beyond.body.objects).toEqual([]);
      expect(beyond.body.meta.previous).toBe(`${path}?limit=25&offset=75`);
    });

    it('caps limit at 100, reads limit=0 as the largest page, and keeps other query parameters in the links', async () => {
      expect((await rest(emulator, '/api/app/v1/container/?limit=500')).body.meta.limit).toBe(100);
      expect((await rest(emulator, '/api/app/v1/container/?limit=0')).body.meta.limit).toBe(100);
      const { user, apiKey } = emulator.credentials;
      const page = await rest(emulator, `/api/app/v1/container/?user=${user}&token=${apiKey}&limit=5`, { auth: false });
      expect(page.status).toBe(200);
      expect(page.body.meta.next).toBe(`/api/app/v1/container/?user=${user}&token=${apiKey}&limit=5&offset=5`);
      expect((await rest(emulator, page.body.meta.next, { auth: false })).status).toBe(200);
    });

    it.each([['limit=-1'], ['limit=abc'], ['offset=1.5'], ['offset=-3']])('answers 400 to %s', async (query) => {
      const { status, body } = await rest(emulator, `/api/app/v1/service/?${query}`);
      expect(status).toBe(400);
      expect(body.error).toMatch(/limit and offset/);
    });
  });

  describe('one resource', () => {
    it('answers GET <resource_uri> in every URI form', async () => {
      const [service] = (await rest(emulator, '/api/app/v1/service/?limit=1')).body.objects;
      for (const form of [
        service.resource_uri,
        `/api/app/v1/service/${service.uuid}/`,
        `/api/app/v1/${NS}/service/${service.uuid}`,
        `/api/v1/service/${service.uuid}/`,
      ]) {
        const { status, body } = await rest(emulator, form);
        expect(status).toBe(200);
        expect(body).toEqual(service);
      }
      expect(emulator.world.get(service.resource_uri)).toEqual(service);
    });

    it('answers 404 to an unknown uuid, an unknown kind and an unknown path', async () => {
      expect((await rest(emulator, '/api/app/v1/service/00000000-0000-4000-8000-000000000000/')).status).toBe(404);
      expect((await rest(emulator, '/api/app/v1/image/')).status).toBe(404);
      expect((await rest(emulator, '/api/audit/v1/service/')).status).toBe(404);
      expect((await rest(emulator, '/api/app/v1/action/')).status).toBe(404);
      expect((await rest(emulator, '/nowhere')).status).toBe(404);
      expect((await rest(emulator, '/api/app/v1/a/b/service/')).status).toBe(404);
    });

    it('keeps a Terminated resource out of the listing until its delete, and answers 404 after', async () => {
      let terminated: ResourceEvent | undefined;
      for (let i = 0; i < 5000 && terminated === undefined; i++) {
        const [event] = emulator.step(1);
        if (event!.state === 'Terminated' && event!.action === 'update' && event!.type === 'container') terminated = event;
      }
      expect(terminated).toBeDefined();
      const uri = terminated!.resource_uri;
      const listing = (await rest(emulator, '/api/app/v1/container/?limit=100')).body.objects.map(
        (o: { resource_uri: string }) => o.resource_uri,
      );
      expect(listing).not.toContain(uri);
      const between = await rest(emulator, uri);
      expect(between.status).toBe(200);
      expect(between.body.state).toBe('Terminated');
      let deleted = false;
      for (let i = 0; i < 1000 && !deleted; i++) deleted = emulator.step(1).some((e) => e.resource_uri === uri && e.action === 'delete');
      expect(deleted).toBe(true);
      expect((await rest(emulator, uri)).status).toBe(404);
      expect(emulator.world.get(uri)).toBeUndefined();
    });

    it('reflects each event as soon as it is sent', async () => {
      for (let i = 0; i < 60; i++) {
        const [event] = emulator.step(1);
        if (event!.action === 'delete') continue;
        const { body } = await rest(emulator, event!.resource_uri);
        expect(body.state).toBe(event!.state);
      }
    });

    it("dates every answer in the world's simulated clock, not the host's, as the events' datetime is", async () => {
      const dateOf = async (path: string, auth = true): Promise<string | null> =>
        (await rest(emulator, path, { auth })).headers.get('date');
      const httpDate = (iso: string | undefined): string => new Date(Date.parse(iso!)).toUTCString();
      // The default clock starts on 2016-02-01, years before the host's.
      expect(await dateOf('/api/app/v1/container/')).toBe(httpDate(emulator.world.datetime));
      expect(emulator.world.datetime).toMatch(/^2016-02-01T/);
      const events = emulator.step(40);
      const last = events[events.length - 1]!;
      expect(emulator.world.datetime).toBe(last.datetime);
      expect(Date.parse(last.datetime!)).toBeGreaterThan(Date.parse('2016-02-01T00:00:00Z'));
      for (const path of ['/api/app/v1/service/?limit=1', last.resource_uri, '/api/app/v1/nope/'])
        expect(await dateOf(path)).toBe(httpDate(last.datetime));
      expect(await dateOf('/api/app/v1/container/', false)).toBe(httpDate(last.datetime));
    });

    it('lists actions with their objects, in the audit API', async () => {
      const events = emulator.step(200);
      const actions = new Map(events.filter((e) => e.type === 'action').map((e) => [e.resource_uri, e]));
      const { body } = await rest(emulator, `/api/audit/v1/${NS}/action/?limit=100`);
      expect(body.meta.total_count).toBe(actions.size);
      for (const object of body.objects) {
        expect(object.state).toBe(actions.get(object.resource_uri)!.state);
        expect(object.object).toBe(actions.get(object.resource_uri)!.parents[0]);
      }
    });
  });

  describe('paths as clients joined them', () => {
    it("serves the official Go client's GetNodeCluster(uri) against a REST host given with a trailing slash", async () => {
      const [cluster] = (await rest(emulator, `/api/infra/v1/${NS}/nodecluster/`)).body.objects;
      // go-dockercloud: BaseUrl = DOCKERCLOUD_REST_HOST + "/api/"; GetNodeCluster(uri) asks for BaseUrl + uri[5:] + "/".
      const restHost = `${emulator.restUrl}/`;
      const url = `${restHost}/api/${(cluster.resource_uri as string).slice(5)}/`;
      expect(new URL(url).pathname).toBe(`//api/infra/v1/${NS}/nodecluster/${cluster.uuid}//`);
      const answer = await rawGet(emulator, new URL(url).pathname);
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body)).toEqual(cluster);
    });

    it('reads every run of slashes as one, in listings too, and links the next page by its one canonical path', async () => {
      for (const target of [`//api//infra/v1/${NS}//node//?limit=1`, `/api/infra//v1/${NS}/node?limit=1`]) {
        const answer = await rawGet(emulator, target);
        expect(answer.status).toBe(200);
        const { meta, objects } = JSON.parse(answer.body);
        expect(objects).toHaveLength(1);
        expect(meta.total_count).toBe(3);
        // The Go client pages with meta.next[5:]: the link must begin with exactly "/api/".
        expect(meta.next).toMatch(new RegExp(`^/api/infra/v1/${NS}/node/?\\?limit=1&offset=1$`));
      }
    });

    it('never reads a doubled slash as a host, and never redirects', async () => {
      for (const target of ['//evil.example/api/app/v1/stack/', '//127.0.0.1:1/api/app/v1/stack/']) {
        const answer = await rawGet(emulator, target);
        expect(answer.status).toBe(404);
        expect(answer.headers['location']).toBeUndefined();
      }
      const anonymous = await rawGet(emulator, '//api/app/v1/stack/', {});
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers['location']).toBeUndefined();
    });

    it('opens the stream on a path with doubled slashes', async () => {
      const headers = { Authorization: emulator.credentials.authorization };
      expect(await handshakeStatus(`${emulator.url}//api/audit/v1//${NS}/events//`, { headers })).toBe(101);
      expect(await handshakeStatus(`${emulator.url}//api/audit/v1/events`, { headers })).toBe(101);
    });
  });

  describe('errors', () => {
    it('answers 401 without valid credentials, in every form', async () => {
      expect((await rest(emulator, '/api/app/v1/service/', { auth: false })).status).toBe(401);
      expect(
        (await rest(emulator, '/api/app/v1/service/', { auth: false, headers: { Authorization: 'ApiKey emulator:nope' } })).status,
      ).toBe(401);
      expect((await rest(emulator, '/api/app/v1/service/?user=emulator&token=nope', { auth: false })).status).toBe(401);
      const ok = await rest(emulator, `/api/app/v1/service/?auth=${encodeURIComponent(emulator.credentials.token)}`, { auth: false });
      expect(ok.status).toBe(200);
      const unauthorized = await rest(emulator, '/api/app/v1/service/', { auth: false });
      expect(unauthorized.headers.get('www-authenticate')).toMatch(/^Basic/);
    });

    it('answers 403 for another namespace', async () => {
      expect((await rest(emulator, '/api/app/v1/other/service/')).status).toBe(403);
      expect((await rest(emulator, '/api/audit/v1/other/action/')).status).toBe(403);
    });

    it.each([['POST'], ['PUT'], ['PATCH'], ['DELETE']])('answers 405 to %s, allowing GET and HEAD', async (method) => {
      const { status, headers } = await rest(emulator, '/api/app/v1/service/', { method });
      expect(status).toBe(405);
      expect(headers.get('allow')).toBe('GET, HEAD');
    });

    it('answers HEAD like GET, without a body', async () => {
      const res = await fetch(`${emulator.restUrl}/api/app/v1/stack/`, {
        method: 'HEAD',
        headers: { Authorization: emulator.credentials.authorization },
      });
      expect(res.status).toBe(200);
      expect(await res.text()).toBe('');
    });

    it('survives malformed requests', async () => {
      const net = await import('node:net');
      for (const raw of ['GARBAGE\r\n\r\n', 'GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n', 'GET http://[bad HTTP/1.1\r\n\r\n']) {
        await new Promise<void>((resolve) => {
          const socket = net.connect(emulator.port, '127.0.0.1', () => socket.end(raw));
          socket.on('data', () => undefined);
          socket.on('error', () => resolve());
          socket.on('close', () => resolve());
        });
      }
      expect((await rest(emulator, '/api/app/v1/stack/')).status).toBe(200);
    });
  });
});

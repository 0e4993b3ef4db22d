// The steps operations are made of: an action's audit record, and the life of one container.
// Each `yield` is a simulated delay; each segment between two yields emits at most one event.

import type { StoredResource } from '../ResourceStore.js';
import type { ContainerSim, LaunchResult, ServiceSim, Step } from './Sim.js';
import type { WorldState } from './WorldState.js';

export function* beginAction(w: WorldState, object: StoredResource, name: string, method: string, path: string): Step<StoredResource> {
  yield w.delay(100, 400);
  const action = w.record('action', [object.resource_uri], 'Pending', {
    action: name,
    method,
    path,
    object: object.resource_uri,
    user: w.config.user,
    is_user_action: true,
    ip: '127.0.0.1',
    location: 'Emulator',
    body: '',
    logs: '',
    start_date: w.iso(w.now),
    end_date: null,
  });
  w.emit(action, 'create');
  yield w.delay(200, 1000);
  w.set(action, 'In progress');
  return action;
}

export function* endAction(w: WorldState, action: StoredResource, failed: boolean): Step<void> {
  yield w.delay(100, 500);
  action.fields['end_date'] = w.iso(w.now);
  w.set(action, failed ? 'Failed' : 'Success');
  // The audit log forgets the oldest finished actions, so that it stays bounded.
  w.finishedActions.push(action.uuid);
  while (w.finishedActions.length > w.config.actionHistory) w.store.remove('action', w.finishedActions.shift()!);
}

export function* launchContainer(w: WorldState, service: ServiceSim): Step<LaunchResult> {
  yield w.delay(50, 300);
  const node = w.placeNode();
  if (node === undefined) return 'unplaced';
  const container = w.newContainer(service, node, 'Starting', w.iso(w.now));
  w.syncService(service);
  w.emit(container.rec, 'create');
  return (yield* finishStart(w, container)) ? 'running' : 'stopped';
}

export function* restartContainer(w: WorldState, container: ContainerSim): Step<boolean> {
  yield w.delay(50, 300);
  w.set(container.rec, 'Starting');
  return yield* finishStart(w, container);
}

/** Starting → Running, or Stopped when the start fails. Returns whether it runs. */
export function* finishStart(w: WorldState, container: ContainerSim): Step<boolean> {
  yield w.delay(1000, 6000);
  const fails = w.random.chance(w.config.failureRate);
  container.rec.fields['exit_code'] = fails ? 1 : null;
  container.rec.fields[fails ? 'stopped_datetime' : 'started_datetime'] = w.iso(w.now);
  container.rec.state = fails ? 'Stopped' : 'Running';
  w.syncService(container.service);
  w.emit(container.rec, 'update');
  return !fails;
}

export function* stopContainer(w: WorldState, container: ContainerSim): Step<void> {
  yield w.delay(50, 300);
  w.set(container.rec, 'Stopping');
  yield w.delay(500, 3000);
  container.rec.fields['exit_code'] = 0;
  container.rec.fields['stopped_datetime'] = w.iso(w.now);
  container.rec.state = 'Stopped';
  w.syncService(container.service);
  w.emit(container.rec, 'update');
}

export function* terminateContainer(w: WorldState, container: ContainerSim): Step<void> {
  yield w.delay(50, 300);
  w.set(container.rec, 'Terminating');
  yield w.delay(500, 3000);
  w.set(container.rec, 'Terminated');
  yield w.delay(0, 200);
  const { service } = container;
  service.containers.splice(service.containers.indexOf(container), 1);
  container.node.containers.delete(container);
  w.syncService(service);
  w.drop(container.rec);
}

/** A rolling replacement: a new container up, then an old one down, one by one. */
export function* replaceContainers(w: WorldState, service: ServiceSim): Step<boolean> {
  let failed = false;
  for (const old of [...service.containers]) {
    const result = yield* launchContainer(w, service);
    failed = failed || result !== 'running';
    yield* terminateContainer(w, old);
  }
  return failed;
}

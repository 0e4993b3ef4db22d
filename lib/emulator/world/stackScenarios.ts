// The scenarios on a stack: deploy, start, stop, redeploy and terminate, services and
// containers included.

import {
  beginAction,
  endAction,
  launchContainer,
  replaceContainers,
  restartContainer,
  stopContainer,
  terminateContainer,
} from './sharedSteps.js';
import type { StoredResource } from '../ResourceStore.js';
import { UP, type Operation, type StackSim } from './Sim.js';
import type { WorldState } from './WorldState.js';

/** The end every stack scenario shares: the stack settles, its action ends, the stack is free again. */
function* finishStackAction(w: WorldState, stack: StackSim, action: StoredResource, failed: boolean): Operation {
  yield w.delay(100, 500);
  w.settleStack(stack);
  yield* endAction(w, action, failed);
  w.release(stack);
}

export function* deployStack(w: WorldState): Operation {
  yield w.delay(0, 2000);
  w.plannedStacks--;
  const stack = w.newStack('Not Running', null);
  stack.busy = true;
  w.emit(stack.rec, 'create');
  const count = w.random.int(1, w.config.servicesPerStack);
  for (let i = 0; i < count; i++) {
    yield w.delay(50, 300);
    const service = w.newService(stack, 'Not running', w.random.int(1, w.config.containersPerService), null);
    service.busy = true;
    w.syncStack(stack);
    w.emit(service.rec, 'create');
  }
  const action = yield* beginAction(w, stack.rec, 'Stack Deploy', 'POST', `${stack.rec.resource_uri}start/`);
  yield w.delay(100, 500);
  stack.rec.fields['deployed_datetime'] = w.iso(w.now);
  w.set(stack.rec, 'Starting');
  let failed = false;
  for (const service of stack.services) {
    yield w.delay(100, 400);
    service.rec.fields['deployed_datetime'] = w.iso(w.now);
    w.set(service.rec, 'Starting');
    for (let i = 0; i < service.target; i++) {
      if ((yield* launchContainer(w, service)) !== 'running') failed = true;
    }
    yield w.delay(100, 500);
    w.settleService(service);
  }
  yield* finishStackAction(w, stack, action, failed);
}

export function* startStack(w: WorldState, stack: StackSim): Operation {
  const action = yield* beginAction(w, stack.rec, 'Stack Start', 'POST', `${stack.rec.resource_uri}start/`);
  yield w.delay(100, 500);
  w.set(stack.rec, 'Starting');
  let failed = false;
  for (const service of stack.services) {
    if (service.rec.state === 'Running') continue;
    yield w.delay(100, 400);
    w.set(service.rec, 'Starting');
    for (const container of [...service.containers]) {
      if (container.rec.state === 'Stopped' && !(yield* restartContainer(w, container))) failed = true;
    }
    // A service that lost every container (no node could take them) gets new ones.
    for (let i = service.containers.length; i < service.target; i++) {
      if ((yield* launchContainer(w, service)) !== 'running') failed = true;
    }
    yield w.delay(100, 500);
    w.settleService(service);
  }
  yield* finishStackAction(w, stack, action, failed);
}

export function* stopStack(w: WorldState, stack: StackSim): Operation {
  const action = yield* beginAction(w, stack.rec, 'Stack Stop', 'POST', `${stack.rec.resource_uri}stop/`);
  yield w.delay(100, 500);
  w.set(stack.rec, 'Stopping');
  for (const service of stack.services) {
    if (service.rec.state === 'Stopped') continue;
    yield w.delay(100, 400);
    w.set(service.rec, 'Stopping');
    for (const container of [...service.containers]) {
      if (container.rec.state === 'Running') yield* stopContainer(w, container);
    }
    yield w.delay(100, 500);
    w.settleService(service);
  }
  yield* finishStackAction(w, stack, action, false);
}

export function* redeployStack(w: WorldState, stack: StackSim): Operation {
  const action = yield* beginAction(w, stack.rec, 'Stack Redeploy', 'POST', `${stack.rec.resource_uri}redeploy/`);
  yield w.delay(100, 500);
  w.set(stack.rec, 'Redeploying');
  let failed = false;
  for (const service of stack.services) {
    if (!UP.has(service.rec.state)) continue;
    yield w.delay(100, 400);
    w.set(service.rec, 'Redeploying');
    if (yield* replaceContainers(w, service)) failed = true;
    yield w.delay(100, 500);
    w.settleService(service);
  }
  yield* finishStackAction(w, stack, action, failed);
}

export function* terminateStack(w: WorldState, stack: StackSim): Operation {
  const action = yield* beginAction(w, stack.rec, 'Stack Terminate', 'DELETE', stack.rec.resource_uri);
  yield w.delay(100, 500);
  w.set(stack.rec, 'Terminating');
  for (const service of [...stack.services]) {
    yield w.delay(100, 400);
    w.set(service.rec, 'Terminating');
    for (const container of [...service.containers]) yield* terminateContainer(w, container);
    yield w.delay(200, 800);
    w.set(service.rec, 'Terminated');
    yield w.delay(0, 200);
    stack.services.splice(stack.services.indexOf(service), 1);
    w.syncStack(stack);
    w.drop(service.rec);
  }
  yield w.delay(200, 800);
  stack.rec.fields['destroyed_datetime'] = w.iso(w.now);
  w.set(stack.rec, 'Terminated');
  yield w.delay(0, 200);
  w.stacks.splice(w.stacks.indexOf(stack), 1);
  w.drop(stack.rec);
  yield* endAction(w, action, false);
}

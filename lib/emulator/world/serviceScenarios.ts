// The scenarios on one service of a running stack: scale and redeploy.

import { beginAction, endAction, launchContainer, replaceContainers, terminateContainer } from './sharedSteps.js';
import type { Operation, ServiceSim } from './Sim.js';
import type { WorldState } from './WorldState.js';

export function* scaleService(w: WorldState, service: ServiceSim, wanted: number): Operation {
  const action = yield* beginAction(w, service.rec, 'Service Scale', 'POST', `${service.rec.resource_uri}scale/`);
  yield w.delay(100, 500);
  service.target = wanted;
  w.syncService(service);
  w.set(service.rec, 'Scaling');
  let failed = false;
  while (service.containers.length < wanted) {
    const result = yield* launchContainer(w, service);
    if (result !== 'running') failed = true;
    if (result === 'unplaced') break;
  }
  // Scaling down removes stopped containers first, then the newest.
  const victims = [...service.containers]
    .reverse()
    .sort((a, b) => Number(b.rec.state === 'Stopped') - Number(a.rec.state === 'Stopped'))
    .slice(0, Math.max(0, service.containers.length - wanted));
  for (const victim of victims) yield* terminateContainer(w, victim);
  yield w.delay(100, 500);
  w.settleService(service);
  yield w.delay(0, 300);
  w.settleStack(service.stack);
  yield* endAction(w, action, failed);
  service.busy = false;
}

export function* redeployService(w: WorldState, service: ServiceSim): Operation {
  const action = yield* beginAction(w, service.rec, 'Service Redeploy', 'POST', `${service.rec.resource_uri}redeploy/`);
  yield w.delay(100, 500);
  w.set(service.rec, 'Redeploying');
  const failed = yield* replaceContainers(w, service);
  yield w.delay(100, 500);
  w.settleService(service);
  yield w.delay(0, 300);
  w.settleStack(service.stack);
  yield* endAction(w, action, failed);
  service.busy = false;
}

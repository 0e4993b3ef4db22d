// The scenarios on the infrastructure: a node outage, a Docker upgrade of a node, and scaling a
// node cluster up or down.

import { beginAction, endAction } from './sharedSteps.js';
import type { ClusterSim, NodeSim, Operation } from './Sim.js';
import type { WorldState } from './WorldState.js';

export function* nodeOutage(w: WorldState, node: NodeSim): Operation {
  yield w.delay(0, 500);
  w.set(node.rec, 'Unreachable');
  yield w.delay(0, 300);
  w.settleCluster(node.cluster, false);
  yield w.delay(10_000, 60_000);
  node.rec.fields['last_seen'] = w.iso(w.now);
  w.set(node.rec, 'Deployed');
  yield w.delay(0, 300);
  w.settleCluster(node.cluster, false);
  node.busy = false;
}

export function* upgradeNode(w: WorldState, node: NodeSim): Operation {
  const action = yield* beginAction(w, node.rec, 'Node Upgrade Docker', 'POST', `${node.rec.resource_uri}docker-upgrade/`);
  yield w.delay(100, 500);
  w.set(node.rec, 'Upgrading');
  yield w.delay(5_000, 20_000);
  node.rec.fields['docker_version'] = '1.11.2';
  w.set(node.rec, 'Deployed');
  yield* endAction(w, action, false);
  node.busy = false;
}

export function* growCluster(w: WorldState, cluster: ClusterSim): Operation {
  const action = yield* beginAction(w, cluster.rec, 'Node Cluster Scale', 'PATCH', cluster.rec.resource_uri);
  yield w.delay(100, 500);
  cluster.rec.fields['target_num_nodes'] = cluster.nodes.length + 1;
  w.set(cluster.rec, 'Scaling');
  yield w.delay(200, 1000);
  const node = w.newNode(cluster, 'Deploying', w.iso(w.now));
  node.busy = true;
  w.emit(node.rec, 'create');
  yield w.delay(20_000, 60_000);
  w.set(node.rec, 'Deployed');
  node.busy = false;
  yield w.delay(100, 500);
  w.settleCluster(cluster, true);
  yield* endAction(w, action, false);
  cluster.busy = false;
}

export function* shrinkCluster(w: WorldState, cluster: ClusterSim, node: NodeSim): Operation {
  const action = yield* beginAction(w, cluster.rec, 'Node Cluster Scale', 'PATCH', cluster.rec.resource_uri);
  yield w.delay(100, 500);
  cluster.rec.fields['target_num_nodes'] = cluster.nodes.length - 1;
  w.set(cluster.rec, 'Scaling');
  yield w.delay(200, 1000);
  w.set(node.rec, 'Terminating');
  yield w.delay(2_000, 10_000);
  w.set(node.rec, 'Terminated');
  yield w.delay(0, 200);
  cluster.nodes.splice(cluster.nodes.indexOf(node), 1);
  w.drop(node.rec);
  yield w.delay(100, 500);
  w.settleCluster(cluster, true);
  yield* endAction(w, action, false);
  cluster.busy = false;
}

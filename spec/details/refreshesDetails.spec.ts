import { refreshesDetails } from '../../lib/details/refreshesDetails.js';
import { actionEvent, containerEvent, nodeEvent, serviceEvent, stackEvent } from '../../lib/testing/index.js';

describe('refreshesDetails', () => {
  it('refreshes a stack, service or node that settles after a transitional state', () => {
    expect(refreshesDetails(serviceEvent('web', 'Running'), 'Redeploying')).toBe(true);
    expect(refreshesDetails(stackEvent('shop', 'Running'), 'Starting')).toBe(true);
    expect(refreshesDetails(nodeEvent('n1', 'Deployed'), 'Deploying')).toBe(true);
    // Still on its way, or from a settled state: nothing final to read yet, or nothing new.
    expect(refreshesDetails(serviceEvent('web', 'Scaling'), 'Running')).toBe(false);
    expect(refreshesDetails(serviceEvent('web', 'Stopped'), 'Running')).toBe(false);
  });

  it('refreshes on an update that keeps the state (an edit), not on a first sighting', () => {
    expect(refreshesDetails(serviceEvent('web', 'Running'), 'Running')).toBe(true);
    expect(refreshesDetails(serviceEvent('web', 'Running', { action: 'create' }), 'Running')).toBe(false);
    expect(refreshesDetails(serviceEvent('web', 'Running'), undefined)).toBe(false);
  });

  it('never refreshes a container or an action', () => {
    expect(refreshesDetails(containerEvent('web-1', 'Running'), 'Starting')).toBe(false);
    expect(refreshesDetails(containerEvent('web-1', 'Running'), 'Running')).toBe(false);
    expect(refreshesDetails(actionEvent('a1', 'Success'), 'In progress')).toBe(false);
  });
});

// The README's example, verbatim (spec/examples/docs.spec.ts checks that it stays so); the
// type check compiles it.
import { share } from 'rxjs';
import { ofType, stateTransitions, streamEvents, underParent } from 'dockercloud-rx/node';

const events$ = streamEvents({ auth: { user: 'me', apiKey: process.env.API_KEY! } }).pipe(share());

events$
  .pipe(ofType('container'), underParent('/api/app/v1/me/service/5bcf0d3c/'), stateTransitions())
  .subscribe(({ resource_uri, from, to }) => console.log(`${resource_uri}: ${from ?? 'new'} → ${to}`));

// Moved to lib/credentials: kept so that existing imports still resolve.
export { redactUrl } from '../credentials/redactUrl.js';

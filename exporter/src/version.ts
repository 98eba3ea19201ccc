// The exporter's version, from its package.json (one source of truth).
export const VERSION: string = require('../package.json').version;

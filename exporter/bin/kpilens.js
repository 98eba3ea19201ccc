#!/usr/bin/env node
// Runs the TypeScript sources directly (tsx), so `npx kpilens` works right after `npm ci`.
require('tsx/cjs/api').register();
require('../src/cli/main.ts');

#!/usr/bin/env node
// The package registry these machines reach serves the native binary packages for linux-x64 only, so npm
// leaves the other platforms' optional binaries (@swc/core-darwin-arm64, ...) out of package-lock.json, and
// `npm ci` then refuses the lock file as out of sync. This records each missing optional binary with the
// os/cpu/libc its name declares, so `npm ci` skips it as "not for this platform" on every machine.
// Run after any `npm install` that changes the lock file: `node scripts/lockfile-platforms.js`.
const fs = require('node:fs');
const path = require('node:path');

const file = path.join(__dirname, '..', 'package-lock.json');
const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
const OS = ['darwin', 'linux', 'win32', 'android', 'freebsd', 'openbsd', 'netbsd', 'sunos', 'aix', 'wasm32'];
const CPU = ['arm64', 'x64', 'ia32', 'arm', 'ppc64', 's390x', 'riscv64', 'loong64', 'mips64el'];

function platformOf(name) {
  const base = name.split('/').pop();
  const os = OS.find((o) => base.includes(`-${o}`));
  const cpu = CPU.find((c) => new RegExp(`-${c}(-|$)`).test(base));
  if (!os && !cpu) return null;
  const out = {};
  if (os && os !== 'wasm32') out.os = [os];
  if (cpu) out.cpu = [cpu];
  if (os === 'wasm32') out.cpu = ['wasm32'];
  if (/-musl/.test(base)) out.libc = ['musl'];
  else if (os === 'linux' && /-gnu/.test(base)) out.libc = ['glibc'];
  return out;
}

let added = 0;
for (const [key, entry] of Object.entries(lock.packages)) {
  for (const [dep, spec] of Object.entries(entry.optionalDependencies ?? {})) {
    const prefix = key === '' ? '' : `${key}/`;
    const nested = `${prefix}node_modules/${dep}`;
    const hoisted = `node_modules/${dep}`;
    if (lock.packages[nested] || lock.packages[hoisted]) continue;
    const platform = platformOf(dep);
    if (!platform) continue;
    lock.packages[hoisted] = {
      version: spec.replace(/^[\^~=]/, ''),
      dev: entry.dev,
      optional: true,
      ...platform,
    };
    if (!entry.dev) delete lock.packages[hoisted].dev;
    added++;
  }
}
const sorted = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : 1)),
);
lock.packages = sorted;
fs.writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
process.stdout.write(
  `lockfile-platforms: recorded ${added} optional binary package(s) for other platforms\n`,
);

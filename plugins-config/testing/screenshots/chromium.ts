import { existsSync } from 'fs';
import { delimiter, join } from 'path';

/**
 * Debian's `chromium`, driven by playwright-core (which brings no browser of its own: `npx playwright
 * install` would try to download one). The flags keep a headless run on a shared CI machine quiet and
 * offline.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const CHROMIUM_INSTALL = 'apt-get install -y chromium';

/** Absolute path of the chromium binary (KPILENS_CHROMIUM, else `chromium` on PATH); null when absent. */
export function findChromium(): string | null {
  const configured = process.env.KPILENS_CHROMIUM;
  if (configured) {
    return existsSync(configured) ? configured : null;
  }
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, 'chromium');
    if (dir && existsSync(candidate)) {
      return candidate;
    }
  }
  return null;
}

/**
 * `describe` when chromium is installed; otherwise a skipped suite whose name says what to install.
 * CI sets KPILENS_FAIL_ON_SKIP=1, which turns the skip into a failure (scripts/jest-summary-reporter.js).
 */
export function describeIfChromium(): jest.Describe {
  if (findChromium()) {
    return describe;
  }
  const message = `skipped: chromium is not installed (${CHROMIUM_INSTALL})`;
  process.stderr.write(`${message}\n`);
  return ((name: string, fn: () => void) =>
    describe.skip(`${name} [${message}]`, fn)) as unknown as jest.Describe;
}

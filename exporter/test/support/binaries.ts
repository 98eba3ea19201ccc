import { findBinary, postgresBinDirs } from '../../src/testing/binaries';

// Re-exported: tests and benchmarks find binaries one way.
export { findBinary, postgresBinDirs };

/**
 * `describe` when the binaries exist; otherwise a skipped suite that says what to install.
 * CI sets KPILENS_FAIL_ON_SKIP=1, which turns such a skip into a failure (see scripts/jest-summary-reporter.js).
 */
export function describeIfBinaries(binaries: Array<string | null>, install: string): jest.Describe {
  if (binaries.every((b) => b !== null)) return describe;
  const message = `skipped: missing binary; install ${install} (apt-get install -y ${install})`;
  process.stderr.write(`${message}\n`);
  return ((name: string, fn: () => void) =>
    describe.skip(`${name} [${message}]`, fn)) as unknown as jest.Describe;
}

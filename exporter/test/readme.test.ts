import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SETTINGS } from '../src/config';

// Keeps the README true: every setting the exporter reads is documented with its default.
describe('README', () => {
  const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');

  it.each(SETTINGS.map((s) => [s.env, s.default] as const))('documents %s with its default', (env, def) => {
    const row = readme.split('\n').find((l) => l.startsWith(`| \`${env}\` |`));
    expect(row).toBeDefined();
    expect(row).toContain(def === undefined ? '| — |' : `\`${def}\``);
  });

  it('gives the two quick-start commands', () => {
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toContain('npm ci && npm test');
  });
});

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../src/generate';
import { describeIfBinaries, PROMTOOL, promtool } from './support';

describeIfBinaries([PROMTOOL], 'prometheus')('Prometheus configuration of the stack', () => {
  it('passes promtool check config, with every rule file it loads', () => {
    const r = promtool(['check', 'config', join(ROOT, 'prometheus/prometheus.yml')]);
    expect(r).toMatchObject({ status: 0 });
    expect(r.out).toMatch(/SUCCESS: 3 rule files found/);
  });

  it('passes promtool check rules on every rule file', () => {
    const dir = join(ROOT, 'prometheus/rules');
    const files = readdirSync(dir).filter((f) => f.endsWith('.yml'));
    expect(files.sort()).toEqual(['alerts.yml', 'kpi-rules.yml', 'recording.yml']);
    const r = promtool(['check', 'rules', ...files.map((f) => join(dir, f))]);
    expect(r).toMatchObject({ status: 0 });
  });
});

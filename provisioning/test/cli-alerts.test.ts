import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, SAMPLE_RULE_FILE } from '../src/generate';
import { describeIfBinaries, PROMTOOL, promtool } from './support';

const KPILENS = join(ROOT, '../exporter/bin/kpilens.js');

function kpilens(args: string[]) {
  const r = spawnSync(process.execPath, [KPILENS, ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describeIfBinaries([PROMTOOL], 'prometheus')('kpilens alerts build', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kpilens-alerts-'));

  it('writes the Grafana provisioning and the Prometheus rules of a rule file; promtool accepts the rules', () => {
    const grafana = join(dir, 'out/grafana.yaml');
    const prometheus = join(dir, 'out/rules.yml');
    const r = kpilens([
      'alerts',
      'build',
      '--in',
      join(ROOT, SAMPLE_RULE_FILE),
      '--grafana',
      grafana,
      '--prometheus',
      prometheus,
    ]);
    expect(r).toMatchObject({ status: 0, stdout: `wrote ${grafana}\nwrote ${prometheus}\n` });
    expect(promtool(['check', 'rules', prometheus])).toMatchObject({ status: 0 });
    // the checked-in files of the sample are this command's output (only the source path differs)
    const strip = (t: string) => t.replace(/^# Generated from \S+/, '');
    expect(strip(readFileSync(grafana, 'utf8'))).toBe(
      strip(readFileSync(join(ROOT, 'grafana/alerting/kpi-rules.yaml'), 'utf8')),
    );
    expect(strip(readFileSync(prometheus, 'utf8'))).toBe(
      strip(readFileSync(join(ROOT, 'prometheus/rules/kpi-rules.yml'), 'utf8')),
    );
  });

  it('links the panels of the dashboards given with --dashboards (none in an empty folder)', () => {
    const grafana = join(dir, 'unlinked/grafana.yaml');
    mkdirSync(join(dir, 'no-dashboards'));
    const r = kpilens([
      'alerts',
      'build',
      '--in',
      join(ROOT, SAMPLE_RULE_FILE),
      '--grafana',
      grafana,
      '--dashboards',
      join(dir, 'no-dashboards'),
    ]);
    expect(r).toMatchObject({ status: 0 });
    const text = readFileSync(grafana, 'utf8');
    expect(text).toContain('runbook_url');
    expect(text).not.toContain('__dashboardUid__');
  });

  it('rejects a bad rule file with each field path and what was expected, writing nothing', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify([
        {
          id: 'x',
          modelName: 'marketing',
          metricName: 'ctr',
          threshold: 'high',
          comparison: 'above',
          severity: 'warning',
          message: 'm',
          metadata: { timeWindow: '1h', aggregation: 'avg', debounceMinutes: 5 },
        },
      ]),
    );
    const r = kpilens(['alerts', 'build', '--in', bad, '--prometheus', join(dir, 'never.yml')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('invalid alert rule file');
    expect(r.stderr).toContain('/0/threshold: Expected number');
    expect(r.stderr).toContain('/0/comparison: expected one of "gt", "gte", "lt", "lte", "eq", "ne"');
    expect(() => readFileSync(join(dir, 'never.yml'))).toThrow();
    expect(kpilens(['alerts', 'build', '--in', join(dir, 'missing.json'), '--grafana', 'x']).stderr).toMatch(
      /--in: cannot read/,
    );
  });
});

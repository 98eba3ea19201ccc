import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../config';
import { loadModelCatalog } from './catalog';
import { BUILT_IN_MODELS } from './definitions';
import { loadModelConfigs, modelConfigProblems } from './model-config';

const engagement = {
  name: 'engagement',
  description: 'Active users and stickiness',
  kpis: [
    { metric: 'daily_active_users', description: 'Users active in the day', goodDirection: 'up' },
    { metric: 'monthly_active_users', description: 'Users active in the last 30 days', goodDirection: 'up' },
    {
      metric: 'stickiness',
      description: 'Daily over monthly active users',
      unit: '%',
      goodDirection: 'up',
      derived: { numerator: 'daily_active_users', denominator: 'monthly_active_users', scale: 100 },
      target: { value: 20, horizonDays: 30 },
    },
  ],
};

function dirWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kpilens-models-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('KPI model files', () => {
  it('accepts the built-in models and a model with derived KPIs and a target', () => {
    for (const m of BUILT_IN_MODELS) expect(modelConfigProblems(m)).toEqual([]);
    expect(modelConfigProblems(engagement)).toEqual([]);
  });

  it('names the field path of each problem', () => {
    const bad = {
      ...engagement,
      kpis: [
        { metric: 'Bad Name', description: 'x' },
        { metric: 'ok', description: 'x', goodDirection: 'sideways' },
        { metric: 'ok2', description: 'x', extra: 1 },
      ],
    };
    const problems = modelConfigProblems(bad);
    expect(problems.some((p) => p.startsWith('/kpis/0/metric: '))).toBe(true);
    expect(problems.some((p) => p.startsWith('/kpis/1/goodDirection: '))).toBe(true);
    expect(problems.some((p) => p.startsWith('/kpis/2/extra: '))).toBe(true);
    expect(modelConfigProblems({ name: 'x', description: 'y', kpis: [] })[0]).toMatch(/^\/kpis: /);
  });

  it('checks what the schema cannot: duplicate metrics, a target without a good direction', () => {
    const kpis = [
      { metric: 'a', description: 'x', target: { value: 1 } },
      { metric: 'a', description: 'y' },
      { metric: 'r', description: 'z', derived: { numerator: 'r', denominator: 'a' } },
    ];
    expect(modelConfigProblems({ name: 'x', description: 'y', kpis })).toEqual([
      '/kpis/0/target: a target needs goodDirection ("up": stay at least at the target, "down": at most)',
      '/kpis/1/metric: "a" is already declared at /kpis/0',
      '/kpis/2/derived: a derived KPI cannot be computed from itself',
    ]);
  });

  it('loads every JSON file of the directory and adds them to the built-in models', () => {
    const dir = dirWith({
      'engagement.json': JSON.stringify(engagement),
      'notes.txt': 'not a model',
      'marketing.json': JSON.stringify({ ...BUILT_IN_MODELS[0], description: 'ours' }),
    });
    expect(loadModelConfigs(dir).map((m) => m.name)).toEqual(['engagement', 'marketing']);
    const catalog = loadModelCatalog(dir);
    expect(catalog.names()).toEqual(['marketing', 'onboarding', 'revenue', 'engagement']);
    // A file named like a built-in model replaces it.
    expect(catalog.get('marketing')).toMatchObject({ description: 'ours', origin: 'config' });
    expect(catalog.get('revenue')!.origin).toBe('built_in');
  });

  it('refuses a bad file with its name and the field path', () => {
    const bad = dirWith({ 'a.json': JSON.stringify({ ...engagement, kpis: [{ metric: 'x' }] }) });
    expect(() => loadModelConfigs(bad)).toThrow(ConfigError);
    expect(() => loadModelConfigs(bad)).toThrow(
      /KPILENS_MODELS_DIR: .*a\.json: invalid KPI model:\n {2}\/kpis\/0\/description: /,
    );
    expect(() => loadModelConfigs(dirWith({ 'b.json': '{"name": ' }))).toThrow(/b\.json: not valid JSON/);
    const twice = dirWith({ 'a.json': JSON.stringify(engagement), 'b.json': JSON.stringify(engagement) });
    expect(() => loadModelConfigs(twice)).toThrow(
      /b\.json: \/name: model "engagement" is also defined by .*a\.json/,
    );
    expect(() => loadModelConfigs(join(bad, 'missing'))).toThrow(/KPILENS_MODELS_DIR: cannot read directory/);
  });
});

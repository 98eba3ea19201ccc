// The docker-compose stack cannot run here (no Docker engine): every file it mounts, every variable it
// reads and the exporter image are checked instead.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { parse } from 'yaml';
import { UNSIGNED_PLUGIN_IDS } from '../src/datasources';
import { ROOT } from '../src/generate';

const REPO = join(ROOT, '..');
const read = (p: string) => readFileSync(join(REPO, p), 'utf8');

interface Service {
  image?: string;
  build?: { context: string; dockerfile: string };
  restart?: string;
  profiles?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  healthcheck?: { test: string[] };
  command?: string[];
  depends_on?: Record<string, { condition: string }> | string[];
}

const compose = parse(read('docker-compose.yml')) as { services: Record<string, Service>; volumes: object };
const services = compose.services;
const envExample = read('.env.example');
const documented = new Set([...envExample.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]));

/** Every ${VAR} a text reads (compose and Grafana provisioning syntax, defaults and messages stripped). */
function variables(text: string): Set<string> {
  return new Set([...text.matchAll(/\$\{([A-Z][A-Z0-9_]*)(?:[:?-][^}]*)?\}/g)].map((m) => m[1]));
}

const plugins = ['datasource-plugin', 'panel-plugin', 'app-plugin'].map((dir) => ({
  dir,
  json: JSON.parse(read(`${dir}/src/plugin.json`)) as {
    id: string;
    type: string;
    dependencies: { grafanaDependency: string };
  },
}));

describe('docker-compose.yml', () => {
  it('has the whole stack, each long-running service with a pinned image, a health check and a restart policy', () => {
    expect(Object.keys(services).sort()).toEqual([
      'demo-feeder',
      'exporter',
      'grafana',
      'postgres',
      'prometheus',
    ]);
    for (const [name, s] of Object.entries(services)) {
      expect({ name, image: s.image }).toEqual({
        name,
        image: expect.stringMatching(/:v?\d+\.\d+(\.\d+)?[\w.-]*$/),
      });
      expect(s.image).not.toMatch(/:latest$/);
      expect({ name, restart: s.restart }).toEqual({
        name,
        restart: expect.stringMatching(/unless-stopped|always|on-failure/),
      });
      if (name !== 'demo-feeder')
        expect({ name, healthcheck: s.healthcheck?.test.length }).toEqual({
          name,
          healthcheck: expect.any(Number),
        });
    }
    expect(services['demo-feeder'].profiles).toEqual(['demo']);
    expect(services['demo-feeder'].command?.[0]).toBe('demo');
    expect(services.exporter.build).toEqual({ context: '.', dockerfile: 'exporter/Dockerfile' });
    expect(services.exporter.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
    expect(services.postgres.volumes).toEqual(['postgres-data:/var/lib/postgresql/data']);
    expect(Object.keys(compose.volumes)).toContain('postgres-data');
  });

  it('runs a Grafana version that satisfies every plugin grafanaDependency', () => {
    const version = /^grafana\/grafana:(\d+\.\d+\.\d+)$/.exec(services.grafana.image!)?.[1];
    expect(version).toBeDefined();
    for (const p of plugins)
      expect({
        id: p.json.id,
        ok: semver.satisfies(version!, p.json.dependencies.grafanaDependency),
      }).toEqual({
        id: p.json.id,
        ok: true,
      });
  });

  it('mounts each plugin from its dist/ under its id, and allows exactly these ids unsigned', () => {
    const mounts = services.grafana.volumes!.filter((v) => v.includes('/var/lib/grafana/plugins/'));
    expect(mounts.sort()).toEqual(
      plugins.map((p) => `./${p.dir}/dist:/var/lib/grafana/plugins/${p.json.id}:ro`).sort(),
    );
    const allowed = services.grafana.environment!.GF_PLUGINS_ALLOW_LOADING_UNSIGNED_PLUGINS.split(',');
    expect(allowed.sort()).toEqual([...UNSIGNED_PLUGIN_IDS].sort());
    expect(plugins.map((p) => p.json.id).sort()).toEqual([...UNSIGNED_PLUGIN_IDS].sort());
  });

  it('mounts only files and folders that exist (plugin dist/ once built)', () => {
    for (const [name, s] of Object.entries(services))
      for (const v of s.volumes ?? []) {
        const [source] = v.split(':');
        if (!source.startsWith('./')) continue; // named volume
        const path = join(REPO, source);
        // the plugins' dist/ is built by `npm run build:plugins` (npm test builds it before jest)
        const check = source.endsWith('/dist') ? join(path, '..', 'src', 'plugin.json') : path;
        expect({ name, source, exists: existsSync(check) }).toEqual({ name, source, exists: true });
      }
  });

  it('documents in .env.example every variable the stack reads, and nothing else', () => {
    const used = variables(read('docker-compose.yml').replace(/^\s*#.*$/gm, ''));
    expect([...used].filter((v) => !documented.has(v))).toEqual([]);
    // and every variable the Grafana provisioning files read is set in the grafana service
    const provisioning = ['datasources', 'alerting', 'dashboards', 'plugins'].flatMap((d) =>
      readdirSync(join(ROOT, 'grafana', d)).map((f) => read(`provisioning/grafana/${d}/${f}`)),
    );
    const grafanaEnv = services.grafana.environment!;
    for (const text of provisioning)
      for (const v of variables(text)) expect({ v, set: v in grafanaEnv }).toEqual({ v, set: true });
    expect([...documented].filter((v) => !used.has(v))).toEqual([]);
    // each variable has a comment above it
    for (const v of documented)
      expect(envExample).toMatch(new RegExp(`#[^\\n]*\\n(?:#[^\\n]*\\n|[A-Z_]+=[^\\n]*\\n)*${v}=`));
  });

  it('mounts the Prometheus configuration and rules, and Grafana provisioning, dashboards and runbooks', () => {
    expect(services.prometheus.volumes).toEqual(
      expect.arrayContaining([
        './provisioning/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro',
        './provisioning/prometheus/rules:/etc/prometheus/rules:ro',
      ]),
    );
    const prom = parse(read('provisioning/prometheus/prometheus.yml')) as {
      rule_files: string[];
      scrape_configs: Array<{ job_name: string; static_configs: Array<{ targets: string[] }> }>;
    };
    expect(prom.rule_files).toEqual(['rules/*.yml']);
    expect(prom.scrape_configs.find((c) => c.job_name === 'kpilens')?.static_configs[0].targets).toEqual([
      'exporter:9470',
    ]);
    expect(services.grafana.volumes).toEqual(
      expect.arrayContaining([
        './provisioning/grafana/datasources:/etc/grafana/provisioning/datasources:ro',
        './provisioning/grafana/dashboards:/etc/grafana/provisioning/dashboards:ro',
        './provisioning/grafana/plugins:/etc/grafana/provisioning/plugins:ro',
        './provisioning/grafana/alerting:/etc/grafana/provisioning/alerting:ro',
        './provisioning/dashboards:/var/lib/grafana/dashboards/kpilens:ro',
        './docs/runbooks:/usr/share/grafana/public/kpilens-runbooks:ro',
      ]),
    );
    expect(services.grafana.environment!.KPILENS_EXPORTER_URL).toBe('http://exporter:9470');
    expect(services.grafana.environment!.KPILENS_PROMETHEUS_URL).toBe('http://prometheus:9090');
  });
});

describe('exporter/Dockerfile', () => {
  const dockerfile = read('exporter/Dockerfile');
  const workspaces = (JSON.parse(read('package.json')) as { workspaces: string[] }).workspaces;

  it('builds on a pinned Node 20 image and installs from the lockfile without the CUDA download', () => {
    expect(dockerfile).toMatch(/^FROM node:20\.\d+\.\d+-bookworm-slim$/m);
    expect(dockerfile).toMatch(/ONNXRUNTIME_NODE_INSTALL=skip/);
    expect(dockerfile).toMatch(/RUN npm ci --omit=dev .*--workspace @kpilens\/exporter/);
    // npm ci checks the lockfile against every workspace's package.json
    for (const w of workspaces) expect(dockerfile).toContain(`COPY ${w}/package.json ${w}/`);
    for (const copied of ['contract/', 'exporter/', 'models/', 'provisioning/src/'])
      expect(dockerfile).toContain(`COPY ${copied} ${copied}`);
  });

  it('runs as a non-root user, checks /ready, and starts the kpilens CLI', () => {
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK .*\n.*\/ready/m);
    expect(dockerfile).toMatch(/^ENTRYPOINT \["node", "exporter\/bin\/kpilens\.js"\]$/m);
    expect(dockerfile).toMatch(/^CMD \["serve"\]$/m);
    expect(dockerfile).toMatch(/^EXPOSE 9470$/m);
    expect(existsSync(join(REPO, 'exporter/bin/kpilens.js'))).toBe(true);
    // the build context leaves out local installs and builds
    expect(read('.dockerignore')).toMatch(/^\*\*\/node_modules$/m);
  });
});

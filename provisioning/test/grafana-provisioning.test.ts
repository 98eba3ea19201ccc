// Grafana's provisioning files, checked against the structure Grafana documents for each kind
// (administration/provisioning and alerting/set-up/provision-alerting-resources/file-provisioning),
// and the dashboards against what is provisioned: datasource uids, panel types, query types.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Type, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { QueryTypes } from '@kpilens/contract';
import { parse } from 'yaml';
import { SEVERITIES } from '../src/alerts/definition';
import { INSIGHTS_PANEL_TYPE, KPILENS_DS_TYPE } from '../src/datasources';
import { dashboards, ROOT } from '../src/generate';

const REPO = join(ROOT, '..');
const load = (path: string) => parse(readFileSync(join(ROOT, path), 'utf8')) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const Str = Type.String({ minLength: 1 });
const Closed = <T extends Parameters<typeof Type.Object>[0]>(p: T) =>
  Type.Object(p, { additionalProperties: false });

function problems(schema: TSchema, value: unknown): string[] {
  return [...Value.Errors(schema, value)].map((e) => `${e.path}: ${e.message}`);
}

const DatasourcesFile = Closed({
  apiVersion: Type.Literal(1),
  datasources: Type.Array(
    Closed({
      name: Str,
      type: Str,
      uid: Str,
      access: Type.Union([Type.Literal('proxy'), Type.Literal('direct')]),
      orgId: Type.Optional(Type.Integer()),
      url: Type.Optional(Str),
      isDefault: Type.Optional(Type.Boolean()),
      editable: Type.Optional(Type.Boolean()),
      version: Type.Optional(Type.Integer()),
      jsonData: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
      secureJsonData: Type.Optional(Type.Record(Type.String(), Type.String())),
    }),
  ),
});

const DashboardProvidersFile = Closed({
  apiVersion: Type.Literal(1),
  providers: Type.Array(
    Closed({
      name: Str,
      orgId: Type.Optional(Type.Integer()),
      folder: Type.Optional(Type.String()),
      folderUid: Type.Optional(Type.String()),
      type: Type.Literal('file'),
      disableDeletion: Type.Optional(Type.Boolean()),
      updateIntervalSeconds: Type.Optional(Type.Integer()),
      allowUiUpdates: Type.Optional(Type.Boolean()),
      options: Closed({ path: Str, foldersFromFilesStructure: Type.Optional(Type.Boolean()) }),
    }),
  ),
});

const AppsFile = Closed({
  apiVersion: Type.Literal(1),
  apps: Type.Array(
    Closed({
      type: Str,
      org_id: Type.Optional(Type.Integer()),
      org_name: Type.Optional(Type.String()),
      disabled: Type.Optional(Type.Boolean()),
      jsonData: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
      secureJsonData: Type.Optional(Type.Record(Type.String(), Type.String())),
    }),
  ),
});

const Duration = Type.String({ pattern: '^([0-9]+(ms|s|m|h|d|w))+$' });
const AlertRulesFile = Closed({
  apiVersion: Type.Literal(1),
  groups: Type.Array(
    Closed({
      orgId: Type.Integer(),
      name: Str,
      folder: Str,
      interval: Duration,
      rules: Type.Array(
        Closed({
          uid: Type.String({ pattern: '^[a-zA-Z0-9_-]{1,40}$' }),
          title: Str,
          condition: Str,
          data: Type.Array(
            Closed({
              refId: Str,
              relativeTimeRange: Type.Optional(Closed({ from: Type.Integer(), to: Type.Integer() })),
              datasourceUid: Str,
              model: Type.Record(Type.String(), Type.Unknown()),
            }),
            { minItems: 1 },
          ),
          noDataState: Type.Union(['OK', 'NoData', 'Alerting', 'KeepLast'].map((s) => Type.Literal(s))),
          execErrState: Type.Union(['OK', 'Error', 'Alerting', 'KeepLast'].map((s) => Type.Literal(s))),
          for: Duration,
          annotations: Type.Record(Type.String(), Type.String()),
          labels: Type.Record(Type.String(), Type.String()),
          isPaused: Type.Boolean(),
        }),
      ),
    }),
  ),
});

const ContactPointsFile = Closed({
  apiVersion: Type.Literal(1),
  contactPoints: Type.Array(
    Closed({
      orgId: Type.Integer(),
      name: Str,
      receivers: Type.Array(
        Closed({
          uid: Str,
          type: Type.Union(
            ['email', 'slack', 'webhook', 'pagerduty', 'opsgenie', 'teams'].map((t) => Type.Literal(t)),
          ),
          settings: Type.Record(Type.String(), Type.Unknown()),
          disableResolveMessage: Type.Optional(Type.Boolean()),
        }),
        { minItems: 1 },
      ),
    }),
  ),
});

const Route = Type.Object({
  receiver: Str,
  object_matchers: Type.Optional(
    Type.Array(
      Type.Tuple([Str, Type.Union(['=', '!=', '=~', '!~'].map((o) => Type.Literal(o))), Type.String()]),
    ),
  ),
  group_by: Type.Optional(Type.Array(Str)),
  group_wait: Type.Optional(Duration),
  group_interval: Type.Optional(Duration),
  repeat_interval: Type.Optional(Duration),
});
const PoliciesFile = Closed({
  apiVersion: Type.Literal(1),
  policies: Type.Array(
    Type.Intersect([Route, Type.Object({ orgId: Type.Integer(), routes: Type.Array(Route) })]),
  ),
});

const FILES: Array<[string, TSchema]> = [
  ['grafana/datasources/kpilens.yaml', DatasourcesFile],
  ['grafana/dashboards/kpilens.yaml', DashboardProvidersFile],
  ['grafana/plugins/kpilens.yaml', AppsFile],
  ['grafana/alerting/rules.yaml', AlertRulesFile],
  ['grafana/alerting/kpi-rules.yaml', AlertRulesFile],
  ['grafana/alerting/contact-points.yaml', ContactPointsFile],
  ['grafana/alerting/policies.yaml', PoliciesFile],
];

const pluginIds = Object.fromEntries(
  ['datasource-plugin', 'panel-plugin', 'app-plugin'].map((d) => {
    const p = JSON.parse(readFileSync(join(REPO, d, 'src/plugin.json'), 'utf8')) as {
      id: string;
      type: string;
    };
    return [p.type, p.id];
  }),
);
const CORE_PANELS = ['timeseries', 'stat', 'bargauge', 'piechart', 'table', 'text', 'gauge', 'row'];
const datasources = load('grafana/datasources/kpilens.yaml').datasources as Array<{
  uid: string;
  type: string;
}>;
const boards = dashboards();

describe('Grafana provisioning files', () => {
  it.each(FILES)('%s has the documented structure', (path, schema) => {
    expect(problems(schema, load(path))).toEqual([]);
  });

  it('provisions Prometheus and the KPI Lens datasource, its key in secureJsonData only', () => {
    expect(datasources.map((d) => d.type).sort()).toEqual([pluginIds.datasource, 'prometheus'].sort());
    const kpilens = load('grafana/datasources/kpilens.yaml').datasources.find(
      (d: { type: string }) => d.type === KPILENS_DS_TYPE,
    );
    expect(kpilens.jsonData).toEqual({ url: '${KPILENS_EXPORTER_URL}' });
    expect(kpilens.secureJsonData).toEqual({ apiKey: '${KPILENS_GRAFANA_API_KEY}' });
    // the names the plugin.json route reads
    const route = JSON.parse(readFileSync(join(REPO, 'datasource-plugin/src/plugin.json'), 'utf8')).routes[0];
    expect(route.url).toBe('{{ .JsonData.url }}');
    expect(JSON.stringify(route.headers)).toContain('.SecureJsonData.apiKey');
  });

  it('enables the app plugin and loads the dashboards from where compose mounts them', () => {
    expect(load('grafana/plugins/kpilens.yaml').apps.map((a: { type: string }) => a.type)).toEqual([
      pluginIds.app,
    ]);
    expect(load('grafana/dashboards/kpilens.yaml').providers[0].options.path).toBe(
      '/var/lib/grafana/dashboards/kpilens',
    );
  });

  it('alert rules query provisioned datasources, link to existing dashboards, panels and runbooks', () => {
    const uids = new Set(datasources.map((d) => d.uid));
    for (const path of ['grafana/alerting/rules.yaml', 'grafana/alerting/kpi-rules.yaml'])
      for (const g of load(path).groups)
        for (const r of g.rules) {
          const where = `${path} ${r.uid}`;
          expect({
            where,
            condition: r.data.some((d: { refId: string }) => d.refId === r.condition),
          }).toEqual({ where, condition: true });
          for (const d of r.data)
            expect({ where, ds: d.datasourceUid === '__expr__' || uids.has(d.datasourceUid) }).toEqual({
              where,
              ds: true,
            });
          expect(SEVERITIES).toContain(r.labels.severity);
          expect(r.labels.team).toMatch(/^[a-z-]+$/);
          // the description carries the compared value, the summary what fired
          expect(r.annotations.description).toContain('{{ printf "%.2f" .Values.A.Value }}');
          expect(r.annotations.summary).toMatch(
            /\{\{ (printf "%\.2f" \.Values\.A\.Value|\.Labels\.\w+) \}\}/,
          );
          const runbook = r.annotations.runbook_url.replace('${KPILENS_RUNBOOK_BASE_URL}/', '');
          expect({ where, runbook: existsSync(join(REPO, 'docs/runbooks', runbook)) }).toEqual({
            where,
            runbook: true,
          });
          // every rule links the panel to look at (the sample rule file uses built-in models only)
          const board = boards.find((b) => b.uid === r.annotations.__dashboardUid__);
          expect({
            where,
            panel: board?.panels.some((p) => String(p.id) === r.annotations.__panelId__),
          }).toEqual({ where, panel: true });
          // no `$` besides the runbook variable: provisioning files go through environment expansion
          expect(JSON.stringify({ ...r.annotations, runbook_url: '' })).not.toContain('$');
        }
  });

  it('routes every severity to a provisioned contact point', () => {
    const receivers = load('grafana/alerting/contact-points.yaml').contactPoints.map(
      (c: { name: string }) => c.name,
    );
    const [root] = load('grafana/alerting/policies.yaml').policies;
    expect(receivers).toContain(root.receiver);
    for (const severity of SEVERITIES) {
      const route = root.routes.find((r: { object_matchers: string[][] }) =>
        r.object_matchers.some(([k, op, v]) => k === 'severity' && op === '=' && v === severity),
      );
      expect(receivers).toContain(route?.receiver);
    }
    const types = load('grafana/alerting/contact-points.yaml').contactPoints.flatMap(
      (c: { receivers: Array<{ type: string }> }) => c.receivers.map((r) => r.type),
    );
    expect(new Set(types)).toEqual(new Set(['email', 'slack', 'webhook']));
  });
});

describe('dashboards', () => {
  it('use only provisioned datasources, core panel types or the KPI Lens panel, and valid query types', () => {
    const byUid = new Map(datasources.map((d) => [d.uid, d.type]));
    for (const b of boards) {
      for (const p of b.panels) {
        const where = `${b.uid} / ${p.title}`;
        expect({ where, type: CORE_PANELS.includes(p.type) || p.type === pluginIds.panel }).toEqual({
          where,
          type: true,
        });
        if (p.type === 'row') continue;
        expect({ where, ds: byUid.get(p.datasource!.uid) }).toEqual({ where, ds: p.datasource!.type });
        for (const t of p.targets as Array<{
          datasource: { uid: string; type: string };
          queryType?: string;
        }>) {
          expect({ where, ds: byUid.get(t.datasource.uid) }).toEqual({ where, ds: t.datasource.type });
          if (t.datasource.type === KPILENS_DS_TYPE) expect(QueryTypes).toContain(t.queryType);
        }
        if (p.type === INSIGHTS_PANEL_TYPE)
          expect(['insights', 'risk', 'recommendations', 'briefing']).toContain(
            (p.options as { mode: string }).mode,
          );
      }
      for (const a of (b.annotations as { list?: Array<{ datasource: { uid: string; type: string } }> })
        .list ?? [])
        expect(
          byUid.get(a.datasource.uid) ?? (a.datasource.uid === '-- Grafana --' ? 'grafana' : undefined),
        ).toBe(a.datasource.type);
    }
  });

  it('are the six dashboards of the issue, each tagged, with unique panel ids and the grid respected', () => {
    expect(boards.map((b) => b.uid)).toEqual([
      'kpilens-executive',
      'kpilens-marketing',
      'kpilens-onboarding',
      'kpilens-revenue',
      'kpilens-payment-risk',
      'kpilens-exporter-health',
    ]);
    for (const b of boards) {
      expect(b.tags).toContain('kpilens');
      const ids = b.panels.map((p) => p.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const p of b.panels) {
        const g = p.gridPos as { x: number; w: number };
        expect(g.x + g.w).toBeLessThanOrEqual(24);
      }
    }
    // the wall screen is read-only
    expect(boards[0].editable).toBe(false);
  });
});

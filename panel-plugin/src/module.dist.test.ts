import fs from 'fs';
import path from 'path';
import React from 'react';
import { render, screen, within } from '@testing-library/react';
import { OrgRole, PanelOptionsEditorBuilder, PanelPlugin, standardEditorsRegistry } from '@grafana/data';
import { config } from '@grafana/runtime';
import type { Briefing, InsightList, RecommendationList, RiskScoreList } from '@kpilens/contract';
import {
  ensurePluginBuilt,
  loadBuiltPlugin,
  pluginJsonErrors,
  registerStandardOptionEditors,
  startDemoExporter,
  type DemoExporter,
} from '../../plugins-config/testing';
import { localeErrors, sourceTranslations } from '../../plugins-config/testing/translations';
import { panelProps } from './test-utils/panel-props';
import { insightsFrame, riskFrame } from './test-utils/frames';
import { kpiDataSource } from './test-utils/kpi-datasource';
import type { InsightsPanelOptions } from './types';

// The production bundle, loaded the way Grafana loads it (AMD define with Grafana's shared modules), showing
// what a real exporter (the demo organization of `kpilens demo`) answers.
const pluginDir = path.resolve(__dirname, '..');
let loaded: ReturnType<typeof loadBuiltPlugin>;
let exporter: DemoExporter;
let insights: InsightList;
let scores: RiskScoreList;

beforeAll(async () => {
  ensurePluginBuilt(pluginDir);
  loaded = loadBuiltPlugin(path.join(pluginDir, 'dist'), { requireShared: require });
  exporter = await startDemoExporter();
  insights = await exporter.api<InsightList>('GET', '/insights?limit=100');
  scores = await exporter.api<RiskScoreList>('GET', '/risk/scores?limit=100');
}, 600_000);

afterAll(async () => {
  await exporter?.stop();
});

const Panel = () => (loaded.plugin as PanelPlugin<InsightsPanelOptions>).panel!;

describe('built panel plugin', () => {
  it('exports a PanelPlugin of the same @grafana/data Grafana hands in', () => {
    expect(loaded.plugin).toBeInstanceOf(PanelPlugin);
  });

  it('ships a valid plugin.json in English and French, with every string translated', () => {
    const source = JSON.parse(fs.readFileSync(path.join(pluginDir, 'src', 'plugin.json'), 'utf8'));
    expect(pluginJsonErrors(source)).toEqual([]);
    expect(pluginJsonErrors(loaded.pluginJson)).toEqual([]);
    expect(loaded.pluginJson).toMatchObject({
      id: 'kpilens-insights-panel',
      type: 'panel',
      buildMode: 'production',
      languages: ['en-US', 'fr-FR'],
    });
    const keys = sourceTranslations(path.join(pluginDir, 'src'));
    for (const language of ['en-US', 'fr-FR']) {
      const file = path.join(pluginDir, 'dist', 'locales', language, 'kpilens-insights-panel.json');
      expect(localeErrors(keys, JSON.parse(fs.readFileSync(file, 'utf8')))).toEqual([]);
    }
  });

  it('declares its options with their defaults for the panel editor, each mode its own', () => {
    registerStandardOptionEditors(standardEditorsRegistry);
    const plugin = loaded.plugin as PanelPlugin<InsightsPanelOptions>;
    const builder = new PanelOptionsEditorBuilder<InsightsPanelOptions>();
    plugin.getPanelOptionsSupplier()(builder, { data: [] });
    const items = builder.getItems();
    expect(items.map((item) => item.path)).toEqual([
      'mode',
      'insights.severities',
      'insights.includeResolved',
      'insights.sortBy',
      'insights.limit',
      'risk.levels',
      'risk.sortBy',
      'risk.limit',
      'risk.showSearch',
      'recommendations.statuses',
      'recommendations.showFindings',
      'briefing.showKeyNumbers',
    ]);
    const riskSort = items.find((i) => i.path === 'risk.sortBy')!;
    expect(riskSort.defaultValue).toBe('risk');
    expect(riskSort.showIf?.({ mode: 'risk' } as InsightsPanelOptions, [])).toBe(true);
    expect(riskSort.showIf?.({ mode: 'insights' } as InsightsPanelOptions, [])).toBe(false);
  });

  it('shows the exporter insights in the feed, the most severe first', () => {
    expect(insights.insights.length).toBeGreaterThan(0);
    render(
      React.createElement(
        Panel(),
        panelProps(
          [insightsFrame(insights.insights)],
          { mode: 'insights', insights: { limit: 100, includeResolved: true } },
          { datasourceUid: 'kpi' },
        ),
      ),
    );

    const items = within(screen.getByRole('list', { name: 'Insights' })).getAllByRole('listitem');
    expect(items).toHaveLength(insights.insights.length);
    const rank = { critical: 0, warning: 1, info: 2 } as const;
    const best = Math.min(...insights.insights.map((i) => rank[i.severity]));
    const first = insights.insights.filter((i) => rank[i.severity] === best);
    expect(first.map((i) => i.title)).toContain(within(items[0]).getByRole('link').textContent);
  });

  it('shows the exporter risk scores on the board, riskiest first, with links to the app', () => {
    expect(scores.scores.length).toBeGreaterThan(0);
    render(
      React.createElement(
        Panel(),
        panelProps([riskFrame(scores.scores)], { mode: 'risk', risk: { limit: 5 } }),
      ),
    );

    const rows = within(screen.getByRole('table', { name: 'Accounts by payment risk' }))
      .getAllByRole('row')
      .slice(1);
    expect(rows).toHaveLength(Math.min(5, scores.scores.length));
    const riskiest = scores.scores[0];
    expect(within(rows[0]).getByRole('link')).toHaveAttribute(
      'href',
      `/a/kpilens-app/risk?account=${encodeURIComponent(riskiest.accountId)}`,
    );
    expect(rows[0]).toHaveTextContent(`${Math.round(riskiest.probability! * 100)}%`);
  });

  it("shows the exporter's recommendations through the data source, actionable for editors only", async () => {
    const { frames } = kpiDataSource(exporter.url, exporter.key);
    const stored = await exporter.api<RecommendationList>('GET', '/recommendations?status=pending');
    expect(stored.total).toBeGreaterThan(0);
    const series = await frames([
      { refId: 'R', queryType: 'recommendations', recommendationStatus: 'pending' },
    ]);

    config.bootData.user.orgRole = OrgRole.Viewer;
    const { unmount } = render(
      React.createElement(Panel(), panelProps(series, { mode: 'recommendations' }, { datasourceUid: 'kpl' })),
    );
    const list = screen.getByRole('list', { name: 'Recommendations' });
    for (const rec of stored.recommendations) {
      expect(within(list).getByRole('listitem', { name: rec.action })).toHaveTextContent(rec.rationale);
    }
    expect(screen.getByText('You can read these recommendations')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Accept' })).toBeNull();
    expect(screen.queryByRole('checkbox')).toBeNull();
    unmount();

    config.bootData.user.orgRole = OrgRole.Editor;
    render(
      React.createElement(Panel(), panelProps(series, { mode: 'recommendations' }, { datasourceUid: 'kpl' })),
    );
    expect(screen.getAllByRole('button', { name: 'Accept' })).toHaveLength(stored.recommendations.length);
  });

  it("shows the exporter's weekly briefing through the data source", async () => {
    const { frames } = kpiDataSource(exporter.url, exporter.key);
    const briefing = await exporter.api<Briefing>('GET', '/briefing');
    const series = await frames([{ refId: 'B', queryType: 'briefing' }]);
    render(React.createElement(Panel(), panelProps(series, { mode: 'briefing' })));

    const last = new Date(Date.parse(briefing.weekEnd) - 86_400_000).toISOString().slice(0, 10);
    expect(
      screen.getByRole('heading', { name: `Week of ${briefing.weekStart.slice(0, 10)} to ${last}` }),
    ).toBeInTheDocument();
    const numbers = screen.getByLabelText('Key numbers');
    for (const k of briefing.keyNumbers) {
      expect(within(numbers).getByText(k.label)).toBeInTheDocument();
    }
    for (const risk of briefing.risks) {
      expect(screen.getAllByText(risk).length).toBeGreaterThan(0);
    }
  });
});

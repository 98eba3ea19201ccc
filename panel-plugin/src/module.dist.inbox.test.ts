import path from 'path';
import React from 'react';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { OrgRole, type DataFrame, type PanelPlugin } from '@grafana/data';
import { config } from '@grafana/runtime';
import type { Recommendation, RecommendationList } from '@kpilens/contract';
import {
  callExporter,
  ensurePluginBuilt,
  loadBuiltPlugin,
  startRealExporter,
  type RealExporter,
} from '../../plugins-config/testing';
import { hourlyHistory } from '../../datasource-plugin/src/testing/kpi-data';
import { kpiDataSource } from './test-utils/kpi-datasource';
import { panelProps } from './test-utils/panel-props';
import type { InsightsPanelOptions } from './types';

// The inbox of the production bundle acting on a real exporter over a real database, through the KPI Lens
// data source's own production bundle and a stand-in of Grafana's data source proxy: each click must change
// what the exporter stores, a refusal must put the card back, and a Viewer must not be able to act.
const pluginDir = path.resolve(__dirname, '..');
const NOW = Date.now();
const PLATFORMS = ['instagram', 'tiktok', 'youtube', 'linkedin'];

let loaded: ReturnType<typeof loadBuiltPlugin>;
let exporter: RealExporter;
let initial: Recommendation[];
/** The pending recommendations as the data source answered before any action. */
let pendingBefore: DataFrame[];

const Panel = () => (loaded.plugin as PanelPlugin<InsightsPanelOptions>).panel!;
const stored = async (id: number) =>
  (
    await callExporter<RecommendationList>(
      exporter,
      exporter.keys.grafana,
      'GET',
      '/api/v1/recommendations?limit=500',
    )
  ).recommendations.find((r) => r.id === id)!;

function renderInbox(series: DataFrame[]) {
  return render(
    React.createElement(Panel(), panelProps(series, { mode: 'recommendations' }, { datasourceUid: 'kpl' })),
  );
}

/** The inbox's cards (its own list items, not the findings listed inside them). */
function cards(): HTMLElement[] {
  const list = screen.getByRole('list', { name: 'Recommendations' });
  return within(list)
    .getAllByRole('listitem')
    .filter((li) => li.parentElement === list);
}
const card = (rec: Recommendation) => cards().find((c) => c.getAttribute('aria-label') === rec.action)!;

beforeAll(async () => {
  ensurePluginBuilt(pluginDir);
  loaded = loadBuiltPlugin(path.join(pluginDir, 'dist'), { requireShared: require });
  exporter = await startRealExporter({
    grafana: { org: 'acme', scopes: ['read', 'ingest'] },
    readOnly: { org: 'acme', scopes: ['read'] },
  });
  // 1000 hours of CTR per platform, each at half its usual level for the last 25 hours: an ongoing drop per
  // platform, from which the exporter recommends a fix for each.
  const points = PLATFORMS.flatMap((platform, i) =>
    hourlyHistory('marketing', 'ctr', { platform, campaignId: `c${i}` }, 1000, 7 + i, NOW, {
      from: 975,
      to: 1000,
      factor: 0.5,
    }),
  );
  await callExporter(exporter, exporter.keys.grafana, 'POST', '/api/v1/points/batch', { points });
  await callExporter(exporter, exporter.keys.grafana, 'POST', '/api/v1/models/marketing/analyze');
  initial = (
    await callExporter<RecommendationList>(
      exporter,
      exporter.keys.grafana,
      'GET',
      '/api/v1/recommendations?status=pending',
    )
  ).recommendations;
  pendingBefore = await kpiDataSource(exporter.url, exporter.keys.grafana).frames([
    { refId: 'R', queryType: 'recommendations', recommendationStatus: 'pending' },
  ]);
}, 600_000);

afterAll(async () => {
  await exporter?.stop();
});

describe('built panel: recommendations inbox acting on a real exporter', () => {
  it('lets a Viewer read the inbox but offers no action', async () => {
    expect(initial.length).toBeGreaterThanOrEqual(4);
    const { frames } = kpiDataSource(exporter.url, exporter.keys.grafana);
    config.bootData.user.orgRole = OrgRole.Viewer;
    renderInbox(
      await frames([{ refId: 'R', queryType: 'recommendations', recommendationStatus: 'pending' }]),
    );

    expect(cards()).toHaveLength(initial.length);
    expect(screen.getByText('You can read these recommendations')).toBeInTheDocument();
    expect(screen.queryAllByRole('button')).toEqual([]);
    expect(screen.queryAllByRole('checkbox')).toEqual([]);
  });

  it("refuses a Viewer's action at Grafana's proxy (the data source's POST route needs an Editor)", async () => {
    const { ds } = kpiDataSource(exporter.url, exporter.keys.grafana);
    config.bootData.user.orgRole = OrgRole.Viewer;
    await expect(ds.acceptRecommendation(initial[0].id)).rejects.toMatchObject({
      status: 403,
      data: { message: 'plugin proxy route access denied' },
    });
    expect((await stored(initial[0].id)).status).toBe('pending');
  });

  it('accepts, dismisses with a reason and snoozes, one by one, and the exporter stores each', async () => {
    const { frames, requests } = kpiDataSource(exporter.url, exporter.keys.grafana);
    config.bootData.user.orgRole = OrgRole.Editor;
    renderInbox(
      await frames([{ refId: 'R', queryType: 'recommendations', recommendationStatus: 'pending' }]),
    );
    const [a, b, c] = initial;

    // Accept: shown at once, then stored.
    fireEvent.click(within(card(a)).getByRole('button', { name: 'Accept' }));
    expect(card(a)).toHaveTextContent('Accepted');
    await waitFor(async () => expect((await stored(a.id)).status).toBe('accepted'), { timeout: 20_000 });
    expect(requests.at(-1)).toMatchObject({
      method: 'POST',
      url: `/api/datasources/proxy/uid/kpl/exporter/api/v1/recommendations/${a.id}/accept`,
    });

    // Dismiss: the reason is asked first and stored with it.
    fireEvent.click(within(card(b)).getByRole('button', { name: 'Dismiss' }));
    const dialog = screen.getByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText(/^Reason/), {
      target: { value: 'No budget this quarter' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Dismiss' }));
    expect(card(b)).toHaveTextContent('Dismissed — No budget this quarter');
    await waitFor(
      async () =>
        expect(await stored(b.id)).toMatchObject({
          status: 'dismissed',
          dismissReason: 'No budget this quarter',
        }),
      { timeout: 20_000 },
    );

    // Snooze for a week from the card's menu.
    fireEvent.click(within(card(c)).getByRole('button', { name: 'Snooze' }));
    fireEvent.click(await screen.findByRole('menuitem', { name: 'For a week' }));
    await waitFor(async () => expect((await stored(c.id)).status).toBe('snoozed'), { timeout: 20_000 });
    const until = Date.parse((await stored(c.id)).snoozedUntil!);
    expect(Math.abs(until - (Date.now() + 7 * 86_400_000))).toBeLessThan(120_000);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('accepts every selected card at once', async () => {
    const { frames } = kpiDataSource(exporter.url, exporter.keys.grafana);
    config.bootData.user.orgRole = OrgRole.Editor;
    // Pending and snoozed ones can still be acted on.
    const series = await frames([{ refId: 'R', queryType: 'recommendations' }]);
    renderInbox(series);
    const open = (
      await callExporter<RecommendationList>(
        exporter,
        exporter.keys.grafana,
        'GET',
        '/api/v1/recommendations?limit=500',
      )
    ).recommendations.filter((r) => r.status === 'pending' || r.status === 'snoozed');
    expect(open.length).toBeGreaterThanOrEqual(2);

    fireEvent.click(screen.getByLabelText('Select all'));
    fireEvent.click(screen.getByRole('button', { name: `Accept (${open.length})` }));
    await waitFor(
      async () => {
        for (const r of open) {
          expect((await stored(r.id)).status).toBe('accepted');
        }
      },
      { timeout: 20_000 },
    );
  });

  it('puts a card back and says why when the exporter refuses', async () => {
    kpiDataSource(exporter.url, exporter.keys.grafana);
    config.bootData.user.orgRole = OrgRole.Editor;
    // A view read before the dismissal: the dismissed card still shows pending; accepting it is refused (409).
    const dismissed = initial[1];
    renderInbox(pendingBefore);
    fireEvent.click(within(card(dismissed)).getByRole('button', { name: 'Accept' }));
    expect(await screen.findByText(/^1 change\(s\) could not be saved and were undone: /)).toHaveTextContent(
      /dismissed/,
    );
    expect(within(card(dismissed)).getByRole('button', { name: 'Accept' })).toBeInTheDocument();
    expect(card(dismissed)).toHaveTextContent('Pending');
    expect((await stored(dismissed.id)).status).toBe('dismissed');
  });

  it('puts the cards back when the data source key may only read', async () => {
    kpiDataSource(exporter.url, exporter.keys.readOnly);
    config.bootData.user.orgRole = OrgRole.Editor;
    const before = await Promise.all(initial.map((r) => stored(r.id)));
    renderInbox(pendingBefore);
    fireEvent.click(screen.getByLabelText('Select all'));
    fireEvent.click(screen.getByRole('button', { name: `Snooze (${initial.length})` }));
    fireEvent.click(await screen.findByRole('menuitem', { name: 'For a day' }));
    expect(
      await screen.findByText(
        new RegExp(`^${initial.length} change\\(s\\) could not be saved and were undone: .*"ingest" scope`),
      ),
    ).toBeInTheDocument();
    for (const r of initial) {
      expect(card(r)).toHaveTextContent('Pending');
    }
    expect(await Promise.all(initial.map((r) => stored(r.id)))).toEqual(before);
  });
});

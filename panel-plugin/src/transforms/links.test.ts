import { accountUrl, insightExploreUrl } from './links';
import type { InsightView } from './insights';

const insight = {
  model: 'ads',
  metric: 'ctr',
  dimensions: 'platform="tiktok"',
  startedAt: 10 * 86_400_000,
  endedAt: 11 * 86_400_000,
} as InsightView;

describe('links', () => {
  it('opens the insight series in Explore around the insight', () => {
    const url = insightExploreUrl(insight, 'ds1')!;
    expect(url.startsWith('/explore?schemaVersion=1&panes=')).toBe(true);
    const panes = JSON.parse(new URLSearchParams(url.split('?')[1]).get('panes')!);
    expect(panes.kpi.queries[0]).toMatchObject({
      queryType: 'series',
      model: 'ads',
      metric: 'ctr',
      selector: 'platform="tiktok"',
    });
    expect(panes.kpi.range).toEqual({ from: String(3 * 86_400_000), to: String(12 * 86_400_000) });
  });

  it('has no link without a datasource or a series', () => {
    expect(insightExploreUrl(insight, undefined)).toBeUndefined();
    expect(insightExploreUrl({ ...insight, metric: '' }, 'ds1')).toBeUndefined();
  });

  it('links an account to the app risk explorer', () => {
    expect(accountUrl('acc 1')).toBe('/a/kpilens-app/risk?account=acc%201');
  });
});

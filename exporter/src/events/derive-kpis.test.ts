import { deriveMarketing, deriveOnboarding, deriveRevenue } from './derive-kpis';
import type { NormalizedPoint } from '../ingest/normalize-points';

const H = Date.parse('2026-03-01T10:00:00Z');

function byMetric(points: NormalizedPoint[]): Record<string, number> {
  return Object.fromEntries(points.map((p) => [p.metric, p.value]));
}

describe('deriveMarketing', () => {
  it('computes CTR, CPC, CPL and conversion rate from the bucket sums', () => {
    const points = deriveMarketing([
      {
        bucket: H,
        dims: { platform: 'instagram', campaignId: 'c1' },
        impressions: 2000,
        clicks: 50,
        conversions: 5,
        cost: 125,
      },
    ]);
    expect(byMetric(points)).toEqual({
      impressions: 2000,
      clicks: 50,
      conversions: 5,
      cost: 125,
      ctr: 2.5,
      cpc: 2.5,
      cpl: 25,
      conversion_rate: 10,
    });
    expect(points.every((p) => p.model === 'marketing' && p.ts === H)).toBe(true);
    expect(points[0].dimensions).toEqual({ platform: 'instagram', campaignId: 'c1' });
  });

  it('leaves out ratios whose denominator is zero instead of writing 0 or Infinity', () => {
    const points = deriveMarketing([
      { bucket: H, dims: { platform: 'x' }, impressions: 0, clicks: 0, conversions: 0, cost: 10 },
    ]);
    expect(byMetric(points)).toEqual({ impressions: 0, clicks: 0, conversions: 0, cost: 10 });
  });

  it('gives each grouping its own series key', () => {
    const row = { bucket: H, impressions: 1, clicks: 1, conversions: 1, cost: 1 };
    const a = deriveMarketing([{ ...row, dims: { platform: 'x', campaignId: 'c' } }]);
    const b = deriveMarketing([{ ...row, dims: { platform: 'x' } }]);
    expect(a[0].seriesKey).not.toBe(b[0].seriesKey);
  });
});

describe('deriveOnboarding', () => {
  it('computes the completion rate of the hour and the mean time to complete', () => {
    const points = deriveOnboarding([
      { bucket: H, dims: { source: 'ads' }, started: 4, completed: 3, avgSecondsToComplete: 90 },
    ]);
    expect(byMetric(points)).toEqual({
      signups_started: 4,
      signups_completed: 3,
      signup_completion_rate: 75,
      time_to_complete_seconds: 90,
    });
  });

  it('has no time to complete when nobody completed', () => {
    const points = deriveOnboarding([
      { bucket: H, dims: {}, started: 2, completed: 0, avgSecondsToComplete: null },
    ]);
    expect(byMetric(points)).toEqual({ signups_started: 2, signups_completed: 0, signup_completion_rate: 0 });
  });
});

describe('deriveRevenue', () => {
  it('computes counts and rates over attempts where there is no currency', () => {
    const points = deriveRevenue([
      {
        bucket: H,
        dims: { method: 'card' },
        payments: 5,
        succeeded: 3,
        failed: 1,
        refunded: 1,
        revenue: 300,
        refunds: 50,
      },
    ]);
    expect(byMetric(points)).toEqual({
      payments: 5,
      payments_succeeded: 3,
      payments_failed: 1,
      payments_refunded: 1,
      payment_success_rate: 75,
      payment_failure_rate: 25,
    });
  });

  it('writes money only per currency', () => {
    const points = deriveRevenue([
      {
        bucket: H,
        dims: { plan: 'pro', currency: 'EUR' },
        payments: 5,
        succeeded: 3,
        failed: 1,
        refunded: 1,
        revenue: 300,
        refunds: 50,
      },
    ]);
    expect(byMetric(points)).toEqual({ revenue: 300, refunds: 50 });
    expect(points[0].dimensions).toEqual({ plan: 'pro', currency: 'EUR' });
  });

  it('has no rates when there were only refunds', () => {
    const points = deriveRevenue([
      { bucket: H, dims: {}, payments: 1, succeeded: 0, failed: 0, refunded: 1, revenue: 0, refunds: 9 },
    ]);
    expect(byMetric(points)).toEqual({
      payments: 1,
      payments_succeeded: 0,
      payments_failed: 0,
      payments_refunded: 1,
    });
  });
});

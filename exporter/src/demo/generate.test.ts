import type { KpiPoint } from '@kpilens/contract';
import { normalizePoints } from '../ingest/normalize-points';
import { deriveHours } from '../models/derived';
import { findModel } from '../models/definitions';
import { DemoGenerator } from './generate';
import type { Incident, IncidentEffect } from './incidents';
import { DAY_MS, HOUR_MS, historyEnd, specEndingAt } from './timeline';

const NOW = Date.parse('2026-11-21T09:30:00Z');
const spec = specEndingAt(NOW, 120, 7);
const gen = new DemoGenerator(spec);
const all = gen.range(spec.startMs, historyEnd(spec));
const byMetric = new Map<string, KpiPoint[]>();
for (const p of all) {
  const k = `${p.modelName}/${p.metricName}`;
  const list = byMetric.get(k);
  if (list) list.push(p);
  else byMetric.set(k, [p]);
}

const dimsOf = (p: KpiPoint): Record<string, string> => {
  const { modelName: _m, metricName: _x, value: _v, timestamp: _t, ...dims } = p;
  return dims as Record<string, string>;
};
const ts = (p: KpiPoint) => p.timestamp as number;
const sameDims = (a: Record<string, string>, b: Record<string, string>) =>
  Object.keys(a).length === Object.keys(b).length && Object.keys(a).every((k) => a[k] === b[k]);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

function values(e: Omit<IncidentEffect, 'direction' | 'magnitude'>, from: number, to: number): number[] {
  return (byMetric.get(`${e.model}/${e.metric}`) ?? [])
    .filter((p) => ts(p) >= from && ts(p) < to && sameDims(e.dimensions, dimsOf(p)))
    .map((p) => p.value);
}

describe('DemoGenerator', () => {
  it('covers every hour of the history with valid API points of 276 series', () => {
    const { points, errors } = normalizePoints(all, {
      nowMs: NOW,
      minMs: Date.parse('1990-01-01'),
      maxFutureSkewMs: 0,
    });
    expect(errors).toEqual([]);
    expect(new Set(points.map((p) => p.seriesKey)).size).toBe(276);
    const hours = new Set(all.map(ts));
    expect(hours.size).toBe(120 * 24);
    expect(Math.min(...hours)).toBe(spec.startMs);
    expect(Math.max(...hours)).toBe(historyEnd(spec) - HOUR_MS);
    expect(historyEnd(spec)).toBe(Date.parse('2026-11-21T09:00:00Z'));
  });

  it('writes ROAS, subscriptions and engagement as the marketing, revenue and engagement models derive them', () => {
    const series = (model: string, metric: string, dims: Record<string, string>) =>
      (byMetric.get(`${model}/${metric}`) ?? [])
        .filter((p) => sameDims(dims, dimsOf(p)))
        .map((p) => [ts(p), p.value] as [number, number]);
    const eur = { currency: 'EUR' };
    const plans = ['starter', 'pro', 'enterprise'].map((plan) => ({ plan, ...eur }));
    const groupings: Array<[string, Array<Record<string, string>>, string[]]> = [
      ['revenue', [eur, ...plans], ['arpu', 'churn_rate']],
      ['engagement', [{}, { app: 'web' }, { app: 'ios' }, { app: 'android' }], ['stickiness']],
      ['marketing', [{ platform: 'linkedin' }, { platform: 'tiktok', campaignId: 'retargeting' }], ['roas']],
    ];
    for (const [model, dimsets, metrics] of groupings)
      for (const kpi of findModel(model)!.kpis.filter((k) => metrics.includes(k.metric)))
        for (const dims of dimsets) {
          const stored = series(model, kpi.metric, dims);
          // every hour, but for ROAS the hours without spend (LinkedIn at night)
          if (model !== 'marketing') expect(stored).toHaveLength(120 * 24);
          else expect(stored.length).toBeGreaterThan(100 * 24);
          // exactly the model's derivation, so an analysis writes none of these hours again
          const { numerator, denominator, scale } = kpi.derived!;
          expect(stored).toEqual(
            deriveHours(series(model, numerator, dims), series(model, denominator, dims), scale),
          );
        }
    const mrr = series('revenue', 'mrr', eur);
    const planMrr = plans.map((d) => series('revenue', 'mrr', d));
    mrr.forEach(([, v], i) =>
      expect(v).toBeCloseTo(
        planMrr.reduce((a, s) => a + s[i][1], 0),
        1,
      ),
    );
    const arpu = series('revenue', 'arpu', eur).map(([, v]) => v);
    expect(Math.min(...arpu)).toBeGreaterThan(40);
    expect(Math.max(...arpu)).toBeLessThan(70);
    // monthly churn of the whole base around 3.6 % (4 %, 2.5 % and 1 % by plan), noisy hour by hour
    const churn = mean(series('revenue', 'churn_rate', eur).map(([, v]) => v));
    expect(churn).toBeGreaterThan(3.2);
    expect(churn).toBeLessThan(4.1);
    // ROAS by campaign follows the value of a conversion over its cost (retargeting converts best)
    const roas = (campaignId: string) =>
      mean(series('marketing', 'roas', { platform: 'google', campaignId }).map(([, v]) => v));
    expect(roas('retargeting')).toBeGreaterThan(roas('product_launch'));
    expect(roas('product_launch')).toBeGreaterThan(roas('brand_awareness'));
    const stickiness = series('engagement', 'stickiness', {}).map(([, v]) => v);
    expect(Math.min(...stickiness)).toBeGreaterThan(20);
    expect(Math.max(...stickiness)).toBeLessThan(32);
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const hour = spec.startMs + 50 * HOUR_MS;
    expect(new DemoGenerator(spec).hour(hour)).toEqual(gen.hour(hour));
    const other = new DemoGenerator({ ...spec, seed: 8 }).hour(hour);
    expect(other.map((p) => p.value)).not.toEqual(gen.hour(hour).map((p) => p.value));
  });

  it('has a daily cycle: meta impressions peak in the evening, not at dawn', () => {
    const byHour = (h: number) =>
      mean(
        all
          .filter(
            (p) =>
              p.metricName === 'impressions' && p.platform === 'meta' && new Date(ts(p)).getUTCHours() === h,
          )
          .map((p) => p.value),
      );
    expect(byHour(20) / byHour(8)).toBeGreaterThan(2.5);
  });

  it('has a weekly cycle: LinkedIn quiets down at weekends, onboarding too', () => {
    const weekendRatio = (metric: string, dim: [string, string]) => {
      const sel = all.filter((p) => p.metricName === metric && p[dim[0]] === dim[1]);
      const isWeekend = (p: KpiPoint) => [0, 6].includes(new Date(ts(p)).getUTCDay());
      return (
        mean(sel.filter(isWeekend).map((p) => p.value)) /
        mean(sel.filter((p) => !isWeekend(p)).map((p) => p.value))
      );
    };
    expect(weekendRatio('impressions', ['platform', 'linkedin'])).toBeLessThan(0.55);
    expect(weekendRatio('impressions', ['platform', 'tiktok'])).toBeGreaterThan(1.1);
    expect(weekendRatio('signups_started', ['source', 'organic'])).toBeLessThan(0.85);
  });

  it('has a trend: TikTok impressions grow over the months', () => {
    const tiktok = (from: number, to: number) =>
      mean(
        values({ model: 'marketing', metric: 'impressions', dimensions: { platform: 'tiktok' } }, from, to),
      );
    const firstMonth = tiktok(spec.startMs, spec.startMs + 28 * DAY_MS);
    const lastMonth = tiktok(historyEnd(spec) - 28 * DAY_MS, historyEnd(spec));
    expect(lastMonth / firstMonth).toBeGreaterThan(1.25);
  });

  it('keeps ratios consistent with the counts they come from', () => {
    const hour = gen.hour(spec.startMs + 500 * HOUR_MS);
    const get = (metric: string) =>
      hour.find((p) => p.metricName === metric && p.platform === 'google' && p.campaignId === 'retargeting')!
        .value;
    expect(get('ctr')).toBeCloseTo((100 * get('clicks')) / get('impressions'), 3);
    expect(get('cpc')).toBeCloseTo(get('cost') / get('clicks'), 3);
  });

  it('keeps noise moderate: daily CTR of a platform stays within 25% of its median outside incidents', () => {
    const quiet = gen.incidents.filter((i) => i.dimensions.platform === 'google').length === 1;
    expect(quiet).toBe(true);
    const daily: number[] = [];
    for (let t = spec.startMs; t < historyEnd(spec); t += DAY_MS) {
      const clicks = values(
        { model: 'marketing', metric: 'clicks', dimensions: { platform: 'linkedin' } },
        t,
        t + DAY_MS,
      );
      const impressions = values(
        { model: 'marketing', metric: 'impressions', dimensions: { platform: 'linkedin' } },
        t,
        t + DAY_MS,
      );
      daily.push(clicks.reduce((a, b) => a + b, 0) / impressions.reduce((a, b) => a + b, 0));
    }
    const median = [...daily].sort((a, b) => a - b)[Math.floor(daily.length / 2)];
    expect(daily.every((x) => Math.abs(x / median - 1) < 0.25)).toBe(true);
  });

  it('places five incidents inside a 120-day history and fewer inside a short one', () => {
    expect(gen.incidents.map((i) => i.id)).toEqual([
      'tiktok-conversion-spike',
      'google-cpc-surge',
      'meta-ctr-drop',
      'card-payment-failure-spike',
      'signup-completion-regression',
    ]);
    for (const i of gen.incidents) {
      expect(i.startMs).toBeGreaterThanOrEqual(spec.startMs);
      expect(i.endMs).toBeLessThanOrEqual(historyEnd(spec));
      expect(i.start).toBe(new Date(i.startMs).toISOString());
    }
    const short = new DemoGenerator(specEndingAt(NOW, 21, 7));
    expect(short.incidents.map((i) => i.id)).toEqual([
      'card-payment-failure-spike',
      'signup-completion-regression',
    ]);
    expect(new DemoGenerator(specEndingAt(NOW, 3, 7)).incidents).toEqual([]);
  });

  // An incident's series and its effects against the same hours one and two weeks before.
  const change = (inc: Incident, e: IncidentEffect) => {
    const during = mean(values(e, inc.startMs, inc.endMs));
    const before = mean([
      ...values(e, inc.startMs - 7 * DAY_MS, inc.endMs - 7 * DAY_MS),
      ...values(e, inc.startMs - 14 * DAY_MS, inc.endMs - 14 * DAY_MS),
    ]);
    return during / before - 1;
  };

  it.each(gen.incidents.map((inc) => [inc.id, inc] as const))(
    'makes the incident visible with its documented direction and size (%s)',
    (_id, inc) => {
      const c = change(inc, inc);
      expect(Math.sign(c)).toBe(inc.direction === 'up' ? 1 : -1);
      expect(Math.abs(c - inc.magnitude)).toBeLessThan(0.35 * Math.abs(inc.magnitude));
    },
  );

  // Effects are expectations on series that are often noisier (per plan, revenue): their direction holds.
  const effects = gen.incidents.flatMap((inc) =>
    inc.effects.map((e) => [`${inc.id}: ${e.metric} ${JSON.stringify(e.dimensions)}`, inc, e] as const),
  );
  it.each(effects)('moves the effect series the documented way (%s)', (_n, inc, e) => {
    expect(Math.sign(change(inc, e))).toBe(e.direction === 'up' ? 1 : -1);
  });

  it('leaves the hours around an incident alone', () => {
    const inc = gen.incidents.find((i) => i.id === 'card-payment-failure-spike')!;
    const failure = (from: number, to: number) =>
      mean(
        values(
          { model: 'revenue', metric: 'payment_failure_rate', dimensions: { method: 'card' } },
          from,
          to,
        ),
      );
    expect(failure(inc.endMs, inc.endMs + DAY_MS)).toBeLessThan(4);
    expect(failure(inc.startMs - DAY_MS, inc.startMs)).toBeLessThan(4);
    expect(failure(inc.startMs, inc.endMs)).toBeGreaterThan(10);
  });

  it('gives the hour in progress its counts so far, ending at the complete hour', () => {
    const hour = historyEnd(spec);
    const full = gen.hour(hour);
    const half = gen.hour(hour, 0.5);
    const pick = (ps: KpiPoint[], metric: string) =>
      ps.find((p) => p.metricName === metric && p.platform === 'meta' && p.campaignId === 'brand_awareness')!
        .value;
    expect(pick(half, 'impressions')).toBe(Math.round(pick(full, 'impressions') / 2));
    expect(Math.abs(pick(half, 'ctr') / pick(full, 'ctr') - 1)).toBeLessThan(0.05);
    expect(gen.hour(hour, 1)).toEqual(full);
    expect(() => gen.hour(hour + 1)).toThrow(/hour-aligned/);
  });
});

import { deriveMarketing, type MarketingAggregate } from '../events/derive-kpis';
import { CAMPAIGNS, PLATFORMS } from './catalog';
import {
  dayDraws,
  emitDerived,
  factor,
  hourDraws,
  rollUp,
  round,
  seasonal,
  soFar,
  type HourContext,
} from './hour-context';

const SUMS: Array<keyof MarketingAggregate> = ['impressions', 'clicks', 'conversions', 'cost'];

/** A cell's attributed revenue next to its event counts: ROAS is that revenue over the cost. */
interface ValuedCell extends MarketingAggregate {
  value: number;
}

/**
 * Marketing: per platform and campaign, impressions follow the platform's cycles; clicks, conversions and
 * cost are drawn from them. The KPIs come out of the events API's own derivation (ctr and conversion_rate
 * in %, cpc and cpl in EUR), per platform and campaign and per platform, as content_performance events
 * with these counts would give. The revenue the shop attributes to the conversions (`conversion_value`,
 * EUR) has no event: it is written as points, with `roas` = conversion_value / cost as the marketing model
 * derives it.
 */
export function marketingHour(ctx: HourContext): void {
  const cells: ValuedCell[] = [];
  for (const p of PLATFORMS)
    for (const c of CAMPAIGNS) {
      const dims = { platform: p.platform, campaignId: c.campaignId };
      const cell = `marketing/${p.platform}/${c.campaignId}`;
      const d = hourDraws(ctx, cell);
      const day = dayDraws(ctx, cell);
      const level = p.impressionsPerHour * c.impressions * seasonal(ctx, p) * day.lognormal(0.06);
      const impressions = d.poisson(level * d.lognormal(0.05));
      const ctr = p.ctr * c.ctr * day.lognormal(0.03) * factor(ctx, 'marketing.ctr', dims);
      const clicks = d.binomial(impressions, Math.min(0.5, ctr));
      const cvr = p.cvr * c.cvr * day.lognormal(0.03) * factor(ctx, 'marketing.cvr', dims);
      const conversions = d.binomial(clicks, Math.min(0.9, cvr));
      const cpc = p.cpc * day.lognormal(0.04) * d.lognormal(0.05) * factor(ctx, 'marketing.cpc', dims);
      const clicksSoFar = soFar(ctx, clicks);
      const conversionsSoFar = soFar(ctx, conversions);
      // drawn last, so the draws before it (and the other KPIs) are those of a history without it
      const basket = c.valuePerConversion * d.lognormal(0.15 / Math.sqrt(Math.max(1, conversionsSoFar)));
      cells.push({
        bucket: ctx.clock.hourMs,
        dims,
        impressions: soFar(ctx, impressions),
        clicks: clicksSoFar,
        conversions: conversionsSoFar,
        cost: round(clicksSoFar * cpc, 2),
        value: round(conversionsSoFar * basket, 2),
      });
    }
  const rows = [...cells, ...rollUp(cells, ['platform'], [...SUMS, 'value'])];
  emitDerived(ctx, deriveMarketing(rows));
  for (const r of rows) {
    const values: Array<[string, number]> = [['conversion_value', round(r.value, 2)]];
    if (r.cost > 0) values.push(['roas', (1 * round(r.value, 2)) / r.cost]);
    for (const [metric, value] of values)
      ctx.out.push({
        modelName: 'marketing',
        metricName: metric,
        value,
        timestamp: ctx.clock.hourMs,
        ...r.dims,
      });
  }
}

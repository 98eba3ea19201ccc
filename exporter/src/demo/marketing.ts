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

/**
 * Marketing: per platform and campaign, impressions follow the platform's cycles; clicks, conversions and
 * cost are drawn from them. The KPIs come out of the events API's own derivation (ctr and conversion_rate
 * in %, cpc and cpl in EUR), per platform and campaign and per platform, as content_performance events
 * with these counts would give.
 */
export function marketingHour(ctx: HourContext): void {
  const cells: MarketingAggregate[] = [];
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
      cells.push({
        bucket: ctx.clock.hourMs,
        dims,
        impressions: soFar(ctx, impressions),
        clicks: clicksSoFar,
        conversions: soFar(ctx, conversions),
        cost: round(clicksSoFar * cpc, 2),
      });
    }
  emitDerived(ctx, deriveMarketing([...cells, ...rollUp(cells, ['platform'], SUMS)]));
}

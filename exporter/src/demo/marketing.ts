import { CAMPAIGNS, PLATFORMS } from './catalog';
import { dayDraws, emit, factor, hourDraws, round, seasonal, soFar, type HourContext } from './hour-context';

/**
 * Marketing: per platform and campaign, impressions follow the platform's cycles; clicks, conversions
 * and cost are drawn from them, and the ratios (ctr and conversion_rate in %, cpc and cpl in EUR) are
 * computed from those counts, so every series agrees with the others as real reporting would.
 */
export function marketingHour(ctx: HourContext): void {
  for (const p of PLATFORMS)
    for (const c of CAMPAIGNS) {
      const dims = { platform: p.platform, campaignId: c.campaignId };
      const cell = `marketing/${p.platform}/${c.campaignId}`;
      const d = hourDraws(ctx, cell);
      const day = dayDraws(ctx, cell);
      const level = p.impressionsPerHour * c.impressions * seasonal(ctx, p) * day.lognormal(0.06);
      const impressionsFull = d.poisson(level * d.lognormal(0.05));
      const ctr = p.ctr * c.ctr * day.lognormal(0.03) * factor(ctx, 'marketing.ctr', dims);
      const clicksFull = d.binomial(impressionsFull, Math.min(0.5, ctr));
      const cvr = p.cvr * c.cvr * day.lognormal(0.03) * factor(ctx, 'marketing.cvr', dims);
      const conversionsFull = d.binomial(clicksFull, Math.min(0.9, cvr));
      const cpc = p.cpc * day.lognormal(0.04) * d.lognormal(0.05) * factor(ctx, 'marketing.cpc', dims);

      const impressions = soFar(ctx, impressionsFull);
      const clicks = soFar(ctx, clicksFull);
      const conversions = soFar(ctx, conversionsFull);
      const cost = round(clicks * cpc, 2);
      emit(ctx, 'marketing', 'impressions', dims, impressions);
      emit(ctx, 'marketing', 'clicks', dims, clicks);
      emit(ctx, 'marketing', 'conversions', dims, conversions);
      emit(ctx, 'marketing', 'cost', dims, cost);
      // Ratios are undefined without a denominator: such an hour has no point rather than a fake 0.
      if (impressions > 0) emit(ctx, 'marketing', 'ctr', dims, round((100 * clicks) / impressions, 4));
      if (clicks > 0) {
        emit(ctx, 'marketing', 'cpc', dims, round(cost / clicks, 4));
        emit(ctx, 'marketing', 'conversion_rate', dims, round((100 * conversions) / clicks, 4));
      }
      if (conversions > 0) emit(ctx, 'marketing', 'cpl', dims, round(cost / conversions, 4));
    }
}

import { APPS, ENGAGEMENT_GROWTH_PER_DAY, OVERALL_DAU_SHARE, OVERALL_MAU_SHARE, type App } from './catalog';
import type { HourContext } from './hour-context';
import { Draws, streamId } from './random';
import { trendFactor, weeklyFactor } from './seasonality';
import { DAY_MS } from './timeline';

/** Stickiness in %: 100 × DAU / MAU. */
export const STICKINESS_SCALE = 100;

/**
 * Engagement (model `engagement`): per app and overall, the users active in the last 24 hours (DAU) and
 * in the last 30 days (MAU), reported every hour, and stickiness (DAU / MAU, in %, as the engagement model
 * derives it). Rolling counts move smoothly: each hour's value blends the levels of the day before and of
 * the day it ends in, so the weekend's lower (or higher) DAU comes in over the day.
 */
export function engagementHour(ctx: HourContext): void {
  const weight = ctx.clock.hourOfDay / 24;
  let dau = 0;
  let mau = 0;
  for (const app of APPS) {
    const dims = { app: app.app };
    const today = dayLevels(ctx, app, ctx.clock.dayIndex);
    const before = dayLevels(ctx, app, ctx.clock.dayIndex - 1);
    const appDau = Math.round((1 - weight) * before.dau + weight * today.dau);
    const appMau = Math.round((1 - weight) * before.mau + weight * today.mau);
    emitEngagement(ctx, dims, appDau, appMau);
    dau += appDau;
    mau += appMau;
  }
  emitEngagement(ctx, {}, Math.round(dau * OVERALL_DAU_SHARE), Math.round(mau * OVERALL_MAU_SHARE));
}

/** An app's DAU and MAU levels of one day (pure in the day: any hour can compute its neighbours). */
function dayLevels(ctx: HourContext, app: App, dayIndex: number): { dau: number; mau: number } {
  const d = new Draws(ctx.spec.seed, streamId(`engagement/${app.app}#day`), dayIndex);
  const days = (dayIndex * DAY_MS - ctx.spec.startMs) / DAY_MS;
  const trend = trendFactor(days, ENGAGEMENT_GROWTH_PER_DAY);
  const dayOfWeek = (((dayIndex + 4) % 7) + 7) % 7;
  return {
    dau: app.dailyActiveUsers * trend * weeklyFactor(dayOfWeek, app.weekendFactor) * d.lognormal(0.03),
    mau: app.monthlyActiveUsers * trend * d.lognormal(0.003),
  };
}

function emitEngagement(ctx: HourContext, dims: Record<string, string>, dau: number, mau: number): void {
  const values: Array<[string, number]> = [
    ['daily_active_users', dau],
    ['monthly_active_users', mau],
  ];
  if (mau > 0) values.push(['stickiness', (STICKINESS_SCALE * dau) / mau]);
  for (const [metric, value] of values)
    ctx.out.push({
      modelName: 'engagement',
      metricName: metric,
      value,
      timestamp: ctx.clock.hourMs,
      ...dims,
    });
}

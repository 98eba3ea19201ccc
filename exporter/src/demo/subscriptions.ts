import { SUBSCRIBER_GROWTH_PER_DAY, SUBSCRIPTION_PLANS, type SubscriptionPlan } from './catalog';
import { hourDraws, round, soFar, type HourContext } from './hour-context';
import { Draws, streamId } from './random';
import { trendFactor } from './seasonality';
import { DAY_MS } from './timeline';

/** Monthly (30-day) churn in % from one hour's cancellations: 100 × 720 hours × churned / active. */
export const CHURN_RATE_SCALE = 72_000;

/**
 * Subscriptions (model `revenue`, in EUR): per plan and overall, the active subscribers and the MRR they
 * pay (stocks, read at the hour), the subscribers who cancelled in the hour (a count), and from them ARPU
 * (MRR / active subscribers) and the churn rate (monthly %), computed exactly as the revenue model derives
 * them (models/derived.ts), so the stored points and the model's derivation agree.
 */
export function subscriptionsHour(ctx: HourContext): void {
  const eur = { currency: 'EUR' };
  const weight = ctx.clock.hourOfDay / 24;
  let active = 0;
  let mrr = 0;
  let churned = 0;
  for (const p of SUBSCRIPTION_PLANS) {
    const cell = `subscriptions/${p.plan}`;
    // Stocks move smoothly: each hour blends the levels of the day before and of the day it is in (a jump
    // at midnight would read as an anomaly every day).
    const today = planLevel(ctx, p, ctx.clock.dayIndex);
    const before = planLevel(ctx, p, ctx.clock.dayIndex - 1);
    const subscribers = Math.round((1 - weight) * before.subscribers + weight * today.subscribers);
    const planMrr = round(subscribers * p.price * ((1 - weight) * before.mix + weight * today.mix), 2);
    const cancelled = soFar(ctx, hourDraws(ctx, cell).poisson((subscribers * p.monthlyChurn) / 720));
    emitSubscriptions(ctx, { plan: p.plan, ...eur }, subscribers, planMrr, cancelled);
    active += subscribers;
    mrr += planMrr;
    churned += cancelled;
  }
  emitSubscriptions(ctx, eur, active, round(mrr, 2), churned);
}

/** A plan's subscribers and price mix (discounts, upgrades) of one day, pure in the day. */
function planLevel(
  ctx: HourContext,
  p: SubscriptionPlan,
  dayIndex: number,
): { subscribers: number; mix: number } {
  const d = new Draws(ctx.spec.seed, streamId(`subscriptions/${p.plan}#day`), dayIndex);
  const days = (dayIndex * DAY_MS - ctx.spec.startMs) / DAY_MS;
  return {
    subscribers: p.subscribers * trendFactor(days, SUBSCRIBER_GROWTH_PER_DAY) * d.lognormal(0.002),
    mix: d.lognormal(0.001),
  };
}

function emitSubscriptions(
  ctx: HourContext,
  dims: Record<string, string>,
  active: number,
  mrr: number,
  churned: number,
): void {
  const values: Array<[string, number]> = [
    ['active_subscribers', active],
    ['mrr', mrr],
    ['churned_subscribers', churned],
  ];
  if (active > 0)
    values.push(['arpu', (1 * mrr) / active], ['churn_rate', (CHURN_RATE_SCALE * churned) / active]);
  for (const [metric, value] of values)
    ctx.out.push({ modelName: 'revenue', metricName: metric, value, timestamp: ctx.clock.hourMs, ...dims });
}

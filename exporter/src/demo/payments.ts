import { deriveRevenue, type RevenueAggregate } from '../events/derive-kpis';
import { PAYMENT_METHODS, PAYMENTS_SEASON, PLANS, REFUND_RATE } from './catalog';
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

const SUMS: Array<keyof RevenueAggregate> = [
  'payments',
  'succeeded',
  'failed',
  'refunded',
  'revenue',
  'refunds',
];

/**
 * Payments (model `revenue`): attempts per method follow the cycle and split over the plans; each
 * (method, plan) cell draws its failures, refunds and amounts. The KPIs come out of the events API's
 * derivation with its groupings: counts and rates per method, per plan and overall; money per the same
 * groupings with the currency (all EUR here).
 */
export function paymentsHour(ctx: HourContext): void {
  const cells: RevenueAggregate[] = [];
  for (const m of PAYMENT_METHODS) {
    const dims = { method: m.method };
    const cell = `payments/${m.method}`;
    const d = hourDraws(ctx, cell);
    const day = dayDraws(ctx, cell);
    const attemptsFull = d.poisson(m.paymentsPerHour * seasonal(ctx, PAYMENTS_SEASON) * day.lognormal(0.05));
    const failure = Math.min(0.9, m.failureRate * factor(ctx, 'payments.failure', dims));
    let left = attemptsFull;
    let shareLeft = 1;
    PLANS.forEach((p, i) => {
      // Sequential binomials split the attempts over the plans (a multinomial draw).
      const n = i === PLANS.length - 1 ? left : d.binomial(left, p.share / shareLeft);
      left -= n;
      shareLeft -= p.share;
      const failedFull = d.binomial(n, failure);
      const refundedFull = d.binomial(n - failedFull, REFUND_RATE);
      const amount = p.price * d.lognormal(0.04);
      const failed = soFar(ctx, failedFull);
      const refunded = soFar(ctx, refundedFull);
      const succeeded = Math.max(0, soFar(ctx, n) - failed);
      cells.push({
        bucket: ctx.clock.hourMs,
        dims: { method: m.method, plan: p.plan },
        // A refund is a later event about a succeeded payment: counted as a payment, not as an attempt.
        payments: succeeded + failed + refunded,
        succeeded,
        failed,
        refunded,
        revenue: round(succeeded * amount, 2),
        refunds: round(refunded * amount, 2),
      });
    });
  }
  const eur = { currency: 'EUR' };
  emitDerived(
    ctx,
    deriveRevenue([
      ...rollUp(cells, ['method'], SUMS),
      ...rollUp(cells, ['plan'], SUMS),
      ...rollUp(cells, [], SUMS),
      ...rollUp(cells, ['method'], SUMS, eur),
      ...rollUp(cells, ['plan'], SUMS, eur),
      ...rollUp(cells, [], SUMS, eur),
    ]),
  );
}

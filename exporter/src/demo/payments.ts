import { PAYMENT_METHODS, PAYMENTS_SEASON, PLANS } from './catalog';
import { dayDraws, emit, factor, hourDraws, round, seasonal, soFar, type HourContext } from './hour-context';

/**
 * Payments: attempts per method follow the cycle and split over the plans; each (method, plan) cell
 * reports its attempts (`payments`) and the revenue of the successful ones, so sums over either
 * dimension never double count. Success and failure rates (%) are per method, over all plans.
 */
export function paymentsHour(ctx: HourContext): void {
  for (const m of PAYMENT_METHODS) {
    const dims = { method: m.method };
    const cell = `payments/${m.method}`;
    const d = hourDraws(ctx, cell);
    const day = dayDraws(ctx, cell);
    const attemptsFull = d.poisson(m.paymentsPerHour * seasonal(ctx, PAYMENTS_SEASON) * day.lognormal(0.05));
    const failure = Math.min(0.9, m.failureRate * factor(ctx, 'payments.failure', dims));
    let attempts = 0;
    let failed = 0;
    let left = attemptsFull;
    let shareLeft = 1;
    PLANS.forEach((p, i) => {
      // Sequential binomials split the attempts over the plans (a multinomial draw).
      const nFull = i === PLANS.length - 1 ? left : d.binomial(left, p.share / shareLeft);
      left -= nFull;
      shareLeft -= p.share;
      const failedFull = d.binomial(nFull, failure);
      const amount = p.price * d.lognormal(0.04);
      const n = soFar(ctx, nFull);
      const f = Math.min(n, soFar(ctx, failedFull));
      attempts += n;
      failed += f;
      const planDims = { method: m.method, plan: p.plan };
      emit(ctx, 'payments', 'payments', planDims, n);
      emit(ctx, 'payments', 'revenue', planDims, round((n - f) * amount, 2));
    });
    if (attempts > 0) {
      const failureRate = round((100 * failed) / attempts, 4);
      emit(ctx, 'payments', 'payment_failure_rate', dims, failureRate);
      emit(ctx, 'payments', 'payment_success_rate', dims, round(100 - failureRate, 4));
    }
  }
}

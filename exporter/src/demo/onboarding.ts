import { deriveOnboarding, type OnboardingAggregate } from '../events/derive-kpis';
import { ONBOARDING_SEASON, SIGNUP_SOURCES } from './catalog';
import { dayDraws, emitDerived, factor, hourDraws, seasonal, soFar, type HourContext } from './hour-context';

/**
 * Onboarding: per signup source, started signups follow the daily and weekly cycle; completions are a
 * binomial share of them; the mean time to complete gets less noisy the more signups complete. The KPIs
 * come out of the events API's derivation, per source and overall.
 */
export function onboardingHour(ctx: HourContext): void {
  const cells: OnboardingAggregate[] = [];
  let started = 0;
  let completed = 0;
  let seconds = 0;
  for (const s of SIGNUP_SOURCES) {
    const dims = { source: s.source };
    const cell = `onboarding/${s.source}`;
    const d = hourDraws(ctx, cell);
    const day = dayDraws(ctx, cell);
    const startedFull = d.poisson(s.startsPerHour * seasonal(ctx, ONBOARDING_SEASON) * day.lognormal(0.05));
    const completion = s.completion * day.lognormal(0.02) * factor(ctx, 'onboarding.completion', dims);
    const completedFull = d.binomial(startedFull, Math.min(0.98, completion));
    const meanSeconds =
      s.secondsToComplete *
      factor(ctx, 'onboarding.duration', dims) *
      d.lognormal(0.3 / Math.sqrt(Math.max(1, completedFull)));
    const st = soFar(ctx, startedFull);
    const co = Math.min(st, soFar(ctx, completedFull));
    cells.push({
      bucket: ctx.clock.hourMs,
      dims,
      started: st,
      completed: co,
      avgSecondsToComplete: co > 0 ? meanSeconds : null,
    });
    started += st;
    completed += co;
    seconds += co * meanSeconds;
  }
  const overall: OnboardingAggregate = {
    bucket: ctx.clock.hourMs,
    dims: {},
    started,
    completed,
    avgSecondsToComplete: completed > 0 ? seconds / completed : null,
  };
  emitDerived(ctx, deriveOnboarding([...cells, overall]));
}

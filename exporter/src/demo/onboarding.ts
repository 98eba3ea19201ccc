import { ONBOARDING_SEASON, SIGNUP_SOURCES } from './catalog';
import { dayDraws, emit, factor, hourDraws, round, seasonal, soFar, type HourContext } from './hour-context';

/**
 * Onboarding: per signup source, started signups follow the daily and weekly cycle; completions are a
 * binomial share of them; the median time to complete gets less noisy the more signups complete.
 */
export function onboardingHour(ctx: HourContext): void {
  for (const s of SIGNUP_SOURCES) {
    const dims = { source: s.source };
    const cell = `onboarding/${s.source}`;
    const d = hourDraws(ctx, cell);
    const day = dayDraws(ctx, cell);
    const startedFull = d.poisson(s.startsPerHour * seasonal(ctx, ONBOARDING_SEASON) * day.lognormal(0.05));
    const completion = s.completion * day.lognormal(0.02) * factor(ctx, 'onboarding.completion', dims);
    const completedFull = d.binomial(startedFull, Math.min(0.98, completion));
    const seconds =
      s.secondsToComplete *
      factor(ctx, 'onboarding.duration', dims) *
      d.lognormal(0.3 / Math.sqrt(Math.max(1, completedFull)));

    const started = soFar(ctx, startedFull);
    const completed = Math.min(started, soFar(ctx, completedFull));
    emit(ctx, 'onboarding', 'signups_started', dims, started);
    emit(ctx, 'onboarding', 'signups_completed', dims, completed);
    if (started > 0)
      emit(ctx, 'onboarding', 'signup_completion_rate', dims, round((100 * completed) / started, 4));
    if (completed > 0) emit(ctx, 'onboarding', 'time_to_complete_seconds', dims, round(seconds, 1));
  }
}

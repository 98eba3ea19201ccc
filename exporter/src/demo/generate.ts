import type { KpiPoint } from '@kpilens/contract';
import type { HourContext } from './hour-context';
import { incidentManifest, type Incident } from './incidents';
import { engagementHour } from './engagement';
import { marketingHour } from './marketing';
import { onboardingHour } from './onboarding';
import { paymentsHour } from './payments';
import { subscriptionsHour } from './subscriptions';
import { HOUR_MS, hourClock, type DemoSpec } from './timeline';

/**
 * The demo's KPI domains. Each adds one hour of its series; a new domain (for instance accounts and
 * invoices for payment-risk scoring) is one more entry here.
 */
const DOMAINS: ReadonlyArray<(ctx: HourContext) => void> = [
  marketingHour,
  onboardingHour,
  paymentsHour,
  subscriptionsHour,
  engagementHour,
];

/** A pure, seeded demo data set: the same spec always gives the same points for the same hour. */
export class DemoGenerator {
  readonly incidents: readonly Incident[];

  constructor(readonly spec: DemoSpec) {
    this.incidents = incidentManifest(spec);
  }

  /**
   * The points of one hour, timestamped at its start. With `fraction` < 1, the hour in progress: counts
   * so far (the complete hour's counts scaled down) and the ratios computed from them.
   */
  hour(hourMs: number, fraction = 1): KpiPoint[] {
    if (hourMs % HOUR_MS !== 0) throw new Error(`hour: expected an hour-aligned time, got ${hourMs}`);
    const ctx: HourContext = {
      spec: this.spec,
      clock: hourClock(this.spec, hourMs),
      incidents: this.incidents,
      fraction: Math.max(0, Math.min(1, fraction)),
      out: [],
    };
    for (const domain of DOMAINS) domain(ctx);
    return ctx.out;
  }

  /** Complete hours from `fromMs` (inclusive) to `toMs` (exclusive), both hour-aligned. */
  range(fromMs: number, toMs: number): KpiPoint[] {
    const out: KpiPoint[] = [];
    for (let t = fromMs; t < toMs; t += HOUR_MS) for (const p of this.hour(t)) out.push(p);
    return out;
  }
}

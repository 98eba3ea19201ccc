import { DAY_MS, HOUR_MS, historyEnd, type DemoSpec } from './timeline';

/**
 * The incidents injected into the demo history: what an analysis should find. Each one changes a hidden
 * driver of the generator (a click-through probability, a failure probability...) for a while; the
 * manifest states the visible consequence on the KPI series, with times made absolute for a history.
 */

/** Hidden generator parameters an incident can scale. */
export type Driver =
  | 'marketing.ctr'
  | 'marketing.cpc'
  | 'marketing.cvr'
  | 'onboarding.completion'
  | 'onboarding.duration'
  | 'payments.failure';

export type Direction = 'up' | 'down';

export interface IncidentEffect {
  model: string;
  metric: string;
  /** The affected series are every series of the metric whose dimensions include these (subset match). */
  dimensions: Record<string, string>;
  direction: Direction;
  /** Expected relative change against the same hours without the incident: -0.4 = 40 % lower. */
  magnitude: number;
}

export interface IncidentDefinition extends IncidentEffect {
  id: string;
  title: string;
  /** Start, in whole days before the end of the history (the incident starts at that hour of day). */
  startDaysBeforeEnd: number;
  durationHours: number;
  /** Consequences on other series that an analysis may also report (true, but not required). */
  effects: IncidentEffect[];
  drivers: Array<{ driver: Driver; match: Record<string, string>; factor: number }>;
}

/** An incident placed in a history: the machine-readable manifest entry. */
export interface Incident extends Omit<
  IncidentDefinition,
  'drivers' | 'startDaysBeforeEnd' | 'durationHours'
> {
  /** first affected hour, epoch ms (inclusive) */
  startMs: number;
  /** end of the last affected hour, epoch ms (exclusive) */
  endMs: number;
  start: string;
  end: string;
  drivers: IncidentDefinition['drivers'];
}

export const INCIDENTS: readonly IncidentDefinition[] = [
  {
    id: 'tiktok-conversion-spike',
    title: 'Conversion spike on TikTok product_launch (a creative goes viral)',
    model: 'marketing',
    metric: 'conversions',
    dimensions: { platform: 'tiktok', campaignId: 'product_launch' },
    direction: 'up',
    magnitude: 1.2,
    startDaysBeforeEnd: 88,
    durationHours: 72,
    effects: [
      {
        model: 'marketing',
        metric: 'conversion_rate',
        dimensions: { platform: 'tiktok', campaignId: 'product_launch' },
        direction: 'up',
        magnitude: 1.2,
      },
      {
        model: 'marketing',
        metric: 'cpl',
        dimensions: { platform: 'tiktok', campaignId: 'product_launch' },
        direction: 'down',
        magnitude: -0.55,
      },
    ],
    drivers: [
      { driver: 'marketing.cvr', match: { platform: 'tiktok', campaignId: 'product_launch' }, factor: 2.2 },
    ],
  },
  {
    id: 'google-cpc-surge',
    title: 'CPC surge on Google product_launch (a competitor bids on the same keywords)',
    model: 'marketing',
    metric: 'cpc',
    dimensions: { platform: 'google', campaignId: 'product_launch' },
    direction: 'up',
    magnitude: 0.5,
    startDaysBeforeEnd: 70,
    durationHours: 96,
    effects: [
      {
        model: 'marketing',
        metric: 'cost',
        dimensions: { platform: 'google', campaignId: 'product_launch' },
        direction: 'up',
        magnitude: 0.5,
      },
      {
        model: 'marketing',
        metric: 'cpl',
        dimensions: { platform: 'google', campaignId: 'product_launch' },
        direction: 'up',
        magnitude: 0.5,
      },
    ],
    drivers: [
      { driver: 'marketing.cpc', match: { platform: 'google', campaignId: 'product_launch' }, factor: 1.5 },
    ],
  },
  {
    id: 'meta-ctr-drop',
    title: 'CTR drop on Meta, all campaigns (ad fatigue after a placement change)',
    model: 'marketing',
    metric: 'ctr',
    dimensions: { platform: 'meta' },
    direction: 'down',
    magnitude: -0.4,
    startDaysBeforeEnd: 45,
    durationHours: 144,
    effects: ['clicks', 'conversions', 'cost'].map((metric) => ({
      model: 'marketing',
      metric,
      dimensions: { platform: 'meta' },
      direction: 'down' as const,
      magnitude: -0.4,
    })),
    drivers: [{ driver: 'marketing.ctr', match: { platform: 'meta' }, factor: 0.6 }],
  },
  {
    id: 'card-payment-failure-spike',
    title: 'Card payment failures spike (payment provider outage)',
    model: 'payments',
    metric: 'payment_failure_rate',
    dimensions: { method: 'card' },
    direction: 'up',
    magnitude: 5,
    startDaysBeforeEnd: 20,
    durationHours: 18,
    effects: [
      {
        model: 'payments',
        metric: 'payment_success_rate',
        dimensions: { method: 'card' },
        direction: 'down',
        magnitude: -0.128,
      },
      {
        model: 'payments',
        metric: 'revenue',
        dimensions: { method: 'card' },
        direction: 'down',
        magnitude: -0.128,
      },
    ],
    drivers: [{ driver: 'payments.failure', match: { method: 'card' }, factor: 6 }],
  },
  {
    id: 'signup-completion-regression',
    title: 'Signup completion regression, all sources (a release breaks the e-mail verification step)',
    model: 'onboarding',
    metric: 'signup_completion_rate',
    dimensions: {},
    direction: 'down',
    magnitude: -0.3,
    startDaysBeforeEnd: 12,
    durationHours: 120,
    effects: [
      {
        model: 'onboarding',
        metric: 'signups_completed',
        dimensions: {},
        direction: 'down',
        magnitude: -0.3,
      },
      {
        model: 'onboarding',
        metric: 'time_to_complete_seconds',
        dimensions: {},
        direction: 'up',
        magnitude: 0.4,
      },
    ],
    drivers: [
      { driver: 'onboarding.completion', match: {}, factor: 0.7 },
      { driver: 'onboarding.duration', match: {}, factor: 1.4 },
    ],
  },
];

/**
 * The incidents of a history, placed in time. Only incidents that lie wholly inside the history are
 * included, and only those are injected: a short history simply has fewer incidents.
 */
export function incidentManifest(spec: DemoSpec): Incident[] {
  const end = historyEnd(spec);
  const out: Incident[] = [];
  for (const d of INCIDENTS) {
    const startMs = end - d.startDaysBeforeEnd * DAY_MS;
    const endMs = startMs + d.durationHours * HOUR_MS;
    if (startMs < spec.startMs || endMs > end) continue;
    const { startDaysBeforeEnd: _s, durationHours: _d, ...rest } = d;
    out.push({
      ...rest,
      startMs,
      endMs,
      start: new Date(startMs).toISOString(),
      end: new Date(endMs).toISOString(),
    });
  }
  return out;
}

/** True when every key of `match` has the same value in `dims`. */
export function matches(match: Record<string, string>, dims: Record<string, string>): boolean {
  for (const k in match) if (dims[k] !== match[k]) return false;
  return true;
}

/** Product of the factors the incidents active at `hourMs` put on a driver for these dimensions. */
export function driverFactor(
  incidents: readonly Incident[],
  driver: Driver,
  dims: Record<string, string>,
  hourMs: number,
): number {
  let f = 1;
  for (const inc of incidents) {
    if (hourMs < inc.startMs || hourMs >= inc.endMs) continue;
    for (const d of inc.drivers) if (d.driver === driver && matches(d.match, dims)) f *= d.factor;
  }
  return f;
}

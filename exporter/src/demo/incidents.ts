import { CAMPAIGNS, PLANS, SIGNUP_SOURCES } from './catalog';
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
  /** The affected series: exactly these dimensions ({} = the series over all dimension values). */
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

type Dims = Record<string, string>;

/** The same change on several series (every metric on every dimension set). */
function on(
  model: string,
  metrics: string[],
  dimsList: Dims[],
  direction: Direction,
  magnitude: number,
): IncidentEffect[] {
  return metrics.flatMap((metric) =>
    dimsList.map((dimensions) => ({ model, metric, dimensions, direction, magnitude })),
  );
}

const META_CAMPAIGNS = CAMPAIGNS.map((c) => ({ platform: 'meta', campaignId: c.campaignId }));
const TIKTOK_LAUNCH = { platform: 'tiktok', campaignId: 'product_launch' };
const GOOGLE_LAUNCH = { platform: 'google', campaignId: 'product_launch' };
const ALL_PLANS = PLANS.map((p) => ({ plan: p.plan }));
const ALL_SOURCES = SIGNUP_SOURCES.map((s) => ({ source: s.source }));

export const INCIDENTS: readonly IncidentDefinition[] = [
  {
    id: 'tiktok-conversion-spike',
    title: 'Conversion spike on TikTok product_launch (a creative goes viral)',
    model: 'marketing',
    metric: 'conversions',
    dimensions: TIKTOK_LAUNCH,
    direction: 'up',
    magnitude: 1.2,
    startDaysBeforeEnd: 88,
    durationHours: 72,
    // The campaign brings about 29 % of TikTok's conversions, 24 % of their value and 35 % of its clicks,
    // at the same cost.
    effects: [
      ...on('marketing', ['conversion_rate', 'conversion_value', 'roas'], [TIKTOK_LAUNCH], 'up', 1.2),
      ...on('marketing', ['conversion_value', 'roas'], [{ platform: 'tiktok' }], 'up', 0.29),
      ...on('marketing', ['cpl'], [TIKTOK_LAUNCH], 'down', -0.55),
      ...on('marketing', ['conversions', 'conversion_rate'], [{ platform: 'tiktok' }], 'up', 0.35),
      ...on('marketing', ['cpl'], [{ platform: 'tiktok' }], 'down', -0.26),
    ],
    drivers: [{ driver: 'marketing.cvr', match: TIKTOK_LAUNCH, factor: 2.2 }],
  },
  {
    id: 'google-cpc-surge',
    title: 'CPC surge on Google product_launch (a competitor bids on the same keywords)',
    model: 'marketing',
    metric: 'cpc',
    dimensions: GOOGLE_LAUNCH,
    direction: 'up',
    magnitude: 0.5,
    startDaysBeforeEnd: 70,
    durationHours: 96,
    // The campaign has about 35 % of Google's clicks: its platform's cost rises by a third as much.
    effects: [
      ...on('marketing', ['cost', 'cpl'], [GOOGLE_LAUNCH], 'up', 0.5),
      ...on('marketing', ['roas'], [GOOGLE_LAUNCH], 'down', -0.33),
      ...on('marketing', ['cpc', 'cost', 'cpl'], [{ platform: 'google' }], 'up', 0.175),
      ...on('marketing', ['roas'], [{ platform: 'google' }], 'down', -0.15),
    ],
    drivers: [{ driver: 'marketing.cpc', match: GOOGLE_LAUNCH, factor: 1.5 }],
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
    effects: [
      ...on('marketing', ['ctr'], META_CAMPAIGNS, 'down', -0.4),
      ...on(
        'marketing',
        ['clicks', 'conversions', 'cost', 'conversion_value'],
        [{ platform: 'meta' }, ...META_CAMPAIGNS],
        'down',
        -0.4,
      ),
    ],
    drivers: [{ driver: 'marketing.ctr', match: { platform: 'meta' }, factor: 0.6 }],
  },
  {
    id: 'card-payment-failure-spike',
    title: 'Card payment failures spike (payment provider outage)',
    model: 'revenue',
    metric: 'payment_failure_rate',
    dimensions: { method: 'card' },
    direction: 'up',
    magnitude: 5,
    startDaysBeforeEnd: 20,
    durationHours: 18,
    // Cards carry 59 % of the attempts in every plan: failures overall go from 2.5 % to 9.9 %, and
    // successful revenue loses 12.8 % on cards, 7.6 % overall.
    effects: [
      ...on('revenue', ['payments_failed'], [{ method: 'card' }], 'up', 5),
      ...on('revenue', ['payment_success_rate'], [{ method: 'card' }], 'down', -0.128),
      ...on('revenue', ['revenue'], [{ method: 'card', currency: 'EUR' }], 'down', -0.128),
      ...on('revenue', ['payment_failure_rate', 'payments_failed'], [{}, ...ALL_PLANS], 'up', 3),
      ...on('revenue', ['payment_success_rate'], [{}, ...ALL_PLANS], 'down', -0.076),
      // Per plan the revenue loss (7.6 %) is below the noise of the plan's amounts: not listed.
      ...on('revenue', ['revenue'], [{ currency: 'EUR' }], 'down', -0.076),
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
      ...on('onboarding', ['signup_completion_rate'], ALL_SOURCES, 'down', -0.3),
      ...on('onboarding', ['signups_completed'], [{}, ...ALL_SOURCES], 'down', -0.3),
      ...on('onboarding', ['time_to_complete_seconds'], [{}, ...ALL_SOURCES], 'up', 0.4),
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

/** True when every key of `match` has the same value in `dims` (how a driver picks its cells). */
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

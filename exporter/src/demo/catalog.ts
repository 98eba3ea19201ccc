/**
 * The demo company: ad platforms and campaigns, signup sources, payment methods and plans, each with the
 * baseline behaviour its KPIs are drawn from. Rates are fractions; volumes are per hour at a daily
 * average (the daily and weekly cycles move around them). docs/demo.md describes the same figures.
 */

export interface SeasonalProfile {
  /** UTC hour of the daily peak */
  peakHour: number;
  /** daily swing around the mean: 0.5 = from 0.5x to 1.5x */
  dailyAmplitude: number;
  /** Saturday and Sunday relative to weekdays */
  weekendFactor: number;
  /** compound growth per day */
  trendPerDay: number;
}

export interface Platform extends SeasonalProfile {
  platform: string;
  impressionsPerHour: number;
  ctr: number;
  /** conversions per click */
  cvr: number;
  /** cost per click (EUR) */
  cpc: number;
}

export const PLATFORMS: readonly Platform[] = [
  {
    platform: 'google',
    impressionsPerHour: 26000,
    ctr: 0.032,
    cvr: 0.055,
    cpc: 1.1,
    peakHour: 11,
    dailyAmplitude: 0.5,
    weekendFactor: 0.8,
    trendPerDay: 0.0012,
  },
  {
    platform: 'meta',
    impressionsPerHour: 40000,
    ctr: 0.014,
    cvr: 0.03,
    cpc: 0.65,
    peakHour: 20,
    dailyAmplitude: 0.6,
    weekendFactor: 1.15,
    trendPerDay: 0.0015,
  },
  {
    platform: 'linkedin',
    impressionsPerHour: 15000,
    ctr: 0.008,
    cvr: 0.06,
    cpc: 3.8,
    peakHour: 10,
    dailyAmplitude: 0.65,
    weekendFactor: 0.45,
    trendPerDay: 0.0008,
  },
  {
    platform: 'tiktok',
    impressionsPerHour: 52000,
    ctr: 0.01,
    cvr: 0.02,
    cpc: 0.35,
    peakHour: 21,
    dailyAmplitude: 0.7,
    weekendFactor: 1.2,
    trendPerDay: 0.003,
  },
];

/** Campaigns run on every platform; their factors scale the platform's baseline. */
export interface Campaign {
  campaignId: string;
  impressions: number;
  ctr: number;
  cvr: number;
}

export const CAMPAIGNS: readonly Campaign[] = [
  { campaignId: 'brand_awareness', impressions: 1.3, ctr: 0.8, cvr: 0.6 },
  { campaignId: 'product_launch', impressions: 1, ctr: 1, cvr: 1 },
  { campaignId: 'retargeting', impressions: 0.45, ctr: 1.8, cvr: 2.2 },
];

export interface SignupSource {
  source: string;
  startsPerHour: number;
  /** share of started signups that complete */
  completion: number;
  /** median seconds from start to completion */
  secondsToComplete: number;
}

export const ONBOARDING_SEASON: SeasonalProfile = {
  peakHour: 14,
  dailyAmplitude: 0.45,
  weekendFactor: 0.75,
  trendPerDay: 0.002,
};

export const SIGNUP_SOURCES: readonly SignupSource[] = [
  { source: 'organic', startsPerHour: 70, completion: 0.72, secondsToComplete: 260 },
  { source: 'paid_social', startsPerHour: 55, completion: 0.55, secondsToComplete: 310 },
  { source: 'paid_search', startsPerHour: 40, completion: 0.64, secondsToComplete: 280 },
  { source: 'referral', startsPerHour: 20, completion: 0.8, secondsToComplete: 220 },
];

export interface PaymentMethod {
  method: string;
  paymentsPerHour: number;
  failureRate: number;
}

export const PAYMENTS_SEASON: SeasonalProfile = {
  peakHour: 13,
  dailyAmplitude: 0.4,
  weekendFactor: 0.7,
  trendPerDay: 0.0015,
};

export const PAYMENT_METHODS: readonly PaymentMethod[] = [
  { method: 'card', paymentsPerHour: 110, failureRate: 0.025 },
  { method: 'paypal', paymentsPerHour: 40, failureRate: 0.018 },
  { method: 'sepa_debit', paymentsPerHour: 25, failureRate: 0.04 },
  { method: 'bank_transfer', paymentsPerHour: 10, failureRate: 0.01 },
];

/** Share of succeeded payments refunded later. */
export const REFUND_RATE = 0.01;

export interface Plan {
  plan: string;
  /** share of payments */
  share: number;
  /** average amount (EUR) */
  price: number;
}

export const PLANS: readonly Plan[] = [
  { plan: 'starter', share: 0.6, price: 29 },
  { plan: 'pro', share: 0.3, price: 99 },
  { plan: 'enterprise', share: 0.1, price: 490 },
];

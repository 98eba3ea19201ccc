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
  /** average revenue of a conversion (EUR), as the shop attributes it to the ad */
  valuePerConversion: number;
}

export const CAMPAIGNS: readonly Campaign[] = [
  { campaignId: 'brand_awareness', impressions: 1.3, ctr: 0.8, cvr: 0.6, valuePerConversion: 40 },
  { campaignId: 'product_launch', impressions: 1, ctr: 1, cvr: 1, valuePerConversion: 60 },
  { campaignId: 'retargeting', impressions: 0.45, ctr: 1.8, cvr: 2.2, valuePerConversion: 90 },
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

/** Subscriptions (model `revenue`): the subscribers of each plan, billed monthly in EUR at the plan's price. */
export interface SubscriptionPlan {
  plan: string;
  /** active subscribers at the start of the history */
  subscribers: number;
  /** monthly price (EUR) */
  price: number;
  /** share of subscribers cancelling in 30 days */
  monthlyChurn: number;
}

export const SUBSCRIPTION_PLANS: readonly SubscriptionPlan[] = [
  { plan: 'starter', subscribers: 120_000, price: 29, monthlyChurn: 0.04 },
  { plan: 'pro', subscribers: 30_000, price: 99, monthlyChurn: 0.025 },
  { plan: 'enterprise', subscribers: 4_000, price: 490, monthlyChurn: 0.01 },
];

/** Net growth of the subscriber base per day (new subscriptions outpace cancellations). */
export const SUBSCRIBER_GROWTH_PER_DAY = 0.001;

/** Engagement (model `engagement`): users of each app, active in the last day and in the last 30 days. */
export interface App {
  app: string;
  dailyActiveUsers: number;
  monthlyActiveUsers: number;
  weekendFactor: number;
}

export const APPS: readonly App[] = [
  { app: 'web', dailyActiveUsers: 18_000, monthlyActiveUsers: 80_000, weekendFactor: 0.7 },
  { app: 'ios', dailyActiveUsers: 14_000, monthlyActiveUsers: 50_000, weekendFactor: 1.1 },
  { app: 'android', dailyActiveUsers: 12_000, monthlyActiveUsers: 52_000, weekendFactor: 1.05 },
];

/** Users of several apps are counted once overall: overall DAU and MAU are these shares of the apps' sums. */
export const OVERALL_DAU_SHARE = 0.92;
export const OVERALL_MAU_SHARE = 0.85;
export const ENGAGEMENT_GROWTH_PER_DAY = 0.0015;

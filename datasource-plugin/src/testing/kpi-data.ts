// Deterministic test data loaded into a real exporter through its API: hourly KPI history ending now with
// an injected incident, and accounts with invoices and payments of distinct payment behaviours.

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export interface KpiPoint {
  modelName: string;
  metricName: string;
  value: number;
  timestamp: string;
  [dimension: string]: string | number;
}

/** `hours` hourly points ending at the current hour: a daily cycle, deterministic noise, hours [from, to) scaled. */
export function hourlyHistory(
  model: string,
  metric: string,
  dims: Record<string, string>,
  hours: number,
  seed: number,
  nowMs: number,
  shift?: { from: number; to: number; factor: number },
): KpiPoint[] {
  const start = Math.floor(nowMs / HOUR) * HOUR - (hours - 1) * HOUR;
  let s = seed;
  const rnd = () => ((s = (s * 16807) % 2147483647) / 2147483647 - 0.5) * 4;
  return Array.from({ length: hours }, (_, i) => {
    const t = start + i * HOUR;
    const base = 100 + 30 * Math.sin((2 * Math.PI * ((t / HOUR) % 24)) / 24) + rnd();
    const f = shift && i >= shift.from && i < shift.to ? shift.factor : 1;
    return {
      modelName: model,
      metricName: metric,
      value: base * f,
      timestamp: new Date(t).toISOString(),
      ...dims,
    };
  });
}

/**
 * A leader and a follower of two models, `days` days of hours ending at the current hour: the leader a
 * random walk of daily levels, the follower the same levels `lagDays` later (the exporter's analysis then
 * publishes a learning: the leader's model leads the follower's by `lagDays`).
 */
export function ledPair(
  leader: { model: string; metric: string; dims: Record<string, string>; scale: number },
  follower: { model: string; metric: string; dims: Record<string, string>; scale: number },
  days: number,
  lagDays: number,
  nowMs: number,
): KpiPoint[] {
  let s = 17;
  const rnd = () => (s = (s * 16807) % 2147483647) / 2147483647 - 0.5;
  const level: number[] = [];
  for (let d = 0; d < days; d++) {
    level.push(Math.max(0.2, (level[d - 1] ?? 1) + 0.4 * rnd()));
  }
  const start = Math.floor(nowMs / HOUR) * HOUR - (days * 24 - 1) * HOUR;
  const points: KpiPoint[] = [];
  for (let h = 0; h < days * 24; h++) {
    const d = Math.floor(h / 24);
    const timestamp = new Date(start + h * HOUR).toISOString();
    points.push(
      {
        modelName: leader.model,
        metricName: leader.metric,
        value: leader.scale * level[d] * (1 + 0.02 * rnd()),
        timestamp,
        ...leader.dims,
      },
      {
        modelName: follower.model,
        metricName: follower.metric,
        value: follower.scale * level[Math.max(0, d - lagDays)] * (1 + 0.02 * rnd()),
        timestamp,
        ...follower.dims,
      },
    );
  }
  return points;
}

/** An account with six monthly invoices paid `delays` days after due (undefined: unpaid) and one upcoming. */
export function accountHistory(id: string, name: string, delays: Array<number | undefined>, nowMs: number) {
  const iso = (ms: number) => new Date(ms).toISOString();
  const invoices = [];
  const payments = [];
  for (let k = 0; k < delays.length; k++) {
    const issued = nowMs - (delays.length - k) * 30 * DAY - 25 * DAY;
    const due = issued + 30 * DAY;
    invoices.push({ id: `${id}-i${k}`, accountId: id, amount: 1000, issuedAt: iso(issued), dueAt: iso(due) });
    const delay = delays[k];
    if (delay !== undefined && due + delay * DAY < nowMs) {
      payments.push({
        id: `${id}-p${k}`,
        accountId: id,
        invoiceId: `${id}-i${k}`,
        amount: 1000,
        paidAt: iso(due + delay * DAY),
      });
    }
  }
  invoices.push({
    id: `${id}-next`,
    accountId: id,
    amount: 1000,
    issuedAt: iso(nowMs - 5 * DAY),
    dueAt: iso(nowMs + 25 * DAY),
  });
  return {
    account: { id, name, openedAt: iso(nowMs - 400 * DAY), creditLimit: 5000 },
    invoices,
    payments,
  };
}

import type { KpiDefinition } from '@kpilens/contract';
import type { Queryable } from '../db/db';
import { seriesKey, type NormalizedPoint } from '../ingest/normalize-points';
import { writePoints } from '../store/points';
import { SeriesRegistry } from '../store/series';
import { deriveHours, dimensionsKey, hoursToWrite, inDimensionSets, metricsRead } from './derived';
import type { FetchContext, KpiSeries, ModelData } from './kpi-model';

interface SeriesRow {
  id: number;
  metric: string;
  dimensions: Record<string, string>;
}

/** Ids of the stored series a model reads (its KPIs and the inputs of its derived KPIs). */
export async function seriesIdsOf(
  db: Queryable,
  orgId: number,
  model: string,
  kpis: readonly KpiDefinition[],
): Promise<number[]> {
  const { rows } = await db.query<{ id: number }>(
    'SELECT id FROM series WHERE org_id = $1 AND model = $2 AND metric = ANY($3::text[])',
    [orgId, model, metricsRead(kpis)],
  );
  return rows.map((r) => r.id);
}

/**
 * Hourly values of each series from the 1 h rollups, in time order: the mean (a KPI's value for the hour)
 * or the sum (an input of a derived KPI, so a ratio is a ratio of sums).
 */
export async function readHourly(
  tx: Queryable,
  ids: number[],
  fromMs: number,
  toMs: number,
  agg: 'mean' | 'sum',
): Promise<Map<number, Array<[number, number]>>> {
  const out = new Map<number, Array<[number, number]>>();
  if (ids.length === 0) return out;
  const { rows } = await tx.query<{ s: number; t: number; v: number }>(
    `SELECT series_id AS s, date_part('epoch', bucket) * 1000 AS t, ${agg === 'sum' ? 'sum' : 'sum / count'} AS v
     FROM rollups
     WHERE series_id = ANY($1::int[]) AND resolution = 3600 AND bucket >= to_timestamp($2) AND bucket < to_timestamp($3)
     ORDER BY series_id, bucket`,
    [ids, fromMs / 1000, toMs / 1000],
  );
  for (const r of rows) {
    let list = out.get(r.s);
    if (!list) out.set(r.s, (list = []));
    list.push([Number(r.t), Number(r.v)]);
  }
  return out;
}

/**
 * The declarative way to fetch a model's metrics: its KPI series (within their dimension sets) with hourly
 * values over [fromMs, nowMs). A derived KPI is computed from its inputs for every dimension set that has
 * both; hours its stored series lacks (points were sent without it) are written to it, so the derived KPI
 * is an ordinary series that insights link to and /api/v1/query reads.
 */
export async function fetchDeclaredSeries(
  ctx: FetchContext,
  model: string,
  kpis: readonly KpiDefinition[],
): Promise<ModelData> {
  const { tx, orgId, fromMs, nowMs } = ctx;
  const { rows } = await tx.query<SeriesRow>(
    'SELECT id, metric, dimensions FROM series WHERE org_id = $1 AND model = $2 AND metric = ANY($3::text[]) ORDER BY id',
    [orgId, model, metricsRead(kpis)],
  );
  const kpiMetrics = new Set(kpis.map((k) => k.metric));
  const means = await readHourly(
    tx,
    rows.filter((r) => kpiMetrics.has(r.metric)).map((r) => r.id),
    fromMs,
    nowMs,
    'mean',
  );
  const series: KpiSeries[] = rows
    .filter((r) => kpiMetrics.has(r.metric))
    .map((r) => ({
      id: r.id,
      model,
      metric: r.metric,
      dimensions: r.dimensions,
      hours: means.get(r.id) ?? [],
    }));

  const derived = kpis.filter((k) => k.derived);
  if (derived.length > 0) {
    const inputs = new Set(derived.flatMap((k) => [k.derived!.numerator, k.derived!.denominator]));
    const sums = await readHourly(
      tx,
      rows.filter((r) => inputs.has(r.metric)).map((r) => r.id),
      fromMs,
      nowMs,
      'sum',
    );
    const byMetricDims = new Map(rows.map((r) => [`${r.metric}|${dimensionsKey(r.dimensions)}`, r]));
    const toWrite: NormalizedPoint[] = [];
    const computedBy = new Map<string, Array<[number, number]>>();
    for (const k of derived) {
      const d = k.derived!;
      for (const num of rows.filter((r) => r.metric === d.numerator)) {
        const dk = dimensionsKey(num.dimensions);
        const den = byMetricDims.get(`${d.denominator}|${dk}`);
        if (!den) continue;
        const computed = deriveHours(sums.get(num.id) ?? [], sums.get(den.id) ?? [], d.scale ?? 1);
        const stored = byMetricDims.get(`${k.metric}|${dk}`);
        const missing = hoursToWrite(computed, stored ? (means.get(stored.id) ?? []) : []);
        if (missing.length === 0) continue;
        const key = seriesKey(model, k.metric, num.dimensions);
        computedBy.set(key, computed);
        for (const [ts, value] of missing)
          toWrite.push({ seriesKey: key, model, metric: k.metric, dimensions: num.dimensions, ts, value });
      }
    }
    if (toWrite.length > 0) {
      // A registry of this run only: its ids must not outlive the transaction if it rolls back.
      const registry = new SeriesRegistry();
      await writePoints(tx, registry, orgId, toWrite);
      const { ids } = await registry.resolve(tx, orgId, toWrite);
      for (const [key, computed] of computedBy) {
        const id = ids.get(key)!;
        const p = toWrite.find((x) => x.seriesKey === key)!;
        const existing = series.find((s) => s.id === id);
        if (existing) existing.hours = computed;
        else series.push({ id, model, metric: p.metric, dimensions: p.dimensions, hours: computed });
      }
    }
  }
  const byMetric = new Map(kpis.map((k) => [k.metric, k]));
  return {
    model,
    fromMs,
    nowMs,
    series: series
      .filter((s) => inDimensionSets(byMetric.get(s.metric)!, s.dimensions))
      .sort((a, b) => a.id - b.id),
  };
}

/** A model's stored KPI series with their hourly means, read only (another model's learnings use them). */
export async function readOnlySeries(
  ctx: Pick<FetchContext, 'tx' | 'orgId' | 'fromMs' | 'nowMs'>,
  model: string,
  kpis: readonly KpiDefinition[],
): Promise<ModelData> {
  const byMetric = new Map(kpis.map((k) => [k.metric, k]));
  const { rows } = await ctx.tx.query<SeriesRow>(
    'SELECT id, metric, dimensions FROM series WHERE org_id = $1 AND model = $2 AND metric = ANY($3::text[]) ORDER BY id',
    [ctx.orgId, model, [...byMetric.keys()]],
  );
  const kept = rows.filter((r) => inDimensionSets(byMetric.get(r.metric)!, r.dimensions));
  const means = await readHourly(
    ctx.tx,
    kept.map((r) => r.id),
    ctx.fromMs,
    ctx.nowMs,
    'mean',
  );
  return {
    model,
    fromMs: ctx.fromMs,
    nowMs: ctx.nowMs,
    series: kept.map((r) => ({
      id: r.id,
      model,
      metric: r.metric,
      dimensions: r.dimensions,
      hours: means.get(r.id) ?? [],
    })),
  };
}

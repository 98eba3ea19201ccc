import type { AnomalyBandResult } from '@kpilens/contract';
import { createDataFrame, FieldType, type DataFrame } from '@grafana/data';
import { seriesDisplayName, type KpiInfo } from './units';

/**
 * Per series: observed, expected (dashed) and the normal band as lower/upper, the upper filled down to the
 * lower so a time series panel draws the band without overrides.
 */
export function anomalyBandFrames(
  result: AnomalyBandResult,
  refId: string,
  kpis: ReadonlyMap<string, KpiInfo>,
): DataFrame[] {
  return result.series.map((s) => {
    const info = kpis.get(`${s.model}.${s.metric}`);
    const name = seriesDisplayName(s.metric, s.dimensions);
    const base = { unit: info?.unit, interval: result.intervalMs };
    return createDataFrame({
      refId,
      name: `${s.model}.${s.metric}`,
      meta: { custom: { seriesId: s.id } },
      fields: [
        { name: 'Time', type: FieldType.time, values: s.times },
        {
          name: 'observed',
          type: FieldType.number,
          values: s.observed,
          labels: s.dimensions,
          config: { ...base, displayNameFromDS: name, description: info?.description },
        },
        {
          name: 'expected',
          type: FieldType.number,
          values: s.expected,
          labels: s.dimensions,
          config: {
            ...base,
            displayNameFromDS: `${name} expected`,
            custom: { lineStyle: { fill: 'dash', dash: [10, 10] } },
          },
        },
        {
          name: 'lower',
          type: FieldType.number,
          values: s.lower,
          labels: s.dimensions,
          config: { ...base, displayNameFromDS: `${name} lower`, custom: { lineWidth: 0 } },
        },
        {
          name: 'upper',
          type: FieldType.number,
          values: s.upper,
          labels: s.dimensions,
          config: {
            ...base,
            displayNameFromDS: `${name} upper`,
            custom: { lineWidth: 0, fillOpacity: 20, fillBelowTo: `${name} lower` },
          },
        },
      ],
    });
  });
}

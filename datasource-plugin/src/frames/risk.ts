import {
  RiskLevels,
  type AccountRisk,
  type PointsResult,
  type RiskLevel,
  type RiskScoreList,
} from '@kpilens/contract';
import { createDataFrame, FieldColorModeId, FieldType, type DataFrame, type DataLink } from '@grafana/data';

/** The app's risk explorer page for one account. */
export const RISK_EXPLORER_PATH = '/a/kpilens-app/risk';

export function accountLink(): DataLink {
  return { title: 'Open in the risk explorer', url: `${RISK_EXPLORER_PATH}?account=\${__value.raw}` };
}

/** Level colours of Grafana's palette, riskier warmer (the exporter's badge colours for single scores). */
export const LEVEL_COLORS: Record<RiskLevel, string> = {
  EXCELLENT: 'green',
  GOOD: 'semi-dark-green',
  MEDIUM: 'yellow',
  RISKY: 'orange',
  CRITICAL: 'red',
  UNKNOWN: 'gray',
};

/** Account, probability, level, badge, expected payment date, confidence and top factors. */
export function riskScoresFrame(list: RiskScoreList, refId: string): DataFrame {
  const rows = list.scores;
  const col = <T>(f: (s: AccountRisk) => T) => rows.map(f);
  return createDataFrame({
    refId,
    name: 'risk scores',
    meta: { preferredVisualisationType: 'table', custom: { total: list.total } },
    fields: [
      {
        name: 'accountId',
        type: FieldType.string,
        values: col((s) => s.accountId),
        config: { displayName: 'Account', links: [accountLink()] },
      },
      {
        name: 'accountName',
        type: FieldType.string,
        values: col((s) => s.accountName),
        config: { displayName: 'Name' },
      },
      {
        name: 'probability',
        type: FieldType.number,
        values: col((s) => s.probability),
        config: { displayName: 'Pays on time', unit: 'percentunit', min: 0, max: 1, decimals: 0 },
      },
      {
        name: 'level',
        type: FieldType.string,
        values: col((s) => s.level),
        config: { displayName: 'Level' },
      },
      {
        name: 'badge',
        type: FieldType.string,
        values: col((s) => s.badge),
        config: { displayName: 'Badge' },
      },
      {
        name: 'color',
        type: FieldType.string,
        values: col((s) => s.color),
        config: { displayName: 'Colour', custom: { hidden: true } },
      },
      {
        name: 'expectedPaymentDate',
        type: FieldType.time,
        values: col((s) => (s.expectedPaymentDate === null ? null : Date.parse(s.expectedPaymentDate))),
        config: { displayName: 'Expected payment', unit: 'dateTimeAsIsoNoDateIfToday' },
      },
      {
        name: 'confidence',
        type: FieldType.number,
        values: col((s) => s.confidence),
        config: { displayName: 'Confidence', unit: 'percentunit', min: 0, max: 1, decimals: 0 },
      },
      {
        name: 'topFactors',
        type: FieldType.string,
        values: col((s) => s.factors.map((f) => f.message).join('; ')),
        config: { displayName: 'Top factors' },
      },
      // Feature, value, contribution and direction of each factor, for the panel to draw as bars.
      {
        name: 'factors',
        type: FieldType.other,
        values: col((s) => s.factors),
        config: { displayName: 'Factors', custom: { hidden: true } },
      },
      {
        name: 'scoredAt',
        type: FieldType.time,
        values: col((s) => Date.parse(s.scoredAt)),
        config: { displayName: 'Scored' },
      },
      {
        name: 'modelVersion',
        type: FieldType.string,
        values: col((s) => s.modelVersion),
        config: { displayName: 'Model version' },
      },
    ],
  });
}

/**
 * The risk KPI series (one per level) as one wide frame: time and one field per level in risk order, each
 * in its level colour, ready for a stacked chart. Levels the exporter did not return are 0-free: absent.
 */
export function riskDistributionFrame(
  result: PointsResult,
  refId: string,
  unit: string | undefined,
): DataFrame {
  const byLevel = new Map(result.series.map((s) => [s.dimensions.risk_level, s]));
  const times = [...new Set(result.series.flatMap((s) => s.points.map(([t]) => t)))].sort((a, b) => a - b);
  const fields: Parameters<typeof createDataFrame>[0]['fields'] = [
    { name: 'Time', type: FieldType.time, values: times },
  ];
  for (const level of RiskLevels) {
    const s = byLevel.get(level);
    if (!s) {
      continue;
    }
    const values = new Map(s.points);
    fields.push({
      name: level,
      type: FieldType.number,
      values: times.map((t) => values.get(t) ?? null),
      labels: { risk_level: level },
      config: {
        displayNameFromDS: level,
        unit,
        color: { mode: FieldColorModeId.Fixed, fixedColor: LEVEL_COLORS[level] },
        custom: { stacking: { mode: 'normal', group: 'risk' }, fillOpacity: 60 },
        interval: result.intervalMs,
      },
    });
  }
  return createDataFrame({
    refId,
    name: `risk distribution`,
    meta: { custom: { source: result.source } },
    fields,
  });
}

import type { RecommendationStatus, RiskLevel, Severity } from '@kpilens/contract';
import type { InsightSort } from './transforms/insights';
import type { RiskSort } from './transforms/risk';

export const PANEL_MODES = ['insights', 'risk', 'recommendations', 'briefing'] as const;
export type PanelMode = (typeof PANEL_MODES)[number];

/** Options set in the panel editor (see module.ts for their editors and defaults). */
export interface InsightsPanelOptions {
  mode: PanelMode;
  insights: {
    severities: Severity[];
    includeResolved: boolean;
    sortBy: InsightSort;
    limit: number;
  };
  risk: {
    levels: RiskLevel[];
    sortBy: RiskSort;
    limit: number;
    showSearch: boolean;
  };
  recommendations: {
    statuses: RecommendationStatus[];
    showFindings: boolean;
  };
  briefing: {
    showKeyNumbers: boolean;
  };
}

export const DEFAULT_OPTIONS: InsightsPanelOptions = {
  mode: 'insights',
  insights: { severities: [], includeResolved: false, sortBy: 'severity', limit: 50 },
  risk: { levels: [], sortBy: 'risk', limit: 50, showSearch: true },
  recommendations: { statuses: ['pending', 'snoozed'], showFindings: true },
  briefing: { showKeyNumbers: true },
};

/** The panel's options with every missing group or value taken from the defaults (old saved panels). */
export function withDefaults(options: Partial<InsightsPanelOptions> | undefined): InsightsPanelOptions {
  const o = options ?? {};
  return {
    mode: o.mode ?? DEFAULT_OPTIONS.mode,
    insights: { ...DEFAULT_OPTIONS.insights, ...o.insights },
    risk: { ...DEFAULT_OPTIONS.risk, ...o.risk },
    recommendations: { ...DEFAULT_OPTIONS.recommendations, ...o.recommendations },
    briefing: { ...DEFAULT_OPTIONS.briefing, ...o.briefing },
  };
}

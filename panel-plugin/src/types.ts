export type SortBy = 'name' | 'value';

/** Options set in the panel editor (see module.ts for their editors and defaults). */
export interface InsightsPanelOptions {
  sortBy: SortBy;
  showChange: boolean;
  decimals?: number;
}

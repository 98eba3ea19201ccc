import { sumCounter } from './metrics-text';

const text = `# HELP kpi_ingestion_total KPI points received
# TYPE kpi_ingestion_total counter
kpi_ingestion_total{model="ads",status="accepted"} 120
kpi_ingestion_total{model="sales",status="accepted"} 30
kpi_ingestion_total{model="ads",status="rejected"} 2
kpi_ingestion_total_other 9`;

describe('sumCounter', () => {
  it('sums the series of a counter whose labels match', () => {
    expect(sumCounter(text, 'kpi_ingestion_total', { status: 'accepted' })).toBe(150);
    expect(sumCounter(text, 'kpi_ingestion_total')).toBe(152);
    expect(sumCounter(text, 'missing_total')).toBeNull();
  });
});

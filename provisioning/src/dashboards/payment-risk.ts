import * as common from '@grafana/grafana-foundation-sdk/common';
import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { baseDashboard, orgVariable } from './common';
import { insightsPanel, kpiLensTimeseries, Layout, promBarGauge, promStat, promTimeseries } from './panels';

export function paymentRiskDashboard(): dashboard.DashboardBuilder {
  const l = new Layout()
    .row('Distribution and revenue at risk')
    .add(
      promTimeseries(
        'Accounts by risk level',
        [{ expr: 'sum by (risk_level) (ml_accounts_by_risk_level{org=~"$org"})', legend: '{{risk_level}}' }],
        'short',
        'Accounts by the level of their latest score, as scraped',
      ).stacking(new common.StackingConfigBuilder().mode(common.StackingMode.Normal)),
      8,
      8,
    )
    .add(
      kpiLensTimeseries(
        'Risk distribution over time',
        [{ queryType: 'riskDistribution', riskMeasure: 'accounts', interval: '1d' }],
        'short',
        'History of the risk distribution from the exporter (one point per scoring pass)',
      ),
      8,
      8,
    )
    .add(
      promTimeseries(
        'Revenue at risk by level',
        [{ expr: 'sum by (risk_level) (ml_revenue_at_risk{org=~"$org"})', legend: '{{risk_level}}' }],
        'currencyEUR',
        'Upcoming invoice amounts by the risk level of their account',
      ),
      8,
      8,
    )
    .row('Risk board')
    .add(
      insightsPanel(
        'Risk board',
        'risk',
        { queryType: 'riskScores' },
        'Accounts with level, probability, expected payment date, confidence and top factors',
      ),
      24,
      12,
    )
    .row('Model quality')
    .add(
      promStat('Live AUC', 'max by (model_version) (ml_model_accuracy)', 'none', {
        legend: '{{model_version}}',
        description: 'Realized ROC-AUC of predictions whose invoice came due in the last 90 days',
        thresholds: [
          [null, 'red'],
          [0.7, 'orange'],
          [0.75, 'green'],
        ],
      }),
      6,
      6,
    )
    .add(
      promStat('Calibration error (ECE)', 'max by (model_version) (ml_model_calibration_error)', 'none', {
        legend: '{{model_version}}',
        description: 'Expected calibration error of the realized predictions (10 bins)',
      }),
      6,
      6,
    )
    .add(
      promStat('Brier score', 'max by (model_version) (ml_model_brier_score)', 'none', {
        legend: '{{model_version}}',
        description: 'Realized Brier score (lower is better)',
      }),
      6,
      6,
    )
    .add(
      promStat(
        'Outcomes behind the figures',
        'max by (model_version) (ml_model_realized_outcomes)',
        'short',
        {
          legend: '{{model_version}}',
          description: 'Predictions with a known outcome that the realized figures are computed from',
        },
      ),
      6,
      6,
    )
    .add(
      promBarGauge(
        'Feature drift (PSI)',
        'max by (feature) (ml_feature_drift_psi)',
        '{{feature}}',
        'none',
        'Population stability index of each feature, last scoring pass against the training data (> 0.25: drift)',
      ),
      12,
      10,
    )
    .add(
      promTimeseries(
        'Accounts scored per hour',
        [
          {
            expr: 'sum by (risk_level) (increase(ml_predictions_total[1h]))',
            legend: '{{risk_level}}',
          },
        ],
        'short',
        'Predictions of the scoring passes, by risk level',
      ),
      12,
      10,
    );
  return l.into(
    baseDashboard(
      'paymentRisk',
      'KPI Lens / Payment risk',
      'Payment-risk scores, revenue at risk and model quality',
    )
      .time({ from: 'now-7d', to: 'now' })
      .refresh('1m')
      .withVariable(orgVariable()),
  );
}

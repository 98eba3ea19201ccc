import React, { useMemo } from 'react';
import { LoadingState, ThresholdsMode, type PanelProps, type ThresholdsConfig } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import { t } from '@grafana/i18n';
import { tv } from '../../i18n';
import { actionsOf, userCanAct } from '../../actions/datasource-actions';
import { briefingFromFrames } from '../../transforms/briefing';
import { insightsFromFrames, selectInsights, sparklinesBySeries } from '../../transforms/insights';
import { accountUrl, insightExploreUrl } from '../../transforms/links';
import { recommendationsFromFrames, selectRecommendations } from '../../transforms/recommendations';
import { riskFromFrames } from '../../transforms/risk';
import { withDefaults, type InsightsPanelOptions, type PanelMode } from '../../types';
import { ExecutiveBriefing } from '../ExecutiveBriefing/ExecutiveBriefing';
import { InsightsFeed } from '../InsightsFeed/InsightsFeed';
import { PanelMessage } from '../PanelMessage/PanelMessage';
import { RecommendationsInbox } from '../RecommendationsInbox/RecommendationsInbox';
import { RiskBoard } from '../RiskBoard/RiskBoard';
import { getStyles } from './styles';

type Props = PanelProps<InsightsPanelOptions>;

export const DEFAULT_AUDIT_THRESHOLDS: ThresholdsConfig = {
  mode: ThresholdsMode.Absolute,
  steps: [
    { value: -Infinity, color: 'red' },
    { value: 80, color: 'orange' },
    { value: 90, color: 'green' },
  ],
};

function queryTypeName(mode: PanelMode): string {
  switch (mode) {
    case 'insights':
      return t('panel.query.insights', 'Insights');
    case 'risk':
      return t('panel.query.risk', 'Risk scores');
    case 'recommendations':
      return t('panel.query.recommendations', 'Recommendations');
    case 'briefing':
      return t('panel.query.briefing', 'Executive briefing');
  }
}

function emptyTitle(mode: PanelMode): string {
  switch (mode) {
    case 'insights':
      return t('panel.empty.insights', 'No insights in this time range');
    case 'risk':
      return t('panel.empty.risk', 'No scored accounts');
    case 'recommendations':
      return t('panel.empty.recommendations', 'No recommendations to review');
    case 'briefing':
      return t('panel.empty.briefing', 'No briefing for this week yet');
  }
}

/** The KPI Lens panel: insights feed, risk board, recommendations inbox or executive briefing. */
export function InsightsPanel({ data, options: rawOptions, fieldConfig, timeRange, width, height }: Props) {
  const styles = useStyles2(getStyles);
  const options = withDefaults(rawOptions);
  const frames = data.series;
  const datasourceUid = data.request?.targets?.find((q) => q.datasource?.uid)?.datasource?.uid;
  // Ages are told against the end of the dashboard's time range.
  const nowMs = timeRange.to.valueOf();

  const content = useMemo(() => {
    switch (options.mode) {
      case 'insights': {
        const rows = selectInsights(insightsFromFrames(frames), options.insights);
        return rows.length === 0 ? null : (
          <InsightsFeed
            insights={rows}
            sparklines={sparklinesBySeries(frames)}
            unit={fieldConfig?.defaults?.unit}
            decimals={fieldConfig?.defaults?.decimals ?? undefined}
            linkOf={(i) => insightExploreUrl(i, datasourceUid)}
            nowMs={nowMs}
          />
        );
      }
      case 'risk': {
        const rows = riskFromFrames(frames);
        return rows.length === 0 ? null : (
          <RiskBoard
            rows={rows}
            levels={options.risk.levels}
            initialSort={options.risk.sortBy}
            limit={options.risk.limit}
            showSearch={options.risk.showSearch}
            accountHref={accountUrl}
          />
        );
      }
      case 'recommendations': {
        const rows = selectRecommendations(recommendationsFromFrames(frames), {
          statuses: options.recommendations.statuses,
          search: '',
        });
        return rows.length === 0 ? null : (
          <RecommendationsInbox
            rows={rows}
            actions={userCanAct() ? () => actionsOf(datasourceUid) : null}
            showFindings={options.recommendations.showFindings}
            thresholds={fieldConfig?.defaults?.thresholds ?? DEFAULT_AUDIT_THRESHOLDS}
          />
        );
      }
      case 'briefing': {
        const briefing = briefingFromFrames(frames);
        return briefing === null ? null : (
          <ExecutiveBriefing briefing={briefing} showKeyNumbers={options.briefing.showKeyNumbers} />
        );
      }
    }
  }, [frames, options, fieldConfig, datasourceUid, nowMs]);

  if (data.state === LoadingState.Error && !content) {
    return (
      <PanelMessage
        kind="error"
        title={t('panel.error.title', 'The KPI Lens query failed')}
        hint={`${data.errors?.[0]?.message ?? data.error?.message ?? ''} ${t(
          'panel.error.hint',
          'Check the exporter URL and key in the KPI Lens data source settings (Save & test), then refresh.',
        )}`.trim()}
      />
    );
  }
  if (!content && (data.state === LoadingState.Loading || data.state === LoadingState.NotStarted)) {
    return <PanelMessage kind="loading" title={t('panel.loading', 'Loading from KPI Lens…')} />;
  }
  return (
    <div className={styles.root} style={{ width, height }}>
      {content ?? (
        <PanelMessage
          kind="empty"
          title={emptyTitle(options.mode)}
          hint={tv(
            'panel.empty.hint',
            'Use the KPI Lens data source with the query type "{{type}}", widen the time range or loosen the panel filters.',
            { type: queryTypeName(options.mode) },
          )}
        />
      )}
    </div>
  );
}

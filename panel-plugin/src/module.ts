import { FieldConfigProperty, PanelPlugin, type SelectableValue } from '@grafana/data';
import { t } from '@grafana/i18n';
import { RecommendationStatuses, RiskLevels, Severities } from '@kpilens/contract';
import { DEFAULT_AUDIT_THRESHOLDS, InsightsPanel } from './components/InsightsPanel/InsightsPanel';
import { initTranslations } from './i18n';
import { DEFAULT_OPTIONS, type InsightsPanelOptions, type PanelMode } from './types';

initTranslations();

const is = (mode: PanelMode) => (options: InsightsPanelOptions) =>
  (options.mode ?? DEFAULT_OPTIONS.mode) === mode;
// addMultiSelect types its options with the option's value type (an array), though each option holds one item.
const choices = <T extends string>(values: readonly T[]) =>
  values.map((value) => ({ value, label: value })) as unknown as Array<SelectableValue<T[]>>;

export const plugin = new PanelPlugin<InsightsPanelOptions>(InsightsPanel)
  .useFieldConfig({
    standardOptions: {
      // Colours of the audit score in the recommendations inbox.
      [FieldConfigProperty.Thresholds]: { defaultValue: DEFAULT_AUDIT_THRESHOLDS },
    },
    disableStandardOptions: [
      FieldConfigProperty.Min,
      FieldConfigProperty.Max,
      FieldConfigProperty.Color,
      FieldConfigProperty.Mappings,
      FieldConfigProperty.Links,
      FieldConfigProperty.NoValue,
      FieldConfigProperty.DisplayName,
    ],
  })
  .setPanelOptions((builder) =>
    builder
      .addRadio({
        path: 'mode',
        name: t('panel.options.mode', 'Display'),
        description: t(
          'panel.options.mode-help',
          'What the panel shows; pick the matching query type in the query.',
        ),
        defaultValue: DEFAULT_OPTIONS.mode,
        settings: {
          options: [
            { value: 'insights', label: t('panel.options.mode-insights', 'Insights feed') },
            { value: 'risk', label: t('panel.options.mode-risk', 'Risk board') },
            {
              value: 'recommendations',
              label: t('panel.options.mode-recommendations', 'Recommendations inbox'),
            },
            { value: 'briefing', label: t('panel.options.mode-briefing', 'Executive briefing') },
          ],
        },
      })
      .addMultiSelect({
        path: 'insights.severities',
        name: t('panel.options.severities', 'Severities'),
        description: t('panel.options.severities-help', 'Empty: every severity'),
        category: [t('panel.options.insights', 'Insights feed')],
        defaultValue: DEFAULT_OPTIONS.insights.severities,
        settings: { options: choices(Severities) },
        showIf: is('insights'),
      })
      .addBooleanSwitch({
        path: 'insights.includeResolved',
        name: t('panel.options.resolved', 'Show resolved insights'),
        category: [t('panel.options.insights', 'Insights feed')],
        defaultValue: DEFAULT_OPTIONS.insights.includeResolved,
        showIf: is('insights'),
      })
      .addRadio({
        path: 'insights.sortBy',
        name: t('panel.options.sort', 'Sort by'),
        category: [t('panel.options.insights', 'Insights feed')],
        defaultValue: DEFAULT_OPTIONS.insights.sortBy,
        settings: {
          options: [
            { value: 'severity', label: t('panel.options.sort-severity', 'Severity') },
            { value: 'newest', label: t('panel.options.sort-newest', 'Newest') },
          ],
        },
        showIf: is('insights'),
      })
      .addNumberInput({
        path: 'insights.limit',
        name: t('panel.options.limit', 'Most shown'),
        category: [t('panel.options.insights', 'Insights feed')],
        defaultValue: DEFAULT_OPTIONS.insights.limit,
        settings: { min: 1, max: 500, integer: true },
        showIf: is('insights'),
      })
      .addMultiSelect({
        path: 'risk.levels',
        name: t('panel.options.levels', 'Risk levels'),
        description: t('panel.options.levels-help', 'Empty: every level'),
        category: [t('panel.options.risk', 'Risk board')],
        defaultValue: DEFAULT_OPTIONS.risk.levels,
        settings: { options: choices(RiskLevels) },
        showIf: is('risk'),
      })
      .addRadio({
        path: 'risk.sortBy',
        name: t('panel.options.sort', 'Sort by'),
        category: [t('panel.options.risk', 'Risk board')],
        defaultValue: DEFAULT_OPTIONS.risk.sortBy,
        settings: {
          options: [
            { value: 'risk', label: t('panel.options.sort-risk', 'Riskiest first') },
            { value: 'expectedPayment', label: t('panel.options.sort-payment', 'Latest expected payment') },
            { value: 'name', label: t('panel.options.sort-name', 'Name') },
          ],
        },
        showIf: is('risk'),
      })
      .addNumberInput({
        path: 'risk.limit',
        name: t('panel.options.limit', 'Most shown'),
        category: [t('panel.options.risk', 'Risk board')],
        defaultValue: DEFAULT_OPTIONS.risk.limit,
        settings: { min: 1, max: 1000, integer: true },
        showIf: is('risk'),
      })
      .addBooleanSwitch({
        path: 'risk.showSearch',
        name: t('panel.options.search', 'Account search'),
        category: [t('panel.options.risk', 'Risk board')],
        defaultValue: DEFAULT_OPTIONS.risk.showSearch,
        showIf: is('risk'),
      })
      .addMultiSelect({
        path: 'recommendations.statuses',
        name: t('panel.options.statuses', 'Statuses'),
        description: t('panel.options.statuses-help', 'Empty: every status'),
        category: [t('panel.options.recommendations', 'Recommendations inbox')],
        defaultValue: DEFAULT_OPTIONS.recommendations.statuses,
        settings: { options: choices(RecommendationStatuses) },
        showIf: is('recommendations'),
      })
      .addBooleanSwitch({
        path: 'recommendations.showFindings',
        name: t('panel.options.findings', 'Show audit findings'),
        category: [t('panel.options.recommendations', 'Recommendations inbox')],
        defaultValue: DEFAULT_OPTIONS.recommendations.showFindings,
        showIf: is('recommendations'),
      })
      .addBooleanSwitch({
        path: 'briefing.showKeyNumbers',
        name: t('panel.options.key-numbers', 'Show key numbers'),
        category: [t('panel.options.briefing', 'Executive briefing')],
        defaultValue: DEFAULT_OPTIONS.briefing.showKeyNumbers,
        showIf: is('briefing'),
      }),
  );

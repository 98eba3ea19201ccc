import * as common from '@grafana/grafana-foundation-sdk/common';
import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import * as bargauge from '@grafana/grafana-foundation-sdk/bargauge';
import * as piechart from '@grafana/grafana-foundation-sdk/piechart';
import * as stat from '@grafana/grafana-foundation-sdk/stat';
import * as timeseries from '@grafana/grafana-foundation-sdk/timeseries';
import { INSIGHTS_PANEL_TYPE, KPILENS_REF, PROMETHEUS_REF } from '../datasources';
import { kpiLens, prom, promInstant, type KpiLensQuery } from './queries';

/** Modes of the kpilens-insights-panel (panel-plugin option `mode`). */
export type InsightsPanelMode = 'insights' | 'risk' | 'recommendations' | 'briefing';

type AnyPanel = cog.Builder<dashboard.Panel> & {
  gridPos(g: dashboard.GridPos): unknown;
  id(id: number): unknown;
};

/**
 * Places panels left to right on Grafana's 24-column grid, wrapping to a new line, and numbers them in
 * order: panel ids are stable, so alert rules can link to a panel.
 */
export class Layout {
  private x = 0;
  private y = 0;
  private lineHeight = 0;
  private nextId = 1;
  readonly items: Array<dashboard.RowBuilder | AnyPanel> = [];

  row(title: string): this {
    this.newLine();
    this.items.push(
      new dashboard.RowBuilder(title).id(this.nextId++).gridPos({ x: 0, y: this.y, w: 24, h: 1 }),
    );
    this.y += 1;
    return this;
  }

  add(panel: AnyPanel, w: number, h: number): this {
    if (this.x + w > 24) this.newLine();
    panel.gridPos({ x: this.x, y: this.y, w, h });
    panel.id(this.nextId++);
    this.items.push(panel);
    this.x += w;
    this.lineHeight = Math.max(this.lineHeight, h);
    return this;
  }

  private newLine(): void {
    if (this.x === 0) return;
    this.y += this.lineHeight;
    this.x = 0;
    this.lineHeight = 0;
  }

  /** Adds every panel and row to the dashboard, in order. */
  into(d: dashboard.DashboardBuilder): dashboard.DashboardBuilder {
    for (const item of this.items) {
      if (item instanceof dashboard.RowBuilder) d.withRow(item);
      else d.withPanel(item);
    }
    return d;
  }
}

export interface Series {
  expr: string;
  legend?: string;
}

const lastValue = () => new common.ReduceDataOptionsBuilder().calcs(['lastNotNull']).values(false);

export function promTimeseries(title: string, series: Series[], unit = 'short', description = '') {
  const p = new timeseries.PanelBuilder()
    .title(title)
    .description(description)
    .datasource(PROMETHEUS_REF)
    .unit(unit)
    .lineWidth(2)
    .fillOpacity(10)
    .legend(
      new common.VizLegendOptionsBuilder()
        .showLegend(true)
        .displayMode(common.LegendDisplayMode.List)
        .placement(common.LegendPlacement.Bottom),
    );
  series.forEach((s, i) => p.withTarget(prom(s.expr, s.legend, String.fromCharCode(65 + i))));
  return p;
}

export function promStat(
  title: string,
  expr: string,
  unit = 'short',
  opts: { legend?: string; description?: string; thresholds?: Array<[number | null, string]> } = {},
) {
  const p = new stat.PanelBuilder()
    .title(title)
    .description(opts.description ?? '')
    .datasource(PROMETHEUS_REF)
    .unit(unit)
    .reduceOptions(lastValue())
    .graphMode(common.BigValueGraphMode.Area)
    .colorMode(common.BigValueColorMode.Value)
    .withTarget(prom(expr, opts.legend));
  if (opts.thresholds)
    p.thresholds(
      new dashboard.ThresholdsConfigBuilder()
        .mode(dashboard.ThresholdsMode.Absolute)
        .steps(opts.thresholds.map(([value, color]) => ({ value, color }))),
    );
  return p;
}

export function promBarGauge(title: string, expr: string, legend: string, unit = 'short', description = '') {
  return new bargauge.PanelBuilder()
    .title(title)
    .description(description)
    .datasource(PROMETHEUS_REF)
    .unit(unit)
    .reduceOptions(lastValue())
    .orientation(common.VizOrientation.Horizontal)
    .displayMode(common.BarGaugeDisplayMode.Gradient)
    .withTarget(promInstant(expr, legend));
}

export function promPie(title: string, expr: string, legend: string, unit = 'short', description = '') {
  return new piechart.PanelBuilder()
    .title(title)
    .description(description)
    .datasource(PROMETHEUS_REF)
    .unit(unit)
    .reduceOptions(lastValue())
    .pieType(piechart.PieChartType.Donut)
    .withTarget(promInstant(expr, legend));
}

/** A time series of the KPI Lens datasource (series, anomaly band, forecast, risk distribution). */
export function kpiLensTimeseries(title: string, queries: KpiLensQuery[], unit = 'short', description = '') {
  const p = new timeseries.PanelBuilder()
    .title(title)
    .description(description)
    .datasource(KPILENS_REF)
    .unit(unit)
    .lineWidth(2)
    .fillOpacity(10);
  queries.forEach((q, i) => p.withTarget(kpiLens({ refId: String.fromCharCode(65 + i), ...q })));
  return p;
}

/** A stat of the KPI Lens datasource. */
export function kpiLensStat(title: string, query: KpiLensQuery, unit = 'short', description = '') {
  return new stat.PanelBuilder()
    .title(title)
    .description(description)
    .datasource(KPILENS_REF)
    .unit(unit)
    .reduceOptions(new common.ReduceDataOptionsBuilder().calcs(['sum']).values(false))
    .graphMode(common.BigValueGraphMode.None)
    .withTarget(kpiLens(query));
}

/** The KPI Lens panel plugin in one of its modes, fed by the KPI Lens datasource. */
export function insightsPanel(title: string, mode: InsightsPanelMode, query: KpiLensQuery, description = '') {
  return new dashboard.PanelBuilder()
    .type(INSIGHTS_PANEL_TYPE)
    .title(title)
    .description(description)
    .datasource(KPILENS_REF)
    .options({ mode })
    .withTarget(kpiLens(query));
}

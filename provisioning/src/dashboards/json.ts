// The dashboard JSON as Grafana provisions it, as far as the alert links read it. Kept apart from the
// dashboard builders so the exporter's `kpilens alerts build` loads it without the foundation SDK.

export interface DashboardJson {
  uid: string;
  title: string;
  panels: Array<
    { id: number; type: string; title: string; datasource?: { uid: string; type: string } } & Record<
      string,
      unknown
    >
  >;
  [key: string]: unknown;
}

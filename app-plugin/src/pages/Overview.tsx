import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { PluginPage } from '@grafana/runtime';
import { LinkButton, Stack, Text, useStyles2 } from '@grafana/ui';

/** Landing page of the app: what KPI Lens is and where to start. */
export function Overview() {
  const styles = useStyles2(getStyles);
  return (
    <PluginPage>
      <div className={styles.page} data-testid="kpilens-overview">
        <Stack direction="column" gap={2}>
          <Text element="h2">Business KPIs, explained</Text>
          <Text color="secondary">
            KPI Lens turns the KPIs your systems send to its exporter into insights, risk scores and
            recommendations. Connect the KPI Lens data source, then add the insights panel to a dashboard.
          </Text>
          <Stack gap={1}>
            <LinkButton href="/connections/datasources/new" icon="database">
              Add the KPI Lens data source
            </LinkButton>
            <LinkButton href="/dashboard/new" variant="secondary" icon="apps">
              New dashboard
            </LinkButton>
          </Stack>
        </Stack>
      </div>
    </PluginPage>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  page: css({ maxWidth: theme.breakpoints.values.lg, paddingTop: theme.spacing(1) }),
});

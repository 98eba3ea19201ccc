import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';

export const getStyles = (_theme: GrafanaTheme2) => ({
  root: css({ overflow: 'auto', height: '100%' }),
});

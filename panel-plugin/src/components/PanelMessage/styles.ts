import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';

export const getStyles = (theme: GrafanaTheme2) => ({
  empty: css({
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    justifyContent: 'center',
    height: '100%',
    gap: theme.spacing(0.5),
    padding: theme.spacing(2),
    textAlign: 'center',
  }),
  title: css({ fontWeight: theme.typography.fontWeightMedium }),
  hint: css({ color: theme.colors.text.secondary, maxWidth: 480 }),
});

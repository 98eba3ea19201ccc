import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';

export const getStyles = (theme: GrafanaTheme2) => ({
  toolbar: css({
    display: 'flex',
    gap: theme.spacing(1),
    alignItems: 'flex-end',
    marginBottom: theme.spacing(1),
    flexWrap: 'wrap',
  }),
  table: css({ width: '100%', borderCollapse: 'collapse', fontSize: theme.typography.bodySmall.fontSize }),
  th: css({
    textAlign: 'left',
    color: theme.colors.text.secondary,
    fontWeight: theme.typography.fontWeightMedium,
    padding: theme.spacing(0.5, 1),
    borderBottom: `1px solid ${theme.colors.border.medium}`,
    whiteSpace: 'nowrap',
  }),
  td: css({
    padding: theme.spacing(0.75, 1),
    borderBottom: `1px solid ${theme.colors.border.weak}`,
    verticalAlign: 'middle',
  }),
  numeric: css({ textAlign: 'right', fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }),
  level: css({ display: 'inline-flex', alignItems: 'center', gap: theme.spacing(0.5), whiteSpace: 'nowrap' }),
  badge: css({
    display: 'inline-flex',
    alignItems: 'center',
    justifyContent: 'center',
    height: 22,
    padding: theme.spacing(0, 0.75),
    borderRadius: theme.shape.radius.default,
    fontWeight: theme.typography.fontWeightMedium,
    fontSize: theme.typography.bodySmall.fontSize,
  }),
  account: css({ display: 'flex', flexDirection: 'column', whiteSpace: 'nowrap' }),
  link: css({ color: theme.colors.text.link, '&:hover, &:focus-visible': { textDecoration: 'underline' } }),
  secondary: css({ color: theme.colors.text.secondary }),
  factors: css({ display: 'flex', flexDirection: 'column', gap: 2, minWidth: 180 }),
  factor: css({
    display: 'grid',
    gridTemplateColumns: '1fr 80px',
    alignItems: 'center',
    gap: theme.spacing(1),
  }),
  factorName: css({ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }),
  track: css({
    height: 8,
    background: theme.colors.background.secondary,
    borderRadius: 4,
    overflow: 'hidden',
  }),
  raises: css({ height: '100%', background: theme.colors.error.main }),
  lowers: css({ height: '100%', background: theme.colors.success.main }),
});

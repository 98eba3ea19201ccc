import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';

export const getStyles = (theme: GrafanaTheme2) => ({
  list: css({
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(1),
  }),
  item: css({
    display: 'grid',
    gridTemplateColumns: '1fr auto',
    gap: theme.spacing(0.5, 2),
    padding: theme.spacing(1, 1.5),
    borderRadius: theme.shape.radius.default,
    border: `1px solid ${theme.colors.border.weak}`,
    background: theme.colors.background.secondary,
  }),
  header: css({
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    flexWrap: 'wrap',
    minWidth: 0,
  }),
  title: css({ fontWeight: theme.typography.fontWeightMedium, color: theme.colors.text.primary }),
  link: css({
    fontWeight: theme.typography.fontWeightMedium,
    color: theme.colors.text.link,
    '&:hover, &:focus-visible': { textDecoration: 'underline' },
  }),
  meta: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
  message: css({
    gridColumn: '1 / 2',
    color: theme.colors.text.primary,
    fontSize: theme.typography.bodySmall.fontSize,
  }),
  evidence: css({
    gridColumn: '2 / 3',
    gridRow: '1 / 3',
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-end',
    gap: theme.spacing(0.5),
    fontSize: theme.typography.bodySmall.fontSize,
    whiteSpace: 'nowrap',
  }),
  up: css({ color: theme.colors.success.text }),
  down: css({ color: theme.colors.error.text }),
  sparkline: css({ stroke: theme.colors.primary.text, fill: 'none', strokeWidth: 1.5 }),
});

import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';

export const getStyles = (theme: GrafanaTheme2) => ({
  article: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(1.5), maxWidth: 960 }),
  heading: css({
    margin: 0,
    fontSize: theme.typography.h4.fontSize,
    fontWeight: theme.typography.fontWeightMedium,
  }),
  numbers: css({
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(150px, 1fr))',
    gap: theme.spacing(1),
    margin: 0,
  }),
  number: css({
    padding: theme.spacing(1, 1.5),
    borderRadius: theme.shape.radius.default,
    background: theme.colors.background.secondary,
    border: `1px solid ${theme.colors.border.weak}`,
    margin: 0,
  }),
  numberLabel: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
  numberValue: css({
    fontSize: theme.typography.h3.fontSize,
    fontWeight: theme.typography.fontWeightMedium,
    margin: 0,
  }),
  better: css({ color: theme.colors.success.text, fontSize: theme.typography.bodySmall.fontSize }),
  worse: css({ color: theme.colors.error.text, fontSize: theme.typography.bodySmall.fontSize }),
  neutral: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
  paragraph: css({ margin: 0, lineHeight: 1.6 }),
  sections: css({
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(220px, 1fr))',
    gap: theme.spacing(2),
  }),
  sectionTitle: css({ margin: theme.spacing(0, 0, 0.5), fontSize: theme.typography.h6.fontSize }),
  sectionList: css({ margin: 0, paddingLeft: theme.spacing(2.5) }),
});

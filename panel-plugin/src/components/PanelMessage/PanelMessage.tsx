import React from 'react';
import { Alert, LoadingPlaceholder, useStyles2 } from '@grafana/ui';
import { getStyles } from './styles';

interface Props {
  kind: 'empty' | 'loading' | 'error';
  title: string;
  /** What to do about it. */
  hint?: string;
}

/** Empty, loading and error states: each says what happened and what to do. */
export function PanelMessage({ kind, title, hint }: Props) {
  const styles = useStyles2(getStyles);
  if (kind === 'loading') {
    return <LoadingPlaceholder text={title} />;
  }
  if (kind === 'error') {
    return (
      <Alert severity="error" title={title}>
        {hint}
      </Alert>
    );
  }
  return (
    <div className={styles.empty} role="status">
      <div className={styles.title}>{title}</div>
      {hint && <div className={styles.hint}>{hint}</div>}
    </div>
  );
}

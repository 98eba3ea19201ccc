import React, { useMemo, useState } from 'react';
import { colorManipulator, type GrafanaTheme2 } from '@grafana/data';
import { Field, Input, RadioButtonGroup, useStyles2, useTheme2 } from '@grafana/ui';
import { t } from '@grafana/i18n';
import { tv } from '../../i18n';
import type { RiskLevel } from '@kpilens/contract';
import { formatDay, formatNumber } from '../../format';
import { factorScale, selectRisk, type RiskSort, type RiskView } from '../../transforms/risk';
import { getStyles } from './styles';

const LEVEL_COLOR: Record<RiskLevel, string> = {
  EXCELLENT: 'dark-green',
  GOOD: 'green',
  MEDIUM: 'yellow',
  RISKY: 'orange',
  CRITICAL: 'red',
  UNKNOWN: 'gray',
};

export function levelLabel(level: RiskLevel): string {
  switch (level) {
    case 'EXCELLENT':
      return t('panel.level.excellent', 'Excellent');
    case 'GOOD':
      return t('panel.level.good', 'Good');
    case 'MEDIUM':
      return t('panel.level.medium', 'Medium');
    case 'RISKY':
      return t('panel.level.risky', 'Risky');
    case 'CRITICAL':
      return t('panel.level.critical', 'Critical');
    case 'UNKNOWN':
      return t('panel.level.unknown', 'Unknown');
  }
}

/** The level chip: the exporter's level colour (theme palette if absent) and a text colour readable on it. */
function chipColors(theme: GrafanaTheme2, row: RiskView): { background: string; color: string } {
  const background = /^#[0-9a-f]{6}$/i.test(row.color)
    ? row.color
    : theme.visualization.getColorByName(LEVEL_COLOR[row.level]);
  const dark = '#111217';
  const color =
    colorManipulator.getContrastRatio(dark, background) >=
    colorManipulator.getContrastRatio('#ffffff', background)
      ? dark
      : '#ffffff';
  return { background, color };
}

interface Props {
  rows: RiskView[];
  levels: RiskLevel[];
  initialSort: RiskSort;
  limit: number;
  showSearch: boolean;
  /** The sort buttons (default shown; pointless for one account). */
  showSort?: boolean;
  /** The account's page in the KPI Lens app. */
  accountHref: (accountId: string) => string;
}

/** Accounts by payment risk: badge, probability, expected payment date, confidence, top factors. */
export function RiskBoard({
  rows,
  levels,
  initialSort,
  limit,
  showSearch,
  showSort = true,
  accountHref,
}: Props) {
  const styles = useStyles2(getStyles);
  const theme = useTheme2();
  const [search, setSearch] = useState('');
  const [sortBy, setSortBy] = useState<RiskSort>(initialSort);
  const shown = useMemo(
    () => selectRisk(rows, { levels, search, sortBy, limit }),
    [rows, levels, search, sortBy, limit],
  );
  const scale = factorScale(shown);

  return (
    <div>
      <div className={styles.toolbar}>
        {showSearch && (
          <Field label={t('panel.risk.search', 'Find an account')} noMargin>
            <Input
              value={search}
              placeholder={t('panel.risk.search-placeholder', 'Name or id')}
              onChange={(e) => setSearch(e.currentTarget.value)}
              width={24}
            />
          </Field>
        )}
        {showSort && (
          <Field label={t('panel.risk.sort', 'Sort by')} noMargin>
            <RadioButtonGroup<RiskSort>
              size="sm"
              value={sortBy}
              onChange={setSortBy}
              options={[
                { value: 'risk', label: t('panel.risk.sort-risk', 'Risk') },
                { value: 'expectedPayment', label: t('panel.risk.sort-payment', 'Payment date') },
                { value: 'name', label: t('panel.risk.sort-name', 'Name') },
              ]}
            />
          </Field>
        )}
      </div>
      <table className={styles.table} aria-label={t('panel.risk.label', 'Accounts by payment risk')}>
        <thead>
          <tr>
            <th scope="col" className={styles.th}>
              {t('panel.risk.level', 'Level')}
            </th>
            <th scope="col" className={styles.th}>
              {t('panel.risk.account', 'Account')}
            </th>
            <th scope="col" className={`${styles.th} ${styles.numeric}`}>
              {t('panel.risk.probability', 'On-time probability')}
            </th>
            <th scope="col" className={styles.th}>
              {t('panel.risk.expected-payment', 'Expected payment')}
            </th>
            <th scope="col" className={`${styles.th} ${styles.numeric}`}>
              {t('panel.risk.confidence', 'Confidence')}
            </th>
            <th scope="col" className={styles.th}>
              {t('panel.risk.factors', 'Top factors')}
            </th>
          </tr>
        </thead>
        <tbody>
          {shown.map((row) => (
            <tr key={row.accountId}>
              <td className={styles.td}>
                <span className={styles.level}>
                  <span aria-hidden>{row.badge}</span>
                  <span className={styles.badge} style={chipColors(theme, row)}>
                    {levelLabel(row.level)}
                  </span>
                </span>
              </td>
              <td className={styles.td}>
                <div className={styles.account}>
                  <a className={styles.link} href={accountHref(row.accountId)}>
                    {row.accountName || row.accountId}
                  </a>
                  {row.accountName && <span className={styles.secondary}>{row.accountId}</span>}
                </div>
              </td>
              <td className={`${styles.td} ${styles.numeric}`}>
                {formatNumber(row.probability, 'percentunit', 0)}
              </td>
              <td className={styles.td}>{formatDay(row.expectedPaymentDate)}</td>
              <td className={`${styles.td} ${styles.numeric}`}>
                {formatNumber(row.confidence, 'percentunit', 0)}
              </td>
              <td className={styles.td}>
                <ul
                  className={styles.factors}
                  aria-label={tv('panel.risk.factors-of', 'Factors of {{account}}', {
                    account: row.accountName || row.accountId,
                  })}
                >
                  {row.factors.map((f) => {
                    // Factors move the chance of paying on time: one that lowers it raises the risk.
                    const risky = f.direction === 'lowers';
                    const direction = risky
                      ? t('panel.risk.raises', 'raises the risk')
                      : t('panel.risk.lowers', 'lowers the risk');
                    return (
                      <li key={f.feature} className={styles.factor} title={f.message}>
                        <span className={styles.factorName}>
                          {risky ? '▲' : '▼'} {f.message || f.feature}
                        </span>
                        <span
                          className={styles.track}
                          role="meter"
                          aria-label={`${f.feature} ${direction}`}
                          aria-valuemin={0}
                          aria-valuemax={scale}
                          aria-valuenow={Math.abs(f.contribution)}
                        >
                          <span
                            className={risky ? styles.raises : styles.lowers}
                            style={{
                              display: 'block',
                              width: `${(Math.abs(f.contribution) / scale) * 100}%`,
                            }}
                          />
                        </span>
                      </li>
                    );
                  })}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {shown.length === 0 && (
        <p className={styles.secondary}>
          {t('panel.risk.no-match', 'No account matches the search or level filter.')}
        </p>
      )}
    </div>
  );
}

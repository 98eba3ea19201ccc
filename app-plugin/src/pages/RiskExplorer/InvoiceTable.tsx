import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Badge, useStyles2, type BadgeColor } from '@grafana/ui';
import { t } from '@grafana/i18n';
import type { AccountInvoiceList, InvoiceStatus } from '@kpilens/contract';
import { tv } from '../../i18n';

const STATUS_COLOR: Record<InvoiceStatus, BadgeColor> = {
  paid: 'green',
  paid_late: 'orange',
  open: 'blue',
  overdue: 'red',
};

export function invoiceStatusLabel(status: InvoiceStatus): string {
  switch (status) {
    case 'paid':
      return t('app.invoices.paid', 'Paid on time');
    case 'paid_late':
      return t('app.invoices.paid-late', 'Paid late');
    case 'open':
      return t('app.invoices.open', 'Open');
    case 'overdue':
      return t('app.invoices.overdue', 'Overdue');
  }
}

const day = (iso: string | null) => (iso === null ? '–' : iso.slice(0, 10));
const money = (n: number) => n.toLocaleString(undefined, { maximumFractionDigits: 2 });

/** An account's invoices: amounts, what was paid, when the part due was covered, and the status. */
export function InvoiceTable({ list }: { list: AccountInvoiceList }) {
  const styles = useStyles2(getStyles);
  if (list.invoices.length === 0) {
    return (
      <p className={styles.secondary}>{t('app.invoices.none', 'No invoice issued to this account yet.')}</p>
    );
  }
  return (
    <>
      <table className={styles.table} aria-label={t('app.invoices.label', 'Invoices')}>
        <thead>
          <tr>
            <th scope="col">{t('app.invoices.id', 'Invoice')}</th>
            <th scope="col">{t('app.invoices.issued', 'Issued')}</th>
            <th scope="col">{t('app.invoices.due', 'Due')}</th>
            <th scope="col" className={styles.number}>
              {t('app.invoices.amount', 'Amount')}
            </th>
            <th scope="col" className={styles.number}>
              {t('app.invoices.paid-amount', 'Paid')}
            </th>
            <th scope="col">{t('app.invoices.settled', 'Settled')}</th>
            <th scope="col">{t('app.invoices.status', 'Status')}</th>
          </tr>
        </thead>
        <tbody>
          {list.invoices.map((i) => (
            <tr key={i.id}>
              <td>{i.id}</td>
              <td>{day(i.issuedAt)}</td>
              <td>{day(i.dueAt)}</td>
              <td className={styles.number}>{money(i.amount)}</td>
              <td className={styles.number}>{money(i.paid)}</td>
              <td>{day(i.settledAt)}</td>
              <td>
                <Badge color={STATUS_COLOR[i.status]} text={invoiceStatusLabel(i.status)} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {list.total > list.invoices.length && (
        <p className={styles.secondary}>
          {tv('app.invoices.more', 'The {{shown}} most recent of {{total}} invoices.', {
            shown: list.invoices.length,
            total: list.total,
          })}
        </p>
      )}
    </>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  secondary: css({ color: theme.colors.text.secondary }),
  // '&&' outweighs the table's own th/td alignment.
  number: css({ '&&': { textAlign: 'right', fontVariantNumeric: 'tabular-nums' } }),
  table: css({
    width: '100%',
    borderCollapse: 'collapse',
    'th, td': {
      textAlign: 'left',
      padding: theme.spacing(0.5, 1),
      borderBottom: `1px solid ${theme.colors.border.weak}`,
    },
    th: { color: theme.colors.text.secondary, fontWeight: theme.typography.fontWeightMedium },
  }),
});

import React, { useState } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { PluginPage } from '@grafana/runtime';
import { Alert, Button, Combobox, Field, LoadingPlaceholder, Stack, Text, useStyles2 } from '@grafana/ui';
import { t } from '@grafana/i18n';
import type { AccountInvoiceList, AccountList, AccountScore, ScoreHistory } from '@kpilens/contract';
import { RiskBoard } from '@kpilens/panel-plugin/src/components/RiskBoard/RiskBoard';
import type { RiskView } from '@kpilens/panel-plugin/src/transforms/risk';
import type { ExporterApi } from '../../api/exporter-api';
import { useLoad } from '../../api/use-load';
import { InvoiceTable } from './InvoiceTable';
import { ScoreHistoryChart } from './ScoreHistoryChart';

function toView(score: AccountScore, name: string | null): RiskView {
  return {
    ...score,
    accountName: name ?? '',
    expectedPaymentDate: score.expectedPaymentDate ? Date.parse(score.expectedPaymentDate) : null,
    scoredAt: Date.parse(score.scoredAt),
  };
}

interface AccountDetail {
  history: ScoreHistory;
  invoices: AccountInvoiceList;
}

/** Find an account and see its payment-risk score, its factors, score history and invoices; recalculate. */
export function RiskExplorer({ api, initialAccount }: { api: ExporterApi; initialAccount?: string }) {
  const styles = useStyles2(getStyles);
  const [account, setAccount] = useState<string | undefined>(initialAccount);
  const [round, setRound] = useState(0);
  const accounts = useLoad(() => api.get<AccountList>('/accounts', { limit: 1000 }), api.datasourceUid);
  const score = useLoad(
    async () =>
      account
        ? api.get<AccountScore>(
            `/accounts/${encodeURIComponent(account)}/score`,
            round > 0 ? { recalculate: 'true' } : {},
          )
        : null,
    `${api.datasourceUid}/${account}/${round}`,
  );
  // Read after the score, so a recalculated score is part of the history.
  const detail = useLoad(async (): Promise<AccountDetail | null> => {
    if (!account || !score.value) {
      return null;
    }
    const id = encodeURIComponent(account);
    const [history, invoices] = await Promise.all([
      api.get<ScoreHistory>(`/accounts/${id}/scores`, { limit: 500 }),
      api.get<AccountInvoiceList>(`/accounts/${id}/invoices`, { limit: 24 }),
    ]);
    return { history, invoices };
  }, `${api.datasourceUid}/${account}/${score.value?.scoredAt}`);
  const name = accounts.value?.accounts.find((a) => a.id === account)?.name ?? null;

  return (
    <PluginPage>
      <div data-testid="kpilens-risk" className={styles.page}>
        <Stack direction="column" gap={2}>
          <Stack alignItems="flex-end" gap={1}>
            <Field label={t('app.risk.account', 'Account')} noMargin>
              <Combobox
                id="kpilens-account"
                width={40}
                value={account ?? null}
                placeholder={t('app.risk.find', 'Find an account by name or id')}
                options={(accounts.value?.accounts ?? []).map((a) => ({
                  value: a.id,
                  label: a.name ? `${a.name} (${a.id})` : a.id,
                }))}
                onChange={(o) => setAccount(o?.value)}
              />
            </Field>
            <Button
              icon="sync"
              variant="secondary"
              disabled={!account}
              onClick={() => setRound((r) => r + 1)}
            >
              {t('app.risk.recalculate', 'Recalculate the score')}
            </Button>
          </Stack>
          {!account && (
            <p className={styles.secondary}>
              {t('app.risk.pick', 'Pick an account to see its payment risk.')}
            </p>
          )}
          {account && score.loading && (
            <LoadingPlaceholder text={t('app.loading', 'Loading from the exporter…')} />
          )}
          {score.error && (
            <Alert severity="error" title={t('app.risk.error', 'No score for this account')}>
              {score.error}
            </Alert>
          )}
          {accounts.error && (
            <Alert severity="error" title={t('app.risk.accounts-error', 'Could not list the accounts')}>
              {accounts.error}{' '}
              {t(
                'app.overview.unreachable-hint',
                'Check the exporter URL and key on the app configuration page.',
              )}
            </Alert>
          )}
          {accounts.value && accounts.value.accounts.length === 0 && (
            <p className={styles.secondary}>
              {t(
                'app.risk.no-accounts',
                'No account yet: send accounts, invoices and payments to the exporter (POST /api/v1/accounts/batch).',
              )}
            </p>
          )}
          {score.value && account && (
            <RiskBoard
              rows={[toView(score.value, name)]}
              levels={[]}
              initialSort="risk"
              limit={1}
              showSearch={false}
              showSort={false}
              accountHref={(id) => `?account=${encodeURIComponent(id)}`}
            />
          )}
          {score.value && account && detail.loading && !detail.value && (
            <LoadingPlaceholder text={t('app.loading', 'Loading from the exporter…')} />
          )}
          {detail.error && (
            <Alert
              severity="error"
              title={t('app.risk.detail-error', 'Could not read the history of this account')}
            >
              {detail.error}
            </Alert>
          )}
          {detail.value && (
            <>
              <Text element="h3">{t('app.risk.history', 'Score history')}</Text>
              <ScoreHistoryChart scores={detail.value.history.scores} />
              <Text element="h3">{t('app.risk.invoices', 'Invoices')}</Text>
              <InvoiceTable list={detail.value.invoices} />
            </>
          )}
        </Stack>
      </div>
    </PluginPage>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  page: css({ paddingTop: theme.spacing(1) }),
  secondary: css({ color: theme.colors.text.secondary }),
});

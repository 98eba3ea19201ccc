import React, { useState } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { PluginPage } from '@grafana/runtime';
import { Alert, Button, Combobox, Field, LoadingPlaceholder, Stack, useStyles2 } from '@grafana/ui';
import { t } from '@grafana/i18n';
import type { AccountList, AccountScore } from '@kpilens/contract';
import { RiskBoard } from '../../../../panel-plugin/src/components/RiskBoard/RiskBoard';
import type { RiskView } from '../../../../panel-plugin/src/transforms/risk';
import type { ExporterApi } from '../../api/exporter-api';
import { useLoad } from '../../api/use-load';

function toView(score: AccountScore, name: string | null): RiskView {
  return {
    ...score,
    accountName: name ?? '',
    expectedPaymentDate: score.expectedPaymentDate ? Date.parse(score.expectedPaymentDate) : null,
    scoredAt: Date.parse(score.scoredAt),
  };
}

/** Find an account and see its payment-risk score, its factors, and recalculate it. */
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
          {score.value && (
            <RiskBoard
              rows={[toView(score.value, name)]}
              levels={[]}
              initialSort="risk"
              limit={1}
              showSearch={false}
              accountHref={() => '#'}
            />
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

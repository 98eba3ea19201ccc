import type { RiskScoreList } from '@kpilens/contract';
import { defineScene } from '../../../plugins-config/testing/screenshots/scene';
import { appPage } from './app-pages';

export default defineScene({
  name: 'app-risk-explorer',
  title: 'Risk explorer: an account with its payment-risk score, top factors, score history and invoices',
  width: 1100,
  height: 980,
  background: 'canvas',
  render: async (ctx) => {
    const { exporter } = await appPage(ctx, 'risk');
    const { scores } = await exporter.api<RiskScoreList>('GET', '/risk/scores?limit=1');
    return (await appPage(ctx, 'risk', { account: scores[0].accountId })).element;
  },
  ready: (screen) => screen.findByRole('table', { name: 'Invoices' }, { timeout: 60_000 }),
});

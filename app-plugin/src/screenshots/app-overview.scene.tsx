import { defineScene } from '../../../plugins-config/testing/screenshots/scene';
import { appPage } from './app-pages';

export default defineScene({
  name: 'app-overview',
  title:
    'App overview: exporter status, ingestion rate, payment-risk model with its live AUC, KPI models with their last analysis, open work',
  width: 1100,
  height: 680,
  background: 'canvas',
  render: async (ctx) => (await appPage(ctx, 'overview')).element,
  ready: (screen) => screen.findByRole('table', { name: 'KPI models' }, { timeout: 60_000 }),
});

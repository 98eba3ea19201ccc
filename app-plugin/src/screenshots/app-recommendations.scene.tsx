import { defineScene } from '../../../plugins-config/testing/screenshots/scene';
import { appPage } from './app-pages';

export default defineScene({
  name: 'app-recommendations',
  title: 'Recommendations page: the full inbox with filters and CSV export',
  width: 1100,
  height: 560,
  background: 'canvas',
  render: async (ctx) => (await appPage(ctx, 'recommendations')).element,
  ready: (screen) => screen.findByRole('button', { name: 'Export CSV' }, { timeout: 60_000 }),
});

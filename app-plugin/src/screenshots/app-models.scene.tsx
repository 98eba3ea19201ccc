import { defineScene } from '../../../plugins-config/testing/screenshots/scene';
import { appPage } from './app-pages';

export default defineScene({
  name: 'app-models',
  title: 'Models page: KPIs, detectors and learnings of each model, analysis on demand',
  width: 1100,
  height: 700,
  background: 'canvas',
  render: async (ctx) => (await appPage(ctx, 'models')).element,
  ready: (screen) => screen.findAllByRole('button', { name: 'Run the analysis now' }, { timeout: 60_000 }),
});

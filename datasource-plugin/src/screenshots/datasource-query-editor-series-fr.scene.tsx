import { defineScene } from '../../../plugins-config/testing/screenshots/scene';
import english from './datasource-query-editor-series.scene';

// The same editor for a Grafana user whose language is French.
export default defineScene({
  ...english,
  name: 'datasource-query-editor-series-fr',
  title: 'Éditeur de requête KPI Lens : une série de KPI avec filtres de dimension et variables',
  language: 'fr-FR',
  ready: async (screen) => {
    await english.ready!(screen);
    return screen.findByDisplayValue('Série de KPI');
  },
});

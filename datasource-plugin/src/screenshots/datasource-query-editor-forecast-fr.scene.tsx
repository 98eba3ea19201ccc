import { defineScene } from '../../../plugins-config/testing/screenshots/scene';
import english from './datasource-query-editor-forecast.scene';

// The same editor for a Grafana user whose language is French.
export default defineScene({
  ...english,
  name: 'datasource-query-editor-forecast-fr',
  title: 'Éditeur de requête KPI Lens : une prévision avec son intervalle de prédiction sur 30 jours',
  language: 'fr-FR',
  ready: (screen) => screen.findByDisplayValue('Prévision'),
});

import { defineScene } from '../../../plugins-config/testing/screenshots/scene';
import english from './datasource-query-editor-insights.scene';

// The same editor for a Grafana user whose language is French.
export default defineScene({
  ...english,
  name: 'datasource-query-editor-insights-fr',
  title: 'Éditeur de requête KPI Lens : constats filtrés par modèle, gravité et statut',
  language: 'fr-FR',
  ready: (screen) => screen.findByDisplayValue('Constats'),
});

import { defineScene } from '../../../plugins-config/testing/screenshots/scene';
import english from './datasource-config-editor.scene';

// The same editor for a Grafana user whose language is French.
export default defineScene({
  ...english,
  name: 'datasource-config-editor-fr',
  title: 'Source de données KPI Lens : configuration (URL de l’exportateur, clé d’API gardée côté serveur)',
  language: 'fr-FR',
  ready: async (screen) => {
    await english.ready!(screen);
    return screen.findByText(/^URL de l'exportateur/);
  },
});

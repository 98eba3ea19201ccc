import { initPluginTranslations, t, type ResourceLoader } from '@grafana/i18n';
import pluginJson from './plugin.json';
import fr from './locales/fr-FR/kpilens-app.json';
import panelFr from '@kpilens/panel-plugin/src/locales/fr-FR/kpilens-insights-panel.json';

// English is the text in the source (t(key, default)). The app shows the panel's inbox and risk board,
// whose strings are looked up in the app's namespace: their French comes along.
const BUNDLED: Record<string, Record<string, unknown>> = { 'fr-FR': { ...panelFr, ...fr } };

export const loadResources: ResourceLoader = async (language) => BUNDLED[language] ?? {};

/** Grafana's plugin translations (@grafana/i18n): strings follow the user's Grafana language. */
export function initTranslations(): Promise<{ language: string }> {
  return initPluginTranslations(pluginJson.id, [loadResources]);
}

/** t() with values inserted as they are (React escapes text; i18next's escaping would show `&quot;`). */
export function tv(key: string, fallback: string, values: Record<string, unknown>): string {
  return t(key, fallback, { ...values, interpolation: { escapeValue: false } });
}

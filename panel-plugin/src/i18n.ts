import { initPluginTranslations, t, type ResourceLoader } from '@grafana/i18n';
import pluginJson from './plugin.json';
import fr from './locales/fr-FR/kpilens-insights-panel.json';

// English is the text in the source (t(key, default)); other languages are bundled (a few KB each).
const BUNDLED: Record<string, Record<string, unknown>> = { 'fr-FR': fr };

export const loadResources: ResourceLoader = async (language) => BUNDLED[language] ?? {};

/**
 * Grafana's plugin translations (@grafana/i18n): strings follow the user's Grafana language. Called when
 * the module loads; until it settles, t() returns the English default.
 */
export function initTranslations(): Promise<{ language: string }> {
  return initPluginTranslations(pluginJson.id, [loadResources]);
}

/**
 * t() with values inserted as they are: React escapes text when rendering, and i18next's own HTML escaping
 * would show `&quot;` for a quote in a series selector or an account name.
 */
export function tv(key: string, fallback: string, values: Record<string, unknown>): string {
  return t(key, fallback, { ...values, interpolation: { escapeValue: false } });
}

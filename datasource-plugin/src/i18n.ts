import { initPluginTranslations, type ResourceLoader } from '@grafana/i18n';
import fr from './locales/fr-FR/kpilens-exporter-datasource.json';
import pluginJson from './plugin.json';

// English is the text in the source (t(key, default)); French is bundled (a few KB).
const BUNDLED: Record<string, Record<string, unknown>> = { 'fr-FR': fr };

export const loadResources: ResourceLoader = async (language) => BUNDLED[language] ?? {};

/** Editors and messages follow the user's Grafana language; until this settles, t() gives English. */
export function initTranslations(): Promise<{ language: string }> {
  return initPluginTranslations(pluginJson.id, [loadResources]);
}

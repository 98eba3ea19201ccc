import type React from 'react';
import type { BoundFunctions, queries } from '@testing-library/react';
import type { LoadedPlugin } from '../load-built-plugin';
import type { ThemeMode } from './snapshot';

export type PluginFolder = 'datasource-plugin' | 'panel-plugin' | 'app-plugin';
/** The languages the plugins ship. */
export type SceneLanguage = 'en-US' | 'fr-FR';

export interface SceneContext {
  theme: ThemeMode;
  /**
   * The plugin's production dist/module.js (built first when stale), loaded the way Grafana loads it, for
   * the scene's language.
   */
  loadPlugin(folder: PluginFolder): LoadedPlugin;
  /**
   * A value made once per run and shared by every scene that asks for it under the same key (e.g. an
   * exporter with demo data); `dispose` runs after the last screenshot.
   */
  shared<T>(key: string, create: () => Promise<{ value: T; dispose?: () => Promise<void> }>): Promise<T>;
}

/**
 * One picture in docs/screenshots/, taken in light and dark: `<name>-light.png`, `<name>-dark.png`.
 * A scene is one file `<plugin>/src/screenshots/<name>.scene.tsx` whose default export is a Scene.
 */
export interface Scene {
  /** File name stem, lower-case words joined by dashes. */
  name: string;
  /** What the picture shows (alt text in READMEs). */
  title: string;
  width: number;
  height: number;
  /** Grafana's page background (app pages) or a panel's (panels, editors). Default: panel. */
  background?: 'canvas' | 'panel';
  /**
   * The Grafana user's language (default en-US): Grafana's i18next is switched to it and the plugin loaded
   * afresh, so the bundle's initPluginTranslations loads its strings as for such a user.
   */
  language?: SceneLanguage;
  /** The element to draw, from the plugin loaded through ctx.loadPlugin. */
  render(ctx: SceneContext): React.ReactElement | Promise<React.ReactElement>;
  /** Resolves once the scene shows what it should (data loaded). */
  ready?(screen: BoundFunctions<typeof queries>): Promise<unknown>;
}

/** Identity, for type checking a scene file's default export. */
export function defineScene(scene: Scene): Scene {
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(scene.name)) {
    throw new Error(`scene name "${scene.name}": expected lower-case words joined by dashes`);
  }
  return scene;
}

/*
 * `npm run screenshots`: every scene of every plugin, light and dark, rendered from the built dist/module.js
 * (AMD, Grafana's shared modules) in jsdom, then drawn by headless chromium into docs/screenshots/.
 * KPILENS_SCENES=word,... limits the run to scenes whose name contains a word.
 */
import path from 'path';
import i18next from 'i18next';
import { ensurePluginBuilt } from '../build-plugin';
import { loadBuiltPlugin, type LoadedPlugin } from '../load-built-plugin';
import { findSceneFiles, REPO_ROOT, sceneFilter, SCREENSHOTS_DIR } from './find-scenes';
import type { PluginFolder, Scene, SceneContext, SceneLanguage } from './scene';
import { renderSnapshot, THEME_MODES } from './snapshot';
import { takeScreenshots, type Shot } from './take-screenshots';

const scenes: Array<{ scene: Scene; folder: PluginFolder }> = findSceneFiles()
  .map((file) => ({
    scene: (require(file) as { default: Scene }).default,
    folder: path.relative(REPO_ROOT, file).split(path.sep)[0] as PluginFolder,
  }))
  .filter(({ scene }) => sceneFilter()(scene.name));

// Loaded plugins by folder and language: a plugin loads its strings for the language of the moment.
const plugins = new Map<string, LoadedPlugin>();
let language: SceneLanguage = 'en-US';
const sharedValues = new Map<string, Promise<unknown>>();
const disposers: Array<() => Promise<void>> = [];
const shots: Shot[] = [];

function loadPlugin(folder: PluginFolder): LoadedPlugin {
  const key = `${folder}:${language}`;
  let loaded = plugins.get(key);
  if (!loaded) {
    const dir = path.join(REPO_ROOT, folder);
    ensurePluginBuilt(dir);
    loaded = loadBuiltPlugin(path.join(dir, 'dist'), { requireShared: require });
    plugins.set(key, loaded);
  }
  return loaded;
}

/**
 * What Grafana does for a user of `lang` before it loads plugins: its shared i18next in that language, with
 * Grafana's own strings (a stand-in bundle here); then the scene's plugin, whose translations load
 * asynchronously after its module is evaluated.
 */
async function useLanguage(lang: SceneLanguage, folder: PluginFolder): Promise<void> {
  language = lang;
  if (!i18next.isInitialized) {
    await i18next.init({ lng: 'en-US', fallbackLng: 'en-US', resources: {}, returnEmptyString: false });
  }
  if (lang !== 'en-US' && !i18next.hasResourceBundle(lang, 'grafana')) {
    i18next.addResourceBundle(lang, 'grafana', { common: { save: 'Enregistrer' } });
  }
  await i18next.changeLanguage(lang);
  if (lang === 'en-US') {
    return;
  }
  const id = String(loadPlugin(folder).pluginJson.id);
  for (let waited = 0; !i18next.hasResourceBundle(lang, id); waited += 20) {
    if (waited > 10_000) {
      throw new Error(`${folder} loaded no ${lang} strings (namespace ${id}) within 10 s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function shared<T>(
  key: string,
  create: () => Promise<{ value: T; dispose?: () => Promise<void> }>,
): Promise<T> {
  if (!sharedValues.has(key)) {
    sharedValues.set(
      key,
      create().then(({ value, dispose }) => {
        if (dispose) {
          disposers.push(dispose);
        }
        return value;
      }),
    );
  }
  return sharedValues.get(key) as Promise<T>;
}

afterAll(async () => {
  for (const dispose of disposers.reverse()) {
    await dispose();
  }
});

describe('screenshots', () => {
  it('has scenes', () => {
    expect(scenes.length).toBeGreaterThan(0);
  });

  for (const { scene, folder } of scenes) {
    for (const theme of THEME_MODES) {
      it(`${scene.name} (${theme})`, async () => {
        await useLanguage(scene.language ?? 'en-US', folder);
        const ctx: SceneContext = { theme, loadPlugin, shared };
        const html = await renderSnapshot(await scene.render(ctx), {
          theme,
          width: scene.width,
          height: scene.height,
          background: scene.background,
          language: scene.language,
          ready: scene.ready,
        });
        shots.push({
          html,
          png: path.join(SCREENSHOTS_DIR, `${scene.name}-${theme}.png`),
          width: scene.width,
          height: scene.height,
        });
      });
    }
  }

  it('draws them in chromium', () => {
    takeScreenshots(shots);
    process.stdout.write(`${shots.length} screenshots in ${path.relative(REPO_ROOT, SCREENSHOTS_DIR)}/\n`);
  });
});

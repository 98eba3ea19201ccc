/*
 * `npm run screenshots`: every scene of every plugin, light and dark, rendered from the built dist/module.js
 * (AMD, Grafana's shared modules) in jsdom, then drawn by headless chromium into docs/screenshots/.
 * KPILENS_SCENES=word,... limits the run to scenes whose name contains a word.
 */
import path from 'path';
import { ensurePluginBuilt } from '../build-plugin';
import { loadBuiltPlugin, type LoadedPlugin } from '../load-built-plugin';
import { findSceneFiles, REPO_ROOT, sceneFilter, SCREENSHOTS_DIR } from './find-scenes';
import type { PluginFolder, Scene, SceneContext } from './scene';
import { renderSnapshot, THEME_MODES } from './snapshot';
import { takeScreenshots, type Shot } from './take-screenshots';

const scenes: Scene[] = findSceneFiles()
  .map((file) => (require(file) as { default: Scene }).default)
  .filter((scene) => sceneFilter()(scene.name));

const plugins = new Map<PluginFolder, LoadedPlugin>();
const sharedValues = new Map<string, Promise<unknown>>();
const disposers: Array<() => Promise<void>> = [];
const shots: Shot[] = [];

function loadPlugin(folder: PluginFolder): LoadedPlugin {
  let loaded = plugins.get(folder);
  if (!loaded) {
    const dir = path.join(REPO_ROOT, folder);
    ensurePluginBuilt(dir);
    loaded = loadBuiltPlugin(path.join(dir, 'dist'), { requireShared: require });
    plugins.set(folder, loaded);
  }
  return loaded;
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

  for (const scene of scenes) {
    for (const theme of THEME_MODES) {
      it(`${scene.name} (${theme})`, async () => {
        const ctx: SceneContext = { theme, loadPlugin, shared };
        const html = await renderSnapshot(await scene.render(ctx), {
          theme,
          width: scene.width,
          height: scene.height,
          background: scene.background,
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

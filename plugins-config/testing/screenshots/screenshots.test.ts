import fs from 'fs';
import os from 'os';
import path from 'path';
import React from 'react';
import { Button } from '@grafana/ui';
import { describeIfChromium } from './chromium';
import { findSceneFiles, sceneFilter } from './find-scenes';
import { renderSnapshot } from './snapshot';
import { pngSize, takeScreenshots } from './take-screenshots';

describe('renderSnapshot', () => {
  it('keeps the rendered DOM and the emotion CSS of the chosen theme, without scripts', async () => {
    const element = React.createElement(Button, { variant: 'primary', 'aria-label': 'Save' }, 'Save');
    const dark = await renderSnapshot(element, { theme: 'dark', width: 200, height: 60 });
    const light = await renderSnapshot(element, { theme: 'light', width: 200, height: 60 });

    expect(dark).toMatch(/<button[^>]*class="[^"]*css-/);
    expect(dark).toContain('Save');
    // The button's class names resolve to rules in the page's CSS.
    const className = /<button[^>]*class="([^"]*)"/.exec(dark)![1].split(' ')[0];
    expect(dark).toContain(`.${className}`);
    expect(dark).toContain('class="theme-dark"');
    expect(light).toContain('class="theme-light"');
    expect(dark).not.toContain('<script');
  });
});

describe('scene discovery', () => {
  it('finds <plugin>/src/screenshots/*.scene.tsx files and filters them by name', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kpilens-scenes-'));
    fs.mkdirSync(path.join(root, 'panel-plugin', 'src', 'screenshots'), { recursive: true });
    for (const file of ['b.scene.tsx', 'a.scene.tsx', 'helpers.ts']) {
      fs.writeFileSync(path.join(root, 'panel-plugin', 'src', 'screenshots', file), '');
    }
    expect(findSceneFiles(root).map((f) => path.basename(f))).toEqual(['a.scene.tsx', 'b.scene.tsx']);
    expect(sceneFilter('risk, feed')('panel-risk-board')).toBe(true);
    expect(sceneFilter('risk')('app-overview')).toBe(false);
    expect(sceneFilter('')('anything')).toBe(true);
    fs.rmSync(root, { recursive: true, force: true });
  });
});

describeIfChromium()('takeScreenshots', () => {
  it('draws snapshots in chromium as PNGs of the requested size, differing by theme', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpilens-png-'));
    const element = React.createElement(
      Button,
      { variant: 'primary', icon: 'check', 'aria-label': 'Accept' },
      'Accept',
    );
    const shots = await Promise.all(
      (['light', 'dark'] as const).map(async (theme) => ({
        html: await renderSnapshot(element, { theme, width: 240, height: 80 }),
        png: path.join(dir, `button-${theme}.png`),
        width: 240,
        height: 80,
      })),
    );
    takeScreenshots(shots);

    const [light, dark] = shots.map((shot) => fs.readFileSync(shot.png));
    expect(pngSize(light)).toEqual({ width: 240, height: 80 });
    expect(pngSize(dark)).toEqual({ width: 240, height: 80 });
    expect(light.equals(dark)).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('rejects a file that is not a PNG', () => {
    expect(() => pngSize(Buffer.from('<html></html>'))).toThrow('not a PNG');
  });
});

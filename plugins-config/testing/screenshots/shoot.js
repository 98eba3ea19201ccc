#!/usr/bin/env node
/*
 * Takes the screenshots of HTML snapshots in Debian's chromium through playwright-core. Run as its own Node
 * process (see take-screenshots.ts): the snapshots are made in jest's jsdom, where playwright cannot run.
 * Usage: node shoot.js <jobs.json>, jobs = { chromium, args, shots: [{ html, png, width, height }] }.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');

async function main() {
  const jobs = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpilens-chromium-'));
  // A fresh profile each run: nothing cached or synced from an earlier run changes the pictures.
  const browser = await chromium.launchPersistentContext(userDataDir, {
    executablePath: jobs.chromium,
    args: jobs.args,
    deviceScaleFactor: 1,
  });
  try {
    for (const shot of jobs.shots) {
      const page = await browser.newPage();
      await page.setViewportSize({ width: shot.width, height: shot.height });
      // Snapshots are self-contained: nothing may be fetched, so the picture never depends on the network.
      await page.route('**/*', (route) =>
        route.request().url().startsWith('data:') ? route.continue() : route.abort(),
      );
      await page.setContent(fs.readFileSync(shot.html, 'utf8'), { waitUntil: 'load' });
      fs.mkdirSync(path.dirname(shot.png), { recursive: true });
      await page.screenshot({ path: shot.png, clip: { x: 0, y: 0, width: shot.width, height: shot.height } });
      await page.close();
    }
  } finally {
    await browser.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`${err.stack ?? err}\n`);
  process.exit(1);
});

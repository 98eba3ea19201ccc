import { spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { CHROMIUM_ARGS, CHROMIUM_INSTALL, findChromium } from './chromium';

export interface Shot {
  /** A self-contained HTML page (renderSnapshot). */
  html: string;
  /** Where the PNG goes. */
  png: string;
  width: number;
  height: number;
}

/**
 * Draws HTML snapshots in headless chromium and writes each as a PNG. One browser for all shots, in a
 * separate Node process: playwright needs Node's own globals, not jest's jsdom.
 */
export function takeScreenshots(shots: Shot[]): void {
  const chromium = findChromium();
  if (!chromium) {
    throw new Error(`chromium is not installed: ${CHROMIUM_INSTALL}`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpilens-shots-'));
  try {
    const jobs = {
      chromium,
      args: CHROMIUM_ARGS,
      shots: shots.map((shot, i) => {
        const html = path.join(dir, `${i}.html`);
        fs.writeFileSync(html, shot.html);
        return { html, png: path.resolve(shot.png), width: shot.width, height: shot.height };
      }),
    };
    const jobsFile = path.join(dir, 'jobs.json');
    fs.writeFileSync(jobsFile, JSON.stringify(jobs));
    const run = spawnSync(process.execPath, [path.join(__dirname, 'shoot.js'), jobsFile], {
      encoding: 'utf8',
      timeout: 600_000,
    });
    if (run.status !== 0) {
      throw new Error(`screenshots failed (exit ${run.status}): ${run.stderr || run.error?.message}`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Width and height from a PNG's IHDR chunk; throws when the bytes are not a PNG. */
export function pngSize(png: Buffer): { width: number; height: number } {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (png.length < 24 || !png.subarray(0, 8).equals(signature) || png.toString('latin1', 12, 16) !== 'IHDR') {
    throw new Error('not a PNG file');
  }
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

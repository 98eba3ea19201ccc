import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

// The Python side of the training pipeline (XGBoost -> ONNX converter) runs on Debian's interpreter, which
// has python3-xgboost and python3-onnx; its unit tests run here so `npm test` covers them.
const PYTHON = '/usr/bin/python3';
const ROOT = join(__dirname, '..', '..');

function hasModules(): boolean {
  if (!existsSync(PYTHON)) return false;
  try {
    execFileSync(PYTHON, ['-c', 'import xgboost, onnx, numpy, sklearn'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const available = hasModules();
if (!available)
  process.stderr.write(
    'skipped: training tests need apt-get install -y python3-xgboost python3-onnx python3-sklearn python3-numpy python3-pandas\n',
  );

(available ? describe : describe.skip)('training pipeline (Python)', () => {
  it('passes its unit tests (converter parity with XGBoost)', () => {
    const r = spawnSync(PYTHON, ['-m', 'unittest', 'discover', '-s', 'training'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(`python unittest failed:\n${r.stdout}\n${r.stderr}`);
    expect(r.stderr).toMatch(/OK/);
  });
});

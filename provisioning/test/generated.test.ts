import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generatedFiles, ROOT } from '../src/generate';

describe('generated provisioning files', () => {
  it('are checked in exactly as the TypeScript definitions generate them', () => {
    const stale: string[] = [];
    for (const [path, content] of generatedFiles()) {
      let onDisk = '';
      try {
        onDisk = readFileSync(join(ROOT, path), 'utf8');
      } catch {
        /* missing: reported as stale */
      }
      if (onDisk !== content) stale.push(path);
    }
    // run `npm run generate -w provisioning` and commit the result
    expect(stale).toEqual([]);
  });
});

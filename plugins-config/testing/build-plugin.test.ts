import path from 'path';
import { buildInputs } from './build-plugin';

const root = path.resolve(__dirname, '..', '..');

describe('buildInputs', () => {
  it("follows the app into the panel sources it bundles, not the panel's build output", () => {
    const inputs = buildInputs(path.join(root, 'app-plugin'));
    expect(inputs).toEqual(
      expect.arrayContaining([
        path.join(root, 'app-plugin', 'src'),
        path.join(root, 'panel-plugin', 'src'),
        path.join(root, 'panel-plugin', 'package.json'),
        path.join(root, 'contract', 'src'),
        path.join(root, 'plugins-config', 'webpack'),
        path.join(root, 'provisioning', 'dashboards'),
      ]),
    );
    expect(inputs).not.toContain(path.join(root, 'panel-plugin'));
    expect(inputs.some((p) => p.startsWith(path.join(root, 'panel-plugin', 'dist')))).toBe(false);
  });

  it('gives the panel its own sources and the contract, and no other plugin', () => {
    const inputs = buildInputs(path.join(root, 'panel-plugin'));
    expect(inputs).toContain(path.join(root, 'contract', 'src'));
    expect(inputs.some((p) => p.startsWith(path.join(root, 'app-plugin')))).toBe(false);
  });
});

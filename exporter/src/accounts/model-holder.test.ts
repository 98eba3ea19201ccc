/**
 * @jest-environment <rootDir>/src/ml/ort-jest-environment.js
 */
import { rmSync } from 'node:fs';
import { modelsRootFixture } from '../../test/support/models-root';
import { FEATURE_COUNT } from '../ml/features';
import { ModelRejectedError } from '../ml/scorer';
import { ModelHolder } from './model-holder';

jest.setTimeout(60_000);

const row = () => [Array(FEATURE_COUNT).fill(NaN)];

describe('ModelHolder', () => {
  let root: string;
  let holder: ModelHolder;
  beforeAll(() => {
    root = modelsRootFixture();
  });
  beforeEach(() => {
    holder = new ModelHolder('credit-default', 'v1', () => root);
  });
  afterEach(() => holder.close());
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('lists the version folders and serves the initial version', async () => {
    expect(holder.available()).toEqual(['corrupt', 'mismatch', 'v1', 'v2']);
    expect(await holder.use(async (m) => m.version)).toBe('credit-default/v1');
  });

  it('refuses a corrupt or mismatched model and keeps serving the current one', async () => {
    const before = await holder.use((m) => m.model.predict(row()));
    await expect(holder.switchTo('corrupt')).rejects.toThrow(ModelRejectedError);
    await expect(holder.switchTo('mismatch')).rejects.toThrow(/features differ/);
    await expect(holder.switchTo('../v1')).rejects.toThrow(ModelRejectedError);
    expect(holder.current()).toBe('v1');
    const after = await holder.use(async (m) => [m.version, await m.model.predict(row())] as const);
    expect(after[0]).toBe('credit-default/v1');
    expect(after[1].probability[0]).toBe(before.probability[0]);
  });

  it('switches while a scoring is in flight: it finishes on the old model, which is released after', async () => {
    let resume!: () => void;
    const gate = new Promise<void>((r) => (resume = r));
    const inFlight = holder.use(async (m) => {
      await gate;
      return { version: m.version, model: m.model, p: (await m.model.predict(row())).probability[0] };
    });
    await new Promise((r) => setTimeout(r, 50)); // let the first load finish and the call start waiting
    expect(await holder.switchTo('v2')).toBe('v2');
    expect(await holder.use(async (m) => m.version)).toBe('credit-default/v2');
    resume();
    const old = await inFlight;
    expect(old.version).toBe('credit-default/v1');
    expect(Number.isFinite(old.p)).toBe(true);
    // Released once its last user finished.
    await expect(old.model.predict(row())).rejects.toThrow();
  });
});

import { evaluateAmdModule, evaluateScript } from './amd-module';

describe('evaluateAmdModule', () => {
  it('hands each declared dependency to the factory, in order, and returns what it returns', () => {
    const requested: string[] = [];
    const exports = evaluateAmdModule(
      'define(["greeting", "module"], function (greeting, meta) { return { plugin: greeting.text + " from " + meta.uri }; });',
      (name) => {
        requested.push(name);
        return name === 'module' ? { uri: 'public/plugins/x-panel/module.js' } : { text: 'hello' };
      },
    );
    expect(requested).toEqual(['greeting', 'module']);
    expect(exports).toEqual({ plugin: 'hello from public/plugins/x-panel/module.js' });
  });

  it('accepts a module without dependencies and announces AMD support to it', () => {
    expect(
      evaluateAmdModule('define(function () { return { amd: typeof define.amd }; });', () => null),
    ).toEqual({
      amd: 'object',
    });
  });

  it('rejects code that is not an AMD module, or defines twice', () => {
    expect(() => evaluateAmdModule('module.exports = 1;', () => null)).toThrow();
    expect(() => evaluateAmdModule('var x = 1;', () => null)).toThrow(/never called define/);
    expect(() => evaluateAmdModule('define(function () {}); define(function () {});', () => null)).toThrow(
      /more than once/,
    );
    expect(() => evaluateAmdModule('define(["a"]);', () => null)).toThrow(/without a factory/);
  });

  it('lets a dependency failure surface', () => {
    expect(() =>
      evaluateAmdModule('define(["left-pad"], function () { return {}; });', (name) => {
        throw new Error(`no ${name}`);
      }),
    ).toThrow('no left-pad');
  });
});

describe('evaluateScript', () => {
  afterEach(() => {
    delete (globalThis as Record<string, unknown>).webpackChunkTest;
  });

  it('runs in the global scope, as a chunk loaded by a <script> tag does', () => {
    evaluateScript('(globalThis.webpackChunkTest = globalThis.webpackChunkTest || []).push([[1], {}]);');
    evaluateScript('(globalThis.webpackChunkTest = globalThis.webpackChunkTest || []).push([[2], {}]);');
    expect((globalThis as Record<string, unknown>).webpackChunkTest).toEqual([
      [[1], {}],
      [[2], {}],
    ]);
  });
});

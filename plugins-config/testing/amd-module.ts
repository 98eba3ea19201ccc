/**
 * Runs AMD modules the way Grafana's SystemJS loader does for a plugin's dist/module.js: the code calls
 * `define([...dependencies], factory)` and whatever the factory returns is the module's exports.
 * `new Function` evaluates in the current global scope (jsdom's window under jest), where a browser
 * would run the script, so webpack's `self[...]` chunk registry is the same one across calls.
 */

export type DependencyResolver = (name: string) => unknown;

type Factory = (...deps: unknown[]) => unknown;

export function evaluateAmdModule(source: string, resolve: DependencyResolver): unknown {
  let defined: { exports: unknown } | undefined;
  const define = (depsOrFactory: string[] | Factory, maybeFactory?: Factory): void => {
    if (defined) {
      throw new Error('the module called define() more than once');
    }
    const [deps, factory] = Array.isArray(depsOrFactory)
      ? [depsOrFactory, maybeFactory]
      : [[], depsOrFactory];
    if (typeof factory !== 'function') {
      throw new Error('define() was called without a factory function');
    }
    defined = { exports: factory(...deps.map((name) => resolve(name))) };
  };
  // Loaders announce AMD support this way; webpack's UMD/AMD wrappers check it.
  (define as unknown as { amd: object }).amd = {};

  new Function('define', source)(define);
  if (!defined) {
    throw new Error('the module never called define(): is it an AMD build?');
  }
  return defined.exports;
}

/** A plain script such as a webpack chunk, evaluated in the global scope as a <script> tag would. */
export function evaluateScript(source: string): void {
  new Function(source)();
}

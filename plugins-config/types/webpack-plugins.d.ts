// Types for the two webpack plugins of the scaffolded build that ship none (only what the build uses).

declare module 'replace-in-file-webpack-plugin' {
  interface ReplaceRule {
    search: string | RegExp;
    replace: string | ((match: string) => string);
  }

  interface ReplaceOption {
    dir?: string;
    files?: string[];
    test?: RegExp | RegExp[];
    rules: ReplaceRule[];
  }

  class ReplaceInFilePlugin {
    constructor(options?: ReplaceOption[]);
    apply(compiler: import('webpack').Compiler): void;
  }

  export = ReplaceInFilePlugin;
}

declare module 'webpack-livereload-plugin' {
  interface Options {
    /** Port of the livereload server; 0 picks a free one from 35729. */
    port?: number;
    hostname?: string;
    protocol?: string;
    appendScriptTag?: boolean;
    ignore?: RegExp | RegExp[] | null;
    delay?: number;
    useSourceHash?: boolean;
  }

  class LiveReloadPlugin {
    constructor(options?: Options);
    apply(compiler: import('webpack').Compiler): void;
  }

  export = LiveReloadPlugin;
}

import type { ScopedVars, TimeRange, TypedVariableModel } from '@grafana/data';
import type { TemplateSrv } from '@grafana/runtime';

/**
 * Dashboard variables for tests. Grafana's TemplateSrv lives in Grafana's own frontend, not in a published
 * package, so this follows its documented syntax: `$name`, `${name}`, `${name:format}`, scoped variables
 * first; a multi-value variable is handed to a format function as an array, joined with `,` by `raw` and
 * as `{a,b}` (glob) by default.
 */
export class DashboardVariables implements TemplateSrv {
  constructor(private readonly values: Record<string, string | string[]>) {}

  getVariables(): TypedVariableModel[] {
    return Object.entries(this.values).map(
      ([name, value]) =>
        ({
          name,
          type: 'custom',
          current: { text: value, value },
          multi: Array.isArray(value),
        }) as unknown as TypedVariableModel,
    );
  }

  replace(
    target?: string,
    scopedVars?: ScopedVars,
    format?: string | ((value: unknown, variable: unknown, defaultFormat: string) => string),
  ): string {
    if (!target) {
      return target ?? '';
    }
    return target.replace(/\$(\w+)|\$\{(\w+)(?::(\w+))?\}/g, (match, plain, braced, fmt) => {
      const name = plain ?? braced;
      const scoped = scopedVars?.[name];
      const value = scoped ? scoped.value : this.values[name];
      if (value === undefined) {
        return match;
      }
      const how = fmt ?? format;
      if (typeof how === 'function') {
        return how(value, { name }, 'glob');
      }
      if (Array.isArray(value)) {
        return how === 'raw' || how === 'csv' ? value.join(',') : `{${value.join(',')}}`;
      }
      return String(value);
    });
  }

  containsTemplate(target?: string): boolean {
    return Boolean(target && /\$(\w+|\{\w+)/.test(target));
  }

  updateTimeRange(_timeRange: TimeRange): void {}
}

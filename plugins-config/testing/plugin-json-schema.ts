import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

/**
 * The part of Grafana's plugin.json schema (docs/sources/developers/plugins/plugin.schema.json) that the
 * KPI Lens plugins use, with its constraints: an unknown top-level key or a missing required field is a
 * plugin Grafana refuses or misreads, so tests check every plugin.json (source and built) against it.
 */

export const PLUGIN_ID_PATTERN = '^[0-9a-z]+-([0-9a-z]+-)?(app|panel|datasource)$';
// Grafana's own pattern for grafanaDependency (checked with node-semver when the plugin loads).
const GRAFANA_DEPENDENCY_PATTERN =
  '^(<=|>=|<|>|=|~|\\^)?([0-9]+)(\\.[0-9x\\*]+)(\\.[0-9x\\*]+)?(\\s(<=|>=|<|=>)?([0-9]+)(\\.[0-9x]+)(\\.[0-9x]+))?$';

const Link = Type.Object({ name: Type.String(), url: Type.String() }, { additionalProperties: false });

const Info = Type.Object(
  {
    author: Type.Optional(
      Type.Object(
        {
          name: Type.Optional(Type.String()),
          email: Type.Optional(Type.String()),
          url: Type.Optional(Type.String()),
        },
        { additionalProperties: false },
      ),
    ),
    description: Type.Optional(Type.String()),
    keywords: Type.Array(Type.String(), { minItems: 1 }),
    links: Type.Optional(Type.Array(Link)),
    logos: Type.Object({ small: Type.String(), large: Type.String() }, { additionalProperties: false }),
    screenshots: Type.Optional(
      Type.Array(Type.Object({ name: Type.String(), path: Type.String() }, { additionalProperties: false })),
    ),
    updated: Type.String({ pattern: '^(\\d{4}-\\d{2}-\\d{2}|%TODAY%)$' }),
    version: Type.String({ pattern: '^((0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)|%VERSION%)$' }),
  },
  { additionalProperties: false },
);

const Dependencies = Type.Object(
  {
    grafanaDependency: Type.String({ pattern: GRAFANA_DEPENDENCY_PATTERN }),
    plugins: Type.Optional(
      Type.Array(
        Type.Object({
          id: Type.String({ pattern: PLUGIN_ID_PATTERN }),
          type: Type.Union([Type.Literal('app'), Type.Literal('datasource'), Type.Literal('panel')]),
          name: Type.String(),
          version: Type.String(),
        }),
      ),
    ),
  },
  { additionalProperties: false },
);

const Route = Type.Object(
  {
    path: Type.String({ minLength: 1 }),
    method: Type.Optional(Type.String()),
    url: Type.String({ minLength: 1 }),
    reqRole: Type.Optional(Type.String()),
    headers: Type.Optional(
      Type.Array(
        Type.Object({ name: Type.String(), content: Type.String() }, { additionalProperties: false }),
      ),
    ),
  },
  { additionalProperties: false },
);

const Include = Type.Object(
  {
    type: Type.Union([
      Type.Literal('dashboard'),
      Type.Literal('page'),
      Type.Literal('panel'),
      Type.Literal('datasource'),
    ]),
    name: Type.String(),
    uid: Type.Optional(Type.String()),
    path: Type.Optional(Type.String()),
    role: Type.Optional(Type.Union([Type.Literal('Admin'), Type.Literal('Editor'), Type.Literal('Viewer')])),
    addToNav: Type.Optional(Type.Boolean()),
    defaultNav: Type.Optional(Type.Boolean()),
    icon: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

export const PluginJson = Type.Object(
  {
    $schema: Type.Optional(Type.String()),
    id: Type.String({ pattern: PLUGIN_ID_PATTERN }),
    type: Type.Union([Type.Literal('app'), Type.Literal('datasource'), Type.Literal('panel')]),
    name: Type.String({ minLength: 1 }),
    info: Info,
    dependencies: Dependencies,
    backend: Type.Optional(Type.Boolean()),
    metrics: Type.Optional(Type.Boolean()),
    annotations: Type.Optional(Type.Boolean()),
    alerting: Type.Optional(Type.Boolean()),
    logs: Type.Optional(Type.Boolean()),
    category: Type.Optional(Type.String()),
    queryOptions: Type.Optional(
      Type.Object(
        {
          maxDataPoints: Type.Optional(Type.Boolean()),
          minInterval: Type.Optional(Type.Boolean()),
          cacheTimeout: Type.Optional(Type.Boolean()),
        },
        { additionalProperties: false },
      ),
    ),
    routes: Type.Optional(Type.Array(Route)),
    includes: Type.Optional(Type.Array(Include)),
    autoEnabled: Type.Optional(Type.Boolean()),
    preload: Type.Optional(Type.Boolean()),
    skipDataQuery: Type.Optional(Type.Boolean()),
    // Locales the plugin ships in src/locales/<language>/<id>.json (Grafana 12.1+, @grafana/i18n).
    languages: Type.Optional(Type.Array(Type.String({ pattern: '^[a-z]{2}-[A-Z]{2}$' }), { minItems: 1 })),
    // Added by the build (BuildModeWebpackPlugin); Grafana reads it to tell development builds apart.
    buildMode: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
export type PluginJson = Static<typeof PluginJson>;

/** Every schema violation as `<json path> <message>`; empty when Grafana would accept the file. */
export function pluginJsonErrors(json: unknown): string[] {
  const errors = [...Value.Errors(PluginJson, json)].map((e) => `${e.path || '/'} ${e.message}`);
  // Grafana only reads `alerting` for backend datasources (Grafana-managed rules query the backend).
  const obj = json as Partial<PluginJson> | null;
  if (errors.length === 0 && obj?.alerting && !obj.backend) {
    errors.push('/alerting requires backend: true');
  }
  return errors;
}

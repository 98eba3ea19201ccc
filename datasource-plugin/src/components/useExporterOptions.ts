import { useEffect, useState } from 'react';
import type { DataSource } from '../datasource';
import { interpolateVariableQuery } from '../query/interpolate';
import { variableOptions, variableRequest } from '../query/variables';
import type { KpiVariableQuery } from '../types';

/**
 * Names the exporter has for a picker (models, metrics, dimension keys or values), through the same
 * requests as dashboard variables; empty while loading or when the exporter cannot say.
 */
export function useExporterOptions(
  datasource: DataSource,
  query: Omit<KpiVariableQuery, 'refId'> | null,
): string[] {
  const [loaded, setLoaded] = useState<{ key: string; names: string[] }>({ key: '', names: [] });
  const key = JSON.stringify(query);
  useEffect(() => {
    if (!query) {
      return;
    }
    let live = true;
    const q = interpolateVariableQuery({ refId: 'options', ...query }, datasource.replace());
    const done = (names: string[]) => live && setLoaded({ key, names });
    datasource
      .get(variableRequest(q))
      .then((body) => done(variableOptions(q, body).map((o) => String(o.value ?? o.text))))
      .catch(() => done([]));
    return () => {
      live = false;
    };
    // The query is compared by value (key): a new object with the same fields does not reload.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [datasource, key]);
  // Names of an earlier query are not offered for this one.
  return query && loaded.key === key ? loaded.names : [];
}

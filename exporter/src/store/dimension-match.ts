// How a dimension filter selects series, the way Prometheus reads label matchers: `{platform: 'meta'}`
// matches every series with that dimension whatever its others are, and an empty value matches the series
// WITHOUT that dimension, so `{currency: 'EUR', plan: ''}` is the total and not also every plan's series.

/**
 * SQL conditions (each starting with ` AND `) on a jsonb dimensions column for `dims`; their values are
 * appended to `params`, whose length gives the placeholder numbers.
 */
export function dimensionMatchSql(
  dims: Record<string, string> | undefined,
  params: unknown[],
  column = 'dimensions',
): string {
  const entries = Object.entries(dims ?? {});
  const present = entries.filter(([, v]) => v !== '');
  const absent = entries.filter(([, v]) => v === '').map(([k]) => k);
  let sql = '';
  if (present.length > 0) {
    params.push(JSON.stringify(Object.fromEntries(present)));
    sql += ` AND ${column} @> $${params.length}::jsonb`;
  }
  if (absent.length > 0) {
    params.push(absent);
    sql += ` AND NOT (${column} ?| $${params.length}::text[])`;
  }
  return sql;
}

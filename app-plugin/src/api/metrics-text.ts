/** Sum of a Prometheus counter in exposition text, over the series whose labels include `match`. */
export function sumCounter(text: string, name: string, match: Record<string, string> = {}): number | null {
  let total: number | null = null;
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) {
      continue;
    }
    const labels = /\{([^}]*)\}/.exec(line)?.[1] ?? '';
    const ok = Object.entries(match).every(([k, v]) => labels.includes(`${k}="${v}"`));
    const value = Number(line.slice(line.lastIndexOf(' ') + 1));
    if (ok && Number.isFinite(value)) {
      total = (total ?? 0) + value;
    }
  }
  return total;
}

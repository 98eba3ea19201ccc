import fs from 'fs';
import path from 'path';

/**
 * The plugins' translations use Grafana's @grafana/i18n: `t('key', 'English default')` in the source and
 * `src/locales/<language>/<plugin id>.json` (nested by the dots of the key) for other languages. These
 * helpers read the keys from the source so a test can check that every locale file has them all.
 */

const CALL = /\bt[v]?\(\s*'([a-z0-9.-]+)',\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")/g;

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.tsx?$/.test(f) && !/\.(test|scene)\.tsx?$/.test(f) && !f.includes('test-utils'))
    .map((f) => path.join(dir, f));
}

/** Every translation key used in the source, with its English default; throws on one key with two texts. */
export function sourceTranslations(srcDir: string): Map<string, string> {
  const keys = new Map<string, string>();
  for (const file of sourceFiles(srcDir)) {
    const code = fs.readFileSync(file, 'utf8');
    for (const m of code.matchAll(CALL)) {
      const text = (m[2] ?? m[3]).replace(/\\(.)/g, '$1');
      if (keys.has(m[1]) && keys.get(m[1]) !== text) {
        throw new Error(`${m[1]} has two English texts: "${keys.get(m[1])}" and "${text}"`);
      }
      keys.set(m[1], text);
    }
  }
  return keys;
}

export function flatten(tree: Record<string, unknown>, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object') {
      flatten(v as Record<string, unknown>, key).forEach((text, sub) => out.set(sub, text));
    } else {
      out.set(key, String(v));
    }
  }
  return out;
}

export function nest(flat: Map<string, string>): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const key of [...flat.keys()].sort()) {
    const parts = key.split('.');
    let node = root;
    for (const part of parts.slice(0, -1)) {
      node = (node[part] ??= {}) as Record<string, unknown>;
    }
    node[parts[parts.length - 1]] = flat.get(key);
  }
  return root;
}

const PLACEHOLDER = /\{\{\s*(\w+)\s*\}\}/g;
const placeholders = (text: string) =>
  [...text.matchAll(PLACEHOLDER)]
    .map((m) => m[1])
    .sort()
    .join(',');

/** What is wrong with a locale file against the source: missing, unknown, empty or mismatched keys. */
export function localeErrors(source: Map<string, string>, locale: Record<string, unknown>): string[] {
  const flat = flatten(locale);
  const errors: string[] = [];
  for (const [key, english] of source) {
    const text = flat.get(key);
    if (text === undefined) {
      errors.push(`missing ${key} ("${english}")`);
    } else if (text.trim() === '') {
      errors.push(`empty ${key}`);
    } else if (placeholders(text) !== placeholders(english)) {
      errors.push(
        `${key}: placeholders {{${placeholders(text)}}} differ from the English {{${placeholders(english)}}}`,
      );
    }
  }
  for (const key of flat.keys()) {
    if (!source.has(key)) {
      errors.push(`unknown ${key} (not in the source)`);
    }
  }
  return errors;
}

import en from './locales/en-US/kpilens-exporter-datasource.json';
import fr from './locales/fr-FR/kpilens-exporter-datasource.json';
import { loadResources } from './i18n';

function flatten(tree: Record<string, unknown>, prefix = ''): Map<string, string> {
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

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('translations', () => {
  const english = flatten(en);
  const french = flatten(fr);

  it('has every English text in French, with the same placeholders', () => {
    expect([...french.keys()].sort()).toEqual([...english.keys()].sort());
    for (const [key, text] of english) {
      expect([key, placeholders(french.get(key)!)]).toEqual([key, placeholders(text)]);
      expect(french.get(key)!.trim()).not.toBe('');
    }
  });

  it('bundles French and falls back to the English in the source for other languages', async () => {
    expect(await loadResources('fr-FR')).toBe(fr);
    expect(await loadResources('de-DE')).toEqual({});
  });
});

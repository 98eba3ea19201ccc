import fs from 'fs';
import os from 'os';
import path from 'path';
import { flatten, localeErrors, nest, sourceTranslations } from './translations';

describe('translations', () => {
  it('reads t() and tv() keys with their English text, ignoring tests', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpilens-i18n-'));
    fs.writeFileSync(path.join(dir, 'a.tsx'), `t('x.title', 'Title'); tv('x.count', "{{n}} it's", { n });`);
    fs.writeFileSync(path.join(dir, 'a.test.tsx'), `t('x.test', 'Only in a test');`);
    expect([...sourceTranslations(dir)]).toEqual([
      ['x.title', 'Title'],
      ['x.count', "{{n}} it's"],
    ]);
    fs.writeFileSync(path.join(dir, 'b.ts'), `t('x.title', 'Other');`);
    expect(() => sourceTranslations(dir)).toThrow('two English texts');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('nests keys by their dots and back', () => {
    const flat = new Map([
      ['a.b', '1'],
      ['a.c', '2'],
      ['d', '3'],
    ]);
    expect(nest(flat)).toEqual({ a: { b: '1', c: '2' }, d: '3' });
    expect(flatten(nest(flat))).toEqual(flat);
  });

  it('reports missing, unknown, empty keys and placeholders that differ', () => {
    const source = new Map([
      ['a', 'Hello {{name}}'],
      ['b', 'Bye'],
      ['c', 'Yes'],
    ]);
    expect(localeErrors(source, { a: 'Bonjour {{nom}}', c: ' ', z: 'x' })).toEqual([
      'a: placeholders {{nom}} differ from the English {{name}}',
      'missing b ("Bye")',
      'empty c',
      'unknown z (not in the source)',
    ]);
    expect(localeErrors(source, { a: 'Bonjour {{name}}', b: 'Au revoir', c: 'Oui' })).toEqual([]);
  });
});

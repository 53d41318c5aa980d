import { strict as assert } from 'node:assert';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { build } from 'esbuild';

/**
 * The dashboard's EN and FR catalogues (web/src/i18n), loaded as the browser gets them: bundled
 * by esbuild from the TypeScript sources (they are not part of the server's compilation).
 */
async function loadCatalogues(): Promise<{ en: Record<string, string>; fr: Record<string, string> }> {
  const dir = resolve(process.cwd(), 'web/src/i18n');
  const out = await build({
    stdin: { contents: `export { en } from './en.ts'; export { fr } from './fr.ts';`, resolveDir: dir, loader: 'ts' },
    bundle: true, format: 'esm', platform: 'neutral', write: false, logLevel: 'silent',
  });
  const code = out.outputFiles[0]!.text;
  return await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`) as { en: Record<string, string>; fr: Record<string, string> };
}

const placeholders = (s: string): string[] => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

describe('dashboard catalogues (web/src/i18n)', async () => {
  const { en, fr } = await loadCatalogues();

  it('have the same keys in English and French, none empty', () => {
    assert.deepEqual(Object.keys(fr).sort(), Object.keys(en).sort());
    assert.ok(Object.keys(en).length > 100, 'the catalogue covers the dashboard');
    for (const [k, v] of [...Object.entries(en), ...Object.entries(fr)]) assert.ok(v.trim().length > 0, `empty text for ${k}`);
  });

  it('fill in the same values in both languages', () => {
    for (const key of Object.keys(en)) assert.deepEqual(placeholders(fr[key]!), placeholders(en[key]!), `placeholders of ${key}`);
  });

  it('write French with its typography: no-break space before : ; ? ! and inside « », curly apostrophes', () => {
    for (const [key, text] of Object.entries(fr)) {
      assert.doesNotMatch(text, / [:;?!]/, `${key}: an ordinary space before a high punctuation mark: ${text}`);
      assert.doesNotMatch(text, /[^\s\u00a0\u202f(][;?!]|[^\s\u00a0\u202f(]:(?!\/\/)/u, `${key}: no space before a high punctuation mark: ${text}`);
      assert.doesNotMatch(text, /"/, `${key}: straight quotes instead of « »: ${text}`);
      assert.doesNotMatch(text, /'/, `${key}: a straight apostrophe instead of ’: ${text}`);
      assert.doesNotMatch(text, /«(?!\u00a0)|(?<!\u00a0)»/u, `${key}: « » without no-break spaces inside: ${text}`);
    }
  });

  it('use Canadian French words where they differ', () => {
    const all = Object.values(fr).join('\n');
    assert.doesNotMatch(all, /\b(e-?mail|VPN|cloud)\b/i, 'courriel, RPV, infonuagique');
    assert.match(fr['network.vpn']!, /RPV/);
  });
});

import { strict as assert } from 'node:assert';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { build } from 'esbuild';

/**
 * The finance and influence pages' texts (web/src/modules/<name>/messages.ts), bundled as the
 * browser gets them: both languages hold the same keys and fill in the same values, and the
 * French follows French typography, as the dashboard's own catalogues do.
 */
async function load(name: string): Promise<{ en: Record<string, string>; fr: Record<string, string> }> {
  const dir = resolve(process.cwd(), `web/src/modules/${name}`);
  const out = await build({
    stdin: { contents: `export * from './messages.ts';`, resolveDir: dir, loader: 'ts' },
    bundle: true, format: 'esm', platform: 'neutral', write: false, logLevel: 'silent',
  });
  const mod = await import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0]!.text).toString('base64')}`) as Record<string, Record<'en-CA' | 'fr-CA', Record<string, string>>>;
  const messages = Object.values(mod)[0]!;
  return { en: messages['en-CA'], fr: messages['fr-CA'] };
}

const placeholders = (s: string): string[] => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

for (const name of ['finance', 'influence']) {
  describe(`dashboard texts of the ${name} pages`, async () => {
    const { en, fr } = await load(name);

    it('have the same keys and placeholders in English and French, under the module\'s name', () => {
      assert.deepEqual(Object.keys(fr).sort(), Object.keys(en).sort());
      for (const key of Object.keys(en)) {
        assert.ok(key.startsWith(`${name}.`), key);
        assert.ok(en[key]!.trim() && fr[key]!.trim(), `empty text for ${key}`);
        assert.deepEqual(placeholders(fr[key]!), placeholders(en[key]!), `placeholders of ${key}`);
      }
    });

    it('write French with its typography', () => {
      for (const [key, text] of Object.entries(fr)) {
        assert.doesNotMatch(text, / [:;?!$]/, `${key}: an ordinary space before a high punctuation mark or $: ${text}`);
        assert.doesNotMatch(text, /"/, `${key}: straight quotes: ${text}`);
        assert.doesNotMatch(text, /'/, `${key}: a straight apostrophe: ${text}`);
        assert.doesNotMatch(text, /«(?!\u00a0)|(?<!\u00a0)»/u, `${key}: « » without no-break spaces inside: ${text}`);
      }
    });
  });
}

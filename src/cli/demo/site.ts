import { type Prng, weighted } from './prng.js';

/** The public host of the demo site, used in internal referers. */
export const SITE_ORIGIN = 'https://www.elections.ca';

/** A page of the bilingual site: its request target and the size of its HTML. */
export interface SitePage {
  readonly target: string;
  readonly status: number;
  readonly bytes: number;
}

type Lang = 'en' | 'fr';
type PageMaker = (rng: Prng, lang: Lang) => SitePage;

// Federal electoral district codes start with the province's code (10 NL … 62 NU).
const PROVINCE_FED_PREFIX = [10, 11, 12, 13, 24, 24, 35, 35, 35, 46, 47, 48, 59, 59, 60, 61, 62];
// First letters of postal codes (forward sortation areas), weighted by population.
const FSA_FIRST = 'KKLLMMMNNPGGHHHJTTVVRSEBCAXY';
const FSA_LETTERS = 'ABCEGHJKLMNPRSTVXY';

const SEARCH_TERMS: Record<Lang, readonly string[]> = {
  en: [
    'register to vote', 'voter id', 'polling station', 'advance polling', 'special ballot',
    'vote by mail', 'candidate list', 'election results 2025', 'student vote', 'accessible voting',
    'voter information card', "where's my polling place", 'election worker jobs', 'riding map',
  ],
  fr: [
    "l'élection", 'inscription électeur', 'bureau de scrutin', 'vote par anticipation',
    "pièces d'identité", 'résultats élection 2025', 'bulletin de vote spécial', 'où voter',
    "carte d'information de l'électeur", 'emplois élection', 'circonscription Québec', 'vote étudiant',
  ],
};
const ENCODED_TERMS: Record<Lang, readonly string[]> = {
  en: SEARCH_TERMS.en.map(formEncode),
  fr: SEARCH_TERMS.fr.map(formEncode),
};
const NEWS_SLUGS: Record<Lang, readonly string[]> = {
  en: ['advance-polls-open', 'record-turnout-advance-polls', 'voter-information-cards-mailed', 'results-validation'],
  fr: ['ouverture-vote-anticipation', 'participation-record', 'envoi-cartes-information', 'validation-resultats'],
};

/** Browser form encoding (spaces as `+`, apostrophes as `%27`, UTF-8 percent-escapes). */
export function formEncode(text: string): string {
  return encodeURIComponent(text).replace(/%20/g, '+').replace(/'/g, '%27');
}

/** A Canadian postal code, written the ways people type it (K1A0A6, K1A+0A6, k1a0a6). */
export function postalCode(rng: Prng): string {
  const l = (): string => rng.pick(FSA_LETTERS.split(''));
  const code = `${rng.pick(FSA_FIRST.split(''))}${rng.int(10)}${l()}`;
  const ldu = `${rng.int(10)}${l()}${rng.int(10)}`;
  const r = rng.next();
  if (r < 0.7) return code + ldu;
  if (r < 0.9) return `${code}+${ldu}`;
  return (code + ldu).toLowerCase();
}

/** A federal electoral district code such as 35075. */
export function ridingCode(rng: Prng): string {
  return `${rng.pick(PROVINCE_FED_PREFIX)}${String(rng.range(1, 121)).padStart(3, '0')}`;
}

const ok = (target: string, bytes: number, rng: Prng): SitePage => ({
  target,
  status: 200,
  bytes: bytes + rng.int(Math.ceil(bytes / 20)),
});
const pair = (en: string, fr: string, bytes: number): PageMaker => (rng, lang) =>
  ok(lang === 'en' ? en : fr, bytes, rng);

const PAGES: ReadonlyArray<readonly [PageMaker, number]> = [
  [pair('/en/', '/fr/', 14200), 14],
  [(rng) => ok('/', 9100, rng), 4],
  [pair('/en/voters/register', '/fr/electeurs/inscription', 11800), 10],
  [pair('/en/voters/check-registration', '/fr/electeurs/verifier-inscription', 9800), 6],
  [pair('/en/voters/ways-to-vote', '/fr/electeurs/facons-de-voter', 12600), 6],
  [pair('/en/voters/id-to-vote', '/fr/electeurs/identification', 10400), 5],
  [(rng, lang) => ok(`${lang === 'en' ? '/en/voters/polling-place' : '/fr/electeurs/lieu-de-vote'}?pc=${postalCode(rng)}`, 16300, rng), 14],
  [(rng, lang) => ok(lang === 'en' ? `/en/candidates?riding=${ridingCode(rng)}` : `/fr/candidats?circonscription=${ridingCode(rng)}`, 13700, rng), 8],
  [(rng, lang) => ok(lang === 'en' ? `/en/results/riding/${ridingCode(rng)}` : `/fr/resultats/circonscription/${ridingCode(rng)}`, 21900, rng), 7],
  [pair('/en/results', '/fr/resultats', 38400), 4],
  [(rng, lang) => ok(lang === 'en' ? `/en/news/2025/04/${rng.pick(NEWS_SLUGS.en)}` : `/fr/nouvelles/2025/04/${rng.pick(NEWS_SLUGS.fr)}`, 12100, rng), 5],
  [(rng, lang) => ok(lang === 'en' ? `/en/search?q=${rng.pick(ENCODED_TERMS.en)}` : `/fr/recherche?q=${rng.pick(ENCODED_TERMS.fr)}`, 17600, rng), 6],
  [pair('/en/careers', '/fr/carrieres', 10900), 2],
  [(rng, lang) => ok(`/${lang}/${lang === 'en' ? 'careers/jobs' : 'carrieres/postes'}/EC-2025-${rng.range(100, 480)}`, 9700, rng), 2],
  [pair('/en/accessibility', '/fr/accessibilite', 8800), 1],
  [pair('/en/contact', '/fr/contact', 7600), 1],
  [pair('/en/political-financing/contributions', '/fr/financement-politique/contributions', 15400), 2],
  // Old bookmarks to the legacy content.aspx site are redirected.
  [(rng, lang) => ({ target: `/content.aspx?section=vot&dir=reg&document=index&lang=${lang === 'en' ? 'e' : 'f'}`, status: 301, bytes: 239 + rng.int(3) }), 3],
  [(rng, lang) => ({ target: rng.pick([`/${lang}/voters/register.html`, '/en/vote2021', '/fr/elections-2019', `/${lang}/news/2024/12/`]), status: 404, bytes: 5210 }), 1],
];
const pickPage = weighted(PAGES);

/** A random page view of the site in the visitor's language. */
export function randomPage(rng: Prng, lang: Lang): SitePage {
  return pickPage(rng)(rng, lang);
}

/** A static asset with a fixed size: the same file always weighs the same. */
export interface SiteAsset {
  readonly target: string;
  readonly bytes: number;
}

/** Assets a page pulls in, in the order a browser requests them. */
export const PAGE_ASSETS: readonly SiteAsset[] = [
  { target: '/assets/css/main.4f9c2d1e.css', bytes: 48213 },
  { target: '/assets/js/vendor.b71e09aa.js', bytes: 181904 },
  { target: '/assets/js/app.2c8d5f31.js', bytes: 64117 },
  { target: '/assets/fonts/lato-v24-latin-regular.woff2', bytes: 23580 },
  { target: '/assets/fonts/lato-v24-latin-700.woff2', bytes: 23912 },
  { target: '/assets/img/logo-ec-en.svg', bytes: 6123 },
  { target: '/assets/img/hero-vote-2025.webp', bytes: 91240 },
  { target: '/assets/img/icon-polling-place.png', bytes: 2817 },
  { target: '/favicon.ico', bytes: 15086 },
];

const REFERERS = weighted<string>([
  ['-', 30],
  ['https://www.google.ca/', 22],
  ['https://www.google.com/', 8],
  ['https://www.bing.com/', 4],
  ['https://duckduckgo.com/', 2],
  ['https://www.cbc.ca/news/politics', 3],
  ['https://ici.radio-canada.ca/info', 2],
  ['https://www.lapresse.ca/actualites/politique/', 1],
  ['https://www.theglobeandmail.com/politics/', 1],
  ['https://www.ctvnews.ca/politics/', 1],
  ['https://t.co/', 2],
  ['https://l.facebook.com/', 3],
  ['https://www.reddit.com/r/canada/', 1],
  ['https://www.instagram.com/', 1],
  ['internal', 20],
]);

/** Where a visitor came from: a search engine, news or social site, the site itself, or nowhere. */
export function randomReferer(rng: Prng, lang: Lang): string {
  const ref = REFERERS(rng);
  return ref === 'internal' ? `${SITE_ORIGIN}/${lang}/` : ref;
}

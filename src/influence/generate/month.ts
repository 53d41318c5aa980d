import * as OpenCC from 'opencc-js/cn2t';
import { WORDS, REACTIONS } from './lexicon.js';

/** A generated post in the corpora's JSONL schema. */
export interface GeneratedPost {
  id: string; account: string; time: string; text: string; lang: string;
  urls: string[]; hashtags: string[]; reply_to: string | null; repost_of: string | null;
  platform: 'x' | 'wechat'; channel: string | null;
}

/** What was planted, to score a scan against. */
export interface MonthTruth {
  campaigns: Array<{ name: string; kind: string; accounts: string[]; posts: string[] }>;
  lookalikes: Array<{ name: string; accounts: string[] }>;
  background: string[];
}

export interface MonthOptions { seed: number; start?: Date; days?: number; backgroundAccounts?: number }

/** A small seeded generator (mulberry32): the same seed gives the same month. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Lang = 'en' | 'fr' | 'zh-Hans' | 'zh-Hant';

/**
 * A month of posts on X and WeChat in English, French, Simplified and Traditional Chinese:
 * organic background with realistic repetition (popular posts reposted, news links, common
 * hashtags), four planted campaigns (Chinese narrative forwarded into WeChat groups and posted
 * on X in both scripts, a link-pushing ring, a repost amplifier, an en/fr copy-paste and reply
 * swarm, all on a UTC+8 working day) and six legal look-alikes (an article shared by hundreds
 * over a day, a fan club reposting its star, debate-night reactions, a scam warning forwarded
 * over days, a community notice copied by a few, organic debate on one topic).
 */
export function generateMonth(o: MonthOptions): { posts: GeneratedPost[]; truth: MonthTruth } {
  const r = rng(o.seed);
  const start = (o.start ?? new Date(Date.UTC(2025, 3, 1))).getTime() / 1000;
  const days = o.days ?? 30;
  const span = days * 86_400;
  const toTrad = OpenCC.Converter({ from: 'cn', to: 'tw' });
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const zipf = <T>(xs: readonly T[]): T => xs[Math.min(xs.length - 1, Math.floor(xs.length * r() ** 3))]!;
  const posts: GeneratedPost[] = [];
  let n = 0;
  const iso = (ts: number): string => new Date(Math.round(ts) * 1000).toISOString().replace('.000Z', 'Z');
  const post = (p: Omit<GeneratedPost, 'id' | 'time' | 'urls' | 'hashtags' | 'reply_to' | 'repost_of' | 'channel'> & Partial<GeneratedPost> & { ts: number }): GeneratedPost => {
    const { ts, ...rest } = p;
    const made: GeneratedPost = { id: `gen${o.seed}:${++n}`, time: iso(ts), urls: [], hashtags: [], reply_to: null, repost_of: null, channel: null, ...rest };
    posts.push(made);
    return made;
  };
  const sentence = (lang: Lang, min: number, max: number): string => {
    const k = min + Math.floor(r() * (max - min + 1));
    const pool = lang.startsWith('zh') ? WORDS.zh : WORDS[lang as 'en' | 'fr'];
    const words = Array.from({ length: k }, () => pick(pool));
    const text = lang.startsWith('zh') ? words.join('') : words.join(' ');
    return lang === 'zh-Hant' ? toTrad(text) : text;
  };
  const langOf = (): Lang => { const x = r(); return x < 0.45 ? 'en' : x < 0.7 ? 'fr' : x < 0.85 ? 'zh-Hans' : 'zh-Hant'; };
  const channels = Array.from({ length: 40 }, (_, i) => `wechat-group-${i + 1}`);
  const newsUrls = Array.from({ length: 200 }, (_, i) => `https://news${i % 12}.example.ca/article/${1000 + i}`);
  const commonTags = ['cdnpoli', 'elxn45', 'polcan', 'vancouver', 'toronto', 'montreal', 'hockey', 'housing', 'weather', 'food'];

  // Organic background: its own posts, reposts of popular posts, news links, common hashtags.
  const background = Array.from({ length: o.backgroundAccounts ?? 1500 }, (_, i) => ({ name: `user${o.seed}_${i}`, lang: langOf(), wechat: r() < 0.25, rate: 5 + Math.floor(r() ** 2 * 55) }));
  const popular: GeneratedPost[] = [];
  for (let i = 0; i < 300; i++) popular.push(post({ ts: start + r() * span, account: `popular${i % 60}`, text: sentence('en', 8, 18), lang: 'en', platform: 'x' }));
  for (const a of background) {
    for (let k = 0; k < a.rate; k++) {
      const ts = start + r() * span;
      const onWechat = a.wechat && r() < 0.6;
      const x = r();
      if (!onWechat && x < 0.2) { post({ ts, account: a.name, text: '', lang: a.lang, platform: 'x', repost_of: zipf(popular).id }); continue; }
      const text = sentence(a.lang, 6, 20);
      const urls = x < 0.35 ? [zipf(newsUrls) + (r() < 0.3 ? '?utm_source=share' : '')] : [];
      const hashtags = r() < 0.3 ? [pick(commonTags)] : [];
      post({ ts, account: a.name, text: `${text}${urls.length ? ' ' + urls[0] : ''}${hashtags.length ? ' #' + hashtags[0] : ''}`, lang: a.lang, platform: onWechat ? 'wechat' : 'x', channel: onWechat ? pick(channels) : null, urls, hashtags });
    }
  }

  // Planted campaigns, operated on a UTC+8 working day (01:00-10:00 UTC).
  const workTs = (): number => { const day = Math.floor(r() * days); return start + day * 86_400 + 3600 + r() * 8.5 * 3600; };
  const truth: MonthTruth = { campaigns: [], lookalikes: [], background: background.map((a) => a.name) };
  const campaign = (name: string, kind: string, size: number, bursts: number, burst: (accounts: string[], ts: number, b: number) => GeneratedPost[]): void => {
    const accounts = Array.from({ length: size }, (_, i) => `${name}_${o.seed}_${i}`);
    const mine: string[] = [];
    for (let b = 0; b < bursts; b++) for (const p of burst(accounts, workTs(), b)) mine.push(p.id);
    // Camouflage: each account also posts ordinary chatter.
    for (const a of accounts) for (let k = 0; k < 8; k++) post({ ts: start + r() * span, account: a, text: sentence(langOf(), 6, 18), lang: 'en', platform: 'x' });
    truth.campaigns.push({ name, kind, accounts, posts: mine });
  };
  const vary = (text: string, zh: boolean): string => {
    const words = zh ? [...text] : text.split(' ');
    const at = Math.floor(r() * words.length);
    if (!zh) words[at] = pick(WORDS.en);
    return zh ? words.join('') + pick(['！', '。', '!!', '']) : words.join(' ') + pick(['', '!', ' !!', ' 👀']);
  };
  campaign('zhnet', 'forward', 12, 16, (accounts, ts, b) => {
    const base = `${sentence('zh-Hans', 10, 14)}陈议员${sentence('zh-Hans', 4, 6)}请转发给所有华人选民`;
    const out: GeneratedPost[] = [];
    for (const a of accounts) {
      if (r() < 0.15) continue;
      const trad = r() < 0.5;
      const text = (t: string): string => (trad ? toTrad(t) : t);
      const t0 = ts + r() * 600;
      for (let c = 0; c < 2 + Math.floor(r() * 3); c++) out.push(post({ ts: t0 + c * 60 + r() * 120, account: a, text: text(vary(base, true)), lang: trad ? 'zh-Hant' : 'zh-Hans', platform: 'wechat', channel: pick(channels) }));
      if (r() < 0.5) out.push(post({ ts: t0 + r() * 300, account: a, text: text(vary(base, true)) + ' @MP_Chen', lang: trad ? 'zh-Hant' : 'zh-Hans', platform: 'x' }));
    }
    void b;
    return out;
  });
  campaign('linkring', 'co_link', 10, 16, (accounts, ts, b) => {
    const url = `https://truth-news${b % 3}.example.com/story/${o.seed}-${b}`;
    return accounts.filter(() => r() < 0.85).map((a) => {
      const lang: Lang = r() < 0.5 ? 'en' : 'fr';
      const u = `${url}${r() < 0.5 ? '?utm_campaign=c' + Math.floor(r() * 9) : '/'}`;
      return post({ ts: ts + r() * 180, account: a, text: `${sentence(lang, 5, 12)} ${u}`, lang, platform: 'x', urls: [u] });
    });
  });
  campaign('amplifier', 'co_repost', 15, 20, (accounts, ts) => {
    const seed = post({ ts, account: `amplified_${o.seed}`, text: sentence('en', 8, 16) + ' #StopChen', lang: 'en', platform: 'x', hashtags: ['StopChen'] });
    return accounts.filter(() => r() < 0.85).map((a) => post({ ts: ts + 2 + r() * 18, account: a, text: '', lang: 'en', platform: 'x', repost_of: seed.id }));
  });
  campaign('copypasta', 'co_text', 8, 14, (accounts, ts, b) => {
    const fr = b % 2 === 1;
    const base = fr ? `${sentence('fr', 10, 14)} le député Chen trahit notre communauté #VéritéChen` : `${sentence('en', 10, 14)} MP Chen betrays our community #TruthAboutChen`;
    const target = post({ ts: ts - 600, account: 'MP_Chen', text: sentence(fr ? 'fr' : 'en', 8, 14), lang: fr ? 'fr' : 'en', platform: 'x' });
    return accounts.filter(() => r() < 0.9).map((a) => post({ ts: ts + r() * 400, account: a, text: `@MP_Chen ${vary(base, false)}`, lang: fr ? 'fr' : 'en', platform: 'x', reply_to: target.id, hashtags: [fr ? 'VéritéChen' : 'TruthAboutChen'] }));
  });

  // Look-alikes: legal behaviour that looks like coordination at a glance.
  const organic = (k: number): string[] => { const out = new Set<string>(); while (out.size < k) out.add(pick(background).name); return [...out]; };
  const article = organic(300);
  const articleUrl = `https://www.cbc.example.ca/news/politics/debate-fact-check-${o.seed}`;
  const t1 = start + 5 * 86_400;
  for (const a of article) post({ ts: t1 + r() * 86_400, account: a, text: `${sentence('en', 6, 14)} ${articleUrl}${r() < 0.4 ? '?utm_source=twitter' : ''}`, lang: 'en', platform: 'x', urls: [articleUrl] });
  truth.lookalikes.push({ name: 'article-shared-by-hundreds', accounts: article });
  const fans = organic(80);
  for (let s = 0; s < 25; s++) {
    const star = post({ ts: start + r() * span, account: 'star_singer', text: sentence('en', 8, 14), lang: 'en', platform: 'x' });
    const t = Date.parse(star.time) / 1000;
    for (const f of fans) if (r() < 0.7) post({ ts: t + 5 - Math.log(1 - r()) * 240, account: f, text: '', lang: 'en', platform: 'x', repost_of: star.id });
  }
  truth.lookalikes.push({ name: 'fan-club-reposts', accounts: fans });
  const viewers = organic(220);
  for (let d = 0; d < 3; d++) {
    const t = start + (8 + d * 7) * 86_400 + 24 * 3600 + 3600 * 0.5;
    for (const v of viewers) {
      if (r() < 0.3) continue;
      for (let k = 0; k < 2 + Math.floor(r() * 4); k++) {
        const fr = r() < 0.35;
        const base = pick(REACTIONS.filter((x) => /[éèà]|ils|qui|le |cette|personne/.test(x) === fr));
        post({ ts: t + r() * 5400, account: v, text: `${base}${r() < 0.4 ? ' ' + pick(WORDS[fr ? 'fr' : 'en']) : ''} ${fr ? '#débatdeschefs' : '#DebateNight'}`, lang: fr ? 'fr' : 'en', platform: 'x', hashtags: [fr ? 'débatdeschefs' : 'DebateNight'] });
      }
    }
  }
  truth.lookalikes.push({ name: 'debate-night-reactions', accounts: viewers });
  const warning = '紧急提醒：最近有人冒充选举局工作人员打电话索要银行卡号和验证码，千万不要告诉任何人，请转告家里的老人';
  const forwarders = organic(150);
  for (const f of forwarders) {
    const trad = r() < 0.4;
    post({ ts: start + 12 * 86_400 + r() * 5 * 86_400, account: f, text: trad ? toTrad(warning) : warning, lang: trad ? 'zh-Hant' : 'zh-Hans', platform: 'wechat', channel: pick(channels) });
  }
  truth.lookalikes.push({ name: 'scam-warning-forwarded', accounts: forwarders });
  const notice = organic(4);
  const noticeText = 'Community BBQ this Saturday at Riverside park from noon, bring your family and a chair, everyone welcome';
  for (const a of notice) post({ ts: start + 20 * 86_400 + r() * 3600, account: a, text: noticeText, lang: 'en', platform: 'x' });
  truth.lookalikes.push({ name: 'community-notice-copied', accounts: notice });
  const topic = organic(100);
  for (const a of topic) for (let k = 0; k < 3; k++) post({ ts: start + 22 * 86_400 + r() * 7 * 86_400, account: a, text: `${sentence('en', 6, 12)} housing rent crisis ${sentence('en', 3, 8)} #housing`, lang: 'en', platform: 'x', hashtags: ['housing'] });
  truth.lookalikes.push({ name: 'organic-topic-debate', accounts: topic });

  posts.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : a.id < b.id ? -1 : 1));
  return { posts, truth };
}

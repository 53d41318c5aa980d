/**
 * Romanised Chinese syllables in Pinyin, Cantonese (Hong Kong style and Jyutping) and
 * Wade-Giles, folded to one class each, so `Wang Xiaoming`, `Wong Siu Ming` and
 * `Wang Hsiao-Ming` read as the same units. A class is named by its Pinyin. A spelling shared
 * by two Pinyin syllables (`wong` is 王 Wang and 黃 Huang) puts both in one class: names are
 * only compared within one postal code, where that over-merge costs little.
 */
const EQUIVALENTS: readonly string[] = [
  // surnames
  'wang wong vong', 'huang wong hwang', 'li lee lei lai', 'zhang cheung chang cheong jang', 'liu lau lao',
  'chen chan chin', 'yang yeung yeong', 'zhao chiu chao jiu', 'wu ng woo', 'zhou chow chau chou jau',
  'xu hui hsu tsui chui', 'sun suen syun', 'zhu chu chue jyu', 'ma mah', 'hu woo fu', 'guo kwok kuo gwok',
  'he ho hor', 'lin lam lum', 'luo lo law lok', 'zheng cheng chang', 'liang leung liang loeng', 'xie tse tse', 'song sung sung',
  'tang tong', 'han hon', 'feng fung fung', 'deng tang teng dang', 'cao tso tsao cou', 'peng pang', 'zeng tsang tseng', 'xiao siu hsiao',
  'tian tin tien', 'dong tung tung', 'pan poon pun', 'yuan yuen yun', 'cai choi tsai', 'jiang keung chiang kong', 'yu yue yee yue',
  'du to tu', 'ye yip yeh', 'cheng ching', 'wei wai', 'su so', 'lu lo luk', 'ding ting ting', 'ren yam jen', 'shen sum shum', 'yao yiu', 'lu lui',
  'jiang chiang', 'fan fan', 'fang fong', 'shi sze shih', 'tan tam tan', 'liao liu', 'zou chau tsou', 'xiong hung hsiung', 'jin kam chin kim',
  'lu luk', 'hao hok', 'kong hung kung', 'bai pak pai', 'cui chui tsui', 'kang hong kang', 'mao mo', 'qiu yau chiu yau', 'qin chun chin', 'jiang keung',
  'shi shek', 'gu koo ku', 'hou hau hou', 'shao siu shao', 'meng mang meng', 'long lung lung', 'wan man wan', 'duan tuen tuan', 'qian chin chien', 'tang tong tang',
  'yin yan yin', 'lai lai', 'wei ngai', 'mo mok', 'kwan guan kuan', 'au ou ou', 'yuen ruan juan',
  // given-name syllables
  'ming ming', 'hua wah hwa', 'hong hung', 'jun chun chun', 'jian kin chien gin', 'zhi chi chih', 'qiang keung chiang', 'xin yan hsin sun',
  'yi yee i', 'mei mei may', 'ling ling', 'hui wai hui fai', 'jie kit chieh git', 'wen man wen', 'hao ho hao', 'jia ka chia', 'yan yin yen',
  'ying ying', 'fang fong', 'xiu sau hsiu', 'lan laan', 'juan kuen chuan', 'yong wing yung', 'qing ching ching', 'kai hoi kai', 'bo po po', 'feng fung',
  'tao to tao', 'bin ban pin', 'gang kong kang', 'ping ping ping', 'hai hoi hai', 'lei lui', 'chao chiu chao', 'peng pang peng', 'xiang heung hsiang',
  'xia ha hsia', 'jing ching ching', 'dong tung', 'guo kwok', 'wei wai', 'yu yu', 'lin lam', 'li lei', 'zhen chun chen', 'xue suet hsueh', 'yun wan yun',
  'shan shan', 'long lung', 'fei fei', 'kwong guang kuang', 'sheng sing sheng', 'cheuk zhuo cho', 'tak de te', 'man wen', 'chi zhi', 'kei qi chi', 'siu xiao',
];

const CLASS = new Map<string, string>();
(() => {
  // Union the groups that share a spelling, so each spelling has exactly one class.
  const parent = new Map<string, string>();
  const find = (x: string): string => { let r = x; while (parent.get(r) !== r) r = parent.get(r)!; parent.set(x, r); return r; };
  for (const group of EQUIVALENTS) {
    const words = group.split(' ');
    for (const w of words) if (!parent.has(w)) parent.set(w, w);
    for (const w of words.slice(1)) { const a = find(words[0]!); const b = find(w); if (a !== b) parent.set(b, a); }
  }
  for (const w of parent.keys()) CLASS.set(w, find(w));
})();

/** Whether a word is a syllable of the equivalence table (names, not any Pinyin-shaped piece). */
export function isNameSyllable(word: string): boolean {
  return CLASS.has(word);
}

/** Pinyin syllables (initials × finals that exist), for cutting `xiaoming` into `xiao ming`. */
const PINYIN = new Set<string>();
(() => {
  const initials = ['', 'b', 'p', 'm', 'f', 'd', 't', 'n', 'l', 'g', 'k', 'h', 'j', 'q', 'x', 'zh', 'ch', 'sh', 'r', 'z', 'c', 's', 'y', 'w'];
  const finals = ['a', 'o', 'e', 'i', 'u', 'ai', 'ei', 'ao', 'ou', 'an', 'en', 'ang', 'eng', 'ong', 'ia', 'iao', 'ie', 'iu', 'ian', 'in', 'iang', 'ing', 'iong', 'ua', 'uo', 'uai', 'ui', 'uan', 'un', 'uang', 'ue', 'er'];
  const palatal = new Set(['j', 'q', 'x']);
  const retroflex = new Set(['zh', 'ch', 'sh', 'r', 'z', 'c', 's']);
  for (const i of initials) for (const f of finals) {
    if (i === '' && !/^[aoe]/.test(f)) continue;
    // j q x take only i- and u- (ü) finals; zh ch sh r z c s and g k h never take i- finals.
    if (palatal.has(i) && !/^[iu]/.test(f)) continue;
    if ((retroflex.has(i) || ['g', 'k', 'h', 'f', 'w'].includes(i)) && /^i./.test(f)) continue;
    if (i === 'y' && /^(i.|u[aoi])/.test(f) && !['in', 'ing'].includes(f)) continue;
    if (i === 'w' && /^(i|u)/.test(f) && f !== 'u') continue;
    PINYIN.add(i + f);
  }
})();

/** Whether a lower-case ASCII word is one romanised syllable we know. */
export function isSyllable(word: string): boolean {
  return CLASS.has(word) || PINYIN.has(word);
}

/** The class of a syllable (itself when unknown). */
export function syllableClass(word: string): string {
  return CLASS.get(word) ?? word;
}

/**
 * Cut a word into known syllables (`xiaoming` → `xiao ming`), longest first, or null when it
 * does not cut entirely (`martin`). Words of four letters or fewer are left whole.
 */
export function cutSyllables(word: string): string[] | null {
  if (word.length < 5 || word.length > 14) return null;
  const best: Array<string[] | null> = new Array(word.length + 1).fill(null);
  best[0] = [];
  for (let i = 0; i < word.length; i++) {
    if (!best[i]) continue;
    for (let j = Math.min(word.length, i + 6); j > i + 1; j--) {
      const piece = word.slice(i, j);
      if (isSyllable(piece) && (!best[j] || best[j]!.length > best[i]!.length + 1)) best[j] = [...best[i]!, piece];
    }
  }
  const cut = best[word.length];
  return cut && cut.length >= 2 && cut.length <= 3 ? cut : null;
}

/**
 * Given names and romanised Chinese names for the benchmark generator. Chinese syllables are
 * written in Pinyin, Hong Kong Cantonese and Wade-Giles, so one person can appear under the
 * three spellings the resolver must join.
 */
export const ENGLISH_GIVEN = ['James', 'Mary', 'John', 'Patricia', 'Robert', 'Jennifer', 'Michael', 'Linda', 'William', 'Elizabeth', 'David', 'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Charles', 'Karen', 'Christopher', 'Nancy', 'Daniel', 'Lisa', 'Matthew', 'Margaret', 'Anthony', 'Sandra', 'Mark', 'Ashley', 'Donald', 'Emily', 'Steven', 'Donna', 'Paul', 'Michelle', 'Andrew', 'Carol', 'Kenneth', 'Amanda', 'George', 'Melissa', 'Brian', 'Deborah', 'Edward', 'Stephanie', 'Ronald', 'Rebecca', 'Timothy', 'Laura', 'Gregory', 'Heather', 'Peter', 'Catherine', 'Ian', 'Fiona', 'Douglas', 'Janet', 'Graham', 'Alison'];
export const FRENCH_GIVEN = ['Jean-François', 'Marie-Claude', 'Hélène', 'François', 'Stéphane', 'Geneviève', 'Benoît', 'Josée', 'Jean-Pierre', 'Marie-Ève', 'Gaétan', 'Andrée', 'Réjean', 'Céline', 'Jérôme', 'Chantal', 'Mélanie', 'Luc', 'Sylvie', 'Denis', 'Nathalie', 'Yves', 'Isabelle', 'Pierre-Luc', 'Frédéric', 'Louise', 'Marc-André', 'Élise', 'Rémi', 'Anne-Marie'];
export const FRENCH_SURNAMES = ['Tremblay', 'Gagnon', 'Roy', 'Côté', 'Bouchard', 'Gauthier', 'Morin', 'Lavoie', 'Fortin', 'Gagné', 'Ouellet', 'Pelletier', 'Bélanger', 'Lévesque', 'Bergeron', 'Leblanc', 'Paquette', 'Girard', 'Simard', 'Boucher', 'Caron', 'Beaulieu', 'Cloutier', 'Dubé', 'Poirier', 'Fournier', 'Lapointe', 'Leclerc', 'Lefebvre', 'Poulin', 'St-Pierre', 'Saint-Onge', 'Desrosiers', 'Lachance', 'Thériault'];

/** A Chinese syllable in [Pinyin, Cantonese (HK), Wade-Giles]. */
type Syllable = readonly [string, string, string];

export const CHINESE_SURNAMES: readonly Syllable[] = [
  ['Wang', 'Wong', 'Wang'], ['Li', 'Lee', 'Li'], ['Zhang', 'Cheung', 'Chang'], ['Liu', 'Lau', 'Liu'], ['Chen', 'Chan', 'Chen'],
  ['Yang', 'Yeung', 'Yang'], ['Zhao', 'Chiu', 'Chao'], ['Huang', 'Wong', 'Huang'], ['Zhou', 'Chow', 'Chou'], ['Wu', 'Ng', 'Wu'],
  ['Xu', 'Hui', 'Hsu'], ['Sun', 'Suen', 'Sun'], ['Zhu', 'Chu', 'Chu'], ['Guo', 'Kwok', 'Kuo'], ['He', 'Ho', 'Ho'], ['Lin', 'Lam', 'Lin'],
  ['Luo', 'Lo', 'Lo'], ['Liang', 'Leung', 'Liang'], ['Xie', 'Tse', 'Hsieh'], ['Tang', 'Tong', "T'ang"], ['Feng', 'Fung', 'Feng'], ['Cai', 'Choi', "Ts'ai"],
];

export const CHINESE_GIVEN: readonly Syllable[] = [
  ['Xiao', 'Siu', 'Hsiao'], ['Ming', 'Ming', 'Ming'], ['Hua', 'Wah', 'Hua'], ['Wei', 'Wai', 'Wei'], ['Jian', 'Kin', 'Chien'], ['Zhi', 'Chi', 'Chih'],
  ['Qiang', 'Keung', "Ch'iang"], ['Hong', 'Hung', 'Hung'], ['Jun', 'Chun', 'Chün'], ['Mei', 'Mei', 'Mei'], ['Ling', 'Ling', 'Ling'], ['Hui', 'Wai', 'Hui'],
  ['Jie', 'Kit', 'Chieh'], ['Wen', 'Man', 'Wen'], ['Jia', 'Ka', 'Chia'], ['Yan', 'Yin', 'Yen'], ['Ying', 'Ying', 'Ying'], ['Xiu', 'Sau', 'Hsiu'],
  ['Yong', 'Wing', 'Yung'], ['Qing', 'Ching', "Ch'ing"], ['Guo', 'Kwok', 'Kuo'], ['Dong', 'Tung', 'Tung'], ['Zhen', 'Chun', 'Chen'], ['Xue', 'Suet', 'Hsüeh'],
];

/** A Chinese name in one romanisation: Pinyin joins the given syllables, Cantonese spaces them, Wade-Giles hyphenates. */
export function renderChinese(surname: Syllable, given: readonly Syllable[], system: 0 | 1 | 2): { last: string; first: string } {
  const parts = given.map((s) => s[system]);
  const first = system === 0 ? cap(parts.join('').toLowerCase()) : system === 1 ? parts.join(' ') : parts.map((p, i) => (i === 0 ? p : p.toLowerCase())).join('-');
  return { last: surname[system], first };
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

import type { Template, TextFormat } from '../../core/module/index.js';
import type { WebCode } from './en.js';
import { locationWords, quotedFr, whereWords } from './where.js';

/*
 * The web module's reasons in French (Canada), the same codes as en.ts, written for a reader
 * who is not a security specialist: figures in French notation, quotes « », a no-break space
 * before the colon and none before the semicolon (as the campaign reasons), and the technical
 * detail (token sequence, parameter names, fragments) quoted as it was sent.
 */

type P = Readonly<Record<string, any>>;
const NBSP = '\u00a0';

/** Plain-language names of the attack classes (`web.class.<class>`). */
export const CLASS_NAMES_FR = {
  'web.class.sqli': 'injection SQL',
  'web.class.xss': 'script intersite (XSS)',
  'web.class.path_traversal': 'traversée de répertoires',
  'web.class.lfi': 'inclusion de fichier local',
  'web.class.rfi': 'inclusion de fichier distant',
  'web.class.cmdi': 'injection de commandes',
  'web.class.ssti': 'injection de gabarit',
  'web.class.log4shell': 'Log4Shell',
  'web.class.ssrf': 'falsification de requête côté serveur',
  'web.class.xxe': 'entité externe XML',
  'web.class.nosqli': 'injection NoSQL',
  'web.class.ldapi': 'injection LDAP',
  'web.class.crlf': 'injection d’en-têtes (CRLF)',
  'web.class.sensitive_file': 'recherche de fichiers sensibles',
  'web.class.admin_probe': 'recherche de pages d’administration',
  'web.class.scanner': 'outil d’attaque automatisé',
  'web.class.protocol': 'abus du protocole',
  'web.class.anomaly': 'écart par rapport au trafic normal du site',
  'web.class.scanning': 'balayage',
  'web.class.brute_force': 'essais de mots de passe',
  'web.class.flood': 'inondation de requêtes',
  'web.class.crawling': 'exploration agressive',
} as const;

/** Token letters of a SQL fingerprint (`s&1o1c`); SQL keywords stay as SQL writes them. */
const TOKEN_NAMES: Record<string, string> = {
  s: 'chaîne', '1': 'nombre', n: 'nom', v: 'variable', f: 'fonction', k: 'mot-clé', E: 'instruction',
  U: 'UNION', B: 'ORDER/GROUP BY', '&': 'AND/OR', o: 'opérateur', '(': '(', ')': ')', ',': 'virgule',
  ';': 'point-virgule', c: 'commentaire',
};

/** What each SQL shape means (ids of `SQL_SHAPE_MEANINGS` in sqli-fingerprint.ts). */
export const SQL_SHAPE_MEANINGS_FR: Readonly<Record<string, string>> = {
  'union-select': 'UNION suivi de SELECT ajoute une requête',
  stacked: 'une deuxième instruction après un point-virgule',
  'close-condition': 'la valeur ferme une chaîne entre guillemets et ajoute une condition',
  'close-compare': 'la valeur ferme une chaîne entre guillemets et ajoute une comparaison',
  'close-union': 'la valeur ferme une chaîne entre guillemets et commence une UNION',
  'close-dangling': 'la valeur ferme une chaîne entre guillemets et commence une comparaison',
  'close-comment': 'la valeur ferme une chaîne entre guillemets et met le reste de la requête en commentaire',
  'close-cut': 'la valeur ferme une chaîne entre guillemets, ajoute une condition et met le reste de la requête en commentaire',
  'close-statement': 'la valeur ferme une chaîne entre guillemets et termine l’instruction',
  'close-insert': 'la valeur ferme une chaîne entre guillemets et commence une instruction',
  'close-clause': 'la valeur ferme une chaîne entre guillemets et ajoute une clause SQL',
  'close-operator': 'la valeur ferme une chaîne entre guillemets et prolonge l’expression',
  'number-condition': 'un nombre suivi d’une condition',
  'number-compare': 'une valeur suivie d’une comparaison toujours vraie ou toujours fausse',
  'compare-comment': 'une comparaison dont la suite de la requête est mise en commentaire',
  'number-comment': 'une valeur fermée par une parenthèse ou une expression, puis un commentaire',
  'number-clause': 'une valeur suivie de ORDER BY, d’une deuxième instruction ou d’une clause',
  'number-function': 'une valeur suivie d’un appel de fonction SQL ou d’une sous-requête',
  statement: 'une instruction SQL',
  'statement-end': 'une instruction sur un objet nommé, terminée et suivie d’un commentaire',
  condition: 'une condition qui commence par AND ou OR',
  'dangling-condition': 'une condition qui commence par AND ou OR, coupée avant son opérande',
  'function-call': 'une valeur qui est un appel de fonction SQL',
  'in-list': 'une liste IN (...) qui prolonge une condition',
  'order-by-probe': 'ORDER BY suivi d’un numéro de colonne, pour compter les colonnes d’une requête',
  'literal-comparison': 'deux littéraux comparés par un opérateur SQL, toujours vrai',
  'case-when': 'une expression CASE WHEN ... THEN',
  'alias-from': 'un alias de colonne suivi de FROM',
  'postgres-cast': 'une conversion PostgreSQL d’une colonne ou d’une expression, pour que la base l’affiche dans un message d’erreur',
  'clause-condition': 'une clause WHERE, HAVING ou FROM',
  'values-list': 'une liste VALUES (...) d’un INSERT',
  'json-operator': 'un opérateur JSON de PostgreSQL sur un littéral JSON',
  'quote-probe': 'un guillemet seul, envoyé pour provoquer une erreur SQL',
  'mssql-exec': 'un appel de procédure système MSSQL ou un calcul sur un littéral SQL',
  tautology: 'une valeur comparée à elle-même, toujours vrai',
};

const XSS_KINDS: Record<string, (p: P) => string> = {
  event_handler: (p) => `balise <${p.tag}> avec le gestionnaire d’événement ${p.attr}`,
  script_url_attr: (p) => `balise <${p.tag}> avec une adresse de script dans ${p.attr}`,
  style_script: (p) => `balise <${p.tag}> avec du script dans son style`,
  attribute: (p) => `balise <${p.tag}> avec l’attribut ${p.attr}`,
  exec_tag: (p) => `balise <${p.tag}> qui exécute ou charge du contenu`,
  closing_tag: (p) => `balise fermante </${p.tag}> qui termine un bloc pour y injecter du balisage`,
  markup: () => 'balisage HTML',
  script_url: () => 'adresse de script',
  attribute_breakout: () => 'une valeur qui ferme un attribut HTML et ajoute un gestionnaire d’événement',
  script_breakout: () => 'une valeur qui ferme une chaîne de script et appelle une fonction de script',
  script_code: () => 'du code de script',
  angle_probe: () => 'un « < » seul, pour tester quels encodages passent',
};

const TYPES: Record<string, string> = {
  numeric: 'numérique', alpha: 'alphabétique', email: 'une adresse courriel', token: 'un jeton', text: 'du texte',
};

const CHAR_CLASSES: Record<string, string> = {
  digit: 'des chiffres', lower: 'des lettres minuscules', upper: 'des lettres majuscules', letter: 'des lettres accentuées',
  space: 'des espaces', other: 'd’autres caractères non ASCII', control: 'des caractères de contrôle',
};

function classes(list: readonly string[], f: TextFormat): string {
  const parts = list.filter((c) => c in CHAR_CLASSES).map((c) => CHAR_CLASSES[c]!);
  const symbols = list.filter((c) => !(c in CHAR_CLASSES));
  if (symbols.length > 0) parts.push(`les symboles ${quotedFr(symbols.join(''))}`);
  return parts.length === 0 ? 'rien' : f.list(parts);
}

const q = (v: unknown): string => quotedFr(String(v));
const colon = `${NBSP}:`;
/** A share rounded down to 0.1 as in English, so 99,96 % never reads as 100 %. */
const percent = (share: number, f: TextFormat): string => f.pct(Math.floor(share * 1000) / 1000);
const plural = (n: number, one: string, many: string, f: TextFormat): string => `${f.num(n)} ${n === 1 ? one : many}`;

function lengthRange(p: P, f: TextFormat): string {
  if (p.min === p.max) return f.num(p.max);
  return p.min === 0 && p.max > p.length_max ? `au plus ${f.num(p.length_max)}` : `de ${f.num(p.min)} à ${f.num(p.max)}`;
}

function measured(p: P, f: TextFormat): string {
  const within = `en ${f.num(p.window_secs)}${NBSP}s`;
  if (p.variant === 'clients') {
    const cap = p.cap !== null && p.cap !== undefined ? `, au plus ${f.num(p.cap)} chacun` : '';
    return `${f.num(p.clients)} clients de ${p.group} ont envoyé ${plural(p.requests, 'requête', 'requêtes', f)} ${p.counts_what_fr}${cap}, ${within} (seuil${colon} ${f.num(p.threshold)} clients)`;
  }
  if (p.variant === 'paths') {
    return `${f.num(p.paths)} chemins distincts dans des requêtes ${p.counts_what_fr} ${within} (seuil${colon} ${f.num(p.threshold)})`;
  }
  const who = p.group_by === 'network' ? ` venues de ${f.num(p.clients)} clients de ${p.group}` : '';
  return `${plural(p.requests, 'requête', 'requêtes', f)} ${p.counts_what_fr}${who} ${within} (seuil${colon} ${f.num(p.threshold)})`;
}

function baselineNote(p: P, f: TextFormat): string {
  const who = p.group_by === 'client' ? 'clients' : 'réseaux';
  if (p.note === 'floor') return ` (plancher${colon} ${f.num(p.groups)} ${who}, trop peu pour établir la norme du site)`;
  if (p.note === 'baseline') {
    const per = p.group_by === 'client' ? 'par client' : 'par réseau';
    return ` = max(plancher ${f.num(p.floor)}, ${f.num(p.multiplier)} × le pic ${per} du site au centile ${f.num(p.percentile)}, soit ${f.num(p.peak, 1)} requêtes par ${f.num(p.window_secs)}${NBSP}s sur ${f.num(p.groups)} ${who})`;
  }
  return '';
}

export const WEB_FR: Record<WebCode, Template> = {
  ...CLASS_NAMES_FR,
  'web.signature': (p: P) => `${q(p.fragment)} ${whereWords(p.location, p.in_name === true, 'fr')}`,
  'web.check': (p: P) => `${q(p.fragment)} ${whereWords(p.location, false, 'fr')}${colon} ${p.description_fr}`,
  'web.sqli_tokens': (p: P) => {
    const names = [...String(p.fingerprint)].map((t) => TOKEN_NAMES[t] ?? t).join(', ');
    const context = p.context === 'none' ? 'lue comme du SQL nu' : `lue à l’intérieur d’une chaîne délimitée par ${q(p.context)}`;
    const seq = p.fingerprint === '' ? 'syntaxe SQL' : `suite de jetons SQL ${p.fingerprint} (${names})`;
    return `${seq}, ${context}${colon} ${SQL_SHAPE_MEANINGS_FR[p.shape] ?? p.shape}, ${locationWords(p.location, 'fr')}${colon} ${q(p.fragment)}`;
  },
  'web.xss_context': (p: P) =>
    `contexte HTML ou script${colon} ${XSS_KINDS[p.kind]?.(p) ?? p.kind} ${locationWords(p.location, 'fr')}${colon} ${q(p.fragment)}`,
  'web.baseline.type': (p: P, f) =>
    `le paramètre ${q(p.name)} est ${TYPES[p.type] ?? p.type} dans ${percent(p.share, f)} de ${plural(p.observations, 'requête', 'requêtes', f)}; reçu ${q(p.value)}`,
  'web.baseline.charset': (p: P, f) =>
    `le paramètre ${q(p.name)} ne contient que ${classes(p.charset, f)} dans ${plural(p.observations, 'requête', 'requêtes', f)}; reçu ${classes(p.unknown, f)} dans ${q(p.value)}`,
  'web.baseline.length': (p: P, f) =>
    `le paramètre ${q(p.name)} fait ${lengthRange(p, f)} caractères dans ${plural(p.observations, 'requête', 'requêtes', f)}; reçu ${plural(p.length, 'caractère', 'caractères', f)}`,
  'web.baseline.value': (p: P, f) => {
    const list = (p.values as string[]).map(q).join(', ') + (p.count > p.values.length ? ', …' : '');
    const takes = p.count === 1 ? 'une seule valeur' : `${f.num(p.count)} valeurs`;
    return `le paramètre ${q(p.name)} prend ${takes} (${list}) dans ${plural(p.observations, 'requête', 'requêtes', f)}; reçu ${q(p.value)}`;
  },
  'web.baseline.unknown_param': (p: P, f) => {
    const known = p.known.length === 0 ? 'aucun' : p.known.join(', ') + (p.known_count > p.known.length ? ', …' : '');
    return `le paramètre ${q(p.name)} n’a jamais été vu sur ${p.method} ${p.path} dans ${plural(p.requests, 'requête', 'requêtes', f)} (connus${colon} ${known})`;
  },
  'web.baseline.unknown_endpoint': (p: P, f) =>
    `${p.method} ${q(p.path)} n’a jamais été vu dans ${plural(p.requests, 'requête normale', 'requêtes normales', f)} vers ${plural(p.endpoints, 'point d’accès connu', 'points d’accès connus', f)}`,
  'web.baseline.method': (p: P, f) =>
    `la méthode ${q(p.method)} n’a jamais été utilisée sur ${p.path} dans ${plural(p.requests, 'requête', 'requêtes', f)} (vues${colon} ${p.seen.join(', ')})`,
  'web.behaviour.episode': (p: P, f) => {
    const spread = p.addresses !== null && p.addresses !== undefined ? `; ${f.num(p.addresses)} adresses de ${p.group}` : '';
    return `${measured(p, f)}${baselineNote(p, f)}; ${plural(p.such, 'requête de ce type', 'requêtes de ce type', f)} vers ${plural(p.distinct_paths, 'chemin distinct', 'chemins distincts', f)} du ${p.from} au ${p.to} UTC${spread}`;
  },
};

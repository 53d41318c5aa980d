import type { PlainCampaign, ReportText } from './catalogue.js';
import { encodingName } from '../../core/encoding-names.js';

const CLASSES: Record<string, string> = {
  sqli: 'injection SQL', xss: 'script intersite (XSS)', path_traversal: 'traversée de répertoires', lfi: 'inclusion de fichier local',
  rfi: 'inclusion de fichier distant', cmdi: 'injection de commandes', ssti: 'injection de gabarit', log4shell: 'Log4Shell',
  ssrf: 'falsification de requête côté serveur', xxe: 'entité externe XML', nosqli: 'injection NoSQL', ldapi: 'injection LDAP',
  crlf: 'injection d’en-têtes (CRLF)', sensitive_file: 'recherche de fichiers sensibles', admin_probe: 'recherche de pages d’administration',
  scanner: 'outil d’attaque automatisé', protocol: 'abus du protocole', anomaly: 'écart par rapport au trafic normal du site',
  scanning: 'balayage', brute_force: 'essais de mots de passe', flood: 'inondation de requêtes', crawling: 'exploration agressive',
};

const NETWORKS: Record<string, string> = {
  tor: 'Tor', vpn: 'RPV', hosting: 'hébergement', cdn: 'réseau de diffusion', relay: 'relais de confidentialité', residential: 'résidentiel', business: 'entreprise', unknown: 'inconnu',
};

/** Attribution data sets (src/geo/data-info.ts), by their English names. */
const DATA_SETS: Record<string, string> = {
  'DB-IP city': 'DB-IP (villes)', 'geo-whois-asn-country': 'geo-whois-asn-country (pays)', ASN: 'systèmes autonomes (ASN)',
  'network lists': 'listes de réseaux', 'registry delegations': 'délégations des registres Internet',
};

const NBSP = '\u00a0';

const et = (items: readonly string[]): string => new Intl.ListFormat('fr-CA', { type: 'conjunction' }).format(items);

/** Le « Pourquoi » d’une campagne pour un greffier de comité : pourquoi ce regroupement, puis la provenance, sans identifiant. */
function why(c: PlainCampaign): string {
  const one = c.clients === 1;
  const parts = [c.links.sameTool && 'utilisaient le même outil d’attaque peu courant', c.links.sameTargets && 'cherchaient les mêmes pages rarement visitées',
    c.links.similar && 'envoyaient des attaques semblables aux mêmes heures', c.links.samePage && 'visaient la même page de la même façon'].filter((p): p is string => typeof p === 'string');
  const grouped = one ? 'Une seule adresse, retenue comme campagne à elle seule.'
    : `Ces ${c.clients} adresses ont été regroupées parce qu’elles ${parts.length > 0 ? et(parts) : 'partageaient outils et habitudes'}.`;
  const where = c.countries.length > 0 ? ` (${et(c.countries)})` : '';
  let origin: string;
  switch (c.verdict) {
    case 'foreign': origin = one ? `L’adresse est à l’étranger${where}, et son réseau ne masque pas la provenance des attaques.` : `La plupart de ces adresses sont à l’étranger${where}, et leurs réseaux ne masquent pas la provenance des attaques.`; break;
    case 'domestic': origin = one ? 'L’adresse est au Canada, et son réseau ne masque pas la provenance des attaques.' : 'La plupart de ces adresses sont au Canada, et leurs réseaux ne masquent pas la provenance des attaques.'; break;
    case 'obscured': {
      const via = c.hiding.length > 0 ? ` (${et(c.hiding)})` : '';
      origin = one
        ? `L’adresse passe par un service qui masque l’expéditeur${via}. Son pays${where} est celui du serveur, non celui de la personne derrière les attaques.`
        : `${c.obscured} des ${c.clients} adresses passent par des services qui masquent l’expéditeur${via}. Leurs pays${where} sont ceux des serveurs, non ceux des personnes derrière les attaques.`;
      break;
    }
    default: origin = c.allPrivate ? 'Les adresses sont privées (réseau interne)\u00a0: les journaux ne montrent pas d’où venaient les attaques.' : 'Ces adresses n’ont pas pu être situées\u00a0: aucune donnée d’attribution ne les couvre.';
  }
  return `${grouped} ${origin}`;
}

/** Le rapport en français (Canada). */
export const FR: ReportText = {
  locale: 'fr-CA',
  title: 'Attaques Web et leur provenance',
  subtitle: (from, to) => `Période${NBSP}: du ${from} au ${to} (UTC)`,
  generated: (when) => `Produit le ${when} par vigie.`,
  summaryHeading: 'En bref',
  summary: (attacks, clients, requests) => `${attacks} requêtes étaient des attaques, envoyées depuis ${clients} adresses, sur ${requests} requêtes reçues.`,
  originHeading: 'D’où venaient les attaques',
  originLead: (f, d, o, u) => `Des attaques, ${f} venaient de l’étranger, ${d} du Canada, ${o} de réseaux qui masquent leur provenance et ${u} d’adresses impossibles à situer.`,
  verdict: { foreign: 'Étrangère', domestic: 'Nationale', obscured: 'Masquée', unknown: 'Inconnue' },
  verdictMeaning: {
    foreign: 'L’adresse est située hors du pays et rien n’en masque la provenance.',
    domestic: 'L’adresse est située au pays et rien n’en masque la provenance.',
    obscured: `Tor, RPV, mandataire, hébergement ou centre de données, réseau de diffusion ou relais privé${NBSP}: le pays de l’adresse n’est pas celui de l’expéditeur.`,
    unknown: 'Adresse privée, réservée ou non attribuée, ou aucune donnée.',
  },
  caveatHeading: 'Ce que ces chiffres peuvent dire, et ce qu’ils ne peuvent pas dire',
  caveats: [
    `«${NBSP}Masquée${NBSP}» ne veut pas dire étrangère${NBSP}: une personne au Canada peut louer un serveur à l’étranger, et un opérateur étranger peut en louer un au Canada. Pour ces adresses, le pays indiqué est celui du serveur, non celui de la personne.`,
    'Les bases de géolocalisation situent les adresses là où les réseaux sont enregistrés ou utilisés; elles voient juste le plus souvent pour le pays, moins souvent pour la ville. La confiance est plus élevée quand des sources indépendantes concordent.',
    'Un fuseau horaire estimé d’après les heures de travail décrit quand une campagne est active; c’est un indice sur son opérateur, non une preuve.',
    'Les attaques qui ne laissent aucune trace dans les journaux du serveur Web (bloquées en amont, par exemple) ne sont pas comptées.',
  ],
  columns: { verdict: 'Provenance', attacks: 'Attaques', share: 'Part des attaques', flaggedClients: 'Adresses', clientShare: 'Part des adresses', country: 'Pays', class: 'Type d’attaque', findings: 'Constats', clients: 'Adresses', path: 'Page visée', meaning: 'Ce que cela signifie' },
  classHeading: 'Types d’attaque',
  countryHeading: 'Pays des adresses attaquantes',
  campaignsHeading: 'Campagnes',
  noCampaigns: 'Aucun groupe d’adresses attaquantes ne partageait assez d’habitudes pour former une campagne.',
  campaign: {
    addresses: 'Adresses', requests: 'Requêtes', active: 'Active', classes: 'Types d’attaque', countries: 'Pays', networks: 'Réseaux', operators: 'Exploitants des réseaux',
    verdict: 'Provenance', timeZone: 'Fuseau horaire', offset: 'Les heures de travail indiquent UTC', noOffset: 'Aucune estimation fiable (voir l’annexe)', confidence: 'Confiance', reasons: 'Pourquoi',
    operator: 'Opérateur', operatorWhy: 'Éléments sur l’opérateur', operatorMissing: 'non estimé (analysé par une version antérieure)',
    estimate: { likely_foreign: 'probablement à l’étranger', likely_domestic: 'probablement au pays', undetermined: 'indéterminé, les éléments ne suffisent pas' },
  },
  targetsHeading: 'Pages les plus attaquées',
  methodHeading: 'Méthode et sources de données',
  method: [
    'Chaque requête des journaux d’accès du serveur Web a été vérifiée par des règles de signatures (avec cas de test de référence), des détecteurs d’injection SQL et de script intersite fondés sur l’analyse lexicale, un modèle du trafic normal du site et le comportement de chaque adresse sur des fenêtres de temps.',
    'Chaque adresse attaquante a été attribuée hors ligne (pays, province et ville, exploitant du réseau, type de réseau\u00a0: sortie Tor, RPV, hébergement, réseau de diffusion, relais), puis a reçu l’une de quatre provenances, avec un degré de confiance et des raisons.',
    'Les adresses qui partageaient outils et habitudes (agent utilisateur, familles de charges utiles, pages visées, heures d’activité) ont été regroupées en campagnes.',
  ],
  sourcesHeading: 'Journaux analysés',
  logSources: 'Fichiers journaux',
  geoData: (dates) => `Données d’attribution${NBSP}: ${dates}.`,
  geoStale: (days) => `Attention${NBSP}: les données d’attribution datent de ${days}${NBSP}jours; mettez-les à jour avec vigie geo update.`,
  noGeoData: 'Les adresses n’ont pas été attribuées pour ce rapport (aucune donnée d’attribution enregistrée).',
  attribution: 'Géolocalisation IP par DB-IP (CC BY 4.0)',
  nothing: 'Aucune pendant cette période.',
  privateAddresses: 'Adresses privées',
  className: (cls) => CLASSES[cls] ?? cls,
  networkType: (type) => NETWORKS[type] ?? type,
  orUnknown: (name) => (name === 'unknown' ? 'inconnu' : name),
  dataSet: (name) => DATA_SETS[name] ?? name,
  encodingName: (name) => encodingName(name, 'fr'),
  unknownCountry: 'inconnu',
  lines: (n) => `${n}${NBSP}lignes`,
  contents: 'Table des matières',
  pageOf: ['Page ', ' sur '],
  why,
  detail: 'Détail technique',
  seeAnnex: (id) => `En annexe, sous ${id}`,
  annexHeading: `Annexe${NBSP}: détail technique des campagnes`,
  annexLead: `Les raisons que donne l’analyse pour chaque campagne, à l’intention des lecteurs techniques${NBSP}: agent utilisateur de l’outil, nombre de règles de détection déclenchées, encodage des attaques et calcul de l’estimation des heures de travail.`,
  annexLabels: { grouping: 'Comment les adresses ont été liées', payloads: 'Techniques d’attaque', origin: 'Provenance', timeZone: 'Fuseau horaire' },
};

import { defineCatalogue } from '../../core/module/index.js';

/** Reasons of site-level findings and their campaigns, in English and French (codes `web.site.*`). */
export const SITE_TEXT = defineCatalogue({
  en: {
    'web.site.credential_stuffing': (p, f) =>
      `${p.endpoint}: ${f.num(p.failures)} failed sign-ins over ${f.num(p.days)} days (${p.from} to ${p.to}), ${f.num(p.per_day, 1)} a day where the site's history expects ${f.num(p.baseline_per_day, 1)}; ${f.pct(p.share)} of sign-in attempts failed, against ${f.pct(p.baseline_share)} usually`,
    'web.site.distributed_scan': (p, f) =>
      `${f.num(p.per_day, 1)} addresses a day each probed at most ${f.num(p.max_paths)} sensitive paths over ${f.num(p.days)} days (${p.from} to ${p.to}), where the site's history has ${f.num(p.baseline_per_day, 1)}: too few per address for any per-address threshold${Array.isArray(p.paths) ? `; paths: ${p.paths.join(', ')}` : ''}`,
    'web.site.distributed_flood': (p, f) =>
      `${p.endpoint}: ${f.num(p.requests)} requests in ${f.num(p.hours)} hours (${p.from} to ${p.to} UTC) from ${f.num(p.per_hour, 1)} new addresses an hour that load no page, where the endpoint's history has ${f.num(p.baseline_per_hour, 1)}; ${f.pct(p.share)} refused or failed (${f.num(p.failures)}), against ${f.pct(p.baseline_share)} usually`,
    'web.site.campaign': (p, f) =>
      `${f.num(p.clients)} addresses make up the ${p.what} on ${p.endpoint}, none needing a finding of its own: same target, statuses ${p.statuses}, ${p.methods} requests answered mostly with ${f.num(p.bytes)} bytes, user agents ${p.user_agents}`,
    'web.site.what.credential_stuffing': 'excess of failed sign-ins',
    'web.site.what.distributed_scan': 'excess of light probes of sensitive paths',
    'web.site.what.distributed_flood': 'flood',
  },
  fr: {
    'web.site.credential_stuffing': (p, f) =>
      `${p.endpoint} : ${f.num(p.failures)} connexions échouées en ${f.num(p.days)} jours (du ${p.from} au ${p.to}), ${f.num(p.per_day, 1)} par jour là où l'historique du site en prévoit ${f.num(p.baseline_per_day, 1)} ; ${f.pct(p.share)} des tentatives de connexion ont échoué, contre ${f.pct(p.baseline_share)} d'ordinaire`,
    'web.site.distributed_scan': (p, f) =>
      `${f.num(p.per_day, 1)} adresses par jour ont chacune sondé au plus ${f.num(p.max_paths)} chemins sensibles en ${f.num(p.days)} jours (du ${p.from} au ${p.to}), là où l'historique du site en compte ${f.num(p.baseline_per_day, 1)} : trop peu par adresse pour tout seuil par adresse${Array.isArray(p.paths) ? ` ; chemins : ${p.paths.join(', ')}` : ''}`,
    'web.site.distributed_flood': (p, f) =>
      `${p.endpoint} : ${f.num(p.requests)} requêtes en ${f.num(p.hours)} heures (du ${p.from} au ${p.to} UTC) venues de ${f.num(p.per_hour, 1)} nouvelles adresses par heure qui ne chargent aucune page, là où l'historique du point d'accès en compte ${f.num(p.baseline_per_hour, 1)} ; ${f.pct(p.share)} refusées ou en échec (${f.num(p.failures)}), contre ${f.pct(p.baseline_share)} d'ordinaire`,
    'web.site.campaign': (p, f) =>
      `${f.num(p.clients)} adresses forment ${p.what} sur ${p.endpoint}, sans qu'aucune ait besoin d'un constat propre : même cible, statuts ${p.statuses}, requêtes ${p.methods} auxquelles le site répond le plus souvent par ${f.num(p.bytes)} octets, agents utilisateurs ${p.user_agents}`,
    'web.site.what.credential_stuffing': "l'excès de connexions échouées",
    'web.site.what.distributed_scan': "l'excès de sondages légers de chemins sensibles",
    'web.site.what.distributed_flood': "l'inondation",
  },
});

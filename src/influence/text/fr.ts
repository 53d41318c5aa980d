import type { INFLUENCE_EN } from './en.js';

/** Raisons du module influence, en français, par code. */
export const INFLUENCE_FR: Record<keyof typeof INFLUENCE_EN, string> = {
  'influence.group': '{accounts} comptes ont agi ensemble {actions} fois en {days} jours',
  'influence.signal.co_repost': 'ont repartagé les mêmes messages à moins de {window} secondes d’intervalle ({count} fois)',
  'influence.signal.co_link': 'ont partagé les mêmes liens à moins de {window} secondes d’intervalle ({count} fois)',
  'influence.signal.co_text': 'ont publié des textes presque identiques à moins de {window} secondes d’intervalle ({count} fois)',
  'influence.signal.co_hashtag': 'ont employé les mêmes mots-clics rares à moins de {window} secondes d’intervalle ({count} fois)',
  'influence.signal.forward': 'ont publié le même message dans {channels} groupes ou canaux en moins de {window} secondes ({count} fois)',
  'influence.signal.co_reply': 'ont répondu aux mêmes messages à moins de {window} secondes d’intervalle ({count} fois)',
  'influence.scripts': 'les mêmes messages paraissent en chinois simplifié et traditionnel',
  'influence.platforms': 'actifs sur plusieurs plateformes : {platforms}',
  'influence.utc_offset': 'les messages tombent dans une journée de travail à UTC{offset}',
  'influence.targets': 'visent {targets}',
};

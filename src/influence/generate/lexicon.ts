/** Small word lists for generated posts: organic chatter in each language, never a real person's words. */
export const WORDS = {
  en: 'today vote riding candidate debate town hall housing rent groceries transit bus line clinic school teacher weekend hockey game coffee weather rain snow park library volunteer neighbour street budget tax plan jobs factory farm harbour bridge election poll survey campus student nurse doctor wait times pharmacy bakery market festival music concert film book lake trail bike road repair council mayor ballot advance polling station family kids dinner recipe garden'.split(' '),
  fr: 'aujourd\'hui vote circonscription candidate débat assemblée logement loyer épicerie transport autobus clinique école enseignante fin semaine hockey match café météo pluie neige parc bibliothèque bénévole voisin rue budget impôt plan emplois usine ferme port pont élection sondage campus étudiante infirmière médecin attente pharmacie boulangerie marché festival musique concert film livre lac sentier vélo route réparation conseil mairesse bulletin vote anticipé bureau famille enfants souper recette jardin'.split(' '),
  zh: '今天 投票 选区 候选人 辩论 社区 住房 房租 超市 公交 诊所 学校 老师 周末 冰球 比赛 咖啡 天气 下雨 下雪 公园 图书馆 志愿者 邻居 街道 预算 税收 计划 工作 工厂 农场 港口 大桥 选举 民调 校园 学生 护士 医生 等候 药房 面包店 市场 节日 音乐 电影 书籍 湖边 步道 自行车 道路 维修 议会 市长 选票 提前 投票站 家人 孩子 晚饭 菜谱 花园'.split(' '),
} as const;

/** Debate-night reactions many people really type, in English and French (6+ words each). */
export const REACTIONS = [
  'did he really just say that on live tv',
  'that answer on housing was not an answer at all',
  'the moderator needs to take control of this debate now',
  'nobody answered the question about the cost of groceries',
  'this is the best exchange of the whole night so far',
  'i cannot believe they are still talking about the pipeline',
  'that closing statement was strong and very well delivered',
  'who is fact checking these numbers in real time tonight',
  'ils n\'ont toujours pas répondu à la question sur le logement',
  'le modérateur doit reprendre le contrôle de ce débat maintenant',
  'meilleur échange de toute la soirée jusqu\'à maintenant je trouve',
  'qui vérifie ces chiffres en temps réel ce soir franchement',
  'cette conclusion était forte et très bien livrée honnêtement',
  'personne ne parle du coût de l\'épicerie pour les familles',
];

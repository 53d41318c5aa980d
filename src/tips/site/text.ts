/**
 * Every word the reporter sees, in the four languages of the form. Each language is written
 * for its readers (none is derived from another by a program); the Chinese texts use the
 * characters of their script, and the receipt is digits so it is the same on any keyboard.
 */
export const REPORT_LANGS = ['en', 'fr', 'zh-Hans', 'zh-Hant'] as const;
export type ReportLang = (typeof REPORT_LANGS)[number];

export interface ReportText {
  langName: string;
  title: string;
  intro: string;
  safety: string;
  what: string;
  whatHint: string;
  when: string;
  where: string;
  who: string;
  contact: string;
  contactHint: string;
  files: string;
  filesHint: string;
  photoWarning: string;
  receiptWarning: string;
  submit: string;
  powWorking: string;
  noJsWait: string;
  thanks: string;
  receiptIs: string;
  receiptOnce: string;
  photoHadLocation: string;
  followUpLink: string;
  followUpTitle: string;
  followUpIntro: string;
  receipt: string;
  open: string;
  messages: string;
  noMessages: string;
  fromYou: string;
  fromTeam: string;
  answer: string;
  send: string;
  sent: string;
  back: string;
  closed: string;
  errors: Record<ReportError, string>;
}

/** What can go wrong for a reporter, each with a sentence in every language. */
export type ReportError = 'invalid' | 'encoding' | 'missing_what' | 'too_long' | 'too_large' | 'too_many_files' | 'file_type'
  | 'pow' | 'expired_form' | 'rate' | 'busy' | 'receipt' | 'session' | 'closed' | 'internal' | 'not_found';

const en: ReportText = {
  langName: 'English',
  title: 'Report intimidation',
  intro: 'If someone acting for a foreign government has watched, threatened or pressured you or your family, you can tell us here. You do not have to give your name.',
  safety: 'This site does not record your address or browser. For more safety, use Tor Browser. Nothing you send can be read by anyone but the small team that handles reports.',
  what: 'What happened?',
  whatHint: 'In your own words. Any language is fine.',
  when: 'When?',
  where: 'Where?',
  who: 'Who was involved? (optional)',
  contact: 'How can we reach you? (optional, encrypted like the rest)',
  contactHint: 'Leave empty to stay anonymous: you can read our questions with your receipt.',
  files: 'Files (optional): photos, screenshots, PDF or text, up to 10 MB each, 5 files',
  filesHint: 'Accepted: JPEG, PNG, GIF, WebP, HEIC, PDF, plain text.',
  photoWarning: 'Photos often carry hidden details: the place where they were taken (GPS), the date and time, and the phone model. We keep your file as you send it, sealed. If that could identify you, send a screenshot of the photo instead.',
  receiptWarning: 'After you send, you will get a receipt number, shown only once. Write it down and keep it safe: it is the only way to read our questions. Nobody can recover it for you.',
  submit: 'Send the report',
  powWorking: 'Preparing to send…',
  noJsWait: 'Without JavaScript, sending takes up to a minute. Please wait after pressing the button.',
  thanks: 'Thank you. Your report has been received.',
  receiptIs: 'Your receipt number:',
  receiptOnce: 'Write it down now. It is shown only this once and cannot be recovered. With it you can come back to read our questions and answer them.',
  photoHadLocation: 'One of your photos contained location data (GPS). It is stored sealed and only the team can see it.',
  followUpLink: 'Already sent a report? Come back with your receipt',
  followUpTitle: 'Follow up on your report',
  followUpIntro: 'Enter the receipt number you were given.',
  receipt: 'Receipt number',
  open: 'Open',
  messages: 'Messages',
  noMessages: 'No messages yet. Come back in a few days.',
  fromYou: 'You',
  fromTeam: 'The team',
  answer: 'Your answer',
  send: 'Send',
  sent: 'Your message has been sent.',
  back: 'Back',
  closed: 'Reports cannot be received yet: no one has been set up to read them.',
  errors: {
    invalid: 'The form could not be read. Please try again.',
    encoding: 'The text could not be read (it is not valid text). Please type it again.',
    missing_what: 'Please describe what happened.',
    too_long: 'The text is too long. Please shorten it or send it in two parts.',
    too_large: 'A file is too large (10 MB at most) or there is too much in total.',
    too_many_files: 'Too many files: 5 at most.',
    file_type: 'One file is of a type we cannot accept. Accepted: JPEG, PNG, GIF, WebP, HEIC, PDF, plain text.',
    pow: 'The form could not be checked. Please reload the page and send again.',
    expired_form: 'This form is too old. Please reload the page, your text is below.',
    rate: 'Too many attempts. Please wait an hour and try again.',
    busy: 'The site is busy. Please try again in a few minutes.',
    receipt: 'This receipt number does not open a report. Check the digits and try again.',
    session: 'This page has expired. Please enter your receipt again.',
    closed: 'Reports cannot be received yet.',
    internal: 'Something went wrong on our side. Nothing was stored. Please try again later.',
    not_found: 'This page does not exist.',
  },
};

const fr: ReportText = {
  langName: 'Français',
  title: 'Signaler de l’intimidation',
  intro: 'Si une personne agissant pour un gouvernement étranger vous a surveillé, menacé ou mis sous pression, vous ou votre famille, vous pouvez nous le dire ici. Vous n’avez pas à donner votre nom.',
  safety: 'Ce site n’enregistre ni votre adresse ni votre navigateur. Pour plus de sécurité, utilisez le navigateur Tor. Ce que vous envoyez ne peut être lu que par la petite équipe qui traite les signalements.',
  what: 'Que s’est-il passé?',
  whatHint: 'Avec vos mots, dans la langue de votre choix.',
  when: 'Quand?',
  where: 'Où?',
  who: 'Qui était impliqué? (facultatif)',
  contact: 'Comment vous joindre? (facultatif, chiffré comme le reste)',
  contactHint: 'Laissez vide pour rester anonyme : votre numéro de reçu suffit pour lire nos questions.',
  files: 'Fichiers (facultatif) : photos, captures d’écran, PDF ou texte, 10 Mo au plus chacun, 5 fichiers',
  filesHint: 'Acceptés : JPEG, PNG, GIF, WebP, HEIC, PDF, texte brut.',
  photoWarning: 'Une photo contient souvent des détails cachés : le lieu de la prise de vue (GPS), la date et l’heure, le modèle du téléphone. Nous gardons votre fichier tel quel, scellé. Si cela peut vous identifier, envoyez plutôt une capture d’écran de la photo.',
  receiptWarning: 'Après l’envoi, vous recevrez un numéro de reçu, affiché une seule fois. Notez-le et gardez-le en lieu sûr : c’est le seul moyen de lire nos questions. Personne ne pourra le retrouver pour vous.',
  submit: 'Envoyer le signalement',
  powWorking: 'Préparation de l’envoi…',
  noJsWait: 'Sans JavaScript, l’envoi peut prendre jusqu’à une minute. Patientez après avoir appuyé sur le bouton.',
  thanks: 'Merci. Votre signalement a bien été reçu.',
  receiptIs: 'Votre numéro de reçu :',
  receiptOnce: 'Notez-le maintenant. Il n’est affiché qu’une fois et ne peut pas être retrouvé. Il vous permet de revenir lire nos questions et d’y répondre.',
  photoHadLocation: 'Une de vos photos contenait une position (GPS). Elle est conservée scellée et seule l’équipe peut la voir.',
  followUpLink: 'Vous avez déjà envoyé un signalement? Revenez avec votre reçu',
  followUpTitle: 'Suivre votre signalement',
  followUpIntro: 'Saisissez le numéro de reçu qui vous a été donné.',
  receipt: 'Numéro de reçu',
  open: 'Ouvrir',
  messages: 'Messages',
  noMessages: 'Aucun message pour l’instant. Revenez dans quelques jours.',
  fromYou: 'Vous',
  fromTeam: 'L’équipe',
  answer: 'Votre réponse',
  send: 'Envoyer',
  sent: 'Votre message a été envoyé.',
  back: 'Retour',
  closed: 'Les signalements ne peuvent pas encore être reçus : personne n’a été désigné pour les lire.',
  errors: {
    invalid: 'Le formulaire n’a pas pu être lu. Veuillez réessayer.',
    encoding: 'Le texte n’a pas pu être lu (ce n’est pas du texte valide). Veuillez le saisir de nouveau.',
    missing_what: 'Veuillez décrire ce qui s’est passé.',
    too_long: 'Le texte est trop long. Raccourcissez-le ou envoyez-le en deux fois.',
    too_large: 'Un fichier est trop gros (10 Mo au plus) ou l’ensemble est trop volumineux.',
    too_many_files: 'Trop de fichiers : 5 au plus.',
    file_type: 'Un fichier est d’un type que nous ne pouvons pas accepter. Acceptés : JPEG, PNG, GIF, WebP, HEIC, PDF, texte brut.',
    pow: 'Le formulaire n’a pas pu être vérifié. Rechargez la page et envoyez de nouveau.',
    expired_form: 'Ce formulaire est trop ancien. Rechargez la page.',
    rate: 'Trop de tentatives. Attendez une heure avant de réessayer.',
    busy: 'Le site est très sollicité. Réessayez dans quelques minutes.',
    receipt: 'Ce numéro de reçu n’ouvre aucun signalement. Vérifiez les chiffres et réessayez.',
    session: 'Cette page a expiré. Saisissez de nouveau votre reçu.',
    closed: 'Les signalements ne peuvent pas encore être reçus.',
    internal: 'Un problème est survenu de notre côté. Rien n’a été enregistré. Réessayez plus tard.',
    not_found: 'Cette page n’existe pas.',
  },
};

const zhHans: ReportText = {
  langName: '简体中文',
  title: '举报恐吓',
  intro: '如果有人代表外国政府监视、威胁或向您或您的家人施压，您可以在这里告诉我们。您无需提供姓名。',
  safety: '本网站不记录您的 IP 地址或浏览器信息。为了更安全，请使用 Tor 浏览器。您发送的内容只有负责处理举报的小组才能读取。',
  what: '发生了什么？',
  whatHint: '请用您自己的话描述，任何语言都可以。',
  when: '什么时候？',
  where: '在哪里？',
  who: '涉及哪些人？（选填）',
  contact: '我们如何联系您？（选填，与其他内容一样加密）',
  contactHint: '留空即可保持匿名：凭回执号码就能查看我们的问题。',
  files: '文件（选填）：照片、截图、PDF 或文本，每个不超过 10 MB，最多 5 个',
  filesHint: '可接受：JPEG、PNG、GIF、WebP、HEIC、PDF、纯文本。',
  photoWarning: '照片常带有隐藏信息：拍摄地点（GPS）、日期和时间、手机型号。我们会原样密封保存您的文件。如果这些信息可能暴露您的身份，请改为发送照片的截图。',
  receiptWarning: '提交后，您会得到一个回执号码，只显示一次。请记下并妥善保管：这是查看我们问题的唯一方式。任何人都无法帮您找回。',
  submit: '提交举报',
  powWorking: '正在准备提交……',
  noJsWait: '未启用 JavaScript 时，提交可能需要一分钟左右。按下按钮后请耐心等待。',
  thanks: '谢谢。我们已收到您的举报。',
  receiptIs: '您的回执号码：',
  receiptOnce: '请现在就记下来。它只显示这一次，无法找回。凭它您可以回来查看我们的问题并作答。',
  photoHadLocation: '您的一张照片含有位置信息（GPS）。它已被密封保存，只有处理小组能看到。',
  followUpLink: '已经提交过举报？请凭回执号码回来查看',
  followUpTitle: '跟进您的举报',
  followUpIntro: '请输入您得到的回执号码。',
  receipt: '回执号码',
  open: '打开',
  messages: '消息',
  noMessages: '暂时没有消息。请过几天再来。',
  fromYou: '您',
  fromTeam: '处理小组',
  answer: '您的回复',
  send: '发送',
  sent: '您的消息已发送。',
  back: '返回',
  closed: '目前还无法接收举报：尚未指定阅读举报的人员。',
  errors: {
    invalid: '无法读取表单。请重试。',
    encoding: '无法读取文本（不是有效的文字）。请重新输入。',
    missing_what: '请描述发生了什么。',
    too_long: '文本太长。请缩短，或分两次发送。',
    too_large: '有文件太大（每个最多 10 MB），或总量过大。',
    too_many_files: '文件太多：最多 5 个。',
    file_type: '有一个文件的类型无法接受。可接受：JPEG、PNG、GIF、WebP、HEIC、PDF、纯文本。',
    pow: '无法验证表单。请刷新页面后重新提交。',
    expired_form: '此表单已过期。请刷新页面。',
    rate: '尝试次数过多。请一小时后再试。',
    busy: '网站繁忙。请几分钟后再试。',
    receipt: '此回执号码无法打开任何举报。请核对数字后重试。',
    session: '此页面已过期。请重新输入回执号码。',
    closed: '目前还无法接收举报。',
    internal: '我们这边出了问题，没有保存任何内容。请稍后再试。',
    not_found: '此页面不存在。',
  },
};

const zhHant: ReportText = {
  langName: '繁體中文',
  title: '舉報恐嚇',
  intro: '如果有人代表外國政府監視、威脅或向您或您的家人施壓，您可以在這裡告訴我們。您無須提供姓名。',
  safety: '本網站不記錄您的 IP 位址或瀏覽器資訊。為了更安全，請使用 Tor 瀏覽器。您傳送的內容只有負責處理舉報的小組才能讀取。',
  what: '發生了什麼事？',
  whatHint: '請用您自己的話描述，任何語言皆可。',
  when: '什麼時候？',
  where: '在哪裡？',
  who: '涉及哪些人？（選填）',
  contact: '我們如何聯絡您？（選填，與其他內容一樣加密）',
  contactHint: '留空即可保持匿名：憑收據號碼就能查看我們的問題。',
  files: '檔案（選填）：照片、螢幕截圖、PDF 或文字，每個不超過 10 MB，最多 5 個',
  filesHint: '可接受：JPEG、PNG、GIF、WebP、HEIC、PDF、純文字。',
  photoWarning: '照片常帶有隱藏資訊：拍攝地點（GPS）、日期和時間、手機型號。我們會原樣密封保存您的檔案。如果這些資訊可能暴露您的身分，請改為傳送照片的螢幕截圖。',
  receiptWarning: '送出後，您會得到一個收據號碼，只顯示一次。請記下並妥善保管：這是查看我們問題的唯一方式。任何人都無法幫您找回。',
  submit: '送出舉報',
  powWorking: '正在準備送出……',
  noJsWait: '未啟用 JavaScript 時，送出可能需要一分鐘左右。按下按鈕後請耐心等候。',
  thanks: '謝謝。我們已收到您的舉報。',
  receiptIs: '您的收據號碼：',
  receiptOnce: '請現在就記下來。它只顯示這一次，無法找回。憑它您可以回來查看我們的問題並回覆。',
  photoHadLocation: '您的一張照片含有位置資訊（GPS）。它已被密封保存，只有處理小組能看到。',
  followUpLink: '已經送出過舉報？請憑收據號碼回來查看',
  followUpTitle: '追蹤您的舉報',
  followUpIntro: '請輸入您得到的收據號碼。',
  receipt: '收據號碼',
  open: '開啟',
  messages: '訊息',
  noMessages: '暫時沒有訊息。請過幾天再來。',
  fromYou: '您',
  fromTeam: '處理小組',
  answer: '您的回覆',
  send: '傳送',
  sent: '您的訊息已傳送。',
  back: '返回',
  closed: '目前還無法接收舉報：尚未指定閱讀舉報的人員。',
  errors: {
    invalid: '無法讀取表單。請重試。',
    encoding: '無法讀取文字（不是有效的文字）。請重新輸入。',
    missing_what: '請描述發生了什麼事。',
    too_long: '文字太長。請縮短，或分兩次傳送。',
    too_large: '有檔案太大（每個最多 10 MB），或總量過大。',
    too_many_files: '檔案太多：最多 5 個。',
    file_type: '有一個檔案的類型無法接受。可接受：JPEG、PNG、GIF、WebP、HEIC、PDF、純文字。',
    pow: '無法驗證表單。請重新整理頁面後再次送出。',
    expired_form: '此表單已過期。請重新整理頁面。',
    rate: '嘗試次數過多。請一小時後再試。',
    busy: '網站忙碌中。請幾分鐘後再試。',
    receipt: '此收據號碼無法開啟任何舉報。請核對數字後重試。',
    session: '此頁面已過期。請重新輸入收據號碼。',
    closed: '目前還無法接收舉報。',
    internal: '我們這邊出了問題，沒有儲存任何內容。請稍後再試。',
    not_found: '此頁面不存在。',
  },
};

export const REPORT_TEXT: Record<ReportLang, ReportText> = { en, fr, 'zh-Hans': zhHans, 'zh-Hant': zhHant };

/**
 * The reporter's language: `?lang=` when it names one of the four (any case), else the
 * browser's Accept-Language by preference, else English. Chinese goes by script, then region:
 * Hant, TW, HK and MO read Traditional; Hans, CN, SG and plain zh read Simplified.
 */
export function chooseLang(query: string | undefined, acceptLanguage: string | undefined): ReportLang {
  const q = query === undefined ? null : langOf(query);
  if (q) return q;
  const prefs = (acceptLanguage ?? '').slice(0, 500).split(',').map((part, i) => {
    const [tag, ...params] = part.trim().split(';');
    const qv = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)).find(Boolean);
    return { tag: tag!.trim(), q: qv ? Number(qv[1]) : 1, i };
  }).filter((p) => p.tag && p.q > 0).sort((a, b) => b.q - a.q || a.i - b.i);
  for (const p of prefs) {
    const l = langOf(p.tag);
    if (l) return l;
  }
  return 'en';
}

function langOf(tag: string): ReportLang | null {
  const t = tag.toLowerCase();
  if (t === 'en' || t.startsWith('en-')) return 'en';
  if (t === 'fr' || t.startsWith('fr-')) return 'fr';
  if (t === 'zh' || t.startsWith('zh-')) {
    if (/-hant\b/.test(t) || /-(tw|hk|mo)\b/.test(t)) return 'zh-Hant';
    return 'zh-Hans';
  }
  return null;
}

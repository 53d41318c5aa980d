import type { DemoContext } from '../core/module/index.js';
import { addCaseNote, openCase } from './cases.js';
import { addRecipient } from './desk.js';
import { addMessage, receiveReport } from './intake.js';
import { TipsRepository } from './repository.js';

/** The demo recipient, and a passphrase that is only ever for the demo. */
export const DEMO_RECIPIENT = 'demo-reader';
const DEMO_PASSPHRASE = 'demo passphrase, not for real use';

const REPORTS = [
  { lang: 'zh-Hant', what: '有兩個自稱「同鄉會」的人到我的餐廳，問我有沒有參加上週的集會，還說他們知道我父母住在哪裡。', when: '2026-11-02 晚上', where: 'Richmond, BC', who: '兩名男子，約四十歲', contact: '' },
  { lang: 'zh-Hans', what: '有人通过微信给我发消息，让我不要再在网上评论候选人，否则会影响我在国内的家人。', when: '上个月', where: '多伦多 (Toronto)', who: '一个陌生的微信账号', contact: '' },
  { lang: 'fr', what: 'Un homme s’est présenté à notre association et a demandé la liste des membres qui votent aux primaires. Il a dit travailler pour « le centre de services ».', when: 'début novembre', where: 'Montréal', who: '', contact: '' },
  { lang: 'en', what: 'Someone photographed people leaving our community meeting about the nomination race and followed two of us to the parking lot.', when: 'Saturday evening', where: 'Markham, ON', who: 'A man with a camera, a grey sedan', contact: '' },
] as const;

/** `vigie demo`'s part: a recipient, four reports (one per language), a question and an answer, and a case. */
export async function tipsDemo(ctx: DemoContext): Promise<string> {
  const repo = new TipsRepository(ctx.database);
  const existing = await repo.recipient(DEMO_RECIPIENT);
  const otpauth = existing ? null : (await addRecipient(repo, DEMO_RECIPIENT, DEMO_PASSPHRASE)).otpauth;
  const ids: string[] = [];
  for (const r of REPORTS) {
    ids.push((await receiveReport(repo, r.lang, { what: r.what, when: r.when, where: r.where, who: r.who, contact: r.contact }, [])).id);
  }
  const first = await repo.report(ids[0]!);
  await addMessage(repo, first!, DEMO_RECIPIENT, '請問他們有沒有留下名字或電話？');
  await addMessage(repo, first!, 'reporter', '有一張名片，上面寫著「僑務服務站」。');
  const caseId = await openCase(repo, 'Visits by a "service station" to diaspora businesses (Richmond, Markham)', DEMO_RECIPIENT);
  for (const id of [ids[0]!, ids[3]!]) {
    await repo.linkReport(caseId, id, DEMO_RECIPIENT);
    await repo.setStatus(id, 'in_case');
  }
  await addCaseNote(repo, caseId, DEMO_RECIPIENT, 'Same business card ("service station") in Richmond and Markham: ask the Markham reporter whether they were given one.');
  await repo.updateCase(caseId, { status: 'monitoring' });
  await repo.addCaseEvent(caseId, DEMO_RECIPIENT, 'status', { status: 'monitoring' });
  return `4 reports (en, fr, zh-Hans, zh-Hant) at /report, one conversation, case ${caseId}. To read them, sign in as ${DEMO_RECIPIENT}`
    + ` (its dashboard token is printed with the admin's; with --no-serve: vigie user add ${DEMO_RECIPIENT} --role analyst --db ${ctx.database.location})`
    + `, then unlock with passphrase '${DEMO_PASSPHRASE}'`
    + (otpauth ? `; TOTP ${otpauth}` : ' (recipient already made: its TOTP URI was printed then)');
}

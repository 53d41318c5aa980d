import { VigieError } from '../core/index.js';
import { seal, sealKey, unseal, wipe, type KeyPair } from './crypto/seal.js';
import { caseKeys } from './cases.js';
import { reportKeys } from './desk.js';
import { b64, unb64 } from './intake.js';
import type { TipsRepository } from './repository.js';

/** What re-sharing gave a later recipient. */
export interface Shared {
  reports: string[];
  cases: string[];
  notes: number;
}

/**
 * Re-sharing: a recipient added after reports arrived holds no key to them (each report's
 * key is sealed to the recipients present when it arrived). A recipient who holds the key
 * and has unlocked it seals it again to the later one: one report (`reportId`), or every
 * report not closed or spam and every case not closed. The team's notes on those reports,
 * sealed per recipient, are sealed again for them too.
 */
export async function shareWith(repo: TipsRepository, holder: string, keys: KeyPair, to: string, reportId?: string): Promise<Shared> {
  if (to === holder) throw new VigieError('VIGIE_ERR_USAGE', 'share: you already hold your own keys');
  const target = await repo.recipient(to);
  if (!target) throw new VigieError('VIGIE_ERR_HTTP_NOT_FOUND', `${to} is not a recipient: run 'vigie tips recipient add ${to}' first`);
  const toKey = unb64(target.public_key);
  const done: Shared = { reports: [], cases: [], notes: 0 };
  for (const id of await repo.reportsToShare(holder, to, reportId)) {
    const rk = await reportKeys(repo, id, holder, keys);
    try {
      if (await repo.addReportKey(id, to, b64(sealKey(rk.secretKey, toKey)))) done.reports.push(id);
    } finally {
      wipe(rk.secretKey);
    }
    for (const n of await repo.reportNoteRows(id, holder)) {
      const text = unseal(unb64(n.sealed), keys);
      await repo.copyReportNote(n.id.slice(0, -(holder.length + 1)), id, n.author, to, b64(seal(text, toKey)), n.created_at);
      wipe(text);
      done.notes++;
    }
  }
  if (reportId) return done;
  for (const id of await repo.casesToShare(holder, to)) {
    const ck = await caseKeys(repo, id, holder, keys);
    try {
      if (await repo.addCaseKey(id, to, b64(sealKey(ck.secretKey, toKey)))) {
        done.cases.push(id);
        await repo.addCaseEvent(id, holder, 'shared', { recipient: to });
      }
    } finally {
      wipe(ck.secretKey);
    }
  }
  return done;
}

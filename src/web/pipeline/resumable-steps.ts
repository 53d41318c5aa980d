import type { Store } from '../../store/index.js';
import { inputsSignature, markStep, storeWidePosition } from '../repository/step-watermarks.js';

interface ClientsPosition {
  inputs: string;
  parts: number;
  /** Parts rebuilt so far (0..next-1). */
  next: number;
}

/**
 * Rebuilds the client table in parts (see `ClientsPaging`), each committed with the part it
 * reached; a call after one that was cut short over the same inputs resumes at the next part,
 * and one over the same inputs that finished does nothing. `say` hears where it starts.
 */
export async function refreshAllClients(store: Store, say: (what: string) => void): Promise<void> {
  const inputs = await inputsSignature(store);
  const at = await storeWidePosition<ClientsPosition>(store, 'clients');
  const same = at?.position?.inputs === inputs;
  if (same && at!.done) return;
  const parts = same ? at!.position!.parts : await store.clientParts();
  const from = same ? at!.position!.next : 0;
  say(from === 0 ? `started (${parts} part${parts === 1 ? '' : 's'})` : `resumed at part ${from + 1} of ${parts}`);
  await store.refreshClients(undefined, {
    parts,
    from,
    withPart: (k) => markStep('clients', null, { inputs, parts, next: k + 1 } satisfies ClientsPosition, k + 1 === parts),
  });
}

interface OriginsPosition {
  version: string;
  after: string | null;
}

/**
 * The resume point of origin attribution under this data version (the address the last
 * committed page ended at, if a call was cut short), and the watermark statements to commit
 * with each page and at the end.
 */
export async function resumableAttribution(store: Store, dataVersion: string): Promise<{
  after: string | null;
  withPage: (after: string) => ReturnType<typeof markStep>;
  withDone: () => ReturnType<typeof markStep>;
}> {
  const at = await storeWidePosition<OriginsPosition>(store, 'origins');
  const resume = at !== undefined && !at.done && at.position?.version === dataVersion;
  return {
    after: resume ? at.position!.after : null,
    withPage: (after) => markStep('origins', null, { version: dataVersion, after } satisfies OriginsPosition, false),
    withDone: () => markStep('origins', null, { version: dataVersion, after: null } satisfies OriginsPosition, true),
  };
}

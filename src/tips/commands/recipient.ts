import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { VigieError } from '../../core/index.js';
import { DB_FLAG, defineCommand } from '../../core/module/index.js';
import { addRecipient } from '../desk.js';
import { TipsRepository } from '../repository.js';
import { askHidden } from './ask-hidden.js';

const HELP = `Usage: vigie tips recipient add NAME [--passphrase-file FILE] [--db PATH]
       vigie tips recipient list [--db PATH]

add   Makes NAME a recipient of reports: a key pair (X25519) whose secret key is sealed under
      the passphrase (Argon2id), and a TOTP second factor, printed once as an otpauth:// URI
      for an authenticator app. NAME is the vigie user (vigie user add) who signs in to read.
      Reports that arrive from now on are sealed to NAME too; earlier ones are not.
      The passphrase (12 characters or more) is asked for on the terminal, or read from the
      first line of FILE for scripts. It is never stored: lose it and NAME reads nothing.
list  Recipients by name.

Options:
  --passphrase-file FILE   read the passphrase from FILE's first line
  --db PATH                database file (default vigie.duckdb, VIGIE_DB_PATH)
  -h, --help               this help`;

/** `vigie tips recipient add NAME | list` */
export const tipsRecipientCommand = defineCommand({
  noun: 'tips',
  verb: 'recipient',
  summary: 'add a recipient of reports (key pair behind a passphrase, TOTP), or list them',
  help: HELP,
  options: z.strictObject({ 'passphrase-file': z.string().min(1).optional(), db: DB_FLAG }),
  config: { db: 'db_path' },
  run: async ({ options, positionals }, ctx) => {
    const [action, name, ...rest] = positionals;
    if (action === 'list' && name === undefined) {
      const session = await ctx.openStore({ create: false });
      try {
        for (const r of await new TipsRepository(session.database).recipients()) ctx.stdout.write(`${r.name}\n`);
      } finally {
        await session.close();
      }
      return 0;
    }
    if (action !== 'add' || name === undefined || rest.length > 0) {
      throw new VigieError('VIGIE_ERR_USAGE', 'tips recipient: say add NAME or list; see vigie tips recipient --help');
    }
    const passphrase = options['passphrase-file'] !== undefined ? firstLine(options['passphrase-file']) : await askHidden(`passphrase for ${name}: `);
    const session = await ctx.openStore();
    try {
      const { otpauth } = await addRecipient(new TipsRepository(session.database), name, passphrase);
      ctx.stdout.write(`recipient ${name} added. Add this to an authenticator app now (it is not shown again):\n${otpauth}\n`);
    } finally {
      await session.close();
    }
    return 0;
  },
});

function firstLine(file: string): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new VigieError(code === 'ENOENT' ? 'VIGIE_ERR_FILE_NOT_FOUND' : 'VIGIE_ERR_FILE_UNREADABLE', `tips recipient add: ${file}: ${code === 'ENOENT' ? 'no such file; check the path' : (err as Error).message}`);
  }
  return text.split(/\r?\n/)[0] ?? '';
}

import { userInfo } from 'node:os';
import { VigieError } from '../../core/index.js';
import { createUser, ROLES, type Role } from '../../server/index.js';
import { appendAudit, openStore } from '../../store/index.js';
import { coreSettings, parseCommandArgs } from '../args.js';

const HELP = `Usage: vigie user add NAME --role admin|analyst|viewer [--db PATH]

Creates a user of the dashboard and API and prints its bearer token, once, on the last line.
Only a hash of the token is stored: keep the token somewhere safe (a password manager); if it
is lost, create a new user.

Roles: viewer (figures, campaigns, findings), analyst (+ raw evidence, exports, reports, pushing
logs), admin (+ users).

Options:
  --role R    admin, analyst or viewer (required)
  --db PATH   database file (default: db_path, ./vigie.duckdb)
  -h, --help  this help`;

/** `vigie user add NAME --role ROLE [--db PATH]` */
export async function userAddCommand(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs('user add', argv, {
    role: { type: 'string' },
    db: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (positionals.length !== 1) throw new VigieError('VIGIE_ERR_USAGE', 'user add: name exactly one user (vigie user add NAME --role analyst); see vigie user add --help');
  const role = values.role as string | undefined;
  if (!role || !(ROLES as readonly string[]).includes(role)) {
    throw new VigieError('VIGIE_ERR_USAGE', `user add: --role takes ${ROLES.join(', ')}${role ? `, got '${role}'` : ''}`);
  }
  const name = positionals[0]!;
  const store = await openStore(coreSettings('user add', values).db);
  try {
    const token = await createUser(store, name, role as Role);
    await appendAudit(store, { user: `cli:${userInfo().username}`, action: 'user_add', ok: true, detail: { name, role } });
    process.stderr.write(`Created ${role} '${name}' in ${store.location}. Its token, shown only this once:\n`);
    process.stdout.write(`${token}\n`);
    return 0;
  } finally {
    await store.close();
  }
}

import { z } from 'zod';
import { defineCatalogue, defineModule } from '../core/module/index.js';
import { apiRoutes } from './api/routes.js';
import { tipsInboxCommand } from './commands/inbox.js';
import { tipsPurgeCommand } from './commands/purge.js';
import { tipsRecipientCommand } from './commands/recipient.js';
import { tipsDemo } from './demo.js';
import { TIPS_MIGRATIONS } from './repository.js';
import { retentionHooks } from './retention.js';
import { Guard } from './site/guard.js';
import { siteRoutes } from './site/routes.js';

/** The tips module's settings (`tips.` in vigie.yaml, `VIGIE_TIPS_*`). */
export const TIPS_CONFIG = z.strictObject({
  /** GlobaLeaks' default report expiration. */
  retention_days: z.coerce.number().int().min(1).max(36500).default(90),
  /** `vigie serve` purges at start and then this often (0: never; run `vigie tips purge` from cron instead). */
  purge_every_hours: z.coerce.number().int().min(0).max(8760).default(24),
  /** Leading zero bits of the browser's hashcash: 16 is ~65,000 SHA-256, a few hundred ms. */
  pow_bits: z.coerce.number().int().min(0).max(28).default(16),
  /** Without JavaScript, a form's challenge must be this old before its report is accepted. */
  nojs_wait_secs: z.coerce.number().int().min(0).max(600).default(20),
  submissions_per_hour: z.coerce.number().int().min(1).max(10_000).default(5),
  failed_receipts_per_hour: z.coerce.number().int().min(1).max(10_000).default(10),
  /** A reporter's follow-up page stays open this long after the last action. */
  follow_up_session_secs: z.coerce.number().int().min(60).max(86_400).default(1800),
  /** A recipient's unlocked key is held in server memory this long. */
  unlock_secs: z.coerce.number().int().min(60).max(86_400).default(3600),
});

/**
 * The `tips` module: a safe channel for intimidation reports (the public form at /report in
 * en, fr, zh-Hans and zh-Hant, sealed at rest, anonymous follow-up by receipt) and the
 * team's inbox and cases at /api/tips/.
 */
export const tipsModule = defineModule({
  name: 'tips',
  title: { en: 'Intimidation reports', fr: 'Signalements d’intimidation' },
  migrations: TIPS_MIGRATIONS,
  catalogue: defineCatalogue({ en: {}, fr: {} }),
  config: TIPS_CONFIG,
  commands: [tipsRecipientCommand, tipsInboxCommand, tipsPurgeCommand],
  pages: ['tips', 'cases'],
  demo: tipsDemo,
  http: async (app, ctx) => {
    await apiRoutes({ unlockSecs: ctx.config.get<number>('tips.unlock_secs') })(app, ctx);
    retentionHooks(app, ctx);
  },
  site: async (app, ctx) => siteRoutes({
    guard: new Guard({
      powBits: ctx.config.get<number>('tips.pow_bits'),
      noJsWaitSecs: ctx.config.get<number>('tips.nojs_wait_secs'),
      submissionsPerWindow: ctx.config.get<number>('tips.submissions_per_hour'),
      failedReceiptsPerWindow: ctx.config.get<number>('tips.failed_receipts_per_hour'),
    }),
    sessionSecs: ctx.config.get<number>('tips.follow_up_session_secs'),
  })(app, ctx),
});

export { TipsRepository } from './repository.js';
export { addRecipient } from './desk.js';
export { fromBase32, totpCode, totpStep } from './crypto/totp.js';
export { solves as solvesPow } from './site/guard.js';
export { TIPS_MIGRATIONS } from './repository.js';
export { DEMO_RECIPIENT } from './demo.js';

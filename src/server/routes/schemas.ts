import { z } from 'zod';

/** A date (`2025-04-28`, midnight UTC) or a date-time with its offset (`2025-04-28T09:00:00-04:00`). */
export const Instant = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

/** `from` (inclusive) and `to` (exclusive); unknown query keys are errors everywhere. */
export const RangeQuery = z.strictObject({ from: Instant.optional(), to: Instant.optional() });

export const ErrorReply = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

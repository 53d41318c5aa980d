import { z } from 'zod';

/** The web module's settings (`web.` in vigie.yaml, `VIGIE_WEB_*`). */
export const WEB_CONFIG = z.strictObject({
  /**
   * IPv6 clients are counted per prefix of this many bits by behaviour and campaigns: an
   * attacker holding a /64 can send every request from another address, and rotating through
   * one's own prefix is one actor, not a million. A multiple of 4 from 4 to 128 (128: each
   * address alone). Events keep the full address.
   */
  ipv6_prefix_bits: z.coerce.number().int().min(4).max(128)
    .refine((n) => n % 4 === 0, 'a multiple of 4 from 4 to 128 (whole hexadecimal digits)')
    .default(64),
});

/** The IPv6 client prefix when nothing says otherwise (the default of `web.ipv6_prefix_bits`). */
export const DEFAULT_IPV6_PREFIX_BITS: number = WEB_CONFIG.shape.ipv6_prefix_bits.parse(undefined);

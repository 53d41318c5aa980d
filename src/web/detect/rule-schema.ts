import { z } from 'zod';
import type { WebAttackClass } from '../../core/index.js';

/**
 * The shape of one `rules/web/<id>.yaml` file, as a strict schema: an unknown key is an error
 * with its path, so a typo (`pattern:` for `patterns:`) never silently disables a rule.
 */

/** Every `WebAttackClass`, at run time (the `satisfies` and the check below keep it complete). */
export const WEB_ATTACK_CLASSES = [
  'sqli', 'xss', 'path_traversal', 'lfi', 'rfi', 'cmdi', 'ssti', 'log4shell', 'ssrf', 'xxe',
  'nosqli', 'ldapi', 'crlf', 'sensitive_file', 'admin_probe', 'scanner', 'protocol', 'anomaly',
  'scanning', 'brute_force', 'flood', 'crawling',
] as const satisfies readonly WebAttackClass[];
type MissingClass = Exclude<WebAttackClass, (typeof WEB_ATTACK_CLASSES)[number]>;
const classesComplete: [MissingClass] extends [never] ? true : MissingClass = true;
void classesComplete;

/**
 * Parts of a request a rule can inspect. `query` covers each parameter value and name, then the
 * whole query string; `request` is the whole target (path, `?`, query); `body` covers each form
 * parameter value and name, then the whole body; `headers` covers every header other than
 * User-Agent, Referer, Host and X-Forwarded-For (each value and name, each cookie), which only
 * request objects carry (`vigie web scan`), not access logs.
 */
export const RULE_TARGETS = ['path', 'query', 'user_agent', 'referer', 'body', 'method', 'request', 'headers'] as const;
export type RuleTarget = (typeof RULE_TARGETS)[number];

// Literals are matched against case-folded text, so an upper-case letter could never match;
// a lone letter or digit would hit almost every request and defeat the prefilter.
const literal = z
  .string()
  .min(1)
  .refine((s) => /^[\x00-\x40\x5b-\x7f]+$/.test(s), 'must be lower-case ASCII')
  .refine((s) => s.length > 1 || !/[a-z0-9]/.test(s), 'a single letter or digit is not selective');

const pattern = z.string().superRefine((source, ctx) => {
  let re: RegExp;
  try {
    re = new RegExp(source, 'i');
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: `invalid regular expression: ${(err as Error).message}` });
    return;
  }
  if (re.test('')) ctx.addIssue({ code: 'custom', message: 'matches the empty string' });
});

const caseSensitivePattern = z.string().superRefine((source, ctx) => {
  try {
    new RegExp(source);
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: `invalid regular expression: ${(err as Error).message}` });
  }
});

/**
 * A check on the raw value of a target, for what literals cannot say ("not one of these
 * methods", "longer than 4 KB"). It fires on a non-empty value when every condition given holds.
 */
const checkSchema = z
  .strictObject({
    not_in: z.array(z.string().min(1)).min(1).optional(),
    matching: caseSensitivePattern.optional(),
    not_matching: caseSensitivePattern.optional(),
    longer_than_chars: z.number().int().positive().optional(),
    /** Fires when the value is present but empty (a header sent as `Accept:`), whatever the other conditions. */
    empty: z.literal(true).optional(),
  })
  .refine((c) => Object.keys(c).length > 0, 'a check needs at least one condition');

export const ruleSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case'),
    class: z.enum(WEB_ATTACK_CLASSES),
    severity: z.number().int().min(1).max(5),
    description: z.string().min(10).max(200),
    /** The description in French: a check's reason quotes it (`web.check`), so a check rule needs one. */
    description_fr: z.string().min(10).max(260).optional(),
    targets: z.array(z.enum(RULE_TARGETS)).min(1),
    prefilter: z.array(literal).min(1).optional(),
    patterns: z.array(pattern).min(1).optional(),
    check: checkSchema.optional(),
    /** Run the patterns on the raw text as sent instead of the decoded text (encoding evasions). */
    match_raw: z.boolean().optional(),
    /**
     * Rewrites applied, in order, to each text before the patterns (see text-views.ts):
     * `shell_unescape` undoes shell quoting tricks (`w'h'oami`, `c$@at`), `js_unescape` reads
     * `\\u006f` and `\\x6f` escapes, `base64_decode` appends the decoding of base64 runs.
     */
    transforms: z.array(z.enum(['shell_unescape', 'js_unescape', 'base64_decode'])).min(1).optional(),
    /** Run the patterns on `name=value` of each parameter, header and cookie, for rules about which name carries what. */
    with_name: z.boolean().optional(),
    /** Word lists (rules/web/data/<name>.txt) whose words are added to the prefilter literals. */
    prefilter_lists: z.array(z.string().regex(/^[a-z0-9-]+$/)).min(1).optional(),
    /**
     * With target `headers`: inspect only this header (lower-case name). Checks also read
     * `host`, `user-agent` and `referer`; pattern rules are gated by the other headers' text.
     */
    header: z.string().regex(/^[a-z0-9-]+$/, 'a lower-case header name').optional(),
    /**
     * With target `headers`: run the patterns or check once on the whole header block, one
     * `name: value` line per header, names lower-case, Host first; only for requests that
     * carry their headers (`vigie web scan`), never for access-log lines.
     */
    header_block: z.literal(true).optional(),
    /**
     * With target `body`: an XML body is read as its values (attribute values and text nodes),
     * then, with this, as its whole markup too. For rules about markup itself: HTML and script
     * (XSS), entities and DOCTYPEs (XXE), embedded `<?php` code. Element and attribute names
     * are structure, not data, for every other rule (`<java.lang.Runtime>` is a tag name).
     */
    xml_markup: z.literal(true).optional(),
    /**
     * The rule does not fire on a request whose Referer is a page of the same site as its Host
     * (see same-site.ts): what the site links itself (a session id its own pages put in URLs).
     */
    unless_same_site_referer: z.literal(true).optional(),
    /** The rule applies only to requests with one of these methods (upper-case). */
    methods: z.array(z.string().regex(/^[A-Z]{1,20}$/)).min(1).optional(),
    references: z.array(z.url()).optional(),
  })
  .superRefine((rule, ctx) => {
    if (rule.check !== undefined && rule.description_fr === undefined) {
      ctx.addIssue({ code: 'custom', path: ['description_fr'], message: 'a check rule needs description_fr: its reason quotes the description in each language' });
    }
    if ((rule.header !== undefined || rule.header_block !== undefined) && (rule.targets.length !== 1 || rule.targets[0] !== 'headers')) {
      ctx.addIssue({ code: 'custom', path: ['targets'], message: 'header and header_block need targets: [headers]' });
    }
    if (rule.xml_markup !== undefined && !rule.targets.includes('body')) {
      ctx.addIssue({ code: 'custom', path: ['xml_markup'], message: 'xml_markup is about bodies: it needs target body' });
    }
    if (rule.header !== undefined && rule.header_block !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['header_block'], message: 'a rule reads one header or the whole block, not both' });
    }
    const hasPatterns = rule.patterns !== undefined || rule.prefilter !== undefined;
    if (hasPatterns && rule.check !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['check'], message: 'a rule has either prefilter + patterns or a check, not both' });
    } else if (rule.check === undefined) {
      if (rule.prefilter === undefined) ctx.addIssue({ code: 'custom', path: ['prefilter'], message: 'required: cheap literals that gate the patterns' });
      if (rule.patterns === undefined) ctx.addIssue({ code: 'custom', path: ['patterns'], message: 'required' });
    }
  });

/**
 * One validated signature rule.
 *
 * @example
 * const rule: WebRule = ruleSchema.parse(YAML.parse(text));
 */
export type WebRule = z.infer<typeof ruleSchema>;

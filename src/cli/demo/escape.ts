/**
 * Writes a field the way Apache's mod_log_config does (ap_escape_logitem): `"` and `\` get a
 * backslash, control bytes and bytes >= 0x7f become `\xHH`. Non-ASCII text is escaped byte
 * by byte from its UTF-8 encoding.
 *
 * @example
 * escapeLogField('q="é"'); // 'q=\\"\\xc3\\xa9\\"'
 */
export function escapeLogField(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  return escapeLogBytes(Buffer.from(text, 'utf8').toString('latin1'));
}

/**
 * Same as {@link escapeLogField} for a byte string (one char per byte, 0–255), such as
 * {@link sendRaw} returns.
 *
 * @example
 * escapeLogBytes('\xff"'); // '\\xff\\"'
 */
export function escapeLogBytes(bytes: string): string {
  if (!NEEDS_ESCAPE.test(bytes)) return bytes;
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes.charCodeAt(i);
    if (byte === 0x22) out += '\\"';
    else if (byte === 0x5c) out += '\\\\';
    else if (byte < 0x20 || byte >= 0x7f) out += `\\x${byte.toString(16).padStart(2, '0')}`;
    else out += bytes[i];
  }
  return out;
}

const NEEDS_ESCAPE = /["\\\u0000-\u001f\u007f-\uffff]/;

/**
 * The bytes a raw attack tool puts on the wire for a request target: percent-escapes of
 * quotes, angle brackets, backslash and high bytes are undone (tools send those unencoded),
 * while spaces and other escapes stay encoded so the request line keeps its shape.
 * Returns a byte string for {@link escapeLogBytes}.
 *
 * @example
 * sendRaw('/?q=%22%3Cscript%3E'); // '/?q="<script>'
 */
export function sendRaw(target: string): string {
  return Buffer.from(target, 'utf8')
    .toString('latin1')
    .replace(/%(22|27|3c|3e|5c|[89a-f][0-9a-f])/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

import { createHash, randomUUID } from 'node:crypto';

/** STIX 2.1's namespace for deterministic identifiers of cyber-observables (§2.9). */
export const STIX_SCO_NAMESPACE = '00abedb4-aa42-466c-9c01-fed23315a9b7';

/**
 * RFC 4122 version 5 UUID (SHA-1 of namespace + name): the same object always gets the same id,
 * so two exports of the same evidence merge instead of duplicating in a threat-intel platform.
 *
 * @example
 * uuidV5(STIX_SCO_NAMESPACE, '{"value":"203.0.113.7"}')
 */
export function uuidV5(namespace: string, name: string): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(ns).update(name, 'utf8').digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const h = hash.subarray(0, 16).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** A random (version 4) UUID, for objects that are new each time (the bundle). */
export function uuidV4(): string {
  return randomUUID();
}

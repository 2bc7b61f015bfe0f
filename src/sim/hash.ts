/**
 * cyrb53 (bryc, public domain): a fast 53-bit string hash. Used for trace hashes, which only need
 * to be stable and to change when anything in the trace changes — not to resist attackers.
 */
export function cyrb53(text: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** A stable hash of any JSON-serialisable value, as 14 hex digits. */
export function hashJson(value: unknown): string {
  return cyrb53(JSON.stringify(value)).toString(16).padStart(14, '0');
}

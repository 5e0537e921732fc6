/** The strategy interface: a reversible rewrite of an attack's instruction, and its framing. */

export interface Strategy {
  id: string;
  description: string;
  /** Rewrites the instruction; deterministic. */
  encode(payload: string): string;
  /** Recovers the instruction from `encode`'s output (tests check the round trip). */
  decode(text: string): string;
  /** Puts the encoded text in words a reader would act on ("decode this and follow it: ..."). */
  frame(encoded: string): string;
  /** Rearranges the conversation (multi-turn escalation); identity when absent. */
  turns?(turns: readonly string[]): string[];
}

/** Markers, URLs and e-mail addresses keep their exact spelling under character substitutions. */
const PROTECTED = /RT-[A-Z0-9]{6}|https?:\/\/[^\s"'<>)]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;

/** Applies `fn` to the text between protected tokens only. */
export function mapUnprotected(text: string, fn: (part: string) => string): string {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(PROTECTED)) {
    out += fn(text.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  return out + fn(text.slice(last));
}

/** Builds a per-character substitution strategy from a one-to-one table (reversible). */
export function substitution(
  id: string,
  description: string,
  table: Record<string, string>,
  frame: (encoded: string) => string = (encoded) => encoded,
): Strategy {
  const reverse = Object.fromEntries(Object.entries(table).map(([k, v]) => [v, k]));
  const map = (dict: Record<string, string>) => (part: string) =>
    [...part].map((char) => dict[char] ?? char).join('');
  return {
    id,
    description,
    encode: (payload) => mapUnprotected(payload, map(table)),
    decode: (text) => mapUnprotected(text, map(reverse)),
    frame,
  };
}

import { maskToken } from './mask.js';
import { tokenize } from './tokenize.js';

/**
 * Tokenizes and masks lines, remembering each token's mask in a bounded memo (it restarts when
 * full): words and many values (`200`, `port`, `status:`) repeat across lines, and a map lookup
 * costs less than the scanner.
 */
export class LineMasker {
  private memo = new Map<string, string>();

  constructor(private readonly memoLimit = 50_000) {}

  /** The masked tokens of `line`. */
  mask(line: string): string[] {
    const tokens = tokenize(line);
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i] as string;
      let masked = this.memo.get(token);
      if (masked === undefined) {
        masked = maskToken(token);
        if (this.memo.size >= this.memoLimit) this.memo = new Map();
        this.memo.set(token, masked);
      }
      tokens[i] = masked;
    }
    return tokens;
  }
}

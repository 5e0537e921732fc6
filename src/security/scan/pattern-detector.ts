import type { RawMatch, SecretDetector, SecretRule } from './types.js';

/** One regular expression of a detector: which group holds the secret, and an optional check. */
export interface PatternSpec {
  rule: SecretRule;
  pattern: RegExp;
  /** The capture group holding the secret; 0 (the whole match) by default. */
  group?: number;
  /** Rejects look-alikes (placeholders, wrong checksum shapes); gets the secret and the text. */
  accept?: (secret: string, text: string, start: number) => boolean;
}

/**
 * A detector built from regular expressions: most secret families are a prefix and an alphabet, so
 * a family file only declares its rules and patterns.
 */
export function patternDetector(id: string, specs: readonly PatternSpec[]): SecretDetector {
  const compiled = specs.map((spec) => ({
    ...spec,
    regex: new RegExp(spec.pattern.source, `${spec.pattern.flags.replace(/[gd]/g, '')}gd`),
  }));
  return {
    id,
    rules: [...new Map(specs.map((s) => [s.rule.id, s.rule])).values()],
    detect(text: string): RawMatch[] {
      const matches: RawMatch[] = [];
      for (const spec of compiled) {
        spec.regex.lastIndex = 0;
        for (const m of text.matchAll(spec.regex)) {
          const span = m.indices?.[spec.group ?? 0];
          if (!span) continue;
          const [start, end] = span;
          const secret = text.slice(start, end);
          if (secret === '' || (spec.accept && !spec.accept(secret, text, start))) continue;
          matches.push({ ruleId: spec.rule.id, start, end });
        }
      }
      return matches;
    },
  };
}

const PLACEHOLDER =
  /^(?:x+|\*+|\.+|-+|_+|0+|changeme|change[-_]?me|example|sample|placeholder|redacted|dummy|fake|test|password|passwd|secret|token|null|none|undefined|todo|tbd)$/i;

/**
 * True for values that are obviously not real secrets: variables and templates (`${X}`, `{{x}}`,
 * `%s`, `<password>`), repeated characters and the usual placeholder words.
 */
export function isPlaceholder(value: string): boolean {
  if (/\$\{|\{\{|\}\}|%[sd]|^\$[A-Za-z_]|^<.*>$|^\[.*\]$|^your[-_ ]|[-_ ]here$/i.test(value)) return true;
  if (/^(.)\1*$/.test(value)) return true;
  return PLACEHOLDER.test(value) || /^(?:xxx|\*\*\*)/i.test(value);
}

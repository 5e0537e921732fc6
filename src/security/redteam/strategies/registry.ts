/** Strategies by id. */
import { CaraError } from '../../../core/index.js';
import { base64 } from './base64.js';
import { homoglyph } from './homoglyph.js';
import { leetspeak } from './leetspeak.js';
import { multiTurn } from './multi-turn.js';
import { rot13 } from './rot13.js';
import type { Strategy } from './strategy.js';
import { translation } from './translation.js';
import { unicodeTags } from './unicode-tags.js';
import { zeroWidth } from './zero-width.js';

/** Every strategy, in report order. */
export const STRATEGIES: readonly Strategy[] = [
  base64,
  rot13,
  leetspeak,
  homoglyph,
  unicodeTags,
  zeroWidth,
  translation('es'),
  translation('fr'),
  translation('de'),
  multiTurn,
];

/** The strategies named (all when `ids` is undefined); an unknown id is a usage error. */
export function selectStrategies(ids?: readonly string[]): Strategy[] {
  if (ids === undefined) return [...STRATEGIES];
  return ids.flatMap((id) => {
    const found = STRATEGIES.filter(
      (s) => s.id === id || (id === 'translation' && s.id.startsWith('translation-')),
    );
    if (found.length === 0) {
      throw new CaraError('USAGE', `unknown strategy "${id}"`, {
        hint: `use any of ${STRATEGIES.map((s) => s.id).join(', ')}`,
      });
    }
    return found;
  });
}

/** Turns plugins and strategies into concrete, seed-stable attack cases. */
import { seededRandom } from '../../core/index.js';
import { type AttackPlugin, generationContext } from './attacks/plugin.js';
import type { Strategy } from './strategies/strategy.js';
import type { AttackCase } from './types.js';

export interface GenerateOptions {
  plugins: readonly AttackPlugin[];
  strategies: readonly Strategy[];
  seed: number;
}

/** A stable 32-bit hash, so each plugin's draws depend on the seed and its id, not on the selection. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Every base case, and every strategy applied to every base case that accepts it. */
export function generateCases(options: GenerateOptions): AttackCase[] {
  const cases: AttackCase[] = [];
  // One nonce source for the whole run: no two planted documents share a retrieval word.
  const nonces = generationContext(seededRandom((options.seed ^ 0x9e3779b9) >>> 0));
  for (const plugin of options.plugins) {
    const ctx = generationContext(seededRandom((hash(plugin.id) ^ options.seed) >>> 0));
    plugin.generate(ctx).forEach((seed, index) => {
      const base = {
        plugin: plugin.id,
        category: plugin.category,
        owasp: plugin.owasp,
        atlas: plugin.atlas,
        description: seed.description,
        goal: seed.goal,
      };
      const id = `${plugin.id}/${index + 1}`;
      const body = seed.build(seed.payload, nonces.nonce());
      if (body) cases.push({ ...base, id, payload: seed.payload, ...body });
      if (seed.fixed) return;
      for (const strategy of options.strategies) {
        const instruction = strategy.frame(strategy.encode(seed.payload));
        const built = seed.build(instruction, nonces.nonce());
        if (!built) continue;
        const turns = strategy.turns ? strategy.turns(built.turns) : built.turns;
        cases.push({
          ...base,
          ...built,
          id: `${id}+${strategy.id}`,
          strategy: strategy.id,
          payload: instruction,
          turns,
        });
      }
    });
  }
  // Cases that plant nothing run first, so documents planted later cannot leak into them.
  return [...cases.filter((c) => !c.documents), ...cases.filter((c) => c.documents)];
}

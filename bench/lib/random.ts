export { seededRandom } from '../../src/core/index.js';

/** An integer in [min, max), drawn from `random`. */
export function randomInt(random: () => number, min: number, max: number): number {
  return min + Math.floor(random() * (max - min));
}

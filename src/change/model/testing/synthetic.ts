import { seededRandom } from '../../../core/random.js';
import type { Sample } from '../types.js';

/** A standard normal draw (Box-Muller) from a uniform source. */
export function gaussian(random: () => number): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/**
 * Kamei-shaped changes whose true bug probability is a known logistic function of log1p(la),
 * log1p(nf) and fix, one change per hour from `start`. For tests only.
 */
export function syntheticChanges(count: number, seed = 7, start = 1_600_000_000): Sample[] {
  const random = seededRandom(seed);
  const skewed = (scale: number) => Math.floor(Math.exp(gaussian(random) * 1.2 + Math.log(scale)));
  return Array.from({ length: count }, (_, i) => {
    const nf = 1 + skewed(2);
    const la = skewed(20);
    const fix = random() < 0.3 ? 1 : 0;
    const features: Record<string, number> = {
      ns: 1 + Math.floor(random() * 2),
      nd: Math.min(nf, 1 + skewed(1)),
      nf,
      entropy: nf > 1 ? random() * Math.log2(nf) : 0,
      la,
      ld: skewed(5),
      lt: skewed(800),
      fix,
      ndev: 1 + skewed(10),
      age: random() * 300,
      nuc: 2 + skewed(40),
      exp: 1 + skewed(500),
      rexp: 1 + random() * 100,
      sexp: 1 + skewed(100),
    };
    const logit = -3.2 + 0.55 * Math.log1p(la) + 0.4 * Math.log1p(nf) + 0.6 * fix;
    const label: 0 | 1 = random() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
    return { features, label, time: start + i * 3600, id: `c${i}` };
  });
}

import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";

/** A seeded source of random numbers: the same seed gives the same demo data everywhere. */
export interface Random {
  uniform(): number;
  /** Standard normal variate (Box–Muller). */
  normal(): number;
  between(low: number, high: number): number;
}

export function seededRandom(seed: number): Random {
  const rng = xoroshiro128plus(seed);
  const uniform = () => uniformFloat64(rng);
  return {
    uniform,
    normal() {
      // 1 - u keeps the logarithm's argument in (0, 1].
      const u = 1 - uniform();
      const v = uniform();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    between(low, high) {
      return low + (high - low) * uniform();
    },
  };
}

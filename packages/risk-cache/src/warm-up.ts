import type { CacheSubject } from "./keys.ts";
import type { RiskCache } from "./risk-cache.ts";

/** Computes and caches `kind` for each subject, at most `concurrency` at a time. */
export async function warmUp<K extends string, T>(
  cache: RiskCache<K>,
  kind: K,
  subjects: readonly CacheSubject[],
  compute: (subject: CacheSubject) => Promise<T>,
  { concurrency = 4 } = {},
): Promise<{ warmed: number; failed: number }> {
  let next = 0;
  let warmed = 0;
  let failed = 0;
  const worker = async () => {
    while (next < subjects.length) {
      const subject = subjects[next++] as CacheSubject;
      try {
        await cache.getOrCompute(kind, subject, () => compute(subject));
        warmed++;
      } catch {
        failed++;
      }
    }
  };
  const workers = Math.max(1, Math.min(concurrency, subjects.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return { warmed, failed };
}

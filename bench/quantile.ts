/** The q-quantile (0 to 1) of a sample: the value at floor(q·n) in sorted order, the largest for q = 1. */
export function quantile(sample: readonly number[], q: number): number {
  const sorted = [...sample].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

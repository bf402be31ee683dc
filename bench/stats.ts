/** Percentile of a sample (nearest-rank). */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export function summarise(label: string, values: number[]): string {
  return `${label.padEnd(28)} n=${String(values.length).padEnd(4)} p50=${percentile(values, 50).toFixed(1).padStart(8)} ms  p95=${percentile(values, 95).toFixed(1).padStart(8)} ms  max=${Math.max(...values).toFixed(1).padStart(8)} ms`;
}

/** Runs `task` for every item with at most `concurrency` in flight. */
export async function pool<T, R>(items: T[], concurrency: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index], index);
    }
  });
  await Promise.all(lanes);
  return results;
}

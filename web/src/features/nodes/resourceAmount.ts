/** Node amounts as people read them: cpu millicores as cores, bytes as Mi/Gi; and a share in percent. */
export function cpuCores(millis: number): string {
  const cores = millis / 1000;
  return Number.isInteger(cores) ? String(cores) : String(Math.round(cores * 100) / 100);
}

export function bytesAmount(bytes: number): string {
  const units: [string, number][] = [
    ['Ti', 2 ** 40],
    ['Gi', 2 ** 30],
    ['Mi', 2 ** 20],
    ['Ki', 2 ** 10],
  ];
  for (const [suffix, size] of units) if (Math.abs(bytes) >= size) return `${Math.round((bytes / size) * 10) / 10}${suffix}`;
  return String(bytes);
}

export function percentOf(part: number, whole: number): number {
  return whole > 0 ? Math.round((part / whole) * 100) : 0;
}

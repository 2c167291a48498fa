/** Human amounts for sentences and tables: cpu millicores as cores, bytes as Mi/Gi. */

export function cpuText(millis: number): string {
  const cores = millis / 1000;
  return Number.isInteger(cores) ? String(cores) : String(Math.round(cores * 100) / 100);
}

export function bytesText(bytes: number): string {
  const units: [string, number][] = [
    ['Ti', 2 ** 40],
    ['Gi', 2 ** 30],
    ['Mi', 2 ** 20],
    ['Ki', 2 ** 10],
  ];
  for (const [suffix, size] of units) {
    if (Math.abs(bytes) >= size) return `${Math.round((bytes / size) * 10) / 10}${suffix}`;
  }
  return String(bytes);
}

/** An amount of a resource in its natural unit (cpu in cores, memory/storage in bytes, the rest as counts). */
export function amountText(resource: string, amount: number): string {
  if (resource === 'cpu') return cpuText(amount);
  if (resource === 'memory' || resource.includes('storage') || resource.startsWith('hugepages-')) return bytesText(amount);
  return String(amount);
}

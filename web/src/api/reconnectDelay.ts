/**
 * Back-off before reconnect attempt `attempt` (0 = first retry after a drop): doubling from
 * 500 ms to a 10 s ceiling, with jitter so a restarted server is not hit by every tab at once.
 */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(10_000, 500 * 2 ** Math.max(0, attempt));
  return Math.round(ceiling * (0.5 + random() / 2));
}

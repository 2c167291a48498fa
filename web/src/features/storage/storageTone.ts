/** The colour of a claim's or a volume's status word. */
const TONES: Readonly<Record<string, string>> = { Bound: 'ok', Available: 'ok', Pending: 'progress', Terminating: 'progress', Released: 'progress', Lost: 'bad', Failed: 'bad' };

export function storageTone(status: string): string {
  return TONES[status] ?? 'muted';
}

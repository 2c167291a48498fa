/**
 * One container instance's log: a ring buffer of timestamped lines with followers.
 * Long-running images do not write on a timer: a periodic source describes their lines
 * and they are generated lazily, up to "now", whenever someone reads or follows — so
 * thousands of idle pods cost nothing.
 */

export interface LogLine {
  /** Wall-clock milliseconds. */
  ms: number;
  /** Sub-millisecond digits (6) so timestamps look like containerd's nanoseconds. */
  sub: string;
  text: string;
}

export interface PeriodicSource {
  /** Real milliseconds between lines. */
  everyRealMs: number;
  /** Line `i`, written at `at`. */
  line(i: number, at: Date): string;
}

const MAX_LINES = 10_000;

export class LogBuffer {
  private lines: LogLine[] = [];
  private partial = '';
  private readonly followers = new Set<(l: LogLine) => void>();
  private readonly endListeners = new Set<() => void>();
  /**
   * Lines generated lazily from `next` on. Once the instance ended: `until`, its end, after which
   * none are, and `tail`, the partial line it left, pushed after them.
   */
  private periodic?: { source: PeriodicSource; next: number; index: number; timer?: NodeJS.Timeout; until?: number; tail?: LogLine };
  ended = false;

  /** Append output; lines end at '\n' (a trailing partial line waits for the rest or for end()). */
  write(text: string, at = Date.now()): void {
    if (this.ended) return;
    const parts = (this.partial + text).split('\n');
    this.partial = parts.pop() ?? '';
    for (const p of parts) this.push({ ms: at, sub: subMillis(), text: p.replace(/\r$/, '') });
  }

  writeLine(text: string, at = Date.now()): void {
    this.write(text + '\n', at);
  }

  /** Generate lines every `everyRealMs` from `from` on, lazily. */
  setPeriodic(source: PeriodicSource, from: number): void {
    if (source.everyRealMs <= 0) return;
    this.periodic = { source, next: from + source.everyRealMs, index: 0 };
  }

  /** Bring lazily generated lines up to now (up to the end, for an instance that ended). */
  sync(now = Date.now()): void {
    const p = this.periodic;
    if (!p) return;
    const upTo = p.until === undefined ? now : Math.min(now, p.until);
    const due = Math.floor((upTo - p.next) / p.source.everyRealMs) + 1;
    if (due > 0) {
      // Only the newest MAX_LINES would survive anyway.
      const skip = Math.max(0, due - MAX_LINES);
      p.next += skip * p.source.everyRealMs;
      p.index += skip;
      while (p.next <= upTo) {
        this.push({ ms: p.next, sub: subMillis(), text: p.source.line(p.index, new Date(p.next)) });
        p.index++;
        p.next += p.source.everyRealMs;
      }
    }
    if (p.until !== undefined && p.until <= now) {
      this.periodic = undefined;
      if (p.tail) this.push(p.tail);
    }
  }

  /**
   * The instance ended: stop generating, flush the partial line, release followers. Followers get
   * every line up to the end first; a log nobody follows is caught up to its end only when it is
   * read. A cluster stopping with 5,000 pods that ran for half an hour, or a deleted pod nobody
   * read, would otherwise generate up to MAX_LINES lines per container just to drop them
   * (seconds of CPU and gigabytes of memory at that scale).
   */
  end(at = Date.now()): void {
    if (this.ended) return;
    this.ended = true;
    this.stopTimer();
    const tail = this.partial ? { ms: at, sub: subMillis(), text: this.partial } : undefined;
    this.partial = '';
    if (this.periodic) {
      this.periodic.until = at;
      this.periodic.tail = tail;
      if (this.followers.size > 0) this.sync(at);
    } else if (tail) {
      this.push(tail);
    }
    for (const l of [...this.endListeners]) l();
    this.endListeners.clear();
    this.followers.clear();
  }

  snapshot(): readonly LogLine[] {
    this.sync();
    return this.lines;
  }

  get lineCount(): number {
    return this.lines.length;
  }

  /** Follow new lines until the instance ends; returns an unsubscribe function. */
  follow(onLine: (l: LogLine) => void, onEnd: () => void): () => void {
    if (this.ended) {
      onEnd();
      return () => {};
    }
    this.followers.add(onLine);
    this.endListeners.add(onEnd);
    this.startTimer();
    return () => {
      this.followers.delete(onLine);
      this.endListeners.delete(onEnd);
      if (this.followers.size === 0) this.stopTimer();
    };
  }

  private push(line: LogLine): void {
    this.lines.push(line);
    if (this.lines.length > MAX_LINES * 1.2) this.lines = this.lines.slice(this.lines.length - MAX_LINES);
    for (const f of [...this.followers]) f(line);
  }

  private startTimer(): void {
    const p = this.periodic;
    if (!p || p.timer) return;
    p.timer = setInterval(() => this.sync(), Math.max(20, p.source.everyRealMs));
    p.timer.unref();
  }

  private stopTimer(): void {
    if (this.periodic?.timer) clearInterval(this.periodic.timer);
    if (this.periodic) this.periodic.timer = undefined;
  }
}

function subMillis(): string {
  return String(Math.floor(Math.random() * 1_000_000)).padStart(6, '0');
}

/** RFC3339Nano, as `kubectl logs --timestamps` prints. */
export function rfc3339Nano(l: LogLine): string {
  return new Date(l.ms).toISOString().replace(/Z$/, `${l.sub}Z`);
}

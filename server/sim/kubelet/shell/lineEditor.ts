/**
 * The line discipline of an interactive shell on a tty: echoes typed characters, handles
 * backspace, Ctrl-C (`^C`, line dropped), Ctrl-D on an empty line (end of input), Ctrl-U,
 * Ctrl-A/E, Ctrl-L, cursor keys and history. It is fed raw terminal input and returns
 * what to write back to the terminal.
 */
export interface EditorResult {
  /** Bytes for the terminal (echo, cursor movement). */
  output: string;
  /** How much of the input was consumed; the rest belongs to whoever reads next. */
  consumed: number;
  /** Set when Enter completed a line. */
  line?: string;
  /** Ctrl-C: the line was dropped; show a new prompt. */
  interrupt?: boolean;
  /** Ctrl-D on an empty line. */
  eof?: boolean;
  /** Ctrl-L: clear the screen and redraw. */
  redraw?: boolean;
}

// Built from strings: a regex literal with ESC trips the no-control-regex lint.
const ESC = String.fromCharCode(27);
const ESCAPE_SEQUENCE = new RegExp(`^${ESC}(\\[[0-9;]*[A-Za-z~]|O[A-Za-z])`);
const PARTIAL_ESCAPE = new RegExp(`^${ESC}(\\[[0-9;]*|O)?$`);

export class LineEditor {
  private buffer = '';
  private cursor = 0;
  private pendingEscape = '';
  private historyIndex: number;
  private draft = '';

  constructor(
    private readonly prompt: string,
    private readonly history: string[],
  ) {
    this.historyIndex = history.length;
  }

  feed(input: string): EditorResult {
    let output = '';
    let i = 0;
    const data = this.pendingEscape + input;
    const carried = this.pendingEscape.length;
    this.pendingEscape = '';
    for (; i < data.length; i++) {
      const c = data[i];
      if (c === '\x1b') {
        const seq = ESCAPE_SEQUENCE.exec(data.slice(i));
        if (!seq) {
          if (data.length - i < 6 && PARTIAL_ESCAPE.test(data.slice(i))) {
            this.pendingEscape = data.slice(i);
            return { output, consumed: input.length };
          }
          continue;
        }
        output += this.escape(seq[1]);
        i += seq[0].length - 1;
        continue;
      }
      if (c === '\r' || c === '\n') {
        // A CR LF pair is one Enter.
        const consumedHere = i + 1 + (c === '\r' && data[i + 1] === '\n' ? 1 : 0);
        const line = this.buffer;
        if (line.trim()) this.history.push(line);
        this.reset();
        return { output: output + '\r\n', consumed: Math.max(0, consumedHere - carried), line };
      }
      if (c === '\x03') {
        this.reset();
        return { output: output + '^C\r\n', consumed: Math.max(0, i + 1 - carried), interrupt: true };
      }
      if (c === '\x04') {
        if (this.buffer === '') return { output, consumed: Math.max(0, i + 1 - carried), eof: true };
        output += this.deleteAtCursor();
        continue;
      }
      if (c === '\x7f' || c === '\b') {
        if (this.cursor > 0) {
          this.cursor--;
          output += '\b' + this.deleteAtCursor();
        }
        continue;
      }
      if (c === '\x15') {
        output += this.replaceLine('');
        continue;
      }
      if (c === '\x01') {
        output += '\b'.repeat(this.cursor);
        this.cursor = 0;
        continue;
      }
      if (c === '\x05') {
        output += this.buffer.slice(this.cursor);
        this.cursor = this.buffer.length;
        continue;
      }
      if (c === '\x0c') {
        return { output: output + '\x1b[H\x1b[2J' + this.prompt + this.buffer, consumed: Math.max(0, i + 1 - carried), redraw: true };
      }
      if (c < ' ' && c !== '\t') continue;
      const ch = c === '\t' ? ' ' : c;
      const rest = this.buffer.slice(this.cursor);
      this.buffer = this.buffer.slice(0, this.cursor) + ch + rest;
      this.cursor++;
      output += ch + rest + '\b'.repeat(rest.length);
    }
    return { output, consumed: input.length };
  }

  private escape(seq: string): string {
    switch (seq.slice(-1)) {
      case 'A':
        if (this.historyIndex === 0) return '';
        if (this.historyIndex === this.history.length) this.draft = this.buffer;
        this.historyIndex--;
        return this.replaceLine(this.history[this.historyIndex]);
      case 'B':
        if (this.historyIndex >= this.history.length) return '';
        this.historyIndex++;
        return this.replaceLine(this.historyIndex === this.history.length ? this.draft : this.history[this.historyIndex]);
      case 'C':
        if (this.cursor >= this.buffer.length) return '';
        this.cursor++;
        return '\x1b[C';
      case 'D':
        if (this.cursor === 0) return '';
        this.cursor--;
        return '\b';
      case 'H': {
        const out = '\b'.repeat(this.cursor);
        this.cursor = 0;
        return out;
      }
      case 'F': {
        const out = this.buffer.slice(this.cursor);
        this.cursor = this.buffer.length;
        return out;
      }
      default:
        return '';
    }
  }

  private deleteAtCursor(): string {
    if (this.cursor >= this.buffer.length) return '';
    const rest = this.buffer.slice(this.cursor + 1);
    this.buffer = this.buffer.slice(0, this.cursor) + rest;
    return rest + ' ' + '\b'.repeat(rest.length + 1);
  }

  private replaceLine(next: string): string {
    const out = '\b'.repeat(this.cursor) + next + ' '.repeat(Math.max(0, this.buffer.length - next.length)) + '\b'.repeat(Math.max(0, this.buffer.length - next.length));
    this.buffer = next;
    this.cursor = next.length;
    return out;
  }

  private reset(): void {
    this.buffer = '';
    this.cursor = 0;
    this.historyIndex = this.history.length;
    this.draft = '';
  }
}

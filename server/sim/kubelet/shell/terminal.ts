/**
 * An interactive shell on a tty: prompt, line editing, Ctrl-C that interrupts the running
 * command, Ctrl-D that ends the shell. One pump reads the raw terminal input and hands
 * it to whoever is in the foreground (the line editor, or the running command's
 * interrupt watcher); nested shells (`bash` typed at a prompt) stack on top.
 */
import { StdinQueue, type ShellHost, type TtyState, type Writer } from './io.ts';
import { ExecRequest, isShellName, Shell, type RunIO, type TerminalLike } from './interpreter.ts';
import { LineEditor } from './lineEditor.ts';
import { baseName, runProcess } from './program.ts';

interface Consumer {
  /** Returns how many characters it consumed. */
  data(s: string): number;
  eof(): void;
}

const INTERRUPT = Symbol('interrupt');

export class Terminal implements TerminalLike {
  private consumer: Consumer | undefined;
  private typeahead = '';
  private readonly history: string[] = [];
  private pumping = false;
  private ended = false;

  constructor(
    private readonly raw: StdinQueue,
    /** Terminal output (the session translates LF to CRLF). */
    private readonly out: Writer,
    private readonly tty: TtyState,
    private readonly signal: AbortSignal,
    private readonly host: ShellHost,
  ) {}

  prompt(shell: Shell): string {
    const home = shell.vars.get('HOME') ?? '/root';
    const cwd = shell.cwd === home ? '~' : shell.cwd.startsWith(home + '/') ? '~' + shell.cwd.slice(home.length) : shell.cwd;
    if (shell.kind === 'bash') return `root@${this.host.hostname}:${cwd}# `;
    return `${cwd} # `;
  }

  async interactive(shell: Shell): Promise<number> {
    this.startPump();
    let current = shell;
    for (;;) {
      if (this.signal.aborted) return 130;
      const line = await this.readLine(this.prompt(current));
      if (line === INTERRUPT) {
        current.status = 130;
        continue;
      }
      if (line === null) {
        if (current.kind === 'bash' && !this.signal.aborted) await this.out.write('exit\n');
        return current.status;
      }
      if (!line.trim()) continue;
      try {
        const r = await this.foreground((signal) => current.runToExit(line, this.commandIO(signal)));
        if (r.exited) {
          if (current.kind === 'bash') await this.out.write('exit\n');
          return r.code;
        }
      } catch (e) {
        if (!(e instanceof ExecRequest)) throw e;
        const name = baseName(e.argv[0]);
        if (isShellName(name) && e.argv.length === 1) {
          // `exec bash`: the same terminal, a new shell with the exported environment.
          const next = new Shell(current.commands, this.host, name);
          for (const k of current.exported) {
            const v = current.vars.get(k);
            if (v !== undefined) next.setExported(k, v);
          }
          next.cwd = current.cwd;
          current = next;
          continue;
        }
        const r = await this.foreground((signal) => runProcess(current.commands, e.argv, this.host, this.commandIO(signal), current));
        return 'code' in r ? r.code : 127;
      }
    }
  }

  private commandIO(signal: AbortSignal): RunIO {
    // Commands at an interactive prompt see an empty stdin: the terminal belongs to the line editor.
    return { stdin: new StdinQueue(undefined, true), stdout: this.out, stderr: this.out, signal, tty: this.tty, terminal: this };
  }

  private startPump(): void {
    if (this.pumping) return;
    this.pumping = true;
    void (async () => {
      for (;;) {
        const chunk = await this.raw.read(this.signal);
        if (chunk === null) {
          this.ended = true;
          this.consumer?.eof();
          return;
        }
        this.dispatch(chunk);
      }
    })();
  }

  private dispatch(chunk: string): void {
    let rest = chunk;
    let guard = 0;
    while (rest && guard++ < 10_000) {
      if (!this.consumer) {
        this.typeahead += rest;
        return;
      }
      const used = this.consumer.data(rest);
      rest = rest.slice(used);
    }
  }

  private readLine(prompt: string): Promise<string | null | typeof INTERRUPT> {
    return new Promise((resolve) => {
      void this.out.write(prompt);
      const editor = new LineEditor(prompt, this.history);
      const previous = this.consumer;
      let done = false;
      const finish = (v: string | null | typeof INTERRUPT) => {
        if (done) return;
        done = true;
        this.consumer = previous;
        resolve(v);
      };
      this.consumer = {
        data: (s) => {
          const r = editor.feed(s);
          if (r.output) void this.out.write(r.output);
          if (r.line !== undefined) finish(r.line);
          else if (r.interrupt) finish(INTERRUPT);
          else if (r.eof) finish(null);
          return r.consumed;
        },
        eof: () => finish(null),
      };
      const ahead = this.typeahead;
      this.typeahead = '';
      if (ahead) this.dispatch(ahead);
      if (!done && this.ended) finish(null);
    });
  }

  private async foreground<T>(fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const ac = new AbortController();
    const onSessionEnd = () => ac.abort();
    this.signal.addEventListener('abort', onSessionEnd, { once: true });
    const previous = this.consumer;
    this.consumer = {
      data: (s) => {
        const cut = s.indexOf('\x03');
        if (cut < 0) {
          this.typeahead += s;
          return s.length;
        }
        this.typeahead = '';
        if (!ac.signal.aborted) void this.out.write('^C\n');
        ac.abort();
        return cut + 1;
      },
      eof: () => {},
    };
    try {
      return await fn(ac.signal);
    } finally {
      this.consumer = previous;
      this.signal.removeEventListener('abort', onSessionEnd);
    }
  }
}

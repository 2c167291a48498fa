/**
 * Running an awk program: BEGIN, the pattern-action rules per record (ranges too), END,
 * statements and output (`print > file` truncates once, then appends, as the file stays open).
 */
import type { Expr, Rule, Stmt } from './ast.ts';
import { AwkEvaluator } from './evaluator.ts';
import { AwkSyntaxError } from './lexer.ts';
import { sprintf, strnum, toNum, toStr, truthy, type Value } from './values.ts';

class NextSignal {}
class ExitSignal {
  constructor(readonly code: number) {}
}
class LoopSignal {
  constructor(readonly kind: 'break' | 'continue') {}
}

export interface AwkIO {
  write(text: string): Promise<void> | void;
  writeFile(path: string, text: string, append: boolean): void;
}

export class AwkProgram extends AwkEvaluator {
  /** Files `print >` has written to: they stay open, so later writes append. */
  private readonly opened = new Set<string>();

  constructor(private readonly rules: Rule[], private readonly io: AwkIO) {
    super();
    this.vars.set('FS', ' ');
    this.vars.set('OFS', ' ');
    this.vars.set('ORS', '\n');
    this.vars.set('NR', 0);
    this.vars.set('FNR', 0);
    this.vars.set('NF', 0);
    this.vars.set('SUBSEP', '\x1c');
    this.vars.set('RSTART', 0);
    this.vars.set('RLENGTH', -1);
    this.vars.set('CONVFMT', '%.6g');
    this.vars.set('OFMT', '%.6g');
  }

  get hasMainRules(): boolean {
    return this.rules.some((r) => !r.begin && !r.end);
  }

  get hasEnd(): boolean {
    return this.rules.some((r) => r.end);
  }

  /** Runs BEGIN; returns an exit code if `exit` was called. */
  async begin(): Promise<number | undefined> {
    return this.runRules((r) => !!r.begin);
  }

  async end(): Promise<number | undefined> {
    return this.runRules((r) => !!r.end);
  }

  private async runRules(which: (r: Rule) => boolean): Promise<number | undefined> {
    try {
      for (const r of this.rules) if (which(r) && r.action) await this.block(r.action);
    } catch (e) {
      if (e instanceof ExitSignal) return e.code;
      if (!(e instanceof NextSignal)) throw e;
    }
    return undefined;
  }

  /** One input line; returns an exit code if `exit` was called. */
  async line(text: string): Promise<number | undefined> {
    this.vars.set('NR', toNum(this.vars.get('NR') ?? 0) + 1);
    this.vars.set('FNR', toNum(this.vars.get('FNR') ?? 0) + 1);
    this.setRecord(text);
    try {
      for (const r of this.rules) {
        if (r.begin || r.end) continue;
        let hit: boolean;
        if (r.range) {
          if (r.inRange) {
            hit = true;
            if (truthy(await this.eval(r.range[1]))) r.inRange = false;
          } else if (truthy(await this.eval(r.range[0]))) {
            hit = true;
            r.inRange = !truthy(await this.eval(r.range[1]));
          } else hit = false;
        } else hit = !r.pattern || truthy(await this.eval(r.pattern));
        if (!hit) continue;
        if (r.action) await this.block(r.action);
        else await this.io.write(this.record + toStr(this.vars.get('ORS') ?? '\n'));
      }
    } catch (e) {
      if (e instanceof NextSignal) return undefined;
      if (e instanceof ExitSignal) return e.code;
      throw e;
    }
    return undefined;
  }

  private async block(stmts: Stmt[]): Promise<void> {
    for (const s of stmts) await this.exec(s);
  }

  private async output(text: string, redirect: { op: string; target: Expr } | undefined): Promise<void> {
    if (!redirect) return this.io.write(text);
    if (redirect.op === '|') throw new AwkSyntaxError('output to a command (|) is not supported');
    const path = toStr(await this.eval(redirect.target));
    // `>` truncates on first use in the program, then appends (the file stays open).
    const append = redirect.op === '>>' || this.opened.has(path);
    this.opened.add(path);
    this.io.writeFile(path, text, append);
  }

  private async exec(s: Stmt): Promise<void> {
    switch (s.k) {
      case 'print': {
        const ofs = toStr(this.vars.get('OFS') ?? ' ');
        const ofmt = toStr(this.vars.get('OFMT') ?? '%.6g');
        const parts: string[] = [];
        for (const a of s.args) parts.push(toStr(await this.eval(a), ofmt));
        const text = (s.args.length ? parts.join(ofs) : this.record) + toStr(this.vars.get('ORS') ?? '\n');
        return this.output(text, s.redirect);
      }
      case 'printf': {
        if (!s.args.length) throw new AwkSyntaxError('printf: no format');
        const vals: Value[] = [];
        for (const a of s.args) vals.push(await this.eval(a));
        return this.output(sprintf(toStr(vals[0]), vals.slice(1)), s.redirect);
      }
      case 'expr':
        await this.eval(s.e);
        return;
      case 'if':
        if (truthy(await this.eval(s.test))) await this.exec(s.yes);
        else if (s.no) await this.exec(s.no);
        return;
      case 'while':
        while (truthy(await this.eval(s.test))) if (await this.loopBody(s.body)) break;
        return;
      case 'do':
        do {
          if (await this.loopBody(s.body)) break;
        } while (truthy(await this.eval(s.test)));
        return;
      case 'for':
        if (s.init) await this.exec(s.init);
        while (!s.test || truthy(await this.eval(s.test))) {
          if (await this.loopBody(s.body)) break;
          if (s.step) await this.exec(s.step);
        }
        return;
      case 'forin':
        for (const key of [...this.array(s.arr).keys()]) {
          this.vars.set(s.v, strnum(key));
          if (await this.loopBody(s.body)) break;
        }
        return;
      case 'block':
        return this.block(s.body);
      case 'next':
        throw new NextSignal();
      case 'exit':
        throw new ExitSignal(s.code ? Math.trunc(toNum(await this.eval(s.code))) : 0);
      case 'break':
        throw new LoopSignal('break');
      case 'continue':
        throw new LoopSignal('continue');
      case 'delete':
        if (s.subs) this.array(s.name).delete(await this.subscript(s.subs));
        else this.array(s.name).clear();
        return;
    }
  }

  /** Runs a loop body; true means `break`. */
  private async loopBody(body: Stmt): Promise<boolean> {
    try {
      await this.exec(body);
      return false;
    } catch (e) {
      if (e instanceof LoopSignal) return e.kind === 'break';
      throw e;
    }
  }
}

/**
 * Evaluating awk expressions: the current record and its fields, variables and arrays,
 * operators, and the built-in functions.
 */
import { posixRegExp } from '../regex.ts';
import type { Expr } from './ast.ts';
import { AwkSyntaxError } from './lexer.ts';
import { arith, sprintf, strnum, toNum, toStr, truthy, type Value } from './values.ts';

export class AwkEvaluator {
  readonly vars = new Map<string, Value>();
  readonly arrays = new Map<string, Map<string, Value>>();
  protected fields: string[] = [''];
  protected record = '';
  protected nf = 0;
  protected rngSeed = 0;

  protected setRecord(text: string): void {
    this.record = text;
    const fs = toStr(this.vars.get('FS') ?? ' ');
    let parts: string[];
    if (text === '') parts = [];
    else if (fs === ' ') parts = text.trim().split(/[ \t\n]+/).filter((p, i, all) => p !== '' || all.length > 1);
    else if (fs.length === 1 && fs !== '\\') parts = text.split(fs);
    else parts = text.split(posixRegExp(fs, { extended: true }));
    if (fs === ' ' && text.trim() === '') parts = [];
    this.fields = [text, ...parts];
    this.nf = parts.length;
    this.vars.set('NF', this.nf);
  }

  protected rebuildRecord(): void {
    const ofs = toStr(this.vars.get('OFS') ?? ' ');
    this.record = this.fields.slice(1, this.nf + 1).map((f) => f ?? '').join(ofs);
    this.fields[0] = this.record;
  }

  protected getField(i: number): Value {
    if (i === 0) return strnum(this.record);
    return strnum(this.fields[i] ?? '');
  }

  protected setField(i: number, v: string): void {
    if (i === 0) {
      this.setRecord(v);
      return;
    }
    while (this.fields.length <= i) this.fields.push('');
    this.fields[i] = v;
    if (i > this.nf) this.nf = i;
    this.vars.set('NF', this.nf);
    this.rebuildRecord();
  }

  protected array(name: string): Map<string, Value> {
    let a = this.arrays.get(name);
    if (!a) {
      a = new Map();
      this.arrays.set(name, a);
    }
    return a;
  }

  protected async subscript(subs: Expr[]): Promise<string> {
    const parts: string[] = [];
    for (const s of subs) parts.push(toStr(await this.eval(s), toStr(this.vars.get('CONVFMT') ?? '%.6g')));
    return parts.join(toStr(this.vars.get('SUBSEP') ?? '\x1c'));
  }

  protected async assignTo(target: Expr, v: Value): Promise<Value> {
    if (target.k === 'var') {
      this.vars.set(target.name, v);
      if (target.name === 'NF') {
        this.nf = Math.trunc(toNum(v));
        this.fields.length = this.nf + 1;
        this.rebuildRecord();
      }
    } else if (target.k === 'field') this.setField(Math.trunc(toNum(await this.eval(target.index))), toStr(v));
    else if (target.k === 'index') this.array(target.name).set(await this.subscript(target.subs), v);
    else if (target.k === 'group') return this.assignTo(target.e, v);
    return v;
  }

  protected regexOf(v: Expr, value: Value | undefined): RegExp {
    const src = v.k === 're' ? v.v : toStr(value ?? '');
    return posixRegExp(src, { extended: true });
  }

  async eval(e: Expr): Promise<Value> {
    switch (e.k) {
      case 'num':
        return e.v;
      case 'str':
        return e.v;
      case 're':
        return this.regexOf(e, undefined).test(this.record) ? 1 : 0;
      case 'group':
        return this.eval(e.e);
      case 'var':
        return this.vars.get(e.name) ?? '';
      case 'field':
        return this.getField(Math.trunc(toNum(await this.eval(e.index))));
      case 'index': {
        const a = this.array(e.name);
        const key = await this.subscript(e.subs);
        if (!a.has(key)) a.set(key, '');
        return a.get(key) as Value;
      }
      case 'in':
        return this.array(e.name).has(await this.subscript(e.subs)) ? 1 : 0;
      case 'assign': {
        if (e.op === '=') return this.assignTo(e.target, await this.eval(e.value));
        const cur = toNum(await this.eval(e.target));
        const rhs = toNum(await this.eval(e.value));
        return this.assignTo(e.target, arith(e.op.slice(0, -1), cur, rhs));
      }
      case 'incdec': {
        const cur = toNum(await this.eval(e.target));
        const next = e.op === '++' ? cur + 1 : cur - 1;
        await this.assignTo(e.target, next);
        return e.prefix ? next : cur;
      }
      case 'cond':
        return truthy(await this.eval(e.test)) ? this.eval(e.yes) : this.eval(e.no);
      case 'un': {
        const v = await this.eval(e.a);
        if (e.op === '!') return truthy(v) ? 0 : 1;
        return e.op === '-' ? -toNum(v) : toNum(v);
      }
      case 'bin':
        return this.binary(e);
      case 'call':
        return this.call(e.name, e.args);
    }
  }

  protected async binary(e: Extract<Expr, { k: 'bin' }>): Promise<Value> {
    if (e.op === '&&') return truthy(await this.eval(e.a)) && truthy(await this.eval(e.b)) ? 1 : 0;
    if (e.op === '||') return truthy(await this.eval(e.a)) || truthy(await this.eval(e.b)) ? 1 : 0;
    if (e.op === '~' || e.op === '!~') {
      const subject = toStr(await this.eval(e.a));
      const re = this.regexOf(e.b, e.b.k === 're' ? undefined : await this.eval(e.b));
      return re.test(subject) === (e.op === '~') ? 1 : 0;
    }
    const a = await this.eval(e.a);
    const b = await this.eval(e.b);
    if (e.op === 'concat') {
      const convfmt = toStr(this.vars.get('CONVFMT') ?? '%.6g');
      return toStr(a, convfmt) + toStr(b, convfmt);
    }
    if (['<', '<=', '>', '>=', '==', '!='].includes(e.op)) {
      const numeric = (v: Value) => typeof v === 'number' || typeof v === 'object';
      let c: number;
      if (numeric(a) && numeric(b)) c = toNum(a) - toNum(b);
      else {
        const x = toStr(a);
        const y = toStr(b);
        c = x < y ? -1 : x > y ? 1 : 0;
      }
      const r = { '<': c < 0, '<=': c <= 0, '>': c > 0, '>=': c >= 0, '==': c === 0, '!=': c !== 0 }[e.op];
      return r ? 1 : 0;
    }
    return arith(e.op, toNum(a), toNum(b));
  }

  protected async call(name: string, args: Expr[]): Promise<Value> {
    const str = async (i: number) => toStr(await this.eval(args[i]));
    const num = async (i: number) => toNum(await this.eval(args[i]));
    switch (name) {
      case 'length':
        if (args.length === 0) return [...this.record].length;
        if (args[0].k === 'var' && this.arrays.has(args[0].name)) return this.array(args[0].name).size;
        return [...(await str(0))].length;
      case 'substr': {
        const s = [...(await str(0))];
        const m = Math.round(await num(1));
        const n = args.length > 2 ? Math.round(await num(2)) : Infinity;
        const start = Math.max(1, m);
        const end = n === Infinity ? s.length + 1 : Math.min(s.length + 1, m + n);
        return end > start ? s.slice(start - 1, end - 1).join('') : '';
      }
      case 'index': {
        const i = (await str(0)).indexOf(await str(1));
        return i + 1;
      }
      case 'split': {
        const s = await str(0);
        const target = args[1];
        if (target?.k !== 'var') throw new AwkSyntaxError('split: second argument must be an array');
        const fs = args.length > 2 ? (args[2].k === 're' ? args[2].v : await str(2)) : toStr(this.vars.get('FS') ?? ' ');
        const parts = s === '' ? [] : fs === ' ' ? s.trim().split(/[ \t\n]+/) : fs.length === 1 ? s.split(fs) : s.split(posixRegExp(fs, { extended: true }));
        const arr = this.array(target.name);
        arr.clear();
        parts.forEach((p, i) => arr.set(String(i + 1), strnum(p)));
        return parts.length;
      }
      case 'sub':
      case 'gsub': {
        const re = this.regexOf(args[0], args[0].k === 're' ? undefined : await this.eval(args[0]));
        const repl = await str(1);
        const target = args[2] ?? { k: 'field', index: { k: 'num', v: 0 } };
        const subject = toStr(await this.eval(target));
        let count = 0;
        const g = new RegExp(re.source, 'g');
        const out = subject.replace(g, (m: string) => {
          if (name === 'sub' && count > 0) return m;
          count++;
          return repl.replace(/\\\\&|\\&|&/g, (x) => (x === '&' ? m : x === '\\&' ? '&' : '\\'));
        });
        if (count > 0) await this.assignTo(target, out);
        return count;
      }
      case 'match': {
        const s = await str(0);
        const re = this.regexOf(args[1], args[1].k === 're' ? undefined : await this.eval(args[1]));
        const m = re.exec(s);
        this.vars.set('RSTART', m ? m.index + 1 : 0);
        this.vars.set('RLENGTH', m ? m[0].length : -1);
        return m ? m.index + 1 : 0;
      }
      case 'sprintf': {
        const vals: Value[] = [];
        for (const a of args) vals.push(await this.eval(a));
        return sprintf(toStr(vals[0] ?? ''), vals.slice(1));
      }
      case 'toupper':
        return (await str(0)).toUpperCase();
      case 'tolower':
        return (await str(0)).toLowerCase();
      case 'int':
        return Math.trunc(await num(0));
      case 'sqrt':
        return Math.sqrt(await num(0));
      case 'exp':
        return Math.exp(await num(0));
      case 'log':
        return Math.log(await num(0));
      case 'sin':
        return Math.sin(await num(0));
      case 'cos':
        return Math.cos(await num(0));
      case 'atan2':
        return Math.atan2(await num(0), await num(1));
      case 'rand': {
        // A small LCG so `srand(n); rand()` repeats, as in awk.
        this.rngSeed = (this.rngSeed * 1103515245 + 12345) % 2147483648;
        return this.rngSeed / 2147483648;
      }
      case 'srand': {
        const prev = this.rngSeed;
        this.rngSeed = args.length ? Math.trunc(await num(0)) : Math.floor(Date.now() / 1000);
        return prev;
      }
      case 'close':
      case 'fflush':
        return 0;
      default:
        throw new AwkSyntaxError(`${name}() is not supported`);
    }
  }
}

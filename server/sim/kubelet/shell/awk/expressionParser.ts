/**
 * The expression half of the awk parser: precedence climbing from the ternary down to
 * primaries (POSIX awk's grammar), and the token cursor the statement parser shares.
 */
import type { Expr } from './ast.ts';
import { AwkSyntaxError, type Tok } from './lexer.ts';

export class ExpressionParser {
  protected i = 0;
  /** Inside `print`'s arguments a bare `>` is a redirection, not a comparison. */
  protected noGt = 0;
  /** Inside a for(;;) header `in` must not be taken as the membership operator. */
  constructor(private readonly toks: Tok[]) {}

  protected peek(o = 0): Tok {
    return this.toks[this.i + o];
  }
  protected isOp(v: string, o = 0): boolean {
    const t = this.peek(o);
    return t.t === 'op' && t.v === v;
  }
  protected eat(v: string): void {
    if (!this.isOp(v)) throw new AwkSyntaxError(`syntax error: expected '${v}'`);
    this.i++;
  }
  protected opt(v: string): boolean {
    if (this.isOp(v)) {
      this.i++;
      return true;
    }
    return false;
  }
  protected newlines(): void {
    while (this.peek().t === 'nl') this.i++;
  }
  protected terminators(): void {
    while (this.peek().t === 'nl' || this.isOp(';')) this.i++;
  }

  protected exprList(close: string | undefined): Expr[] {
    const list: Expr[] = [];
    if (close && this.opt(close)) return list;
    for (;;) {
      list.push(this.expr());
      if (this.opt(',')) {
        this.newlines();
        continue;
      }
      if (close) this.eat(close);
      return list;
    }
  }

  expr(): Expr {
    return this.ternary();
  }

  protected ternary(): Expr {
    const test = this.or();
    if (this.opt('?')) {
      this.newlines();
      const yes = this.ternary();
      this.newlines();
      this.eat(':');
      this.newlines();
      return { k: 'cond', test, yes, no: this.ternary() };
    }
    if (this.peek().t === 'op' && ['=', '+=', '-=', '*=', '/=', '%=', '^='].includes((this.peek() as { v: string }).v) && isLvalue(test)) {
      const op = (this.peek() as { v: string }).v;
      this.i++;
      this.newlines();
      return { k: 'assign', op, target: test, value: this.ternary() };
    }
    return test;
  }

  protected or(): Expr {
    let a = this.and();
    while (this.isOp('||')) {
      this.i++;
      this.newlines();
      a = { k: 'bin', op: '||', a, b: this.and() };
    }
    return a;
  }

  protected and(): Expr {
    let a = this.inExpr();
    while (this.isOp('&&')) {
      this.i++;
      this.newlines();
      a = { k: 'bin', op: '&&', a, b: this.inExpr() };
    }
    return a;
  }

  protected inExpr(): Expr {
    let a = this.match();
    while (this.isOp('in') && this.peek(1).t === 'name') {
      this.i++;
      const name = (this.peek() as { v: string }).v;
      this.i++;
      a = { k: 'in', subs: a.k === 'group' && a.e.k === 'bin' && a.e.op === ',' ? flattenComma(a.e) : [a], name };
    }
    return a;
  }

  protected match(): Expr {
    let a = this.comparison();
    while (this.isOp('~') || this.isOp('!~')) {
      const op = (this.peek() as { v: string }).v;
      this.i++;
      a = { k: 'bin', op, a, b: this.comparison() };
    }
    return a;
  }

  protected comparison(): Expr {
    const a = this.concat();
    for (const op of ['<', '<=', '!=', '==', '>', '>=']) {
      if (this.isOp(op) && !(op === '>' && this.noGt > 0)) {
        this.i++;
        return { k: 'bin', op, a, b: this.concat() };
      }
    }
    return a;
  }

  /** Juxtaposition concatenates: `a " " b`. */
  protected concat(): Expr {
    let a = this.additive();
    while (this.startsOperand()) a = { k: 'bin', op: 'concat', a, b: this.additive() };
    return a;
  }

  protected primaryConcat(): Expr {
    return this.concat();
  }

  protected startsOperand(): boolean {
    const t = this.peek();
    if (t.t === 'num' || t.t === 'str' || t.t === 're' || t.t === 'name' || t.t === 'func') return true;
    return t.t === 'op' && ['$', '!', '(', '-', '+', '++', '--'].includes(t.v) && !(t.v === '-' || t.v === '+') ? true : false;
  }

  protected additive(): Expr {
    let a = this.multiplicative();
    while (this.isOp('+') || this.isOp('-')) {
      const op = (this.peek() as { v: string }).v;
      this.i++;
      a = { k: 'bin', op, a, b: this.multiplicative() };
    }
    return a;
  }

  protected multiplicative(): Expr {
    let a = this.unary();
    while (this.isOp('*') || this.isOp('/') || this.isOp('%')) {
      const op = (this.peek() as { v: string }).v;
      this.i++;
      a = { k: 'bin', op, a, b: this.unary() };
    }
    return a;
  }

  protected unary(): Expr {
    if (this.isOp('!')) {
      this.i++;
      return { k: 'un', op: '!', a: this.unary() };
    }
    if (this.isOp('-') || this.isOp('+')) {
      const op = (this.peek() as { v: string }).v;
      this.i++;
      return { k: 'un', op, a: this.unary() };
    }
    return this.power();
  }

  protected power(): Expr {
    const a = this.postfix();
    if (this.isOp('^')) {
      this.i++;
      return { k: 'bin', op: '^', a, b: this.unary() };
    }
    return a;
  }

  protected postfix(): Expr {
    if (this.isOp('++') || this.isOp('--')) {
      const op = (this.peek() as { v: string }).v;
      this.i++;
      return { k: 'incdec', op, prefix: true, target: this.postfix() };
    }
    const a = this.primary();
    if ((this.isOp('++') || this.isOp('--')) && isLvalue(a)) {
      const op = (this.peek() as { v: string }).v;
      this.i++;
      return { k: 'incdec', op, prefix: false, target: a };
    }
    return a;
  }

  protected primary(): Expr {
    const t = this.peek();
    this.i++;
    if (t.t === 'num') return { k: 'num', v: t.v };
    if (t.t === 'str') return { k: 'str', v: t.v };
    if (t.t === 're') return { k: 're', v: t.v };
    if (t.t === 'op' && t.v === '$') return { k: 'field', index: this.primaryForField() };
    if (t.t === 'op' && t.v === '(') {
      this.noGt++;
      const saved = this.noGt;
      this.noGt = 0;
      try {
        const first = this.expr();
        if (this.isOp(',')) {
          // `(a, b) in arr`
          const list = [first];
          while (this.opt(',')) list.push(this.expr());
          this.eat(')');
          return { k: 'group', e: list.slice(1).reduce<Expr>((acc, e) => ({ k: 'bin', op: ',', a: acc, b: e }), first) };
        }
        this.eat(')');
        return { k: 'group', e: first };
      } finally {
        this.noGt = saved - 1;
      }
    }
    if (t.t === 'func') {
      if (!this.isOp('(')) {
        if (t.v === 'length') return { k: 'call', name: 'length', args: [] };
        throw new AwkSyntaxError(`syntax error: ${t.v} needs arguments`);
      }
      this.i++;
      return { k: 'call', name: t.v, args: this.exprList(')') };
    }
    if (t.t === 'name') {
      if (this.isOp('[')) {
        this.i++;
        return { k: 'index', name: t.v, subs: this.exprList(']') };
      }
      return { k: 'var', name: t.v };
    }
    throw new AwkSyntaxError(`syntax error at ${t.t === 'op' ? `'${t.v}'` : t.t === 'eof' ? 'end of program' : 'newline'}`);
  }

  /** `$NF`, `$(i+1)`, `$i++` means `($i)++`. */
  protected primaryForField(): Expr {
    if (this.isOp('-')) {
      this.i++;
      return { k: 'un', op: '-', a: this.primaryForField() };
    }
    if (this.isOp('++') || this.isOp('--')) {
      const op = (this.peek() as { v: string }).v;
      this.i++;
      return { k: 'incdec', op, prefix: true, target: this.primary() };
    }
    return this.primary();
  }
}

function isLvalue(e: Expr): boolean {
  return e.k === 'var' || e.k === 'field' || e.k === 'index';
}

function flattenComma(e: Expr): Expr[] {
  return e.k === 'bin' && e.op === ',' ? [...flattenComma(e.a), e.b] : [e];
}

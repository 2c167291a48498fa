/** The statement half of the awk parser: rules, actions, control flow and print/printf. */
import type { Expr, Rule, Stmt } from './ast.ts';
import { ExpressionParser } from './expressionParser.ts';
import { AwkSyntaxError, lex } from './lexer.ts';

class Parser extends ExpressionParser {
  program(): Rule[] {
    const rules: Rule[] = [];
    this.terminators();
    while (this.peek().t !== 'eof') {
      const rule: Rule = {};
      if (this.opt('BEGIN')) rule.begin = true;
      else if (this.opt('END')) rule.end = true;
      else if (this.isOp('function')) throw new AwkSyntaxError('user-defined functions are not supported');
      else if (!this.isOp('{')) {
        rule.pattern = this.expr();
        if (this.opt(',')) {
          this.newlines();
          rule.range = [rule.pattern, this.expr()];
          rule.pattern = undefined;
        }
      }
      if (this.isOp('{')) rule.action = this.block();
      else if (rule.begin || rule.end) throw new AwkSyntaxError('BEGIN and END need an action');
      rules.push(rule);
      this.terminators();
    }
    return rules;
  }

  private block(): Stmt[] {
    this.eat('{');
    const body: Stmt[] = [];
    this.terminators();
    while (!this.isOp('}')) {
      if (this.peek().t === 'eof') throw new AwkSyntaxError("syntax error: missing '}'");
      body.push(this.statement());
      this.terminators();
    }
    this.eat('}');
    return body;
  }

  private simpleOrBlock(): Stmt {
    this.newlines();
    if (this.isOp(';')) {
      this.i++;
      return { k: 'block', body: [] };
    }
    return this.statement();
  }

  private statement(): Stmt {
    if (this.isOp('{')) return { k: 'block', body: this.block() };
    if (this.opt('if')) {
      this.eat('(');
      const test = this.expr();
      this.eat(')');
      const yes = this.simpleOrBlock();
      const save = this.i;
      this.terminators();
      if (this.opt('else')) return { k: 'if', test, yes, no: this.simpleOrBlock() };
      this.i = save;
      return { k: 'if', test, yes };
    }
    if (this.opt('while')) {
      this.eat('(');
      const test = this.expr();
      this.eat(')');
      return { k: 'while', test, body: this.simpleOrBlock() };
    }
    if (this.opt('do')) {
      const body = this.simpleOrBlock();
      this.terminators();
      this.eat('while');
      this.eat('(');
      const test = this.expr();
      this.eat(')');
      return { k: 'do', body, test };
    }
    if (this.opt('for')) {
      this.eat('(');
      const n = this.peek();
      if (n.t === 'name' && this.isOp('in', 1) && this.peek(2).t === 'name' && this.isOp(')', 3)) {
        this.i += 3;
        const arr = (this.peek(-1) as { v: string }).v;
        this.eat(')');
        return { k: 'forin', v: n.v, arr, body: this.simpleOrBlock() };
      }
      const init = this.isOp(';') ? undefined : this.simple();
      this.eat(';');
      this.newlines();
      const test = this.isOp(';') ? undefined : this.expr();
      this.eat(';');
      this.newlines();
      const step = this.isOp(')') ? undefined : this.simple();
      this.eat(')');
      return { k: 'for', init, test, step, body: this.simpleOrBlock() };
    }
    if (this.opt('next')) return { k: 'next' };
    if (this.opt('break')) return { k: 'break' };
    if (this.opt('continue')) return { k: 'continue' };
    if (this.opt('exit')) return { k: 'exit', code: this.endOfSimple() ? undefined : this.expr() };
    if (this.opt('delete')) {
      const name = this.peek();
      if (name.t !== 'name') throw new AwkSyntaxError('syntax error: delete needs an array');
      this.i++;
      if (this.opt('[')) {
        const subs = this.exprList(']');
        return { k: 'delete', name: name.v, subs };
      }
      return { k: 'delete', name: name.v };
    }
    if (this.isOp('getline') || this.isOp('return') || this.isOp('nextfile')) throw new AwkSyntaxError(`${(this.peek() as { v: string }).v} is not supported`);
    return this.simple();
  }

  private endOfSimple(): boolean {
    const t = this.peek();
    return t.t === 'nl' || t.t === 'eof' || (t.t === 'op' && (t.v === ';' || t.v === '}'));
  }

  private simple(): Stmt {
    if (this.isOp('print') || this.isOp('printf')) {
      const kind = (this.peek() as { v: string }).v as 'print' | 'printf';
      this.i++;
      let args: Expr[] = [];
      this.noGt++;
      try {
        if (this.isOp('(')) {
          // `print (a, b)` or `print (a) b`: a parenthesized list only when a `)` ends the statement.
          const save = this.i;
          this.i++;
          const outer = this.noGt;
          this.noGt = 0; // inside the parentheses `>` compares
          let list: Expr[];
          try {
            list = this.exprList(')');
          } finally {
            this.noGt = outer;
          }
          if (this.endOfSimple() || this.isOp('>') || this.isOp('>>') || this.isOp('|')) args = list;
          else {
            this.i = save;
            args = this.exprList(undefined);
          }
        } else if (!this.endOfSimple() && !this.isOp('>') && !this.isOp('>>')) args = this.exprList(undefined);
      } finally {
        this.noGt--;
      }
      let redirect: { op: string; target: Expr } | undefined;
      if (this.isOp('>') || this.isOp('>>') || this.isOp('|')) {
        const op = (this.peek() as { v: string }).v;
        this.i++;
        redirect = { op, target: this.primaryConcat() };
      }
      return { k: kind, args, redirect };
    }
    return { k: 'expr', e: this.expr() };
  }
}

export function parseAwk(src: string): Rule[] {
  return new Parser(lex(src)).program();
}

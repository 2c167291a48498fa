/** The syntax tree of an awk program: expressions, statements and pattern-action rules. */

export type Expr =
  | { k: 'num'; v: number }
  | { k: 'str'; v: string }
  | { k: 're'; v: string }
  | { k: 'var'; name: string }
  | { k: 'field'; index: Expr }
  | { k: 'index'; name: string; subs: Expr[] }
  | { k: 'assign'; op: string; target: Expr; value: Expr }
  | { k: 'cond'; test: Expr; yes: Expr; no: Expr }
  | { k: 'bin'; op: string; a: Expr; b: Expr }
  | { k: 'un'; op: string; a: Expr }
  | { k: 'incdec'; op: string; prefix: boolean; target: Expr }
  | { k: 'in'; subs: Expr[]; name: string }
  | { k: 'call'; name: string; args: Expr[] }
  | { k: 'group'; e: Expr };

export type Stmt =
  | { k: 'print'; args: Expr[]; redirect?: { op: string; target: Expr } }
  | { k: 'printf'; args: Expr[]; redirect?: { op: string; target: Expr } }
  | { k: 'expr'; e: Expr }
  | { k: 'if'; test: Expr; yes: Stmt; no?: Stmt }
  | { k: 'while'; test: Expr; body: Stmt }
  | { k: 'do'; body: Stmt; test: Expr }
  | { k: 'for'; init?: Stmt; test?: Expr; step?: Stmt; body: Stmt }
  | { k: 'forin'; v: string; arr: string; body: Stmt }
  | { k: 'block'; body: Stmt[] }
  | { k: 'next' }
  | { k: 'exit'; code?: Expr }
  | { k: 'break' }
  | { k: 'continue' }
  | { k: 'delete'; name: string; subs?: Expr[] };

export interface Rule {
  begin?: boolean;
  end?: boolean;
  pattern?: Expr;
  range?: [Expr, Expr];
  inRange?: boolean;
  action?: Stmt[];
}

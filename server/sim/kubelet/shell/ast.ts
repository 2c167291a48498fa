/**
 * The parsed form of a POSIX `sh` script (the grammar of XCU 2.10, as busybox ash
 * accepts it). Words keep their quoting so expansion, field splitting and pathname
 * expansion can happen at run time, when `a=1; echo $a` sees the new value.
 */
export type Segment =
  | { kind: 'lit'; text: string; quoted: boolean }
  /** `$name`, `${name}` or `${name<op>word}`: `name` holds everything between the braces. */
  | { kind: 'var'; name: string; quoted: boolean }
  /** `$(...)` or a backquoted command: its source, parsed when it runs. */
  | { kind: 'cmd'; source: string; quoted: boolean }
  /** `$((...))`: its source, expanded then evaluated when it runs. */
  | { kind: 'arith'; source: string; quoted: boolean };

export type Word = Segment[];

export interface Redirect {
  fd: number;
  /** `>&`/`<&` duplicate the fd named by `target`; `<<` is a here-document (its text in `heredoc`). */
  op: '>' | '>>' | '>|' | '<' | '<>' | '>&' | '<&' | '<<';
  target: Word;
  /** A here-document's body: literal when its delimiter was quoted, else expanded like "...". */
  heredoc?: Word;
}

export interface SimpleCommand {
  type: 'simple';
  assigns: { name: string; value: Word }[];
  words: Word[];
  redirects: Redirect[];
}

export interface IfCommand {
  type: 'if';
  clauses: { cond: List; body: List }[];
  elseBody?: List;
  redirects: Redirect[];
}

export interface LoopCommand {
  type: 'while' | 'until';
  cond: List;
  body: List;
  redirects: Redirect[];
}

export interface ForCommand {
  type: 'for';
  name: string;
  /** Absent: `for x; do` / `for x do` iterate over "$@". */
  items?: Word[];
  body: List;
  redirects: Redirect[];
}

export interface CaseCommand {
  type: 'case';
  word: Word;
  items: { patterns: Word[]; body: List }[];
  redirects: Redirect[];
}

export interface GroupCommand {
  /** `{ ...; }` runs in this shell, `( ... )` in a copy of it. */
  type: 'group' | 'subshell';
  body: List;
  redirects: Redirect[];
}

export interface FunctionDefinition {
  type: 'function';
  name: string;
  body: Command;
}

export type Command = SimpleCommand | IfCommand | LoopCommand | ForCommand | CaseCommand | GroupCommand | FunctionDefinition;

export interface Pipeline {
  negate: boolean;
  commands: Command[];
}

export interface AndOr {
  first: Pipeline;
  rest: { op: '&&' | '||'; pipeline: Pipeline }[];
  /** Ended by `&`: runs without the shell waiting for it. */
  background: boolean;
}

export type List = AndOr[];

export type Script = List;

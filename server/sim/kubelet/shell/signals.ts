/**
 * How shell control flow unwinds: `exit`, `break`/`continue`, `return` and `exec` throw
 * these, and the interpreter catches each where it belongs (the top level, a loop, a
 * function call, the process). BrokenPipe and ExpansionError end a single command.
 */
/** Thrown by `exit`: unwinds to the shell's top level. */
export class ExitRequest {
  constructor(readonly code: number) {}
}

/** Thrown by `break N` / `continue N`: unwinds to the Nth enclosing loop. */
export class LoopControl {
  constructor(readonly kind: 'break' | 'continue', public levels: number) {}
}

/** Thrown by `return N`: unwinds to the function call. */
export class ReturnRequest {
  constructor(readonly code: number) {}
}

/** Written to a pipe whose reader has finished: the writer ends, as on SIGPIPE. */
export class BrokenPipe extends Error {}

/** An expansion that fails (`${x:?}`, bad arithmetic): the command does not run. */
export class ExpansionError extends Error {}

/** Thrown by `exec CMD...`: the shell is replaced by CMD (the caller runs it). */
export class ExecRequest {
  constructor(readonly argv: string[]) {}
}

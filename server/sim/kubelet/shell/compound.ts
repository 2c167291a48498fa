/**
 * Compound commands (XCU 2.9.4): groups, subshells (a copy of the shell; `exit` ends only
 * the copy), if, while/until, for and case. Loops hand the event loop back between
 * iterations, since the API server shares the process, and stop when the session is aborted.
 */
import type { Command as AstCommand, List, SimpleCommand } from './ast.ts';
import { casePattern, expand, expandWords } from './expansion.ts';
import type { RunIO, ShellState as Shell } from './shellState.ts';
import { matchPattern } from './pattern.ts';
import { ExitRequest, LoopControl } from './signals.ts';

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function runCompound(shell: Shell, cmd: Exclude<AstCommand, SimpleCommand | { type: 'function' }>, io: RunIO): Promise<number> {
  switch (cmd.type) {
    case 'group':
      return shell.runList(cmd.body, io);
    case 'subshell': {
      const sub = shell.fork();
      try {
        return await sub.runList(cmd.body, io);
      } catch (e) {
        if (e instanceof ExitRequest) return e.code;
        throw e;
      }
    }
    case 'if': {
      for (const clause of cmd.clauses) {
        if ((await shell.asCondition(() => shell.runList(clause.cond, io))) === 0) return shell.runList(clause.body, io);
      }
      return cmd.elseBody ? shell.runList(cmd.elseBody, io) : 0;
    }
    case 'while':
    case 'until': {
      let status = 0;
      for (;;) {
        if (io.signal.aborted) return 130;
        const cond = await shell.asCondition(() => shell.runList(cmd.cond, io));
        if ((cmd.type === 'while') !== (cond === 0)) break;
        const r = await loopBody(shell, cmd.body, io);
        status = r.status;
        if (r.stop) break;
        await yieldToEventLoop();
      }
      return status;
    }
    case 'for': {
      const items = cmd.items ? await expandWords(shell, cmd.items, io) : shell.positional.slice(1);
      let status = 0;
      for (const item of items) {
        if (io.signal.aborted) return 130;
        shell.vars.set(cmd.name, item);
        const r = await loopBody(shell, cmd.body, io);
        status = r.status;
        if (r.stop) break;
        await yieldToEventLoop();
      }
      return status;
    }
    case 'case': {
      const subject = (await expand(shell, cmd.word, io, false)).join('');
      for (const item of cmd.items) {
        for (const p of item.patterns) {
          if (matchPattern(await casePattern(shell, p, io), subject)) return shell.runList(item.body, io);
        }
      }
      return 0;
    }
  }
}

/** One iteration of a loop's body: `break`/`continue` aimed at this loop stop here. */
async function loopBody(shell: Shell, body: List, io: RunIO): Promise<{ status: number; stop: boolean }> {
  try {
    return { status: await shell.runList(body, io), stop: false };
  } catch (e) {
    if (!(e instanceof LoopControl)) throw e;
    if (e.levels > 1) {
      e.levels--;
      throw e;
    }
    return { status: 0, stop: e.kind === 'break' };
  }
}

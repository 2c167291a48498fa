/**
 * Line filters people pipe through: sed, tr, sort, uniq, cut, one file each. Each reads named
 * files or stdin, as busybox does; the regular expressions are POSIX (regex.ts).
 */
import type { Command } from '../interpreter.ts';
import { cut } from './cut.ts';
import { sed } from './sed.ts';
import { sort } from './sort.ts';
import { tr } from './tr.ts';
import { uniq } from './uniq.ts';

export const FILTER_COMMANDS: Record<string, Command> = { sed, tr, sort, uniq, cut };

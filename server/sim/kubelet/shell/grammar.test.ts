import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ShellHost } from './io.ts';
import { runOn, testHost } from './testHost.ts';
import { Vfs } from './vfs.ts';

function host(): ShellHost {
  const vfs = new Vfs();
  vfs.mkdir('/tmp', { parents: true });
  vfs.mkdir('/root', { parents: true });
  return testHost(vfs);
}

const sh = (script: string, stdin?: string, signal?: AbortSignal) => runOn(host(), ['sh', '-c', script, 'sh', 'one', 'two three'], { stdin, signal });

test('if / elif / else picks the first true branch', async () => {
  const r = await sh('for n in 1 2 3; do if [ $n -eq 1 ]; then echo one; elif [ $n = 2 ]; then echo two; else echo other; fi; done');
  assert.equal(r.out, 'one\ntwo\nother\n');
});

test('while and until loop on their condition; break and continue reach the right loop', async () => {
  const r = await sh('i=0; while [ $i -lt 5 ]; do i=$((i+1)); [ $i = 2 ] && continue; [ $i = 4 ] && break; echo $i; done; until [ $i -eq 0 ]; do i=$((i-1)); done; echo end $i\nfor a in x y; do for b in 1 2; do [ $b = 2 ] && continue 2; echo $a$b; done; done');
  assert.equal(r.out, '1\n3\nend 0\nx1\ny1\n');
});

test('for iterates over words, and over "$@" without an in-list', async () => {
  const r = await sh('for w in a "b c" $(echo d e); do echo "[$w]"; done; for p; do echo "<$p>"; done; echo "$# $1"');
  assert.equal(r.out, '[a]\n[b c]\n[d]\n[e]\n<one>\n<two three>\n2 one\n');
});

test('case matches globs, alternatives and quoted patterns', async () => {
  const r = await sh('for f in app.log notes.txt "*" README; do case $f in *.log|*.txt) echo "text $f";; "*") echo star;; [A-Z]*) echo upper;; *) echo other;; esac; done');
  assert.equal(r.out, 'text app.log\ntext notes.txt\nstar\nupper\n');
});

test('functions take arguments, return a status and see globals', async () => {
  const r = await sh('greet() { echo "hi $1 ($#)"; return 3; }\ngreet bob x; echo "rc=$?"; add() { echo $(( $1 + $2 )); }; add 2 40; echo "$1"');
  assert.equal(r.out, 'hi bob (2)\nrc=3\n42\none\n');
});

test('arithmetic: precedence, assignment operators, comparisons, hex, and division by zero', async () => {
  const r = await sh('x=7; echo $((1 + 2 * 3)) $(( (1+2)*3 )) $((x % 4)) $((x += 3)) $x $((x > 5 && x < 20)) $((0x10)) $((2**10)) $((-7/2)) $((x++)) $x $((x ? 1 : 2))');
  assert.equal(r.out, '7 9 3 10 10 1 16 1024 -3 10 11 1\n');
  const bad = await sh('echo $((1/0)); echo after');
  assert.equal(bad.err, 'sh: divide by zero\n');
});

test('here-documents expand unless the delimiter is quoted; <<- strips tabs', async () => {
  const r = await sh('name=world\ncat <<EOF\nhello $name\n$((1+1)) \\$x\nEOF\ncat <<\'EOF\'\nraw $name\nEOF\ncat <<-END\n\tindented\n\tEND\necho done');
  assert.equal(r.out, 'hello world\n2 $x\nraw $name\nindented\ndone\n');
});

test('groups share the shell, subshells do not; redirections apply to compound commands', async () => {
  const r = await sh('x=1; { x=2; echo in; } > /tmp/g; (x=3; echo sub); echo "x=$x"; cat /tmp/g; for i in 1 2; do echo $i; done >> /tmp/g; cat /tmp/g | wc -l; ls /nope 2>&1 | head -1');
  assert.equal(r.out, 'sub\nx=2\nin\n3\nls: cannot access \'/nope\': No such file or directory\n');
});

test('set -e stops at the first failing command, but not in conditions or && lists', async () => {
  const r = await sh('set -e; if false; then :; fi; false || true; false && echo no; echo before; false; echo after');
  assert.equal(r.out, 'before\n');
  assert.equal(r.code, 1);
});

test('parameter operators: defaults, alternatives, length, prefix and suffix removal', async () => {
  const r = await sh('f=/var/log/app.tar.gz; echo ${f##*/} ${f#*/} ${f%.*} ${f%%.*} ${#f} ${unset:-dflt} ${f:+set} ${new:=made} $new');
  assert.equal(r.out, 'app.tar.gz var/log/app.tar.gz /var/log/app.tar /var/log/app 19 dflt set made made\n');
  const missing = await sh('echo ${NEEDED:?must be set}; echo after');
  assert.equal(missing.err, 'sh: NEEDED: must be set\n');
});

test('pipes stream: an endless loop feeding head ends when head has its lines', async () => {
  const r = await sh('i=0; while true; do i=$((i+1)); echo line $i; done | head -n 3; echo "status ${?}"');
  assert.equal(r.out, 'line 1\nline 2\nline 3\nstatus 0\n');
});

test('a while-read loop reads its piped input line by line', async () => {
  const r = await sh('printf "a 1\\nb 2\\n" | while read k v; do echo "$v=$k"; done; shift; echo "$1"; set -- p q; echo "$# $2"');
  assert.equal(r.out, '1=a\n2=b\ntwo three\n2 q\n');
});

test('an endless loop yields to the event loop and stops when its process is killed', async () => {
  const ac = new AbortController();
  let timerRan = false;
  setTimeout(() => {
    timerRan = true;
    ac.abort();
  }, 20);
  const r = await sh('while true; do :; done', undefined, ac.signal);
  assert.ok(timerRan);
  assert.equal(r.code, 130);
});

test('syntax errors are reported as busybox ash words them', async () => {
  assert.equal((await sh('if true; then echo x; fi fi')).err, 'sh: syntax error: unexpected "fi"\n');
  assert.equal((await sh('while true; do echo x')).err, 'sh: syntax error: unexpected end of file (expecting "done")\n');
  assert.equal((await sh('echo a;; echo b')).code, 2);
});

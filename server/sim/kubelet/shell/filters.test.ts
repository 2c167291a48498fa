import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ShellHost } from './io.ts';
import { runOn, testHost } from './testHost.ts';
import { Vfs } from './vfs.ts';

function host(): ShellHost {
  const vfs = new Vfs();
  for (const d of ['/tmp', '/root', '/etc']) vfs.mkdir(d, { parents: true });
  vfs.writeFile('/etc/passwd', 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n');
  vfs.writeFile('/tmp/access.log', ['10.0.0.1 GET /a 200', '10.0.0.2 GET /b 404', '10.0.0.1 POST /a 200', '10.0.0.3 GET /a 500', '10.0.0.1 GET /c 200'].join('\n') + '\n');
  return testHost(vfs);
}

const sh = (script: string, stdin?: string, h = host()) => runOn(h, ['sh', '-c', script], { stdin });

test('awk: -F, $N, NR/NF, /re/ patterns, BEGIN/END, printf, variables and arithmetic', async () => {
  let r = await sh("awk -F: '{ print $1, $NF }' /etc/passwd");
  assert.equal(r.out, 'root /bin/sh\nnobody /usr/sbin/nologin\n');
  r = await sh("awk '/GET/ { n++; bytes += length($3) } END { printf \"%d GETs, %.1f avg path\\n\", n, bytes / n }' /tmp/access.log");
  assert.equal(r.out, '4 GETs, 2.0 avg path\n');
  r = await sh("awk 'BEGIN { OFS=\"-\" } NR > 1 && $4 != 200 { print NR, NF, $4 }' /tmp/access.log");
  assert.equal(r.out, '2-4-404\n4-4-500\n');
  r = await sh("awk '{ hits[$1]++ } END { for (ip in hits) print ip, hits[ip] }' /tmp/access.log | sort");
  assert.equal(r.out, '10.0.0.1 3\n10.0.0.2 1\n10.0.0.3 1\n');
  r = await sh("echo 'a b c' | awk '{ $2 = \"X\"; print; print NF; x = 2 ^ 10 % 7; print x, toupper(substr($0, 1, 3)) }'");
  assert.equal(r.out, 'a X c\n3\n2 A X\n');
  r = await sh("printf '1\\n2\\n3\\n' | awk -v k=10 '{ s += $1 * k } END { print s; print (s > 50 ? \"big\" : \"small\") }'");
  assert.equal(r.out, '60\nbig\n');
  r = await sh("echo 'key=value=x' | awk '{ n = split($0, p, \"=\"); sub(/=/, \": \"); print n, p[2], $0 }'");
  assert.equal(r.out, '3 value key: value=x\n');
});

test('awk reports what it cannot run instead of guessing', async () => {
  const r = await sh("awk 'function f(x) { return x } { print f(1) }'", '1\n');
  assert.equal(r.code, 2);
  assert.match(r.err, /^awk: cmd\. line:1: user-defined functions are not supported/);
  const bad = await sh("awk '{ print $1 '", '');
  assert.equal(bad.code, 2);
});

test('sed: s///g with & and \\1, -n with p, d, line and regex addresses, several -e, -i on files', async () => {
  let r = await sh("echo 'hello world' | sed 's/o/0/g; s/\\(h[a-z0-9]*\\) \\(w[a-z0-9]*\\)/\\2 \\1 [&]/'");
  assert.equal(r.out, 'w0rld hell0 [hell0 w0rld]\n');
  r = await sh("sed -n '/404/p; 3p' /tmp/access.log");
  assert.equal(r.out, '10.0.0.2 GET /b 404\n10.0.0.1 POST /a 200\n');
  r = await sh("sed -e '2,4d' -e 's/GET/get/' /tmp/access.log");
  assert.equal(r.out, '10.0.0.1 get /a 200\n10.0.0.1 get /c 200\n');
  r = await sh("sed -E 's/([0-9]+)$/<\\1>/' /tmp/access.log | sed -n '$p'");
  assert.equal(r.out, '10.0.0.1 GET /c <200>\n');
  r = await sh("printf 'a\\nb\\n' > /tmp/f && sed -i 's/b/B/; 1i top' /tmp/f && cat /tmp/f; sed 's/x/y' /tmp/f");
  assert.equal(r.out, 'top\na\nB\n');
  assert.match(r.err, /^sed: -e expression/);
});

test('tr: sets, ranges, classes, -d and -s', async () => {
  const r = await sh("echo 'Hello,   World' | tr a-z A-Z; echo 'Hello,   World' | tr -d ',l'; echo 'Hello,   World' | tr -s ' '; echo 'a1b22c' | tr -d '[:digit:]'; echo 'a:b:c' | tr ':' '\\n'");
  assert.equal(r.out, 'HELLO,   WORLD\nHeo   Word\nHello, World\nabc\na\nb\nc\n');
});

test('sort -n, -r, -u, -k with -t; uniq -c; cut -d -f; wc; head and tail -n', async () => {
  let r = await sh("printf '10\\n9\\n100\\n9\\n' | sort -n; printf 'b\\na\\nb\\n' | sort -u; printf 'b\\na\\nc\\n' | sort -r");
  assert.equal(r.out, '9\n9\n10\n100\na\nb\nc\nb\na\n');
  r = await sh("sort -t: -k3,3n /etc/passwd | cut -d: -f1,3; cut -d' ' -f1 /tmp/access.log | sort | uniq -c");
  assert.equal(r.out, 'root:0\nnobody:65534\n      3 10.0.0.1\n      1 10.0.0.2\n      1 10.0.0.3\n');
  r = await sh("sort -k4 -k1,1r /tmp/access.log | head -n 2; tail -n 2 /tmp/access.log | wc -l; tail -n +4 /tmp/access.log");
  // Ties on both keys fall back to the whole line, as in sort without -s.
  assert.equal(r.out, '10.0.0.1 GET /a 200\n10.0.0.1 GET /c 200\n2\n10.0.0.3 GET /a 500\n10.0.0.1 GET /c 200\n');
});

test('grep -E, -i, -v, -c, -n, -o and basic regular expressions', async () => {
  const r = await sh("grep -E '40[0-9]|500' /tmp/access.log; grep -c GET /tmp/access.log; grep -in 'post' /tmp/access.log; grep -v 200 /tmp/access.log | wc -l; grep -o '/[a-z]' /tmp/access.log | sort -u; grep '\\(10\\.0\\)\\.0\\.[23]' /tmp/access.log | wc -l; grep -q nope /tmp/access.log || echo none");
  assert.equal(r.out, '10.0.0.2 GET /b 404\n10.0.0.3 GET /a 500\n4\n3:10.0.0.1 POST /a 200\n2\n/a\n/b\n/c\n2\nnone\n');
});

test('base64 encodes in 76-column lines (or one with -w 0) and -d decodes a Secret value back', async () => {
  let r = await sh('printf s3cr3t-p4ss | base64; base64 -d <<EOF\nczNjcjN0LXA0c3M=\nEOF\necho');
  assert.equal(r.out, 'czNjcjN0LXA0c3M=\ns3cr3t-p4ss\n');
  r = await sh('seq 1 30 | base64');
  assert.deepEqual(r.out.split('\n').map((l) => l.length), [76, 32, 0]);
  r = await sh('seq 1 30 | base64 -w 0; echo; seq 1 30 | base64 | base64 -d | tail -n 1; base64 /etc/passwd | base64 -d | head -n 1');
  assert.equal(r.out, 'MQoyCjMKNAo1CjYKNwo4CjkKMTAKMTEKMTIKMTMKMTQKMTUKMTYKMTcKMTgKMTkKMjAKMjEKMjIKMjMKMjQKMjUKMjYKMjcKMjgKMjkKMzAK\n30\nroot:x:0:0:root:/root:/bin/sh\n');
});

test('base64 -d stops at input that is not base64, and a missing file is named as busybox does', async () => {
  let r = await sh("echo 'aGVsbG8=!!' | base64 -d");
  assert.equal(r.code, 1);
  assert.equal(r.out, 'hello');
  assert.equal(r.err, 'base64: invalid input\n');
  r = await sh('base64 /nope');
  assert.equal(r.code, 1);
  assert.equal(r.err, "base64: can't open '/nope': No such file or directory\n");
});

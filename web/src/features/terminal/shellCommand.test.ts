import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_SHELL_ARGV, splitCommand, terminalArgv } from './shellCommand.ts';
import { parseExitStatus } from './sessionEnd.ts';
import { streamPath } from './streamUrl.ts';

test('with no command the terminal runs one sh -c that prefers bash, then ash, then sh', () => {
  assert.deepEqual(terminalArgv(undefined), DEFAULT_SHELL_ARGV);
  assert.deepEqual(terminalArgv('   '), DEFAULT_SHELL_ARGV);
  assert.equal(DEFAULT_SHELL_ARGV[0], 'sh');
  assert.match(DEFAULT_SHELL_ARGV[2], /exec bash .*exec ash .*exec sh$/);
});

test('a user command is split like a shell would, quotes and escapes included', () => {
  assert.deepEqual(splitCommand(`python3 -c 'print("hi there")'`), ['python3', '-c', 'print("hi there")']);
  assert.deepEqual(splitCommand(`psql -U "shop user" --set=x\\ y ''`), ['psql', '-U', 'shop user', '--set=x y', '']);
  assert.deepEqual(terminalArgv('/bin/bash -l'), ['/bin/bash', '-l']);
  assert.throws(() => splitCommand(`echo 'oops`), /unterminated ' quote/);
});

test('the exec URL repeats command per argv element and asks for a tty without stderr', () => {
  const path = streamPath({ kind: 'exec', context: 'demo', namespace: 'shop', pod: 'web-1', container: 'web', argv: ['sh', '-c', 'echo a && echo b'] });
  assert.equal(path, 'api/v1/namespaces/shop/pods/web-1/exec?command=sh&command=-c&command=echo+a+%26%26+echo+b&container=web&stdin=true&stdout=true&stderr=false&tty=true');
  const attach = streamPath({ kind: 'attach', context: 'demo', namespace: 'shop', pod: 'web-1', container: 'web' });
  assert.match(attach, /\/pods\/web-1\/attach\?container=web&stdin=true/);
});

test('a v1-v3 text status still reads as a failure message', () => {
  assert.deepEqual(parseExitStatus('command terminated with non-zero exit code: x'), { kind: 'failed', message: 'command terminated with non-zero exit code: x' });
  assert.equal(parseExitStatus(''), undefined);
});

test('terminal links carry the pod, container or workload in the query', async () => {
  const { terminalPath } = await import('./terminalLink.ts');
  assert.equal(terminalPath('kind-prod/admin@x', { namespace: 'shop', pod: 'web-1' }), '/c/kind-prod%2Fadmin%40x/terminal?ns=shop&pod=web-1');
  assert.equal(terminalPath('demo', { namespace: 'shop', workload: 'Deployment/frontend' }), '/c/demo/terminal?ns=shop&workload=Deployment%2Ffrontend');
});

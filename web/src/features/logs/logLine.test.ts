import { test } from 'node:test';
import assert from 'node:assert/strict';
import { logQuery, parseLogLine, splitMatches, withoutRepeats } from './logLine.ts';

test('a timestamped line splits into its RFC3339 time and the text; an unstamped one keeps all its text', () => {
  assert.deepEqual(parseLogLine('2026-01-01T10:00:00.123456789Z GET /healthz 200'), { ts: '2026-01-01T10:00:00.123456789Z', text: 'GET /healthz 200' });
  assert.deepEqual(parseLogLine('plain text line'), { ts: '', text: 'plain text line' });
});

test('following asks for timestamps and the tail; resuming asks from the last time seen instead', () => {
  assert.equal(logQuery({ container: 'api', follow: true, previous: false, tailLines: 100 }), 'container=api&timestamps=true&follow=true&tailLines=100');
  assert.equal(logQuery({ container: 'api', follow: true, previous: false, tailLines: 100, sinceTime: '2026-01-01T10:00:00Z' }), 'container=api&timestamps=true&follow=true&sinceTime=2026-01-01T10%3A00%3A00Z');
  assert.equal(logQuery({ container: 'api', follow: true, previous: true }), 'container=api&timestamps=true&previous=true');
});

test('a resumed stream does not repeat the lines already shown', () => {
  const have = [
    { ts: '2026-01-01T10:00:01Z', text: 'a' },
    { ts: '2026-01-01T10:00:02Z', text: 'b' },
  ];
  const incoming = [
    { ts: '2026-01-01T10:00:02Z', text: 'b' },
    { ts: '2026-01-01T10:00:02Z', text: 'b2' },
    { ts: '2026-01-01T10:00:03Z', text: 'c' },
  ];
  assert.deepEqual(
    withoutRepeats(have, incoming, '2026-01-01T10:00:02Z').map((l) => l.text),
    ['b2', 'c'],
  );
});

test('search matches are marked without losing any text, ignoring case', () => {
  assert.deepEqual(splitMatches('GET /api 500 ERROR error', 'error'), [
    { text: 'GET /api 500 ', match: false },
    { text: 'ERROR', match: true },
    { text: ' ', match: false },
    { text: 'error', match: true },
  ]);
  assert.deepEqual(splitMatches('x', ''), [{ text: 'x', match: false }]);
});

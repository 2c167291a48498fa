import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { test } from 'node:test';
import { createSessionSealer, parseCookies } from './sessionCookie.ts';
import type { Session } from './identity.ts';

const OLD = 'o'.repeat(40);
const NEW = 'n'.repeat(40);
const session = (over: Partial<Session> = {}): Session => ({ mode: 'token', context: 'c', token: 'secret-token', identity: { user: 'alice', groups: ['team-a'] }, expiresAt: Date.now() + 60_000, ...over });
const requestWith = (cookies: string[]) => ({ headers: { cookie: cookies.map((c) => c.split(';')[0]).join('; ') } }) as IncomingMessage;
const opts = { basePath: '/console/', secure: true };

test('a sealed session opens again with the same key, and its content is not readable in the cookie', async () => {
  const sealer = createSessionSealer([NEW]);
  const cookies = sealer.setCookies(await sealer.seal(session()), opts, 60);
  assert.match(cookies[0], /^console_session=[\w-]+\.\.[\w-]+\.[\w-]+\.[\w-]+; Path=\/console\/; HttpOnly; SameSite=Strict; Max-Age=60; Secure$/);
  assert.ok(!cookies.join().includes('secret-token') && !cookies.join().includes('alice'));
  const opened = await sealer.open(requestWith(cookies));
  assert.deepEqual(opened?.identity, { user: 'alice', groups: ['team-a'] });
  assert.equal(opened?.token, 'secret-token');
});

test('keys rotate: a session sealed with the old key opens while the old key is still listed, and not after', async () => {
  const before = createSessionSealer([OLD]);
  const cookies = before.setCookies(await before.seal(session()), opts, 60);
  assert.equal((await createSessionSealer([NEW, OLD]).open(requestWith(cookies)))?.identity.user, 'alice');
  assert.equal(await createSessionSealer([NEW]).open(requestWith(cookies)), undefined);
});

test('a tampered, truncated or expired cookie opens to nothing', async () => {
  const sealer = createSessionSealer([NEW]);
  const [value] = await sealer.seal(session());
  const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
  for (const bad of [flip(value, value.length - 5), flip(value, 10), value.slice(0, -10), 'garbage', '', '..', 'a.b.c.d.e']) {
    assert.equal(await sealer.open(requestWith([`console_session=${bad}`])), undefined, bad.slice(0, 20));
  }
  const [expired] = await sealer.seal(session({ expiresAt: Date.now() - 1000 }));
  assert.equal(await sealer.open(requestWith([`console_session=${expired}`])), undefined);
});

test('a session larger than one cookie is split across numbered cookies and put back together', async () => {
  const sealer = createSessionSealer([NEW]);
  const big = session({ token: 'x'.repeat(5000), refreshToken: 'r'.repeat(1500) });
  const chunks = await sealer.seal(big);
  assert.ok(chunks.length >= 2);
  const cookies = sealer.setCookies(chunks, opts, 60);
  assert.ok(cookies.every((c) => c.length < 4096));
  assert.equal((await sealer.open(requestWith(cookies.filter((c) => !c.includes('=;')))))?.token, big.token);
  // A smaller session later clears the chunks it no longer needs.
  const small = sealer.setCookies(await sealer.seal(session()), opts, 60);
  assert.ok(small.some((c) => /^console_session\.1=; .*Max-Age=0/.test(c)));
});

test('cookies are parsed as browsers send them; the first of a name wins', () => {
  assert.deepEqual([...parseCookies('a=1; console_session=x.y; a=2;  b = 3 ; novalue')], [['a', '1'], ['console_session', 'x.y'], ['b', '3']]);
  assert.equal(parseCookies(undefined).size, 0);
});

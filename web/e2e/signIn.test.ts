/**
 * Token sign-in, end to end: the console in token mode before a demo cluster that enforces
 * RBAC for the ServiceAccount tokens it issues. Each user sees what their Role allows, a
 * refused write names the missing permission, sign-out ends the session, and a session that
 * ends under an open form keeps the form's input.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { SCREENSHOTS } from './harness.ts';
import { newUserPage, signIn, signInStack } from './signInStack.ts';
import { waitForTable, waitForText } from './workloadsPage.ts';

const stack = signInStack();
const VIEWER = 'system:serviceaccount:team-a:viewer';
const EDITOR = 'system:serviceaccount:team-b:editor';

/** The pod names the admin sees in a namespace, once its deployment's pods exist. */
async function podsIn(ns: string): Promise<string[]> {
  const { demo } = await stack();
  for (;;) {
    const r = await demo.kubectl(['get', 'pods', '-n', ns, '-o', 'jsonpath={.items[*].metadata.name}']);
    const names = r.stdout.trim().split(/\s+/).filter(Boolean);
    if (r.code === 0 && names.length >= 2) return names;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function showPods(page: Page, url: string): Promise<string[][]> {
  await page.goto(`${url}c/demo/pods`);
  return waitForTable(page, (rows) => rows.some((r) => r.join(' ').includes('web-')), 'pods in the table', 40_000);
}

test('without a session the console shows the sign-in page, in English and in Chinese, and the API answers 401', async () => {
  const { console: server, browser } = await stack();
  const { context, page } = await newUserPage(browser);
  await page.goto(server.url);
  await page.getByTestId('sign-in-page').waitFor();
  assert.equal(await page.getByTestId('sign-in-token').getAttribute('type'), 'password');
  await page.screenshot({ path: join(SCREENSHOTS, 'signin-page-en.png') });
  await page.getByTestId('language').selectOption('zh');
  await page.getByRole('heading', { name: '登录' }).waitFor();
  await page.screenshot({ path: join(SCREENSHOTS, 'signin-page-zh.png') });
  const api = await page.request.get(`${server.url}api/contexts`);
  assert.equal(api.status(), 401);
  assert.equal((await api.json() as { reason: string }).reason, 'Unauthorized');
  await context.close();
});

test('a token the API server rejects is refused in a sentence, and nothing is signed in', async () => {
  const { console: server, browser } = await stack();
  const { context, page } = await newUserPage(browser);
  await page.goto(server.url);
  await page.getByTestId('sign-in-token').fill('not-a-token-the-cluster-issued');
  await page.getByTestId('sign-in-submit').click();
  await waitForText(page, '[data-testid="sign-in-refused"]', /did not accept this token/);
  assert.equal((await page.request.get(`${server.url}api/contexts`)).status(), 401);
  await context.close();
});

test('the viewer signs in with a token, is named in the header, and sees only team-a, the picker saying it cannot list namespaces', async () => {
  const { console: server, browser, tokens } = await stack();
  const teamA = await podsIn('team-a');
  await podsIn('team-b');
  const { context, page } = await newUserPage(browser);
  await page.goto(server.url);
  await signIn(page, tokens.viewer, VIEWER);
  // The token is nowhere the page can read: not in storage, the URL or a script-readable cookie.
  const visible = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + location.href + document.cookie);
  assert.ok(!visible.includes(tokens.viewer.slice(20, 60)), 'the token must not be readable by the page');

  // It may not list namespaces: the picker says so and selects the one its identity names.
  await page.goto(`${server.url}c/demo/pods`);
  await page.waitForURL(/[?&]ns=team-a(&|$)/, { timeout: 30_000 });
  await page.getByTestId('namespace-picker').click();
  await page.getByTestId('ns-cannot-list').waitFor();
  await page.getByTestId('user-menu').locator('summary').click();
  await page.screenshot({ path: join(SCREENSHOTS, 'signin-header-viewer.png') });
  const rows = await waitForTable(page, (r) => teamA.every((name) => r.some((x) => x.includes(name))), 'both team-a pods', 40_000);
  assert.ok(!rows.some((r) => r.join(' ').includes('web-b')), `team-b pods must not show: ${JSON.stringify(rows)}`);
  await context.close();
});

test('a viewer who may not list namespaces is told so, starts in the namespace of its account, and can add one it knows', async () => {
  const { console: server, browser, tokens } = await stack();
  const { context, page } = await newUserPage(browser);
  await page.goto(server.url);
  await signIn(page, tokens.viewer, VIEWER);
  await page.goto(`${server.url}c/demo/deployments`);
  await page.waitForURL(/[?&]ns=team-a(&|$)/, { timeout: 30_000 });
  await page.getByTestId('namespace-picker').click();
  await page.getByTestId('ns-cannot-list').waitFor();
  assert.equal(await page.getByRole('checkbox', { name: 'All namespaces' }).count(), 0, '"all" would only be refused');
  await page.getByTestId('ns-add').fill('team-b');
  await page.getByTestId('ns-add').press('Enter');
  await page.locator('.ns-picker__option', { hasText: 'team-b' }).filter({ hasText: 'not reachable' }).waitFor();
  await page.screenshot({ path: join(SCREENSHOTS, 'signin-namespace-picker.png') });
  // Typed names are remembered in this browser (they are not secrets) and offered again.
  await page.reload();
  await page.getByTestId('namespace-picker').click();
  await page.locator('.ns-picker__option', { hasText: 'team-b' }).filter({ hasText: 'not reachable' }).waitFor();
  await page.locator('.ns-picker__option', { hasText: 'team-a' }).waitFor();
  await context.close();
});

test('the viewer’s delete of a team-a pod is refused in plain words, and the pod is still there', async () => {
  const { console: server, browser, tokens, demo } = await stack();
  const [pod] = await podsIn('team-a');
  const { context, page } = await newUserPage(browser);
  await page.goto(server.url);
  await signIn(page, tokens.viewer, VIEWER);
  await page.goto(`${server.url}c/demo/pods/team-a/${pod}`);
  await page.getByTestId('pod-detail').waitFor({ timeout: 30_000 });
  await page.getByTestId('user-menu').locator('summary').click();
  await page.screenshot({ path: join(SCREENSHOTS, 'signin-header-en.png') });
  await page.getByTestId('user-menu').locator('summary').click();
  await page.getByRole('button', { name: /^Delete/ }).click();
  await page.getByTestId('delete-name').fill(pod);
  await page.getByTestId('delete-confirm').click();
  await waitForText(page, '[data-testid="action-error"]', new RegExp(`You \\(${VIEWER}\\) may not delete pods in namespace team-a\\.`));
  await page.screenshot({ path: join(SCREENSHOTS, 'signin-forbidden-delete.png') });
  const still = await demo.kubectl(['get', 'pod', pod, '-n', 'team-a', '-o', 'name']);
  assert.equal(still.stdout.trim(), `pod/${pod}`, 'the refused delete left the pod there');
  await context.close();
});

test('the editor, signed in at the same time in another browser context, sees team-b and not team-a', async () => {
  const { console: server, browser, tokens } = await stack();
  const teamA = await podsIn('team-a');
  const teamB = await podsIn('team-b');
  const viewer = await newUserPage(browser);
  const editor = await newUserPage(browser, 'zh-CN');
  await viewer.page.goto(server.url);
  await editor.page.goto(server.url);
  await signIn(viewer.page, tokens.viewer, VIEWER);
  await signIn(editor.page, tokens.editor, EDITOR);
  await showPods(viewer.page, server.url);
  await showPods(editor.page, server.url);
  const a = await waitForTable(viewer.page, (r) => teamA.every((n) => r.some((x) => x.includes(n))), 'the viewer’s team-a pods', 40_000);
  const b = await waitForTable(editor.page, (r) => teamB.every((n) => r.some((x) => x.includes(n))), 'the editor’s team-b pods', 40_000);
  assert.ok(!a.some((r) => r.join(' ').includes('web-b')), 'the viewer sees no team-b pod');
  assert.ok(!b.some((r) => r.join(' ').includes('web-a')), 'the editor sees no team-a pod');
  await editor.page.getByTestId('user-menu').locator('summary').click();
  await editor.page.screenshot({ path: join(SCREENSHOTS, 'signin-header-editor-zh.png') });
  await viewer.context.close();
  await editor.context.close();
});

test('signing out returns to the sign-in page, and the API then answers 401', async () => {
  const { console: server, browser, tokens } = await stack();
  const { context, page } = await newUserPage(browser);
  await page.goto(server.url);
  await signIn(page, tokens.viewer, VIEWER);
  assert.equal((await page.request.get(`${server.url}api/contexts`)).status(), 200);
  await page.getByTestId('user-menu').locator('summary').click();
  await page.getByTestId('sign-out').click();
  await page.getByTestId('sign-in-page').waitFor();
  const after = await page.request.get(`${server.url}api/contexts`);
  assert.equal(after.status(), 401);
  assert.match(after.headers()['cache-control'] ?? '', /no-store/);
  await context.close();
});

test('when the session ends under an open form, the sign-in dialog comes over it and the typed input survives signing in again', async () => {
  const { console: server, browser, tokens } = await stack();
  const [pod] = await podsIn('team-a');
  const { context, page } = await newUserPage(browser);
  await page.goto(server.url);
  await signIn(page, tokens.viewer, VIEWER);
  await page.goto(`${server.url}c/demo/pods/team-a/${pod}`);
  await page.getByTestId('pod-detail').waitFor({ timeout: 30_000 });
  await page.getByRole('button', { name: /^Delete/ }).click();
  await page.getByTestId('delete-name').fill(pod);

  // Signed out in another tab of the same browser: the cookie is gone for this tab too.
  const other = await context.newPage();
  await other.goto(server.url);
  await other.getByTestId('user-menu').locator('summary').click();
  await other.getByTestId('sign-out').click();
  await other.getByTestId('sign-in-page').waitFor();
  await other.close();

  await page.getByTestId('delete-confirm').click();
  const dialog = page.getByTestId('session-ended');
  await dialog.waitFor();
  assert.equal(await page.getByTestId('delete-name').inputValue(), pod, 'the form under the dialog keeps its input');
  await page.screenshot({ path: join(SCREENSHOTS, 'signin-session-ended.png') });
  await signIn(page, tokens.viewer, VIEWER, '[data-testid="session-ended"]');
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await page.getByTestId('delete-name').inputValue(), pod, 'still there after signing in again');
  // The retry reaches the API server as the user again: refused, in plain words, not a 401.
  await page.getByTestId('delete-confirm').click();
  await waitForText(page, '[data-testid="action-error"]', /may not delete pods in namespace team-a/);
  await context.close();
});

test('when the API server stops accepting the token (its ServiceAccount deleted), the dialog comes over the open form and a new token retries', async () => {
  const { console: server, browser, tokens, demo } = await stack();
  const [pod] = await podsIn('team-b');
  const { context, page } = await newUserPage(browser, 'zh-CN');
  await page.goto(server.url);
  await signIn(page, tokens.editor, EDITOR);
  await page.goto(`${server.url}c/demo/pods/team-b/${pod}`);
  await page.getByTestId('pod-detail').waitFor({ timeout: 30_000 });
  await page.getByRole('button', { name: /^删除/ }).click();
  await page.getByTestId('delete-name').fill(pod);

  const admin = async (...args: string[]) => assert.equal((await demo.kubectl(args)).code, 0, `kubectl ${args.join(' ')}`);
  await admin('delete', 'serviceaccount', 'editor', '-n', 'team-b');
  // The first request made with the dead token ends the session: the delete, or one the open
  // page makes on its own (its live channel, a refresh), whichever comes first. Either way the
  // dialog comes over the form.
  const ended = page.getByTestId('session-ended');
  if (!(await ended.isVisible())) {
    await page.getByTestId('delete-confirm').click({ timeout: 5_000 }).catch((err: Error) => {
      if (err.name !== 'TimeoutError') throw err;
    });
  }
  await ended.waitFor({ timeout: 30_000 });
  assert.equal(await page.getByTestId('delete-name').inputValue(), pod, 'the form under the dialog keeps its input');
  await page.screenshot({ path: join(SCREENSHOTS, 'signin-session-ended-zh.png') });

  // The account comes back (its RoleBinding names it): a new token signs in and the retry goes through.
  await admin('create', 'serviceaccount', 'editor', '-n', 'team-b');
  const fresh = (await demo.kubectl(['create', 'token', 'editor', '-n', 'team-b'])).stdout.trim();
  await signIn(page, fresh, EDITOR, '[data-testid="session-ended"]');
  await page.getByTestId('session-ended').waitFor({ state: 'detached' });
  await page.getByTestId('delete-confirm').click();
  await page.waitForURL(/\/c\/demo\/pods(\?|$)/, { timeout: 30_000 });
  await context.close();
});

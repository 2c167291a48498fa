/**
 * OIDC sign-in, end to end: a real identity provider (oidc-provider, in this process, with its
 * own login form), the demo cluster accepting its ID tokens (--oidc-issuer-url, client id, the
 * email claim as the username and the groups claim), and the console in oidc mode as a child
 * process. Alice (group team-a, bound to a Role in team-a only) signs in on the provider's page,
 * sees team-a and nothing else, is refused a delete in plain words, and signs out.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { startDemoCluster, type DemoCluster } from '../../server/sim/index.ts';
import { freePort } from '../../server/testing/freePort.ts';
import { requireKubectl, runKubectl } from '../../server/testing/kubectl.ts';
import { OIDC_USERS, startOidcProvider, type TestOidcProvider } from '../../server/testing/oidcProvider.ts';
import { SCREENSHOTS, ensureBuilt, launchBrowser, startConsole, type ConsoleProcess } from './harness.ts';
import { newUserPage } from './signInStack.ts';
import { waitForTable, waitForText } from './workloadsPage.ts';

const ALICE = 'alice@example.com';

interface OidcStack {
  url: string;
  console: ConsoleProcess;
  browser: Browser;
  kubectl(...args: string[]): Promise<string>;
}

requireKubectl();
const dir = mkdtempSync(join(tmpdir(), 'oidc-e2e-'));
let idp: TestOidcProvider | undefined;
let cluster: DemoCluster | undefined;
let started: Promise<OidcStack> | undefined;
after(async () => {
  const s = await started?.catch(() => undefined);
  await s?.browser.close();
  await s?.console.stop();
  await cluster?.close();
  await idp?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Started once, by the first test that needs it (node:test may run hooks side by side). */
function stack(): Promise<OidcStack> {
  return (started ??= (async () => {
    await ensureBuilt();
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/`;
    // The provider on another site (localhost) than the console (127.0.0.1): the hop back is cross-site, as in production.
    idp = await startOidcProvider({ redirectUris: [`${url}auth/oidc/callback`], issuerHost: 'localhost' });
    const kubeconfig = join(dir, 'kubeconfig');
    cluster = await startDemoCluster({ port: 0, speed: 20, tls: true, writeKubeconfig: kubeconfig, oidc: { issuerUrl: idp.issuer, clientId: idp.clientId, usernameClaim: 'email', groupsClaim: 'groups' } });
    const kubectl = async (...args: string[]) => {
      const r = await runKubectl(args, { kubeconfig, timeoutMs: 60_000 });
      assert.equal(r.code, 0, `kubectl ${args.join(' ')} failed (${r.code}): ${r.stderr}`);
      return r.stdout;
    };
    for (const ns of ['team-a', 'team-b']) await kubectl('create', 'namespace', ns);
    await kubectl('create', 'deployment', 'web-a', '--image=nginx', '--replicas=2', '-n', 'team-a');
    await kubectl('create', 'deployment', 'web-b', '--image=nginx', '--replicas=2', '-n', 'team-b');
    // Alice's rights come from her identity provider group, as the cluster reads it from the ID token.
    await kubectl('create', 'role', 'viewer', '--verb=get,list,watch', '--resource=pods,deployments,replicasets,events', '-n', 'team-a');
    await kubectl('create', 'rolebinding', 'team-a-viewers', '--role=viewer', '--group=team-a', '-n', 'team-a');
    const consoleProcess = await startConsole(
      {
        KUBECONFIG: kubeconfig,
        CONSOLE_AUTH: 'oidc',
        PUBLIC_URL: url,
        CONSOLE_OIDC_ISSUER: idp.issuer,
        CONSOLE_OIDC_CLIENT_ID: idp.clientId,
        CONSOLE_OIDC_CLIENT_SECRET: idp.clientSecret,
        CONSOLE_OIDC_USERNAME_CLAIM: 'email',
        CONSOLE_SESSION_KEY: randomBytes(36).toString('base64'),
      },
      port,
    );
    return { url, console: consoleProcess, browser: await launchBrowser(), kubectl };
  })());
}

/** The pod names the admin sees in a namespace, once its deployment's pods exist. */
async function podsIn(s: OidcStack, ns: string): Promise<string[]> {
  for (;;) {
    const names = (await s.kubectl('get', 'pods', '-n', ns, '-o', 'jsonpath={.items[*].metadata.name}')).trim().split(/\s+/).filter(Boolean);
    if (names.length >= 2) return names;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

test('the sign-in page offers the identity provider, in English and in Chinese, and the API answers 401', async () => {
  const s = await stack();
  const { context, page } = await newUserPage(s.browser);
  await page.goto(s.url);
  await page.getByTestId('sign-in-page').waitFor();
  assert.equal(await page.getByTestId('sign-in-oidc').textContent(), 'Sign in with your identity provider');
  assert.equal(await page.getByTestId('sign-in-token').count(), 0, 'no token form in oidc mode');
  await page.screenshot({ path: join(SCREENSHOTS, 'signin-oidc-page-en.png') });
  await page.getByTestId('language').selectOption('zh');
  await page.getByRole('heading', { name: '登录' }).waitFor();
  await page.screenshot({ path: join(SCREENSHOTS, 'signin-oidc-page-zh.png') });
  assert.equal((await page.request.get(`${s.url}api/contexts`)).status(), 401);
  await context.close();
});

/** Clicks the identity provider's button, signs in on its form and waits to be back, named in the header. */
async function signInWithProvider(page: Page, user: string, name: string, screenshot?: string): Promise<void> {
  await page.getByTestId('sign-in-oidc').click();
  await page.getByTestId('idp-username').waitFor();
  assert.equal(new URL(page.url()).origin, idp?.issuer, 'the provider’s own page, on its own origin');
  await page.getByTestId('idp-username').fill(user);
  await page.getByTestId('idp-password').fill(OIDC_USERS[user].password);
  if (screenshot) await page.screenshot({ path: join(SCREENSHOTS, screenshot) });
  await page.getByTestId('idp-submit').click();
  await page.locator('[data-testid="user-name"]', { hasText: name }).waitFor({ timeout: 30_000 });
}

test('alice signs in on the provider’s page (a wrong password is refused there), comes back where she was, and no token is readable by the page', async () => {
  const s = await stack();
  const { context, page } = await newUserPage(s.browser);
  await page.goto(`${s.url}c/demo/pods`);
  await page.getByTestId('sign-in-oidc').click();
  await page.getByTestId('idp-username').fill('alice');
  await page.getByTestId('idp-password').fill('wrong');
  await page.getByTestId('idp-submit').click();
  await page.getByRole('alert').filter({ hasText: 'Wrong username or password.' }).waitFor();
  await page.goto(`${s.url}c/demo/pods`);
  await signInWithProvider(page, 'alice', ALICE, 'signin-oidc-provider.png');
  assert.equal(new URL(page.url()).pathname, '/c/demo/pods');
  const visible = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + location.href + document.cookie);
  assert.ok(!visible.includes('eyJ'), 'no token (nor any JWT) is readable by the page');
  const session = (await (await page.request.get(`${s.url}auth/session`)).json()) as { mode: string; user: { name: string; groups: string[] } };
  assert.deepEqual([session.mode, session.user.name, session.user.groups], ['oidc', ALICE, ['team-a', 'system:authenticated']]);
  await page.getByTestId('user-menu').locator('summary').click();
  await page.screenshot({ path: join(SCREENSHOTS, 'signin-oidc-signed-in.png') });
  // The console's log names her sign-in and never holds her token.
  assert.ok(s.console.logs.some((l) => l.includes('"signed in"') && l.includes(ALICE)), 'the sign-in is logged by name');
  assert.ok(!s.console.logs.some((l) => /eyJ[\w-]+\.eyJ[\w-]+\./.test(l)), 'no JWT in the console log');
  await context.close();
});

test('alice sees team-a’s pods and none of team-b’s, naming her namespace in the picker', async () => {
  const s = await stack();
  const teamA = await podsIn(s, 'team-a');
  await podsIn(s, 'team-b');
  const { context, page } = await newUserPage(s.browser);
  await page.goto(`${s.url}c/demo/pods`);
  await signInWithProvider(page, 'alice', ALICE);
  // She may not list namespaces: the picker says so, and she names hers.
  await page.getByTestId('namespace-picker').click();
  await page.getByTestId('ns-cannot-list').waitFor();
  await page.getByTestId('ns-add').fill('team-a');
  await page.getByTestId('ns-add').press('Enter');
  await page.keyboard.press('Escape');
  try {
    const rows = await waitForTable(page, (r) => teamA.every((name) => r.some((x) => x.includes(name))), 'both team-a pods', 40_000);
    assert.ok(!rows.some((r) => r.join(' ').includes('web-b')), `team-b pods must not show: ${JSON.stringify(rows)}`);
  } finally {
    await page.screenshot({ path: join(SCREENSHOTS, 'signin-oidc-pods.png') });
  }
  await context.close();
});

test('alice’s delete of a team-a pod is refused in plain words, and the pod is still there', async () => {
  const s = await stack();
  const [pod] = await podsIn(s, 'team-a');
  const { context, page } = await newUserPage(s.browser);
  await page.goto(`${s.url}c/demo/pods/team-a/${pod}`);
  await signInWithProvider(page, 'alice', ALICE);
  await page.getByTestId('pod-detail').waitFor({ timeout: 30_000 });
  await page.getByRole('button', { name: /^Delete(…)?$/ }).click();
  await page.getByTestId('delete-name').fill(pod);
  await page.getByTestId('delete-confirm').click();
  await waitForText(page, '[data-testid="action-error"]', /You \(alice@example\.com\) may not delete pods in namespace team-a\./);
  await page.screenshot({ path: join(SCREENSHOTS, 'signin-oidc-forbidden-delete.png') });
  assert.equal((await s.kubectl('get', 'pod', pod, '-n', 'team-a', '-o', 'name')).trim(), `pod/${pod}`, 'the refused delete left the pod there');
  await context.close();
});

test('alice signs out: back on the sign-in page, and the API answers 401', async () => {
  const s = await stack();
  const { context, page } = await newUserPage(s.browser);
  await page.goto(s.url);
  await signInWithProvider(page, 'alice', ALICE);
  assert.equal((await page.request.get(`${s.url}api/contexts`)).status(), 200);
  await page.getByTestId('user-menu').locator('summary').click();
  await page.getByTestId('sign-out').click();
  await page.getByTestId('sign-in-page').waitFor();
  const out = await page.request.get(`${s.url}api/contexts`);
  assert.equal(out.status(), 401);
  assert.match(out.headers()['cache-control'] ?? '', /no-store/);
  await context.close();
});

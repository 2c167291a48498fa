/**
 * The stack the sign-in browser tests drive: a TLS demo cluster (so kubectl sends bearer
 * tokens, and the cluster enforces RBAC for the tokens it issues), two ServiceAccounts made
 * with kubectl as the admin — `team-a/viewer` (get/list/watch pods, deployments, replicasets,
 * events in team-a) and `team-b/editor` (the `edit` ClusterRole in team-b) — their tokens,
 * and the console in token mode in front of it, with a browser.
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { demoClusterForKubectl, type KubectlCluster } from '../../server/testing/kubectl.ts';
import { ensureBuilt, launchBrowser, ROOT, startConsole, type ConsoleProcess } from './harness.ts';

export interface SignInStack {
  demo: KubectlCluster;
  console: ConsoleProcess;
  browser: Browser;
  tokens: { viewer: string; editor: string };
}

/** Node 20 may run a file's before() hooks side by side: every test awaits this instead (it runs once). */
export function signInStack(): () => Promise<SignInStack> {
  const demo = demoClusterForKubectl({ tls: true });
  let started: Promise<SignInStack> | undefined;
  let consoleProcess: ConsoleProcess | undefined;
  let browser: Browser | undefined;
  after(async () => {
    await started?.catch(() => undefined);
    await browser?.close();
    await consoleProcess?.stop();
    // The console's own log, to read when a test fails (it holds no token: the audit log names users only).
    if (consoleProcess) writeFileSync(join(ROOT, 'test-results', 'signin-console.log'), consoleProcess.logs.join('\n') + '\n');
  });
  const ok = async (...args: string[]) => {
    const r = await demo.kubectl(args, { timeoutMs: 60_000 });
    assert.equal(r.code, 0, `kubectl ${args.join(' ')} failed (${r.code}): ${r.stderr}`);
    return r.stdout;
  };
  return () =>
    (started ??= (async () => {
      await ensureBuilt();
      for (const ns of ['team-a', 'team-b']) await ok('create', 'namespace', ns);
      await ok('create', 'deployment', 'web-a', '--image=nginx', '--replicas=2', '-n', 'team-a');
      await ok('create', 'deployment', 'web-b', '--image=nginx', '--replicas=2', '-n', 'team-b');
      await ok('create', 'serviceaccount', 'viewer', '-n', 'team-a');
      await ok('create', 'role', 'viewer', '--verb=get,list,watch', '--resource=pods,deployments,replicasets,events', '-n', 'team-a');
      await ok('create', 'rolebinding', 'viewer', '--role=viewer', '--serviceaccount=team-a:viewer', '-n', 'team-a');
      await ok('create', 'serviceaccount', 'editor', '-n', 'team-b');
      await ok('create', 'rolebinding', 'editor', '--clusterrole=edit', '--serviceaccount=team-b:editor', '-n', 'team-b');
      const tokens = {
        viewer: (await ok('create', 'token', 'viewer', '-n', 'team-a', '--duration=2h')).trim(),
        editor: (await ok('create', 'token', 'editor', '-n', 'team-b', '--duration=2h')).trim(),
      };
      consoleProcess = await startConsole({
        KUBECONFIG: demo.kubeconfig,
        CONSOLE_AUTH: 'token',
        // 48 random characters: the session key every replica would share.
        CONSOLE_SESSION_KEY: randomBytes(36).toString('base64'),
      });
      browser = await launchBrowser();
      return { demo, console: consoleProcess, browser, tokens };
    })());
}

/** A fresh browser context (its own cookie jar: one user) and page. */
export async function newUserPage(browser: Browser, locale = 'en-US'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 860 }, locale });
  const page = await context.newPage();
  page.on('pageerror', (err) => assert.fail(`uncaught error in the page: ${err.message}`));
  return { context, page };
}

/** Pastes `token` into the sign-in form (page or dialog) and waits for the header to name `user`. */
export async function signIn(page: Page, token: string, user: string, scope = 'body'): Promise<void> {
  await page.locator(`${scope} [data-testid="sign-in-token"]`).fill(token);
  await page.locator(`${scope} [data-testid="sign-in-submit"]`).click();
  await page.locator('[data-testid="user-name"]', { hasText: user }).waitFor({ timeout: 30_000 });
}

/**
 * The terminal in Debian's Chromium against the real console and the demo cluster (both in this
 * process so the kubelet's exec sessions and the console's proxied sockets can be counted):
 * directly, and through nginx with the shipped config in front of two console replicas.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ensureBuilt, eventually, launchBrowser, SCREENSHOTS } from './harness.ts';
import { runningSeedPod, startTerminalStack, type TerminalStack } from './terminalStack.ts';

let browser: Browser;
before(async () => {
  await ensureBuilt();
  browser = await launchBrowser();
});
after(() => browser?.close());

async function openPage(colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1200, height: 800 }, colorScheme, locale: 'en-US' });
  const page = await context.newPage();
  page.on('pageerror', (err) => assert.fail(`uncaught error in the page: ${err.message}`));
  return page;
}

/** The visible lines of the active terminal, as xterm's DOM renderer shows them. */
async function screenLines(page: Page): Promise<string[]> {
  return page.$eval('.terminal-view:not([hidden]) .xterm-rows', (rows) => [...rows.children].map((r) => (r.textContent ?? '').replace(/\u00a0/g, ' ').trimEnd()));
}

async function waitForLine(page: Page, match: (line: string) => boolean, what: string, timeout = 15_000): Promise<string> {
  const deadline = Date.now() + timeout;
  let lines: string[] = [];
  while (Date.now() < deadline) {
    lines = await screenLines(page);
    const hit = lines.find(match);
    if (hit !== undefined) return hit;
    await page.waitForTimeout(100);
  }
  throw new Error(`timed out waiting for ${what}; the terminal shows:\n${lines.filter(Boolean).join('\n')}`);
}

async function typeLine(page: Page, text: string): Promise<void> {
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

async function openTerminal(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForSelector('.terminal-view:not([hidden])[data-phase="open"]', { timeout: 20_000 });
  await waitForLine(page, (l) => l.endsWith('#'), 'the shell prompt');
  await page.click('.terminal-view:not([hidden]) .xterm');
}

/** `stty size` as the shell in the pod sees it, and the size the xterm shows. */
async function sizes(page: Page, marker: string): Promise<{ stty: { rows: number; cols: number }; shown: { rows: number; cols: number } }> {
  await typeLine(page, `echo ${marker}; stty size`);
  const lines = await (async () => {
    await waitForLine(page, (l) => l === marker, marker);
    return screenLines(page);
  })();
  const at = lines.lastIndexOf(marker);
  const deadline = Date.now() + 10_000;
  let sizeLine = lines[at + 1];
  while (!/^\d+ \d+$/.test(sizeLine ?? '') && Date.now() < deadline) {
    await page.waitForTimeout(100);
    const again = await screenLines(page);
    sizeLine = again[again.lastIndexOf(marker) + 1];
  }
  const [rows, cols] = (sizeLine ?? '').split(' ').map(Number);
  // xterm's screen is exactly cols × cell width wide and has one row element per row.
  const shown = await page.$eval('.terminal-view:not([hidden]) .xterm-rows', (el) => ({ rows: el.children.length, width: (el.children[0] as HTMLElement).getBoundingClientRect().width }));
  const cellWidth = shown.width / cols;
  return { stty: { rows, cols }, shown: { rows: shown.rows, cols: Math.round(shown.width / cellWidth) } };
}

function describeStack(name: string, options: Parameters<typeof startTerminalStack>[0]) {
  describe(name, () => {
    let stack: TerminalStack;
    let frontend: { pod: string; container: string };
    before(async () => {
      stack = await startTerminalStack(options);
      frontend = await runningSeedPod(stack.apiRoot, 'shop', 'frontend');
    });
    after(() => stack?.close());
    const link = () => `${stack.url}c/demo/terminal?ns=shop&pod=${frontend.pod}&container=${frontend.container}`;

    test('a deep link opens a shell on a shop frontend pod: echo hello, resize, exit 3', async () => {
      const page = await openPage();
      await openTerminal(page, link());
      await typeLine(page, 'echo hello');
      await waitForLine(page, (l) => l === 'hello', 'hello echoed back');

      const first = await sizes(page, 'size-1');
      assert.deepEqual(first.stty, first.shown, 'the shell sees the size the terminal shows');
      await page.setViewportSize({ width: 900, height: 560 });
      // The terminal sends the new size as it resizes, before it renders the fewer rows.
      await page.waitForFunction((n) => document.querySelector('.terminal-view:not([hidden]) .xterm-rows')!.children.length < n, first.shown.rows);
      const second = await sizes(page, 'size-2');
      assert.ok(second.stty.cols < first.stty.cols && second.stty.rows < first.stty.rows, `narrower and shorter after the resize: ${JSON.stringify([first, second])}`);
      assert.deepEqual(second.stty, second.shown);

      await typeLine(page, 'exit 3');
      await page.waitForSelector('[data-testid="terminal-status"]:has-text("exited with code 3")');
      await eventually('the exec session is over', () => stack.execSessions() === 0 && stack.proxySockets() === 0);
      if (!options?.nginx) await page.screenshot({ path: join(SCREENSHOTS, 'terminal-exited.png') });
      await page.context().close();
    });

    test('closing the browser tab or navigating away ends the shell: no exec session, no proxied socket', async () => {
      const page = await openPage();
      await openTerminal(page, link());
      assert.equal(stack.execSessions(), 1);
      assert.equal(stack.proxySockets(), 1);
      await page.close({ runBeforeUnload: true });
      await eventually('the session closed with the tab', () => stack.execSessions() === 0 && stack.proxySockets() === 0);

      const again = await openPage();
      await openTerminal(again, link());
      await eventually('one session open', () => stack.execSessions() === 1);
      await again.getByRole('link', { name: 'Pods', exact: true }).click();
      await again.waitForURL(/\/pods/);
      await eventually('the session closed on navigation', () => stack.execSessions() === 0 && stack.proxySockets() === 0);
      await again.context().close();
    });
  });
}

describeStack('the console alone', {});

describe('the terminal page', () => {
  let stack: TerminalStack;
  let frontend: { pod: string; container: string };
  before(async () => {
    stack = await startTerminalStack();
    frontend = await runningSeedPod(stack.apiRoot, 'shop', 'frontend');
  });
  after(() => stack?.close());

  test('a workload link lists its pods; two terminals run side by side in tabs; the dark theme follows the system', async () => {
    const page = await openPage('dark');
    await page.goto(`${stack.url}c/demo/terminal?ns=shop&workload=Deployment/frontend`);
    await page.waitForSelector('[data-testid="terminal-pod"] option[value^="frontend-"]', { state: 'attached' });
    const pods = await page.$$eval('[data-testid="terminal-pod"] option[value]:not([value=""])', (os) => os.map((o) => (o as HTMLOptionElement).value));
    assert.ok(pods.length >= 1 && pods.every((p) => p.startsWith('frontend-')), `only frontend pods: ${pods}`);
    await page.selectOption('[data-testid="terminal-pod"]', frontend.pod);
    await page.click('[data-testid="terminal-open"]');
    await page.waitForSelector('.terminal-view:not([hidden])[data-phase="open"]');
    await waitForLine(page, (l) => l.endsWith('#'), 'first prompt');
    await page.click('.terminal-view:not([hidden]) .xterm');
    await typeLine(page, 'echo first-tab');
    await waitForLine(page, (l) => l === 'first-tab', 'output in the first tab');

    await page.fill('[data-testid="terminal-command"]', 'sh');
    await page.click('[data-testid="terminal-open"]');
    await page.waitForSelector('.terminal-view:not([hidden])[data-phase="open"]');
    assert.equal(await page.locator('[role="tab"]').count(), 2);
    await waitForLine(page, (l) => l.endsWith('#'), 'second prompt');
    assert.ok(!(await screenLines(page)).includes('first-tab'), 'the second tab is its own session');
    await eventually('two sessions', () => stack.execSessions() === 2);

    const background = await page.$eval('.terminal-view:not([hidden]) .xterm-scrollable-element', (el) => getComputedStyle(el).backgroundColor);
    assert.equal(background, 'rgb(11, 14, 19)', 'dark xterm theme');
    await page.screenshot({ path: join(SCREENSHOTS, 'terminal-tabs-dark.png') });

    await page.locator('[data-testid="terminal-close"]').first().click();
    await eventually('closing a tab ends its session', () => stack.execSessions() === 1);
    await page.context().close();
    await eventually('no session left', () => stack.execSessions() === 0 && stack.proxySockets() === 0);
  });

  test('the >_ link of a pod in the pod list opens a terminal in its default container', async () => {
    const page = await openPage();
    await page.goto(`${stack.url}c/demo/pods?ns=shop`);
    await page.getByRole('link', { name: `Open a terminal in ${frontend.pod}` }).click();
    await page.waitForURL(/\/terminal\?/);
    await page.waitForSelector('.terminal-view:not([hidden])[data-phase="open"]', { timeout: 20_000 });
    await waitForLine(page, (l) => l.endsWith('#'), 'the prompt');
    assert.equal(await page.getAttribute('.terminal-view:not([hidden])', 'data-pod'), frontend.pod);
    assert.equal(await page.locator('[role="tab"]').count(), 1);
    await page.context().close();
    await eventually('no session left', () => stack.execSessions() === 0 && stack.proxySockets() === 0);
  });
});

describeStack('through nginx under /console/ with two replicas', { nginx: true, replicas: 2 });

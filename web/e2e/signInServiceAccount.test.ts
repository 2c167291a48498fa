/**
 * CONSOLE_AUTH=serviceaccount: everyone acts as the console's own account. The operator chose
 * it, so there is no sign-in page — but every page says so, in a banner that cannot be closed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { consoleSession, SCREENSHOTS, startConsole } from './harness.ts';
import { openPage } from './workloadsPage.ts';

const session = consoleSession(() => startConsole({ CONSOLE_DEMO: '1', CONSOLE_AUTH: 'serviceaccount' }));

test('in serviceaccount mode every page carries the warning banner and there is no sign-in or sign-out', async () => {
  const page = await openPage(session.browser);
  await page.goto(`${session.server.url}c/demo/pods`);
  const banner = page.getByTestId('serviceaccount-banner');
  await banner.waitFor();
  assert.match((await banner.textContent()) ?? '', /Everyone using this console acts as the console’s own service account/);
  assert.equal(await page.getByTestId('sign-in-page').count(), 0);
  assert.equal(await page.getByTestId('sign-out').count(), 0);
  await page.goto(`${session.server.url}c/demo/deployments`);
  await banner.waitFor();
  // Right under the header, across the page (not pushed into a grid cell of its own).
  const box = await banner.boundingBox();
  const header = await page.locator('.shell__header').boundingBox();
  assert.ok(box && header && Math.abs(box.y - (header.y + header.height)) <= 2 && box.width >= header.width - 2, `banner at ${JSON.stringify(box)}, header ${JSON.stringify(header)}`);
  await page.getByTestId('language').selectOption('zh');
  await page.getByText('所有使用本控制台的人都以控制台自己的服务账号').waitFor();
  await page.screenshot({ path: join(SCREENSHOTS, 'signin-serviceaccount-banner-zh.png') });
  await page.context().close();
});

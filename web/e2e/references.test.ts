/**
 * Cross-links in Chromium against the console's demo cluster: the shop api Deployment's page
 * lists the ConfigMap and Secret its pods read and links them; a Deployment naming a ConfigMap
 * that does not exist is flagged (CreateContainerConfigError) until kubectl creates it; the
 * Services selecting a workload's pods open to their pods with ready state; a Secret key stays
 * hidden until revealed. English and 简体中文 screenshots.
 *
 * The Service and Secret sections are reached through the References section (a selecting
 * Service opens to its pods, a referenced Secret to its keys) until the generic detail pages
 * carry them at /c/demo/k/services/… and /c/demo/k/secrets/….
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { kubectl } from '../../server/testing/consoleFixture.ts';
import { consoleSession, SCREENSHOTS } from './harness.ts';
import { kubectlOk, waitForText } from './workloadsPage.ts';

const session = consoleSession();

const reference = (page: Page, kind: string, name: string) => page.locator(`[data-testid="reference"][data-kind="${kind}"][data-name="${name}"]`);

async function openTall(browser: Browser, language: 'en' | 'zh'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1800 }, locale: language === 'zh' ? 'zh-CN' : 'en-US' });
  await context.addInitScript((lang) => localStorage.setItem('console.language', lang), language);
  const page = await context.newPage();
  page.on('pageerror', (err) => assert.fail(`uncaught error in the page: ${err.message}`));
  return page;
}

test("the api Deployment's page lists the ConfigMap and Secret its pods read, and the ConfigMap link leads to that ConfigMap's page", async () => {
  const page = await openTall(session.browser, 'en');
  await page.goto(`${session.server.url}c/demo/deployments/shop/api`);
  const config = reference(page, 'ConfigMap', 'api-config');
  await config.waitFor({ timeout: 30_000 });
  assert.equal(await config.getAttribute('data-state'), 'present');
  assert.match((await config.textContent()) ?? '', /container api: all keys as environment variables/);
  const secret = reference(page, 'Secret', 'postgres-credentials');
  assert.equal(await secret.getAttribute('data-state'), 'present');
  assert.match((await secret.textContent()) ?? '', /container api: key password as DATABASE_PASSWORD/);
  assert.equal(await reference(page, 'ServiceAccount', 'default').getAttribute('data-state'), 'present');
  await waitForText(page, '[data-testid="references-services"]', /^api app=api/);
  await page.getByTestId('references').screenshot({ path: join(SCREENSHOTS, 'references-api-en.png') });

  await config.getByTestId('reference-link').click();
  await page.waitForURL(/\/c\/demo\/k\/configmaps\/shop\/api-config$/);
  await page.context().close();
});

test('a Deployment naming a ConfigMap that does not exist is flagged in red until kubectl creates the ConfigMap', async () => {
  const url = session.server.url;
  const manifest = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'refs-web', namespace: 'shop' },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: 'refs-web' } },
      template: {
        metadata: { labels: { app: 'refs-web' } },
        spec: { containers: [{ name: 'web', image: 'nginx:1.27', env: [{ name: 'MODE', valueFrom: { configMapKeyRef: { name: 'refs-web-settings', key: 'mode' } } }] }] },
      },
    },
  };
  const applied = await kubectl(['--server', `${url}k8s/demo`, 'apply', '-f', '-'], { input: JSON.stringify(manifest) });
  assert.equal(applied.code, 0, applied.stderr);

  for (const language of ['en', 'zh'] as const) {
    const page = await openTall(session.browser, language);
    await page.goto(`${url}c/demo/deployments/shop/refs-web`);
    const missing = reference(page, 'ConfigMap', 'refs-web-settings');
    await missing.waitFor({ timeout: 30_000 });
    assert.equal(await missing.getAttribute('data-state'), 'missing');
    assert.equal(await missing.getAttribute('data-flagged'), 'true');
    const note = missing.getByTestId('reference-note');
    assert.equal(await note.getAttribute('data-code'), 'missingRequired');
    assert.match((await note.getAttribute('class')) ?? '', /tone--bad/);
    const sentence = language === 'en' ? /^ConfigMap refs-web-settings does not exist: containers that read it as environment variables cannot start \(CreateContainerConfigError\)/ : /^ConfigMap refs-web-settings 不存在：以环境变量读取它的容器无法启动（CreateContainerConfigError）/;
    assert.match((await note.textContent()) ?? '', sentence);
    await page.getByTestId('references').screenshot({ path: join(SCREENSHOTS, `references-missing-${language}.png`) });
    if (language === 'zh') {
      await page.context().close();
      continue;
    }

    await kubectlOk(url, ['create', 'configmap', 'refs-web-settings', '-n', 'shop', '--from-literal=mode=fast']);
    // The live channel sees the new ConfigMap; the section asks again and the flag goes.
    await page.locator('[data-testid="reference"][data-name="refs-web-settings"][data-state="present"]').waitFor({ timeout: 30_000 });
    assert.equal(await missing.getAttribute('data-flagged'), 'false');
    assert.equal(await missing.getByTestId('reference-note').count(), 0);
    await page.context().close();
    await kubectlOk(url, ['delete', 'configmap', 'refs-web-settings', '-n', 'shop']);
  }
  await kubectlOk(url, ['delete', 'deployment', 'refs-web', '-n', 'shop']);
});

test("the frontend Service, opened from its Deployment's page, lists its pods as ready endpoints linked to their pages", async () => {
  const page = await openTall(session.browser, 'en');
  await page.goto(`${session.server.url}c/demo/deployments/shop/frontend`);
  const service = page.locator('[data-testid="references-service"][data-name="frontend"]');
  await service.waitFor({ timeout: 30_000 });
  await service.getByTestId('references-service-toggle').click();
  const rows = service.locator('[data-testid="service-pod"]');
  const podNames = (await kubectlOk(session.server.url, ['get', 'pods', '-n', 'shop', '-l', 'app=frontend', '-o', 'jsonpath={.items[*].metadata.name}'])).trim().split(' ').sort();
  await service.locator('[data-testid="service-pod"][data-endpoint="ready"]').nth(podNames.length - 1).waitFor({ timeout: 30_000 });
  assert.deepEqual((await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-name')))).sort(), podNames);
  await service.screenshot({ path: join(SCREENSHOTS, 'service-pods-en.png') });
  await rows.first().getByRole('link').click();
  await page.waitForURL(new RegExp(`/c/demo/pods/shop/${podNames[0]}$`));
  await page.getByTestId('pod-detail').waitFor();
  await page.context().close();
});

test('a Service whose pod fails readiness shows it not ready, with the container, in Chinese too', async () => {
  const url = session.server.url;
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'refs-slow', namespace: 'shop', labels: { app: 'refs-slow' } },
    spec: { containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 80 }], readinessProbe: { httpGet: { path: '/', port: 80 }, initialDelaySeconds: 3600 } }] },
  };
  const service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'refs-slow', namespace: 'shop' }, spec: { selector: { app: 'refs-slow' }, ports: [{ port: 80 }] } };
  for (const obj of [pod, service]) {
    const applied = await kubectl(['--server', `${url}k8s/demo`, 'apply', '-f', '-'], { input: JSON.stringify(obj) });
    assert.equal(applied.code, 0, applied.stderr);
  }
  const page = await openTall(session.browser, 'zh');
  await page.goto(`${url}c/demo/pods/shop/refs-slow`);
  const item = page.locator('[data-testid="references-service"][data-name="refs-slow"]');
  await item.waitFor({ timeout: 30_000 });
  await item.getByTestId('references-service-toggle').click();
  const row = item.locator('[data-testid="service-pod"][data-name="refs-slow"][data-endpoint="notReady"]');
  await row.waitFor({ timeout: 30_000 });
  assert.match((await row.textContent()) ?? '', /未就绪.*Pod 未就绪（未就绪的容器：web）/);
  await page.getByTestId('references').screenshot({ path: join(SCREENSHOTS, 'service-pods-not-ready-zh.png') });
  await page.context().close();
  await kubectlOk(url, ['delete', 'service,pod', 'refs-slow', '-n', 'shop', '--wait=false']);
});

test('a Secret key stays hidden until revealed, and hides again', async () => {
  const page = await openTall(session.browser, 'en');
  await page.goto(`${session.server.url}c/demo/deployments/shop/api`);
  const secret = reference(page, 'Secret', 'postgres-credentials');
  await secret.waitFor({ timeout: 30_000 });
  await secret.getByTestId('reference-keys-toggle').click();
  const password = page.locator('[data-testid="secret-key"][data-key="password"]');
  await password.waitFor({ timeout: 30_000 });
  assert.match((await password.textContent()) ?? '', /^password16 byteshidden/);
  const body = async () => (await page.locator('body').textContent()) ?? '';
  assert.doesNotMatch(await body(), /s3cr3t-demo-only/);
  await page.getByTestId('secret-data').screenshot({ path: join(SCREENSHOTS, 'secret-hidden-en.png') });

  await password.getByTestId('secret-reveal').click();
  await waitForText(page, '[data-testid="secret-key"][data-key="password"] [data-testid="secret-value"]', /^s3cr3t-demo-only$/);
  assert.equal(await page.locator('[data-testid="secret-key"][data-key="username"]').getAttribute('data-revealed'), 'false', 'only the one key is revealed');
  await page.getByTestId('secret-data').screenshot({ path: join(SCREENSHOTS, 'secret-revealed-en.png') });
  await password.getByTestId('secret-hide').click();
  await page.locator('[data-testid="secret-key"][data-key="password"][data-revealed="false"]').waitFor();
  assert.doesNotMatch(await body(), /s3cr3t-demo-only/);
  await page.context().close();
});

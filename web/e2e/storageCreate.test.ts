/**
 * Creating a claim from the form, in Chromium against the demo cluster: the class picker starts
 * on the cluster's default class; sizes that are not sizes ("10 GB", "abc", "0", "1e308") are
 * refused with the reason before anything is sent; "1Gi" goes through, the claim's page opens,
 * the list shows it, and kubectl sees the spec the form asked for. The test makes its own namespace.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { kubectl } from '../../server/testing/consoleFixture.ts';
import { consoleSession, SCREENSHOTS } from './harness.ts';
import { CLAIM_COL, openTall } from './storagePages.ts';
import { kubectlOk, waitForTable, waitForText } from './workloadsPage.ts';

const session = consoleSession();
const url = () => session.server.url;
const NS = 'claim-create-test';

test('the claim form preselects the default class, refuses bad sizes with the reason before sending, and creates the claim kubectl then sees', async () => {
  const ns = await kubectl(['--server', `${url()}k8s/demo`, 'create', 'namespace', NS]);
  assert.equal(ns.code, 0, ns.stderr);
  const page = await openTall(session.browser);
  const writes: string[] = [];
  page.on('request', (r) => {
    if (r.method() !== 'GET') writes.push(`${r.method()} ${r.url()}`);
  });
  await page.goto(`${url()}c/demo/persistentvolumeclaims?ns=${NS}`);
  await page.getByTestId('claim-create-open').click();
  const form = page.getByTestId('claim-create');
  assert.equal(await page.getByTestId('claim-create-namespace').inputValue(), NS, 'the namespace the list shows');

  // The default class (storageclass.kubernetes.io/is-default-class) is picked once the classes load.
  const classPicker = page.getByTestId('claim-create-class');
  await waitForText(page, '[data-testid="claim-create-class"] option:checked', /^standard \(default\)$/);
  assert.equal(await classPicker.inputValue(), 'standard');
  const isDefault = await kubectlOk(url(), ['get', 'storageclass', 'standard', '-o', "jsonpath={.metadata.annotations['storageclass\\.kubernetes\\.io/is-default-class']}"]);
  assert.equal(isDefault.trim(), 'true', 'kubectl agrees standard is the default class');
  await waitForText(page, '[data-testid="claim-create-class-facts"]', /^Provisioner k8s\.io\/minikube-hostpath, binding Immediate, reclaim Delete\. Claims of this class can be expanded\.$/);

  await page.getByTestId('claim-create-name').fill('ledger-new');
  const size = page.getByTestId('claim-create-size');
  const submit = page.getByTestId('claim-create-submit');
  const refused: [string, RegExp][] = [
    ['10 GB', /^A size is a number with a unit/],
    ['abc', /^A size is a number with a unit/],
    ['0', /^The size must be more than zero\.$/],
    ['-1Gi', /^The size must be more than zero\.$/],
    ['1e308', /^The size must be at most 8Ei\.$/],
    ['', /^Enter a size, e\.g\. 10Gi\.$/],
  ];
  for (const [typed, reason] of refused) {
    await size.fill(typed);
    await waitForText(page, '[data-testid="claim-create-size-problem"]', reason);
    assert.equal(await submit.isDisabled(), true, `${JSON.stringify(typed)} cannot be sent`);
    assert.equal(await size.getAttribute('aria-invalid'), 'true');
  }
  await size.fill('1Gi');
  assert.equal(await page.getByTestId('claim-create-size-problem').count(), 0, '1Gi is a size');
  assert.equal(await submit.isDisabled(), false);
  await page.screenshot({ path: join(SCREENSHOTS, 'storage-claim-create.png'), fullPage: true });
  assert.deepEqual(writes, [], 'nothing was sent while the form was filled in');
  assert.equal(await form.count(), 1);

  await submit.click();
  await page.waitForURL(new RegExp(`/c/demo/persistentvolumeclaims/${NS}/ledger-new$`));
  await waitForText(page, '[data-testid="claim-requested"]', /^1Gi$/);
  await waitForText(page, '[data-testid="claim-class-name"]', /^standard$/);
  assert.deepEqual(writes, [`POST ${url()}api/contexts/demo/namespaces/${NS}/persistentvolumeclaims`], 'one create');
  const spec = JSON.parse(await kubectlOk(url(), ['get', 'pvc', '-n', NS, 'ledger-new', '-o', 'jsonpath={.spec}'])) as Record<string, unknown>;
  assert.equal(spec.storageClassName, 'standard');
  assert.deepEqual(spec.accessModes, ['ReadWriteOnce']);
  assert.deepEqual(spec.resources, { requests: { storage: '1Gi' } });
  assert.equal(spec.volumeMode, 'Filesystem');

  await page.goto(`${url()}c/demo/persistentvolumeclaims?ns=${NS}`);
  await waitForTable(page, (r) => r.some((c) => c[CLAIM_COL.name]?.startsWith('ledger-new') && /^Bound/.test(c[CLAIM_COL.status] ?? '')), 'the new claim in the list, Bound');
  await page.context().close();
});

test('简体中文: the form says why a size is refused and marks the default class', async () => {
  const page = await openTall(session.browser, 'zh');
  await page.goto(`${url()}c/demo/persistentvolumeclaims?ns=${NS}`);
  await page.getByTestId('claim-create-open').click();
  await waitForText(page, '[data-testid="claim-create-class"] option:checked', /^standard（默认）$/);
  await page.getByTestId('claim-create-size').fill('10 GB');
  await waitForText(page, '[data-testid="claim-create-size-problem"]', /^大小是数字加单位/);
  assert.equal(await page.getByTestId('claim-create-submit').isDisabled(), true);
  await page.screenshot({ path: join(SCREENSHOTS, 'storage-claim-create-zh.png'), fullPage: true });
  await page.context().close();
});

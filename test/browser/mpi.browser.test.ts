import { mkdirSync } from 'node:fs';
import { serialiseModel } from '@onconet/domain/linkage/index';
import { DEFAULT_MPI_MODEL } from '@onconet/services/mpi/default-model';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, SCREENSHOTS, signIn, startDemoServer, type DemoServer } from './demo-server.ts';

/** Waits for the answer of an MPI request the next action triggers, and checks it succeeded. */
async function answered(page: Page, path: RegExp, action: () => Promise<void>): Promise<void> {
  const response = page.waitForResponse((r) => path.test(new URL(r.url()).pathname) && r.request().method() === 'POST');
  await action();
  expect((await response).status()).toBe(200);
}

describe('master patient index review queue as the demo registrar (Debian Chromium)', () => {
  let server: DemoServer;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    server = await startDemoServer(18_900 + Math.floor(Math.random() * 500));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('works the queue: side by side with weights, merge, undo the merge, keep apart', async () => {
    const page = await browser.newPage();
    await signIn(page, server.base, 'registrar');
    await page.getByTestId('main-menu').getByText('主索引复核').click();
    await page.getByTestId('mpi-page').waitFor();
    const rows = page.locator('[data-testid^="mpi-row-"]');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
    const openBefore = await rows.count();

    // Side by side: every compared field with its level and weight, and the total.
    await rows.first().click();
    const detail = page.getByTestId('mpi-detail');
    await detail.waitFor();
    const fields = page.getByTestId('mpi-fields');
    await expect.poll(() => fields.getByText('姓名').count()).toBe(1);
    expect(await fields.getByText('出生日期').count()).toBe(1);
    expect(await fields.getByText('完全一致').count()).toBeGreaterThanOrEqual(2);
    expect(await fields.getByText('缺失').count()).toBeGreaterThanOrEqual(1);
    expect(await page.getByTestId('mpi-total-weight').textContent()).toMatch(/^[+-]?\d+\.\d\d$/);
    expect(await page.getByTestId('mpi-status').textContent()).toBe('待复核');
    await page.screenshot({ path: `${SCREENSHOTS}mpi-review.png`, fullPage: true });

    // Merge: the pair leaves the open queue and shows as merged.
    await page.getByTestId('mpi-merge').click();
    await answered(page, /\/merge$/, () => page.getByTestId('mpi-merge-ok').click());
    await expect.poll(() => page.getByTestId('mpi-status').textContent()).toBe('已合并');
    await expect.poll(() => rows.count()).toBe(openBefore - 1);

    // Undo the merge from the merged tab: the pair is then kept apart.
    await page.getByTestId('mpi-tab-merged').click();
    await expect.poll(() => rows.count()).toBe(1);
    await rows.first().click();
    await page.getByTestId('mpi-unmerge').click();
    await answered(page, /\/unmerge$/, () => page.getByTestId('mpi-unmerge-ok').click());
    await expect.poll(() => page.getByTestId('mpi-status').textContent()).toBe('已分开');

    // Keep apart another open pair.
    await page.getByTestId('mpi-tab-open').click();
    await expect.poll(() => rows.count()).toBe(openBefore - 1);
    await rows.first().click();
    await page.getByTestId('mpi-keep-apart').waitFor();
    await answered(page, /\/keep-apart$/, () => page.getByTestId('mpi-keep-apart').click());
    await expect.poll(() => page.getByTestId('mpi-status').textContent()).toBe('已分开');
    await page.getByTestId('mpi-tab-kept_apart').click();
    await expect.poll(() => rows.count()).toBe(2);
    await page.close();
  });

  it('shows the matching model field by field and puts an uploaded one in use, naming the field of a bad one', async () => {
    const page = await browser.newPage();
    await signIn(page, server.base, 'registrar');
    await page.getByTestId('main-menu').getByText('主索引复核').click();
    await page.getByTestId('mpi-tab-model').click();
    const fields = page.getByTestId('mpi-model-fields');
    await expect.poll(() => page.getByTestId('mpi-model-source').textContent()).toBe('内置默认参数');
    const idRow = fields.locator('tr', { hasText: '身份证号' });
    expect(await idRow.getByText('完全一致').count()).toBe(1);
    expect(Number(await idRow.locator('td').last().textContent())).toBeGreaterThan(20);
    expect(await page.getByTestId('mpi-model-thresholds').textContent()).toContain('0.9');

    const model = await page.evaluate(async () => {
      const view = (await (await fetch('/api/mpi/model')).json()) as { fields: unknown[] };
      return view.fields.length;
    });
    expect(model).toBe(7);
    // A model whose columns are not the index's is refused with the field named; the one in use stays.
    const input = page.locator('[data-testid="mpi-model"] input[type=file]');
    const trained = serialiseModel({ ...DEFAULT_MPI_MODEL, thresholds: { link: 0.95, review: 0.6 } });
    const bad = serialiseModel({
      ...DEFAULT_MPI_MODEL,
      fields: DEFAULT_MPI_MODEL.fields.map((f) => (f.column === 'resident_id' ? { ...f, column: 'id_no' } : f)),
      comparisons: DEFAULT_MPI_MODEL.comparisons.map((c) => (c.column === 'resident_id' ? { ...c, column: 'id_no' } : c)),
    });
    await input.setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(bad) });
    await expect.poll(() => page.getByTestId('mpi-model-problem').textContent()).toContain('id_no');
    await input.setInputFiles({ name: 'trained.json', mimeType: 'application/json', buffer: Buffer.from(trained) });
    await expect.poll(() => page.getByTestId('mpi-model-source').textContent()).toContain('已保存的模型');
    expect(await page.getByTestId('mpi-model-thresholds').textContent()).toContain('0.95');
    await page.screenshot({ path: `${SCREENSHOTS}mpi-model.png`, fullPage: true });
    await page.close();
  });

  it('is not in the menu of a clinician, and its API answers 403', async () => {
    const page = await browser.newPage();
    await signIn(page, server.base, 'clinician');
    expect(await page.getByTestId('main-menu').getByText('主索引复核').count()).toBe(0);
    const status = await page.evaluate(async () => (await fetch('/api/mpi/reviews')).status);
    expect(status).toBe(403);
    await page.close();
  });
});

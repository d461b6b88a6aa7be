import { mkdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { buildApp } from '@onconet/server/app';
import { createServices, type Services } from '@onconet/services';
import { seedDemo } from '@onconet/services/demo/seed-demo';
import { registryDb } from '@onconet/storage/queries/registry-tables';
import { openTestDatabase } from '@onconet/storage/testing/test-database';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, SCREENSHOTS, signIn } from './demo-server.ts';

/**
 * The statistics page against a server holding the demo network and population plus registered tumours
 * in Yunyang (500235): lung and stomach in numbers, oesophagus with a small female cell to suppress.
 */
const TUMOURS = [
  { icd10: 'C34', topography: 'C34.1', sex: 1, age: 66, year: 2019, n: 40 },
  { icd10: 'C34', topography: 'C34.1', sex: 2, age: 70, year: 2020, n: 22 },
  { icd10: 'C16', topography: 'C16.9', sex: 1, age: 59, year: 2020, n: 30 },
  { icd10: 'C16', topography: 'C16.9', sex: 2, age: 61, year: 2021, n: 14 },
  { icd10: 'C15', topography: 'C15.5', sex: 1, age: 63, year: 2021, n: 25 },
  { icd10: 'C15', topography: 'C15.5', sex: 2, age: 68, year: 2019, n: 4 },
] as const;

async function seedTumours(services: Services): Promise<void> {
  const db = services.database.db;
  const person = await db.selectFrom('person').select(['id', 'registered_by']).where('birth_date', '<', '1960-01-01').orderBy('id').executeTakeFirstOrThrow();
  const rows = TUMOURS.flatMap((t) =>
    Array.from({ length: t.n }, () => ({
      person_id: person.id,
      incidence_date: `${t.year}-05-01`,
      incidence_rule: 'histology',
      topography: t.topography,
      morphology: '8070',
      behaviour: 3,
      grade: 9,
      laterality: 0,
      basis: 7,
      icd10: t.icd10,
      ci5_cancer: 0,
      detection: 'unknown',
      registry_scope: 'reportable',
      sex: t.sex,
      age: t.age,
      county_code: '500235',
      institution_id: person.registered_by,
      first_reported_on: `${t.year}-06-01`,
    })),
  );
  await registryDb(db).insertInto('tumour').values(rows).execute();
  await db.updateTable('person').set({ vital_status: 'dead', death_date: '2023-01-01' }).where('id', '=', person.id).execute();
}

/** Opens the statistics page for Yunyang and waits for the table's answer. */
async function openYunyang(page: Page, base: string): Promise<void> {
  await page.goto(`${base}/statistics`);
  const picker = page.getByTestId('stats-catchment');
  await picker.click();
  await page.keyboard.type('500235');
  const answered = page.waitForResponse((r) => r.url().includes('/api/stats/incidence?') && r.url().includes('division=500235'));
  await page.keyboard.press('Enter');
  expect((await answered).status()).toBe(200);
  await page.getByTestId('stats-table').getByText('C33-C34').first().waitFor({ timeout: 15_000 });
}

describe('statistics page (Debian Chromium)', () => {
  let app: FastifyInstance;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const database = await openTestDatabase();
    const services = createServices(database, { auditKey: 'browser-test' });
    await seedDemo(services, { persons: 50 });
    await seedTumours(services);
    app = await buildApp({ services, logger: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('lands the analyst on statistics with small cells suppressed, charts drawn and exports offered', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
    const page = await context.newPage();
    await signIn(page, base, 'analyst');
    await expect.poll(() => page.url()).toContain('/statistics');
    await openYunyang(page, base);
    const table = page.getByTestId('stats-table');
    // Oesophagus women (4) is suppressed, and the men's 25 with it as its complement (the row total stays).
    const oesophagus = table.locator('tr', { hasText: 'C15' }).first();
    await expect.poll(() => oesophagus.innerText()).toContain('29');
    for (const sex of ['女性', '男性']) {
      await page.locator('.ant-segmented-item', { hasText: sex }).click();
      await expect.poll(() => oesophagus.getByTestId('suppressed-cell').count()).toBe(1);
    }
    await expect.poll(() => page.getByText('您的权限为汇总级').count()).toBe(1);
    expect(await table.getByText('中标率（1/10万）').count()).toBe(1);
    for (const chart of ['stats-top10', 'stats-age-specific', 'stats-trend']) expect(await page.getByTestId(chart).locator('canvas').count()).toBe(1);
    const download = page.waitForEvent('download');
    await page.getByText('导出 Excel').click();
    expect((await download).suggestedFilename()).toMatch(/^incidence-500235-\d{4}-\d{4}\.xlsx$/);
    const ci5 = page.waitForEvent('download');
    await page.getByTestId('stats-export-ci5').click();
    const ci5File = await ci5;
    expect(ci5File.suggestedFilename()).toMatch(/^ci5-500235-\d{4}-\d{4}\.csv$/);
    const ci5Lines = readFileSync(await ci5File.path(), 'utf8').trim().split('\r\n');
    expect(ci5Lines[0]).toBe('registry,cancer,sex,age_group,cases,py');
    expect(ci5Lines.some((l) => l.split(',')[4] === 'NA')).toBe(true);
    // The registry's data quality, which analysts reach only here.
    await page.getByTestId('stats-quality').getByText('登记数据质量').click();
    await expect.poll(() => page.getByTestId('stats-quality').getByText('67.77', { exact: false }).count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await page.screenshot({ path: `${SCREENSHOTS}statistics-analyst.png`, fullPage: true });
    await context.close();
  });

  it('shows the whole-network reader every count, and English on switching', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    await signIn(page, base, 'sysadmin');
    await openYunyang(page, base);
    expect(await page.getByTestId('suppressed-cell').count()).toBe(0);
    // Survival of every site: all followed to the death on 2023-01-01, so everyone is alive at one year.
    const survivalTable = page.getByTestId('stats-survival-table');
    await expect.poll(() => survivalTable.innerText(), { timeout: 15_000 }).toContain('135 / 135');
    expect(await survivalTable.innerText()).toContain('100.0%');
    expect(await page.getByTestId('stats-survival-chart').locator('canvas').count()).toBe(1);
    await page.getByTestId('stats-survival').getByText('净生存').click();
    await expect.poll(() => page.getByText('演示用模型寿命表').count()).toBe(1);
    const lung = page.getByTestId('stats-table').locator('tr', { hasText: 'C33-C34' }).first();
    await expect.poll(() => lung.innerText()).toContain('62');
    // An institution's catchment is its county: 云阳县肿瘤医院 gives Yunyang's table.
    await page.getByTestId('stats-catchment').click();
    await page.keyboard.type('云阳县肿瘤医院');
    const byInstitution = page.waitForResponse((r) => r.url().includes('/api/stats/incidence?') && r.url().includes('institution='));
    await page.keyboard.press('Enter');
    expect((await byInstitution).status()).toBe(200);
    await expect.poll(() => page.getByTestId('stats-caption').innerText()).toContain('云阳县');
    await page.getByTestId('language-switch').getByText('English').click();
    await expect.poll(() => page.getByText('ASR China (per 100,000)').count()).toBeGreaterThanOrEqual(1);
    await page.screenshot({ path: `${SCREENSHOTS}statistics-sysadmin-en.png`, fullPage: true });
    await context.close();
  });
});

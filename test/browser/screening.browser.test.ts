import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, SCREENSHOTS, signIn, startDemoServer, type DemoServer } from './demo-server.ts';

const PASSWORD = 'OncoNet-Demo-2026';

interface Campaign {
  readonly id: number;
  readonly name: string;
  readonly programmeCode: string;
}
interface Participant {
  readonly id: number;
  readonly name: string;
  readonly institutionId: number;
  readonly institutionName: string;
  readonly stage: string;
}

/** The API as one demo user (cookie session), for facts the test checks the pages against. */
async function apiAs(base: string, username: string) {
  const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const me = ((await login.json()) as { user: { institution: { id: number; nameZh: string } } }).user;
  const get = async <T,>(path: string): Promise<T> => {
    const response = await fetch(`${base}${path}`, { headers: { cookie } });
    expect(response.status, path).toBe(200);
    return (await response.json()) as T;
  };
  return { me, get };
}

/** Picks an option of an antd Select by typing its label. */
async function choose(page: Page, testId: string, text: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.keyboard.type(text);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text }).first().click();
}

describe('screening as the demo coordinator and a township nurse (Debian Chromium)', () => {
  let server: DemoServer;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    server = await startDemoServer(19_400 + Math.floor(Math.random() * 500));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('runs a campaign: demo campaign, a new lung campaign targeted from the MPI, questionnaire with a field-named error, a result, the worklist and the indicators', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    await signIn(page, server.base, 'screening');
    const api = await apiAs(server.base, 'screening');

    // The demo's endoscopic campaign in a Qianjiang township, with its participants.
    const { items: campaigns } = await api.get<{ items: Campaign[] }>('/api/screening/campaigns');
    const demo = campaigns.find((c) => c.programmeCode === 'upper_gi');
    expect(demo, 'the demo has an upper GI campaign at the coordinator’s hub').toBeDefined();
    await page.getByTestId('main-menu').getByText('筛查', { exact: true }).click();
    await page.getByTestId('menu-screening-campaigns').click();
    await page.getByTestId(`campaign-${demo!.id}`).click();
    await page.getByTestId('screening-campaign').waitFor();
    const demoTotal = (await api.get<{ total: number }>(`/api/screening/campaigns/${demo!.id}/participants?limit=1`)).total;
    expect(demoTotal).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('participants-total').innerText(), { timeout: 15_000 }).toContain(`共 ${demoTotal} 人`);
    await page.screenshot({ path: `${SCREENSHOTS}screening-campaign.png`, fullPage: true });

    // A lung campaign in the same district, created in the page and targeted from the MPI.
    await page.goto(`${server.base}/screening/campaigns`);
    await page.getByTestId('campaign-create').click();
    await page.getByTestId('campaign-name').fill('黔江区肺癌低剂量CT筛查（测试）');
    await choose(page, 'campaign-programme', '肺癌');
    await page.getByPlaceholder('开始日期').fill('2026-11-01');
    await page.getByPlaceholder('结束日期').fill('2026-12-31');
    await page.keyboard.press('Enter');
    await page.getByTestId('campaign-catchment').click();
    await page.keyboard.type('500114');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    const created = page.waitForResponse((r) => r.url().endsWith('/api/screening/campaigns') && r.request().method() === 'POST');
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    expect((await created).status()).toBe(201);
    const lung = (await (await created).json()) as Campaign & { catchment: string[] };
    expect(lung.catchment).toEqual(['500114']);
    await page.getByTestId(`campaign-${lung.id}`).click();
    await page.getByRole('tab', { name: '目标人群' }).click();
    await page.getByTestId('campaign-draw').click();
    await expect.poll(() => page.getByTestId('campaign-drawn').innerText(), { timeout: 15_000 }).toMatch(/新增 [1-9]\d* 人/);

    // A list with a bad row is rejected whole, with a report naming row and column; the corrected list is taken.
    const header = 'name,sex,birth_date,resident_id,phone,division_code\n';
    const upload = (rows: string) => page.locator('input[type="file"]').setInputFiles({ name: 'list.csv', mimeType: 'text/csv', buffer: Buffer.from(header + rows, 'utf8') });
    const rejected = page.waitForResponse((r) => r.url().endsWith('/import'));
    await upload('筛查测甲,1,1958-03-02,,13912345678,500114101\n筛查测乙,3,1961-02-30,,,500114101\n');
    expect((await rejected).status()).toBe(400);
    const report = page.getByTestId('campaign-import-report');
    await expect.poll(() => report.innerText(), { timeout: 15_000 }).toContain('birth_date');
    const reportRows = await report.locator('tbody tr.ant-table-row').allInnerTexts();
    expect(reportRows.some((r) => /^2\s+sex\s/.test(r))).toBe(true);
    expect(reportRows.some((r) => /^2\s+birth_date\s/.test(r))).toBe(true);
    const taken = page.waitForResponse((r) => r.url().endsWith('/import'));
    await upload('筛查测甲,1,1958-03-02,,13912345678,500114101\n');
    expect((await taken).status()).toBe(200);
    await expect.poll(() => page.getByTestId('campaign-imported').innerText(), { timeout: 15_000 }).toContain('新增 1 人');
    expect(await page.getByTestId('campaign-import-report').count()).toBe(0);

    // Invitations to everyone, and the print list for the village doctor (CSV, UTF-8 with BOM).
    await page.getByRole('tab', { name: '邀约' }).click();
    await page.getByTestId('campaign-invite-all').click();
    await expect.poll(() => page.getByText(/已发出 [1-9]\d* 份邀约/).count(), { timeout: 15_000 }).toBe(1);
    const download = page.waitForEvent('download');
    await page.getByTestId('campaign-export-print').click();
    const file = await (await download).createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of file) chunks.push(chunk as Buffer);
    const csv = Buffer.concat(chunks).toString('utf8');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toContain('筛查测甲');

    // A site with a slot of 30 places.
    await page.getByRole('tab', { name: '筛查点与预约时段' }).click();
    await page.getByTestId('campaign-sites').getByPlaceholder('名称').fill('黔江城东社区卫生服务中心筛查点');
    await page.getByTestId('campaign-sites').getByRole('button', { name: '新增筛查点' }).click();
    const site = page.locator('[data-testid^="site-"]').first();
    await site.waitFor({ timeout: 15_000 });
    await site.getByPlaceholder('开始时间').fill('2026-12-01 09:00');
    await page.keyboard.press('Enter');
    await site.locator('.ant-input-number input').fill('30');
    await site.getByRole('button', { name: '新增时段' }).click();
    await expect.poll(() => site.innerText(), { timeout: 15_000 }).toContain('2026/12/1');
    expect(await site.innerText()).toContain('30');

    await page.getByRole('tab', { name: '筛查对象' }).click();
    const rows = page.getByTestId('participants-table').locator('[data-testid^="participant-"]');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const name = await rows.first().innerText();
    await rows.first().click();
    await page.getByTestId('screening-participant').waitFor();
    await page.getByTestId('participant-check-in').click();
    await expect.poll(() => page.getByTestId('participant-stage').getAttribute('data-stage')).toBe('checked_in');

    // An impossible answer: the server refuses it and the page says so on that question; nothing is saved.
    await page.getByTestId('question-smoking').getByText('现在吸烟').click();
    await page.getByTestId('question-cigarettes_per_day').locator('input').fill('150');
    await page.getByTestId('question-smoking_years').locator('input').fill('35');
    await page.getByTestId('question-passive_smoking_years').locator('input').fill('0');
    await page.getByTestId('question-occupational_exposure_years').locator('input').fill('0');
    await page.getByTestId('question-family_history').getByText('否').click();
    const refused = page.waitForResponse((r) => r.url().includes('/questionnaire') && r.request().method() === 'PUT');
    await page.getByTestId('questionnaire-submit').click();
    expect((await refused).status()).toBe(400);
    await expect.poll(() => page.getByTestId('question-cigarettes_per_day').innerText()).toContain('超出范围，应在 1–100 之间');
    expect(await page.getByTestId('questionnaire-error').innerText()).toContain('请更正标出的 1 项');
    expect(await page.getByTestId('question-smoking_years').locator('.ant-form-item-explain-error').count()).toBe(0);
    expect(await page.getByTestId('participant-stage').getAttribute('data-stage')).toBe('checked_in');
    await page.screenshot({ path: `${SCREENSHOTS}screening-questionnaire-error.png`, fullPage: true });

    // Valid answers: 30 a day for 35 years is 52.5 pack-years, high-risk by lung@2021.1.
    await page.getByTestId('question-cigarettes_per_day').locator('input').fill('30');
    await page.getByTestId('questionnaire-submit').click();
    await expect.poll(() => page.getByTestId('participant-risk').innerText(), { timeout: 15_000 }).toContain('lung@2021.1');
    expect(await page.getByTestId('participant-risk').innerText()).toContain('高危');
    await expect.poll(() => page.getByTestId('participant-stage').getAttribute('data-stage')).toBe('assessed');

    // A Lung-RADS 4A result: positive, LDCT due in 3 months, on the follow-up worklist.
    await choose(page, 'exam-code', '低剂量螺旋 CT');
    await page.getByTestId('exam-category').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '4A' }).first().click();
    await page.getByTestId('exam-submit').click();
    await expect.poll(() => page.getByTestId('exam-ldct').innerText(), { timeout: 15_000 }).toContain('4A');
    await expect.poll(() => page.getByTestId('participant-stage').getAttribute('data-stage')).toBe('positive');
    expect(await page.getByTestId('participant-follow-up').innerText()).toContain('低剂量螺旋CT复查');
    await page.screenshot({ path: `${SCREENSHOTS}screening-participant.png`, fullPage: true });

    await page.goto(`${server.base}/screening/worklists`);
    await expect.poll(() => page.getByTestId('worklist-table').innerText(), { timeout: 15_000 }).toContain(name);

    // The indicators of the new campaign: the tooltip names numerator and denominator with the table's counts.
    await page.goto(`${server.base}/screening/indicators`);
    await page.getByTestId('indicators-chart').locator('canvas').waitFor();
    const filtered = page.waitForResponse((r) => r.url().includes('/api/screening/indicators?') && r.url().includes(`campaignId=${lung.id}`));
    await choose(page, 'indicators-campaign', lung.name);
    expect((await filtered).status()).toBe(200);
    await choose(page, 'indicators-choose', '问卷高危率');
    const table = page.getByTestId('indicators-table');
    await expect.poll(() => table.innerText()).toContain(lung.name);
    const chart = page.getByTestId('indicators-chart');
    const box = (await chart.locator('canvas').boundingBox())!;
    await expect
      .poll(
        async () => {
          await page.mouse.move(box.x + box.width / 2 + 1, box.y + box.height / 2);
          await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
          return chart.innerText();
        },
        { timeout: 10_000 },
      )
      .toContain('分母');
    const tooltip = await chart.innerText();
    expect(tooltip).toContain(lung.name);
    expect(tooltip).toContain('问卷高危率: 100.0%');
    expect(tooltip).toContain('分子 · 评估为高危者: 1');
    expect(tooltip).toContain('分母 · 完成问卷者: 1');
    await page.screenshot({ path: `${SCREENSHOTS}screening-indicators.png`, fullPage: true });

    // Programme settings: an impossible age range is refused on the field; a rescreen interval is kept as the network's.
    await page.goto(`${server.base}/screening/programmes`);
    await page.getByTestId('programme-tab-liver').click();
    const settings = page.getByTestId('programme-settings-liver');
    await settings.getByLabel('最小年龄').fill('80');
    const refusedSettings = page.waitForResponse((r) => r.url().endsWith('/programmes/liver/config'));
    await page.getByTestId('programme-save-liver').click();
    expect((await refusedSettings).status()).toBe(400);
    await expect.poll(() => settings.locator('.ant-form-item-explain-error').first().innerText()).toContain('80');
    await settings.getByLabel('最小年龄').fill('40');
    await settings.getByLabel('阴性者复筛间隔').fill('12');
    await page.getByTestId('programme-save-liver').click();
    await expect.poll(() => page.getByTestId('programme-liver').innerText(), { timeout: 15_000 }).toContain('已按本网络调整');
    expect(await page.getByTestId('programme-liver').innerText()).toContain('12 个月');
    await context.close();
  });

  it('shows a township nurse only her clinic’s participants', async () => {
    const nurse = await apiAs(server.base, 'nurse');
    const admin = await apiAs(server.base, 'sysadmin');
    const clinic = nurse.me.institution;
    const { items: mine } = await nurse.get<{ items: Campaign[] }>('/api/screening/campaigns');
    expect(mine.length).toBeGreaterThan(0);
    const campaign = mine[0]!;
    const all = await admin.get<{ items: Participant[]; total: number }>(`/api/screening/campaigns/${campaign.id}/participants?limit=500`);
    const others = all.items.filter((p) => p.institutionId !== clinic.id);
    expect(others.length, 'the demo campaign also has participants of other clinics').toBeGreaterThan(0);
    const ownCount = all.items.length - others.length;

    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    await signIn(page, server.base, 'nurse');
    await page.goto(`${server.base}/screening/campaigns/${campaign.id}`);
    await expect.poll(() => page.getByTestId('participants-total').innerText(), { timeout: 15_000 }).toContain(`共 ${ownCount} 人`);
    const clinics = await page.getByTestId('participants-table').getByTestId('participant-clinic').allInnerTexts();
    expect(clinics.length).toBe(Math.min(ownCount, 50));
    for (const text of clinics) expect(text).toBe(clinic.nameZh);
    for (const other of others.slice(0, 3)) expect(await page.getByText(other.name, { exact: true }).count()).toBe(0);

    // Another clinic's participant by address: not found, nothing of the person shown.
    const stranger = others[0]!;
    await page.goto(`${server.base}/screening/participants/${stranger.id}`);
    await expect.poll(() => page.getByTestId('participant-error').getAttribute('data-code'), { timeout: 15_000 }).toBe('not_found');
    expect(await page.getByText(stranger.name).count()).toBe(0);
    await page.screenshot({ path: `${SCREENSHOTS}screening-nurse.png`, fullPage: true });
    await context.close();
  });

  it('sends an endoscopy from the township for remote reading at the core hospital and gets the report back', async () => {
    const nurse = await apiAs(server.base, 'nurse');
    const { items: mine } = await nurse.get<{ items: Campaign[] }>('/api/screening/campaigns');
    const campaign = mine.find((c) => c.programmeCode === 'upper_gi')!;
    const { items } = await nurse.get<{ items: Participant[] }>(`/api/screening/campaigns/${campaign.id}/participants?limit=100`);
    let chosen: Participant | undefined;
    for (const p of items) {
      const detail = await nurse.get<{ exams: { examCode: string }[] }>(`/api/screening/participants/${p.id}`);
      if (!detail.exams.some((e) => e.examCode === 'endoscopy')) {
        chosen = p;
        break;
      }
    }
    expect(chosen, 'a participant of the nurse without an endoscopy').toBeDefined();

    // The township records the endoscopy without a category and asks the core hospital to read it.
    const nursePage = await (await browser.newContext({ locale: 'zh-CN', viewport: { width: 1400, height: 1000 } })).newPage();
    await signIn(nursePage, server.base, 'nurse');
    await nursePage.goto(`${server.base}/screening/participants/${chosen!.id}`);
    await choose(nursePage, 'exam-code', '胃镜');
    await nursePage.getByTestId('exam-submit').click();
    const exam = nursePage.getByTestId('exam-endoscopy');
    await expect.poll(() => exam.innerText(), { timeout: 15_000 }).toContain('待阅片');
    await exam.locator('.ant-select').click();
    await nursePage.keyboard.type('重庆大学附属肿瘤医院');
    await nursePage.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '重庆大学附属肿瘤医院' }).first().click();
    await nursePage.getByTestId('exam-request-read').click();
    await expect.poll(() => nursePage.getByTestId('exam-remote-read').innerText(), { timeout: 15_000 }).toContain('已申请');
    const { items: requested } = await nurse.get<{ items: Array<{ id: number; participantId: number; status: string }> }>('/api/screening/remote-reads?side=requested&status=requested');
    const read = requested.find((r) => r.participantId === chosen!.id)!;
    expect(read).toBeDefined();

    // The specialist takes it from "to read by me" and reports; the category becomes the exam's result.
    const readerPage = await (await browser.newContext({ locale: 'zh-CN', viewport: { width: 1400, height: 1000 } })).newPage();
    await signIn(readerPage, server.base, 'clinician');
    await readerPage.goto(`${server.base}/screening/remote-reading`);
    await readerPage.getByTestId(`read-assign-${read.id}`).click();
    await readerPage.getByTestId(`read-report-${read.id}`).click();
    await readerPage.locator('.ant-modal .ant-select').click();
    await readerPage.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '未见异常' }).first().click();
    await readerPage.locator('.ant-modal textarea').fill('食管及胃黏膜未见异常，碘染色无不染区。');
    await readerPage.locator('.ant-modal-footer .ant-btn-primary').click();
    const row = readerPage.getByTestId('remote-table').locator('tr', { has: readerPage.getByText(chosen!.institutionName) }).first();
    await expect.poll(() => row.innerText(), { timeout: 15_000 }).toContain('已出报告');
    expect(await readerPage.getByTestId('remote-median').innerText()).toMatch(/已出报告 [1-9]\d* 份/);
    await readerPage.screenshot({ path: `${SCREENSHOTS}screening-remote-reader.png`, fullPage: true });

    // Back at the township: acknowledged, and the exam now carries the reader's category.
    await nursePage.goto(`${server.base}/screening/remote-reading`);
    await nursePage.locator('.ant-segmented-item', { hasText: '本机构申请的' }).click();
    await nursePage.getByTestId(`read-ack-${read.id}`).click();
    await expect.poll(async () => (await nurse.get<{ items: Array<{ id: number; status: string; turnaroundHours: number | null }> }>('/api/screening/remote-reads?side=requested')).items.find((r) => r.id === read.id)?.status).toBe('returned');
    await nursePage.goto(`${server.base}/screening/participants/${chosen!.id}`);
    await expect.poll(() => nursePage.getByTestId('exam-endoscopy').innerText(), { timeout: 15_000 }).toContain('未见异常');
    expect(await nursePage.getByTestId('exam-remote-read').innerText()).toContain('已回传');
  });

  it('gives the analyst the indicators and no participant', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    await signIn(page, server.base, 'analyst');
    await expect.poll(() => page.url()).toContain('/statistics');
    await page.getByTestId('main-menu').getByText('筛查', { exact: true }).click();
    expect(await page.getByTestId('menu-screening-campaigns').count()).toBe(0);
    await page.getByTestId('menu-screening-indicators').click();
    await page.getByTestId('indicators-chart').locator('canvas').waitFor({ timeout: 15_000 });
    await expect.poll(() => page.getByTestId('indicators-table').innerText()).toContain('合计');
    expect(await page.getByTestId('indicators-campaign').count()).toBe(0);
    await page.goto(`${server.base}/screening/campaigns`);
    await page.getByTestId('forbidden').waitFor();
    await context.close();
  });

  it('lays the questionnaire out for a 375-px phone', async () => {
    const nurse = await apiAs(server.base, 'nurse');
    const { items: mine } = await nurse.get<{ items: Campaign[] }>('/api/screening/campaigns');
    const { items } = await nurse.get<{ items: Participant[] }>(`/api/screening/campaigns/${mine[0]!.id}/participants?limit=50`);
    const participant = items.find((p) => p.stage === 'targeted' || p.stage === 'invited' || p.stage === 'booked') ?? items[0]!;

    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await signIn(page, server.base, 'nurse');
    await page.goto(`${server.base}/screening/participants/${participant.id}/questionnaire`);
    await page.getByTestId('questionnaire-form').waitFor();
    await expect.poll(() => page.locator('[data-testid^="question-"]').count(), { timeout: 15_000 }).toBeGreaterThan(3);
    // One column, nothing wider than the screen, full-width controls and submit button.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    expect(await page.getByTestId('main-menu').count()).toBe(0);
    const submit = (await page.getByTestId('questionnaire-submit').boundingBox())!;
    expect(submit.x).toBeGreaterThanOrEqual(0);
    expect(submit.x + submit.width).toBeLessThanOrEqual(375);
    expect(submit.width).toBeGreaterThan(300);
    const first = (await page.locator('[data-testid^="question-"]').first().boundingBox())!;
    expect(first.width).toBeGreaterThan(300);
    expect(await page.getByText(participant.name).count()).toBeGreaterThan(0);
    await page.screenshot({ path: `${SCREENSHOTS}screening-phone.png`, fullPage: true });
    await context.close();
  });
});

import { mkdirSync } from 'node:fs';
import { ROLE_PERMISSIONS, type Role } from '@onconet/domain';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, SCREENSHOTS, signIn, startDemoServer, type DemoServer } from './demo-server.ts';

const PASSWORD = 'OncoNet-Demo-2026';
const USERS: ReadonlyArray<{ username: string; role: Role }> = [
  { username: 'sysadmin', role: 'system_admin' },
  { username: 'netadmin', role: 'network_admin' },
  { username: 'instadmin', role: 'institution_admin' },
  { username: 'registrar', role: 'registrar' },
  { username: 'screening', role: 'screening_coordinator' },
  { username: 'clinician', role: 'clinician' },
  { username: 'mdt', role: 'mdt_coordinator' },
  { username: 'nurse', role: 'followup_nurse' },
  { username: 'analyst', role: 'analyst' },
  { username: 'auditor', role: 'auditor' },
];

interface Probe {
  readonly residentId: string;
  readonly divisionCode: string;
}

async function apiLogin(base: string, username: string): Promise<string> {
  const response = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
  return response.headers.get('set-cookie')!.split(';')[0]!;
}

/**
 * Finds, through the API as the system admin, one demo person registered at the registrar's hub
 * (云阳) and one at the screening coordinator's hub (黔江), neither known at the core hospital, so the
 * expected visibility of each role follows from the scopes alone.
 */
async function probes(base: string): Promise<{ yunyang: Probe; qianjiang: Probe }> {
  const homeOf = async (username: string) => ((await (await fetch(`${base}/api/auth/me`, { headers: { cookie: await apiLogin(base, username) } })).json()) as { user: { institution: { id: number } } }).user.institution.id;
  const want = { yunyang: await homeOf('registrar'), qianjiang: await homeOf('screening') };
  const cookie = await apiLogin(base, 'sysadmin');
  const found: Partial<Record<keyof typeof want, Probe>> = {};
  for (const surname of ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗', '郑', '梁', '谢', '宋', '唐']) {
    const { items } = (await (await fetch(`${base}/api/persons?q=${encodeURIComponent(surname)}&limit=100`, { headers: { cookie } })).json()) as { items: Array<{ id: number; residentId: string | null }> };
    for (const item of items) {
      const person = (await (await fetch(`${base}/api/persons/${item.id}`, { headers: { cookie } })).json()) as { residentId: string | null; divisionCode: string; registeredBy: number; identifiers: Array<{ institutionId: number }> };
      if (!person.residentId || person.identifiers.length !== 1) continue;
      for (const key of ['yunyang', 'qianjiang'] as const) {
        if (person.registeredBy === want[key]) found[key] ??= { residentId: person.residentId, divisionCode: person.divisionCode };
      }
    }
    if (found.yunyang && found.qianjiang) return { yunyang: found.yunyang, qianjiang: found.qianjiang };
  }
  throw new Error('the demo population has no person registered at the 云阳 and 黔江 hubs');
}

/** Searches in the person page and returns how many result rows show the resident ID. */
async function searchCount(page: Page, base: string, residentId: string): Promise<number> {
  await page.goto(`${base}/persons`);
  const box = page.locator('input[data-testid="person-search"], [data-testid="person-search"] input').first();
  await box.fill(residentId);
  const answered = page.waitForResponse((r) => r.url().includes('/api/persons?') && r.request().method() === 'GET');
  await box.press('Enter');
  const response = await answered;
  const { items } = (await response.json()) as { items: unknown[] };
  const results = page.getByTestId('person-results');
  // What the API answered must be what the table shows.
  await expect.poll(() => results.getByText(residentId).count(), { timeout: 10_000 }).toBe(items.length);
  return items.length;
}

describe('the web app as each demo role (Debian Chromium)', () => {
  let server: DemoServer;
  let browser: Browser;
  let people: { yunyang: Probe; qianjiang: Probe };

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    server = await startDemoServer(18_400 + Math.floor(Math.random() * 500));
    browser = await launchChromium();
    people = await probes(server.base);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('refuses a wrong password with a message', async () => {
    const page = await browser.newPage();
    await page.goto(server.base);
    await page.getByTestId('login-username').fill('registrar');
    await page.getByTestId('login-password').fill('not-the-password');
    await page.getByTestId('login-submit').click();
    await expect.poll(() => page.getByTestId('login-error').isVisible()).toBe(true);
    await page.close();
  });

  for (const { username, role } of USERS) {
    it(`${username} (${role}) sees what the role allows and no more`, async () => {
      const permissions = new Set(ROLE_PERMISSIONS[role]);
      const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1400, height: 900 } });
      const page = await context.newPage();
      await signIn(page, server.base, username);
      await page.screenshot({ path: `${SCREENSHOTS}${username}-home.png` });

      const menu = page.getByTestId('main-menu');
      expect(await menu.getByTestId('menu-persons').count()).toBe(permissions.has('persons.read') ? 1 : 0);
      expect(await menu.getByTestId('menu-audit').count()).toBe(permissions.has('audit.read') ? 1 : 0);
      expect(await menu.getByTestId('menu-cockpit').count()).toBe(permissions.has('stats.read') ? 1 : 0);

      // The network tree: every role may read the network.
      await page.goto(`${server.base}/network`);
      await page.getByTestId('network-tree').waitFor();
      await expect.poll(() => page.getByTestId('network-tree').getByText('重庆大学附属肿瘤医院').count()).toBeGreaterThan(0);
      await page.screenshot({ path: `${SCREENSHOTS}${username}-network.png` });

      // The person search: only persons in the user's data scope, and nothing for roles without personal data.
      if (permissions.has('persons.read')) {
        const seesYunyang = ['system_admin', 'network_admin', 'institution_admin', 'registrar'].includes(role);
        const seesQianjiang = ['system_admin', 'network_admin', 'screening_coordinator'].includes(role);
        expect(await searchCount(page, server.base, people.yunyang.residentId)).toBe(seesYunyang ? 1 : 0);
        expect(await searchCount(page, server.base, people.qianjiang.residentId)).toBe(seesQianjiang ? 1 : 0);
        await page.screenshot({ path: `${SCREENSHOTS}${username}-persons.png` });
      } else {
        await page.goto(`${server.base}/persons`);
        await page.getByTestId('forbidden').waitFor();
        expect(await page.getByText(people.yunyang.residentId).count()).toBe(0);
      }
      await context.close();
    });
  }
});

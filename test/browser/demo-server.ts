import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_PASSWORD } from '@onconet/services/demo/demo-users';
import { chromium, type Browser, type Page } from 'playwright-core';

const BIN = fileURLToPath(new URL('../../bin/onconet.mjs', import.meta.url));

export interface DemoServer {
  readonly base: string;
  readonly logins: string[];
  stop(): Promise<void>;
}

/** Starts `onconet serve --demo` exactly as a user would, on an empty data folder and a free port. */
export async function startDemoServer(port: number, persons = 3000): Promise<DemoServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'onconet-browser-'));
  const child: ChildProcess = spawn(process.execPath, [BIN, 'serve', '--demo'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ONCONET_DATA: dataDir, ONCONET_DEMO_PERSONS: String(persons), ONCONET_LOG_LEVEL: 'warn', DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 240_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('demo logins')) {
        clearTimeout(timer);
        setTimeout(resolve, 200);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  return {
    base: `http://127.0.0.1:${port}`,
    logins: output.split('\n').filter((l) => /^\s{2}\S+\s+\S+_?\S*/.test(l)),
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Debian's Chromium, headless; the flags keep it off the (closed) network. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export const SCREENSHOTS = fileURLToPath(new URL('../../screenshots/', import.meta.url));

/** Signs in through the login page as a demo user and waits for the app shell. */
export async function signIn(page: Page, base: string, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(base);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('main-menu').waitFor({ timeout: 30_000 });
}

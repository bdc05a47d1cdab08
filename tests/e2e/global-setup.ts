// Before the workers start, one browser loads the app once and says how long that took. It
// meets the cold server and browser first; should a load ever stall again (it did, until the
// test server answered each connection on a thread of its own: issue 15), it prints the
// requests still open, so the CI log says where it stuck.
import { chromium, type FullConfig } from '@playwright/test';

export default async function globalSetup(config: FullConfig): Promise<void> {
  const use = config.projects[0]?.use ?? {};
  const browser = await chromium.launch(use.launchOptions);
  const page = await browser.newPage({ locale: 'zh-CN' });
  const open = new Map<string, number>();
  page.on('request', (request) => open.set(request.url(), Date.now()));
  page.on('requestfinished', (request) => open.delete(request.url()));
  page.on('requestfailed', (request) => open.delete(request.url()));
  const started = Date.now();
  try {
    await page.goto(`${use.baseURL}/`, { timeout: 90_000 });
    await page.getByRole('button', { name: '打开示例报告' }).waitFor({ timeout: 60_000 });
    console.log(`warm-up: the app was ready ${Date.now() - started} ms after the first navigation`);
  } catch (error) {
    const still = [...open.entries()].map(([url, at]) => `${url} (asked at +${at - started} ms)`);
    console.log(`warm-up: not ready after ${Date.now() - started} ms (${String(error).split('\n')[0]}); `
      + `requests still open: ${still.join(', ') || 'none'}`);
  } finally {
    await browser.close();
  }
}

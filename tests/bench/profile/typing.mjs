// The part the profiling aids share: a page of the served build (BASE_URL) with the example
// report open where the bench types (table 三's first cell, or with PROSE=1 a
// 5,000-character prose section), with AUTO=1 its auto-totals (自动合计) turned on, as a new
// report has them, the CPU throttled THROTTLE×, and the bench's typing.
import { chromium } from '@playwright/test';

export const EDITS = Number(process.env.EDITS ?? 200);
export const PROSE = !!process.env.PROSE;
export const AUTO = !!process.env.AUTO;

/** Opens the page; returns the browser, the page and its DevTools session. */
export async function openTyping(throttle) {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run',
      '--disable-background-networking', '--disable-component-update'] });
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await page.goto(process.env.BASE_URL ?? 'http://127.0.0.1:8099');
  await page.getByRole('button', { name: '打开示例报告' }).click();
  if (AUTO) {
    await page.getByRole('navigation').getByRole('button', { name: /^三、/ }).click();
    await page.getByTestId('grid-requests').getByRole('checkbox', { name: '自动合计' }).check();
  }
  if (PROSE) {
    await page.getByRole('navigation').getByRole('button', { name: /^一、/ }).click();
    const area = page.getByRole('textbox', { name: '正文' });
    await area.fill('本年度'.repeat(1700));
    await area.click();
    await page.keyboard.press('End');
  } else {
    await page.getByRole('navigation').getByRole('button', { name: /^三、/ }).click();
    await page.locator('.grid td[data-cell="requests.new.natural"]').click();
  }
  if (throttle > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  await page.waitForTimeout(500);
  return { browser, page, cdp };
}

/** Types EDITS digits as the bench does (a Tab after every tenth in the grid). */
export async function typeDigits(page) {
  for (let i = 0; i < EDITS; i++) {
    await page.keyboard.press(String(i % 10));
    if (!PROSE && i % 10 === 9) await page.keyboard.press('Tab');
  }
  await page.waitForTimeout(300);
}

/**
 * Types as the bench does in a traced page (THROTTLE×, `categories` added to the timeline's)
 * and returns the renderer main thread's trace events. `before(page)` runs before the trace.
 */
export async function traceTyping(throttle, categories = [], before = async () => {}) {
  const { browser, page } = await openTyping(throttle);
  await before(page);
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', ...categories] });
  await typeDigits(page);
  const trace = await browser.stopTracing();
  await browser.close();
  const events = JSON.parse(trace.toString('utf8')).traceEvents ?? [];
  const main = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  return events.filter((e) => main.has(`${e.pid}:${e.tid}`));
}

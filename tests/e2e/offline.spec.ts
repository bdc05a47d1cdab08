// Working with no network: nothing is fetched from another origin, the installed app opens
// and drafts offline, and the single-file edition works straight from disk (file://).
import { test, expect, type Page } from '@playwright/test';
import * as fs from 'fs';
import * as path from 'path';
import { expectCellValue, clickCell, createReport, download, gridCell, openSection } from './helpers';

/** Fails the test on any request that leaves the page's own origin. */
function watchOrigins(page: Page, origin: string): string[] {
  const foreign: string[] = [];
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) {
      foreign.push(url);
    }
  });
  return foreign;
}

async function draftSomeFigures(page: Page): Promise<void> {
  await openSection(page, '三、');
  await gridCell(page, '一、本年新收政府信息公开申请数量 · 自然人').click();
  await page.keyboard.type('21');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('save-status')).toContainText('已保存');
}

test('makes no request outside its own origin', async ({ page, baseURL }) => {
  const origin = new URL(baseURL ?? '').origin;
  const foreign = watchOrigins(page, origin);
  await page.goto('/');
  await createReport(page, '离线测试局', 2024);
  await draftSomeFigures(page);
  await page.reload();
  await expect(page.getByTestId('library-row')).toHaveCount(1);
  expect(foreign).toEqual([]);
});

/** Waits until the service worker controls the page: from then on every asset is cached. */
async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve));
    }
  });
}

test('opens and drafts with the network gone once it has loaded', async ({ page, context }) => {
  await page.goto('/');
  await waitForServiceWorker(page);
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('报告库');
  await createReport(page, '断网测试局', 2024);
  await draftSomeFigures(page);
  // The preview and the downloads are made in the page: no network needed.
  await page.getByRole('group', { name: '右侧面板' }).getByRole('button', { name: '预览' }).click();
  await expect(page.getByTestId('preview-pane').locator('.nianbao-doc h1')).toHaveText('断网测试局2024年政府信息公开工作年度报告');
  const csv = await download(page, '表格 CSV');
  expect(csv.name).toBe('断网测试局2024年政府信息公开工作年度报告.csv');
  expect(csv.bytes.toString('utf8')).toContain('21');
  await page.reload();
  await expect(page.getByTestId('library-row')).toContainText('断网测试局');
  await context.setOffline(false);
});

test('the single-file edition works opened from disk', async ({ page }) => {
  const dist = process.env.DIST_DIR;
  expect(dist, 'cargo xtask test sets DIST_DIR to the built dist/ folder').toBeTruthy();
  const url = 'file://' + path.join(dist ?? '', 'nianbao.html');
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(err.message));
  const foreign = watchOrigins(page, url);
  await page.goto(url);
  await expect(page.getByTestId('product-name')).toHaveText('年报');
  await createReport(page, '优盘测试局', 2023);
  await draftSomeFigures(page);
  await page.reload();
  await expect(page.getByTestId('library-row')).toContainText('优盘测试局');
  // The PDF reader travels inside the file too: a PDF imports from disk, with no network.
  await page.getByTestId('import-published-open').click();
  await page.getByTestId('import-published-file').setInputFiles(
    path.resolve(__dirname, '../fixtures/published/huaian-2024.pdf'),
  );
  await expect(page.getByTestId('import-tables')).toContainText('已填 175/175 格');
  expect(problems).toEqual([]);
  expect(foreign).toEqual([]);
});

test('a new build is announced and switching to it keeps the draft', async ({ page }) => {
  const dist = process.env.DIST_DIR ?? '';
  const worker = path.join(dist, 'sw.js');
  const original = fs.readFileSync(worker, 'utf8');
  await page.goto('/');
  await waitForServiceWorker(page);
  await createReport(page, '更新测试局', 2024);
  await openSection(page, '三、');
  try {
    // Deploy a "new build": any byte change to sw.js is a new version for the browser.
    fs.writeFileSync(worker, original + '\n// a newer build\n');
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
    const banner = page.getByTestId('update-banner');
    await expect(banner).toBeVisible();
    // Type right before switching: the figure must survive the reload into the new build.
    await clickCell(page, '二、上年结转政府信息公开申请数量 · 自然人');
    await page.keyboard.type('7');
    await page.keyboard.press('Enter');
    await Promise.all([page.waitForEvent('load'), banner.getByRole('button', { name: '立即更新' }).click()]);
  } finally {
    fs.writeFileSync(worker, original);
  }
  await expect(page.getByTestId('update-banner')).toHaveCount(0);
  const row = page.getByTestId('library-row').filter({ hasText: '更新测试局' });
  await row.getByRole('button', { name: '打开' }).click();
  await openSection(page, '三、');
  await expectCellValue(page, '二、上年结转政府信息公开申请数量 · 自然人', '7');
});

// The app shell: it loads in Chinese, switches to English and remembers the choice.
import { test, expect } from '@playwright/test';

test('loads in Chinese, switches language and keeps it across a reload', async ({ page }) => {
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(msg.text());
  });

  await page.goto('/');
  await expect(page.getByTestId('product-name')).toHaveText('年报');
  // The static page shown while the wasm loads is gone once the app runs.
  await expect(page.locator('#app-shell')).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('报告库');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');

  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Library');
  await expect(page.getByRole('button', { name: 'English' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Library');

  await page.getByRole('button', { name: '简体中文' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('报告库');
  expect(problems).toEqual([]);
});

test('before the app has loaded, the page already says what it is', async ({ browser }) => {
  // What a clerk sees for the seconds a slow PC takes to start the app (here: never, with
  // scripts off): the product, what it does, and that it is loading.
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/');
  const shell = page.locator('#app-shell');
  await expect(shell).toContainText('年报');
  await expect(shell).toContainText('政府信息公开工作年度报告');
  await expect(shell.getByRole('status')).toHaveText('正在载入… Loading…');
  await context.close();
});

// Two tabs on one report: the second opens read-only and follows the first's saves live;
// taking over editing makes the first read-only; nothing either typed is lost, also when a
// save failed before the takeover; a backup carries the recovery area.
import { test, expect, type BrowserContext, type Page } from '@playwright/test';
import * as fs from 'fs';
import { createReport, simulateFullStorage } from './helpers';

const CONTACT = '联系方式（地址、电话、电子邮箱）';

test('a report open in another tab is read-only until taken over, with no overwrite', async ({ page, context }) => {
  await page.goto('/');
  await createReport(page, '双页局', 2024);
  await page.getByLabel(CONTACT).fill('第一页');
  await expect(page.getByTestId('save-status')).toContainText('已保存');

  const second = await context.newPage();
  await second.goto('/');
  await second.getByTestId('library-row').getByRole('button', { name: '打开' }).click();
  const banner = second.getByTestId('read-only-banner');
  await expect(banner).toContainText('另一个标签页');
  await expect(second.getByLabel(CONTACT)).toBeDisabled();
  await expect(second.getByLabel(CONTACT)).toHaveValue('第一页');

  // The read-only view follows the first page's saves.
  await page.getByLabel(CONTACT).fill('第一页，再改');
  await expect(second.getByLabel(CONTACT)).toHaveValue('第一页，再改');

  await banner.getByRole('button', { name: '接管编辑' }).click();
  await expect(banner).toHaveCount(0);
  await expect(page.getByTestId('read-only-banner')).toBeVisible();
  await expect(page.getByLabel(CONTACT)).toBeDisabled();

  const field = second.getByLabel(CONTACT);
  await field.click();
  await field.press('End');
  await second.keyboard.type('；第二页');
  await expect(second.getByTestId('save-status')).toContainText('已保存');
  await expect(page.getByLabel(CONTACT)).toHaveValue('第一页，再改；第二页');

  await second.reload();
  await second.getByTestId('library-row').getByRole('button', { name: '打开' }).click();
  await expect(second.getByLabel(CONTACT)).toHaveValue('第一页，再改；第二页');
});

/** Opens the library's report in a new tab and takes editing over from `page` there. */
async function takeOverInNewTab(page: Page, context: BrowserContext): Promise<Page> {
  const second = await context.newPage();
  await second.goto('/');
  await second.getByTestId('library-row').getByRole('button', { name: '打开' }).click();
  await second.getByTestId('read-only-banner').getByRole('button', { name: '接管编辑' }).click();
  await expect(second.getByTestId('read-only-banner')).toHaveCount(0);
  await expect(page.getByTestId('read-only-banner')).toBeVisible();
  return second;
}

async function typeAtEnd(page: Page, text: string): Promise<void> {
  const field = page.getByLabel(CONTACT);
  await field.click();
  await field.press('End');
  await page.keyboard.type(text);
}

test('a tab whose save failed keeps its text when taken over, and taking back over saves it', async ({ page, context }) => {
  await page.goto('/');
  await createReport(page, '接管测试局', 2024);
  await typeAtEnd(page, '已存');
  await expect(page.getByTestId('save-status')).toContainText('已保存');

  // Storage is full: this tab's typing is only on screen.
  await simulateFullStorage(page, true);
  await typeAtEnd(page, '，这一段未能保存的较长文字');
  await expect(page.getByTestId('save-failure')).toContainText('浏览器存储空间已满');

  // Another tab takes over while storage is still full: the first keeps its text.
  const second = await takeOverInNewTab(page, context);
  await expect(page.getByLabel(CONTACT)).toHaveValue('已存，这一段未能保存的较长文字');
  await expect(second.getByLabel(CONTACT)).toHaveValue('已存');

  // Room again; the first tab takes editing back: its unsaved text is saved, not dropped.
  await simulateFullStorage(page, false);
  await page.getByTestId('read-only-banner').getByRole('button', { name: '接管编辑' }).click();
  await expect(page.getByTestId('read-only-banner')).toHaveCount(0);
  await expect(page.getByLabel(CONTACT)).toHaveValue('已存，这一段未能保存的较长文字');
  await expect(second.getByLabel(CONTACT)).toHaveValue('已存，这一段未能保存的较长文字');

  // The second tab takes over and saves; the first, told the lock is gone while it holds
  // nothing unsaved, follows.
  await second.getByTestId('read-only-banner').getByRole('button', { name: '接管编辑' }).click();
  await expect(second.getByTestId('read-only-banner')).toHaveCount(0);
  await typeAtEnd(second, '，第二页');
  await expect(second.getByTestId('save-status')).toContainText('已保存');
  await expect(page.getByLabel(CONTACT)).toHaveValue('已存，这一段未能保存的较长文字，第二页');
});

test('taking over after the other tab saved keeps this tab’s unsaved text as a copy', async ({ page, context }) => {
  await page.goto('/');
  await createReport(page, '接管二局', 2024);
  await typeAtEnd(page, '甲');
  await expect(page.getByTestId('save-status')).toContainText('已保存');
  await simulateFullStorage(page, true);
  await typeAtEnd(page, '乙，未存的较长文字');
  await expect(page.getByTestId('save-failure')).toBeVisible();

  const second = await context.newPage();
  await second.goto('/');
  await second.getByTestId('library-row').getByRole('button', { name: '打开' }).click();
  await second.getByTestId('read-only-banner').getByRole('button', { name: '接管编辑' }).click();
  await expect(page.getByTestId('read-only-banner')).toBeVisible();
  await typeAtEnd(second, '丙');
  await expect(second.getByTestId('save-status')).toContainText('已保存');
  // The first tab never shows the other version over its own unsaved text.
  await expect(page.getByLabel(CONTACT)).toHaveValue('甲乙，未存的较长文字');

  // Room again; taking back over: the other tab's version stays the report, this tab's
  // text becomes a copy.
  await simulateFullStorage(page, false);
  await page.getByTestId('read-only-banner').getByRole('button', { name: '接管编辑' }).click();
  await expect(page.getByTestId('read-only-banner')).toHaveCount(0);
  await expect(page.getByLabel(CONTACT)).toHaveValue('甲丙');
  await page.getByRole('button', { name: /返回报告库/ }).click();
  await expect(page.getByTestId('library-row')).toHaveCount(2);
  await page.getByTestId('library-row').filter({ hasText: '（冲突副本）' }).getByRole('button', { name: '打开' }).click();
  await expect(page.getByLabel(CONTACT)).toHaveValue('甲乙，未存的较长文字');
});

test('a backup carries the recovery area, and restores it in an empty browser', async ({ page, browser }) => {
  await page.goto('/');
  await createReport(page, '备份测试局', 2024);
  await page.getByRole('button', { name: /返回报告库/ }).click();
  await page.evaluate(() => localStorage.setItem('nianbao.report.broken', '{"format":"nianbao/stored",'));
  await page.reload();
  await expect(page.getByTestId('quarantined-entry')).toHaveCount(1);
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '全部导出（备份）' }).click(),
  ]);
  const text = fs.readFileSync((await file.path())!, 'utf8');
  const backup = JSON.parse(text);
  expect(backup.recovery.map((e: { raw: string }) => e.raw)).toContain('{"format":"nianbao/stored",');

  const fresh = await (await browser.newContext()).newPage();
  await fresh.goto('/');
  await fresh.getByTestId('import-everything').setInputFiles({ name: 'backup.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await expect(fresh.getByTestId('backup-message')).toContainText('已导入 1 份报告');
  await expect(fresh.getByTestId('quarantined-entry')).toHaveCount(1);
});

test('two tabs opening one report at the same moment: exactly one edits', async ({ page, context }) => {
  await page.goto('/');
  await createReport(page, '同刻局', 2024);
  await page.getByRole('button', { name: /返回报告库/ }).click();
  const second = await context.newPage();
  await second.goto('/');
  const open = (p: Page) => p.getByTestId('library-row').getByRole('button', { name: '打开' }).click();
  await Promise.all([open(page), open(second)]);
  await expect(page.getByLabel(CONTACT)).toBeVisible();
  await expect(second.getByLabel(CONTACT)).toBeVisible();
  // Give the heartbeats a round to settle any race.
  await page.waitForTimeout(2_500);
  const banners = (await page.getByTestId('read-only-banner').count()) + (await second.getByTestId('read-only-banner').count());
  expect(banners).toBe(1);
});

test('a tab that took over can close and reopen the report and still edit it', async ({ page, context }) => {
  await page.goto('/');
  await createReport(page, '重开局', 2024);
  const second = await takeOverInNewTab(page, context);
  // The first tab leaves; the second closes the report and opens it again.
  await page.close();
  await second.getByRole('button', { name: /返回报告库/ }).click();
  await second.getByTestId('library-row').getByRole('button', { name: '打开' }).click();
  await second.waitForTimeout(500);
  await expect(second.getByTestId('read-only-banner')).toHaveCount(0);
  await typeAtEnd(second, '再次打开');
  await expect(second.getByTestId('save-status')).toContainText('已保存');
});

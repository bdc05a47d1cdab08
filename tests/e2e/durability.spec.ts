// Fault tests of durable storage: each one ends by checking that no typed text was lost.
// A full quota, a corrupted entry, a report from a future version, a killed page and an
// imported backup with conflicting revisions.
import { test, expect, type Page } from '@playwright/test';
import * as fs from 'fs';
import { createReport, fillStorage, freeStorage } from './helpers';

const CONTACT = '联系方式（地址、电话、电子邮箱）';

/** Every stored report entry's raw text, by key. */
async function storedReports(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() => {
    const out: Record<string, string> = {};
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i)!;
      if (key.startsWith('nianbao.report.')) out[key] = localStorage.getItem(key)!;
    }
    return out;
  });
}

async function typeContact(page: Page, text: string): Promise<void> {
  const field = page.getByLabel(CONTACT);
  await field.click();
  await field.press('End');
  await page.keyboard.type(text);
}

test('a full quota shows a blocking banner, downloads everything and loses nothing', async ({ page }) => {
  await page.goto('/');
  await createReport(page, '配额测试局', 2024);
  await typeContact(page, '电话一');
  await expect(page.getByTestId('save-status')).toContainText('已保存');

  const junk = await fillStorage(page);
  expect(junk).toBeGreaterThan(0);

  await typeContact(page, '电话二，传真 0527-7654321');
  const banner = page.getByTestId('save-failure');
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('浏览器存储空间已满');
  await expect(page.getByLabel(CONTACT)).toHaveValue('电话一电话二，传真 0527-7654321');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    banner.getByRole('button', { name: '立即下载全部报告' }).click(),
  ]);
  const backup = JSON.parse(fs.readFileSync((await download.path())!, 'utf8'));
  expect(backup.format).toBe('nianbao/backup');
  expect(JSON.stringify(backup.reports)).toContain('电话一电话二，传真 0527-7654321');

  await freeStorage(page, junk);
  await typeContact(page, '电话三');
  await expect(page.getByTestId('save-status')).toContainText('已保存');
  await expect(banner).toHaveCount(0);
  await page.reload();
  await page.getByTestId('library-row').getByRole('button', { name: '打开' }).click();
  await expect(page.getByLabel(CONTACT)).toHaveValue('电话一电话二，传真 0527-7654321电话三');
});

test('a corrupted report is quarantined with its raw text; the others keep working', async ({ page }) => {
  await page.goto('/');
  await createReport(page, '完好局', 2024);
  await typeContact(page, '完好');
  await expect(page.getByTestId('save-status')).toContainText('已保存');
  await page.getByRole('button', { name: /返回报告库/ }).click();
  await createReport(page, '损坏局', 2024);
  await page.getByRole('button', { name: /返回报告库/ }).click();

  const broken = '{"format": "nianbao/stored", "layout": 1, "revision": 2, "report": {损坏';
  const key = Object.entries(await storedReports(page)).find(([, text]) => text.includes('损坏局'))![0];
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [key, broken]);
  await page.reload();

  await expect(page.getByTestId('library-row')).toHaveCount(1);
  await expect(page.getByTestId('library-row')).toContainText('完好局');
  const panel = page.getByTestId('recovery-panel');
  await expect(panel.getByTestId('quarantined-entry')).toHaveCount(1);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    panel.getByRole('button', { name: '下载原始文本' }).click(),
  ]);
  expect(fs.readFileSync((await download.path())!, 'utf8')).toBe(broken);

  await page.getByTestId('library-row').getByRole('button', { name: '打开' }).click();
  await expect(page.getByLabel(CONTACT)).toHaveValue('完好');
});

test('a report from a future version opens read-only and is never written', async ({ page }) => {
  await page.goto('/');
  await createReport(page, '未来局', 2024);
  await page.getByRole('button', { name: /返回报告库/ }).click();
  const [key, text] = Object.entries(await storedReports(page))[0];
  const stored = JSON.parse(text);
  stored.report.version = 99;
  stored.report.contact = '来自未来';
  stored.report.hologram = { dimensions: 4 };
  const future = JSON.stringify(stored);
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [key, future]);
  await page.reload();

  await page.getByTestId('library-row').getByRole('button', { name: '打开' }).click();
  const banner = page.getByTestId('read-only-banner');
  await expect(banner).toContainText('更新版本');
  await expect(page.getByLabel(CONTACT)).toHaveValue('来自未来');
  await expect(page.getByLabel(CONTACT)).toBeDisabled();
  await page.waitForTimeout(1200);
  await page.getByRole('button', { name: /返回报告库/ }).click();
  expect((await storedReports(page))[key]).toBe(future);
});

test('killing the page keeps what was typed more than a second before', async ({ page, context }) => {
  await page.goto('/');
  await createReport(page, '断电局', 2024);
  await typeContact(page, '办公室电话 0527-1234567');
  await page.waitForTimeout(1500);
  await page.close({ runBeforeUnload: false });

  const again = await context.newPage();
  await again.goto('/');
  await again.getByTestId('library-row').getByRole('button', { name: '打开' }).click();
  await expect(again.getByLabel(CONTACT)).toHaveValue('办公室电话 0527-1234567');
});

test('importing a backup with conflicting revisions keeps both versions', async ({ page }) => {
  await page.goto('/');
  await createReport(page, '备份局', 2024);
  await typeContact(page, '甲');
  await expect(page.getByTestId('save-status')).toContainText('已保存');
  await page.getByRole('button', { name: /返回报告库/ }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '全部导出（备份）' }).click(),
  ]);
  const backup = JSON.parse(fs.readFileSync((await download.path())!, 'utf8'));
  expect(backup.reports).toHaveLength(1);

  // The library moves on (乙), while the backup is edited elsewhere to a much newer revision (丙).
  await page.getByTestId('library-row').getByRole('button', { name: '打开' }).click();
  await typeContact(page, '乙');
  await expect(page.getByTestId('save-status')).toContainText('已保存');
  await page.getByRole('button', { name: /返回报告库/ }).click();
  backup.reports[0].revision = 999;
  backup.reports[0].report.contact = '丙';
  await page.getByTestId('import-everything').setInputFiles({
    name: 'backup.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(backup)),
  });
  await expect(page.getByTestId('backup-message')).toContainText('已导入');
  await expect(page.getByTestId('library-row')).toHaveCount(2);
  await expect(page.getByTestId('library-list')).toContainText('（导入副本）');
  const texts = Object.values(await storedReports(page)).join('\n');
  expect(texts).toContain('"contact":"甲乙"');
  expect(texts).toContain('"contact":"丙"');

  // Importing the same file again changes nothing.
  await page.getByTestId('import-everything').setInputFiles({
    name: 'backup.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(backup)),
  });
  // …and says why nothing was imported.
  await expect(page.getByTestId('backup-message')).toContainText('报告库里都已有，内容完全相同');
  await expect(page.getByTestId('library-row')).toHaveCount(2);
  // A single report's file chosen as a backup says where it belongs.
  await page.getByTestId('import-everything').setInputFiles({
    name: 'report.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(backup.reports[0].report)),
  });
  await expect(page.getByTestId('backup-message')).toContainText('这是一份报告文件，不是备份');
});

// Two tabs on one report: the second opens read-only and follows the first's saves live;
// taking over editing makes the first read-only; nothing either typed is lost.
import { test, expect } from '@playwright/test';
import { createReport } from './helpers';

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

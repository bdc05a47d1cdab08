// Accessibility (axe-core) of the screens a clerk uses: the library, the editor's navigation
// with its error and warning badges, the findings panel and the import review.
import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import * as fs from 'fs';
import * as path from 'path';
import { openSection } from './helpers';

async function violations(page: Page, include: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).include(include).analyze();
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

test('the editor navigation, its badges and the findings panel have no axe violations', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: '打开示例报告' }).click();
  await openSection(page, '四、');
  // The badges say what they count, not a bare number.
  await expect(page.getByRole('img', { name: '2 个错误' })).toBeVisible();
  expect(await violations(page, '.section-nav')).toEqual([]);
  expect(await violations(page, '[data-testid=findings-panel]')).toEqual([]);
  expect(await violations(page, '.editor-topbar')).toEqual([]);
});

test('the library and the import review have no axe violations', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: '打开示例报告' }).click();
  await page.getByRole('button', { name: /返回报告库/ }).click();
  expect(await violations(page, '.library')).toEqual([]);
  await page.getByTestId('import-published-open').click();
  await page.getByTestId('import-source').fill(
    fs.readFileSync(path.resolve(__dirname, '../fixtures/published/pingtan-2022.txt'), 'utf8'),
  );
  await expect(page.getByTestId('import-review')).toBeVisible();
  expect(await violations(page, '[data-testid=import-published]')).toEqual([]);
});

// 两年对照: with last year's report linked, both years' tables side by side with the
// difference and 同比, and the prose marked as copied, updated or new; axe-clean.
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import * as fs from 'fs';
import * as path from 'path';
import { clickCell, gridCell, openSection } from './helpers';

test('the two-year view compares the tables and the prose with last year\'s report', async ({ page }) => {
  await page.goto('/');
  // Last year's report from its published PDF, then this year's report started from it.
  await page.getByTestId('import-published-open').click();
  await page.getByTestId('import-published-file').setInputFiles(
    path.resolve(__dirname, '../fixtures/published/huaian-2024.pdf'),
  );
  await expect(page.getByTestId('import-tables')).toContainText('已填 175/175 格');
  await page.getByRole('button', { name: '以此开始下一年度报告' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('淮安市人民政府2025年政府信息公开工作年度报告');

  // This year's first figure: 新收 自然人 150 (last year 3001).
  await openSection(page, '三、');
  await gridCell(page, '一、本年新收政府信息公开申请数量 · 自然人').click();
  await page.keyboard.type('150');
  await page.keyboard.press('Enter');
  await (await clickCell(page, '一、本年新收政府信息公开申请数量 · 总计')).fill('150');
  // Under the table, its key figures' 同比 against last year's report.
  await expect(page.getByTestId('yoy-requests')).toContainText('与2024年相比：新收申请 150，同比下降95.2%');

  await page.getByTestId('two-years-toggle').click();
  const pane = page.getByTestId('two-years-pane');
  await expect(pane.getByRole('heading', { name: '两年对照' })).toBeVisible();
  await expect(pane).toContainText('2024年 → 2025年');
  // 上年结转 this year is last year's 结转下年度 (103), against last year's 上年结转 34.
  const carried = pane.locator('tr[data-key="requests.carried_in.natural"]');
  await expect(carried.locator('td')).toHaveText(['34', '103', '+69', '+202.9%']);
  const fresh = pane.locator('tr[data-key="requests.new.natural"]');
  await expect(fresh.locator('td').nth(1)).toHaveText('150');
  // The key figures' 同比 as ready sentences: one click puts one at the end of its section.
  const ready = pane.getByTestId('ready-sentences');
  const first = ready.locator('li').first();
  await expect(first).toContainText('本年新收政府信息公开申请150件，同比下降');
  const sentence = (await first.locator('span').textContent()) ?? '';
  await first.getByTestId('insert-sentence').click();
  await expect(first.getByTestId('insert-sentence')).toBeDisabled();
  await expect(first.getByTestId('insert-sentence')).toHaveText('已在正文中');
  await expect(page.getByRole('textbox', { name: '正文', exact: true })).toHaveValue(new RegExp(`${sentence}$`));

  // Every cell, changed or not, when asked.
  const rows = pane.locator('[data-testid=two-years-table]').nth(1).locator('tbody tr');
  const changed = await rows.count();
  await pane.getByLabel('只看有变化的格').uncheck();
  await expect(rows).toHaveCount(175);
  expect(changed).toBeLessThan(175);

  // The prose: the preamble as drafted for next year repeats last year's with the years changed.
  const sections = pane.getByTestId('two-years-section');
  await expect(sections.first()).toBeVisible();
  await expect(pane.locator('.prose-updated, .prose-copied').first()).toBeVisible();
  // A sentence written this year is new.
  await openSection(page, '五、');
  const problems = page.getByRole('textbox', { name: '正文', exact: true });
  await problems.fill('今年新增了政策解读专栏的建设任务。');
  const fifth = sections.filter({ hasText: '五、存在的主要问题及改进情况' });
  await expect(fifth.locator('.prose-new')).toHaveText('今年新增了政策解读专栏的建设任务。');
  await expect(fifth.locator('.two-years-dropped summary')).toContainText('上年有、今年没有的句子');

  const results = await new AxeBuilder({ page }).include('[data-testid=two-years-pane]').analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  await page.screenshot({ path: 'docs/screenshots/two-years.png' });
});

test('without last year\'s report the two-year view cannot be opened', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: '打开示例报告' }).click();
  const toggle = page.getByTestId('two-years-toggle');
  await expect(toggle).toBeDisabled();
  await expect(toggle).toHaveAttribute('title', '关联上年报告后可用');
});

// The library: rename, duplicate, delete to the recycle bin and restore; auto-totals shade
// the computed cells; the metadata screen for the README.
import { test, expect } from '@playwright/test';
import { cellInput, expectCellValue, clickCell, createReport, gridCell, openSection, paste, REQUEST_COLUMNS, REQUEST_ROWS, tsv } from './helpers';

test('rename, duplicate, recycle and restore reports', async ({ page }) => {
  await page.goto('/');
  await createReport(page, '宿迁市人民政府办公室', 2024);
  await page.screenshot({ path: 'docs/screenshots/editor-cover.png' });
  await page.getByRole('button', { name: /返回报告库/ }).click();

  const rows = page.getByTestId('library-row');
  await expect(rows).toHaveCount(1);
  await rows.first().getByRole('button', { name: '重命名' }).click();
  await page.getByRole('textbox', { name: '报告标题' }).fill('宿迁市政府办 2024 年报（初稿）');
  await page.getByRole('button', { name: '确定' }).click();
  await expect(rows.first()).toContainText('宿迁市政府办 2024 年报（初稿）');

  await rows.first().getByRole('button', { name: '复制' }).click();
  await expect(rows).toHaveCount(2);
  await expect(page.getByText('宿迁市政府办 2024 年报（初稿）（副本）')).toBeVisible();

  await rows.filter({ hasText: '（副本）' }).getByRole('button', { name: '删除' }).click();
  await expect(rows).toHaveCount(1);
  const bin = page.getByTestId('recycle-bin');
  await expect(bin).toContainText('（副本）');
  await bin.getByRole('button', { name: '恢复' }).click();
  await expect(rows).toHaveCount(2);
  await expect(bin).toHaveCount(0);
});

test('auto-totals shade computed cells and allow an override', async ({ page }) => {
  await page.goto('/');
  await createReport(page, '测试局', 2023);
  await openSection(page, '三、');
  await page.getByRole('checkbox', { name: '自动合计' }).check();
  await clickCell(page, '一、本年新收政府信息公开申请数量 · 自然人');
  // The row's six parts (a total of parts not all filled stays blank). A second digit joins
  // its cell's typing, which brings up to date only the totals that cell feeds: the last
  // one must still reach the total.
  for (const digits of ['12', '34', '5', '6', '7']) {
    await page.keyboard.type(digits);
    await page.keyboard.press('Tab');
  }
  await page.keyboard.type('18');
  await page.keyboard.press('Enter');
  await expect(gridCell(page, '一、本年新收政府信息公开申请数量 · 总计')).toHaveClass(/\bcomputed\b/);
  await expect(gridCell(page, '一、本年新收政府信息公开申请数量 · 总计')).toHaveText('82');
  await gridCell(page, '一、本年新收政府信息公开申请数量 · 总计').click();
  // The grid's input over the total: read-only while computed.
  const total = cellInput(page, '一、本年新收政府信息公开申请数量 · 总计');
  await expect(total).toHaveAttribute('readonly', '');
  await page.getByRole('button', { name: '手动覆盖' }).click();
  await expect(total).not.toHaveAttribute('readonly', '');
  await expect(total).toBeFocused();
  await page.getByRole('button', { name: '恢复自动计算' }).click();
  await expect(total).toHaveAttribute('readonly', '');
});

test('a first-time user opens the example report and sees its published errors', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('library-empty')).toBeVisible();
  await page.getByRole('button', { name: '打开示例报告' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('洪泽区人民政府2023年政府信息公开工作年度报告');
  await expect(page.getByTestId('finding-counts')).toContainText('● 2 错误');
  await page.getByRole('button', { name: /返回报告库/ }).click();
  await expect(page.getByTestId('library-row')).toHaveCount(1);
  await expect(page.getByTestId('library-empty')).toHaveCount(0);
  // It stays marked as the example, and can be opened again at any time.
  await expect(page.getByTestId('library-row').getByTestId('example-tag')).toHaveText('示例');
  await page.getByRole('button', { name: '打开示例报告' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('洪泽区人民政府2023年政府信息公开工作年度报告');
  await page.getByRole('button', { name: /返回报告库/ }).click();
  await expect(page.getByTestId('library-row')).toHaveCount(2);
});

test('auto-totals never compute 结转下年度, so a typo in 本年新收 shows as a balance error', async ({ page }) => {
  await page.goto('/');
  await createReport(page, '测试局', 2024);
  await openSection(page, '三、');
  // A balanced table: 5 received, 4 granted, 1 carried over; every other cell 0.
  const figures: Record<string, number> = {};
  for (const row of REQUEST_ROWS) for (const column of REQUEST_COLUMNS) figures[`requests.${row}.${column}`] = 0;
  for (const [row, value] of [['new', 5], ['granted', 4], ['handled_total', 4], ['carried_out', 1]] as const) {
    figures[`requests.${row}.natural`] = value;
    figures[`requests.${row}.total`] = value;
  }
  await clickCell(page, '一、本年新收政府信息公开申请数量 · 自然人');
  await paste(page, tsv(figures, 'requests', REQUEST_ROWS.map((r) => REQUEST_COLUMNS.map((c) => `${r}.${c}`))));
  await page.getByRole('checkbox', { name: '自动合计' }).check();
  await expect(page.getByTestId('auto-totals-hint')).toContainText('结转下年度请自行填写');
  const carriedOut = gridCell(page, '四、结转下年度继续办理 · 自然人');
  await expect(carriedOut).not.toHaveClass(/\bcomputed\b/);
  const panel = page.getByTestId('findings-panel');
  await expect(panel).not.toContainText('结转下年度应为');
  // The typo: 6 instead of 5. It must not vanish into a computed carry-over.
  await clickCell(page, '一、本年新收政府信息公开申请数量 · 自然人');
  await page.keyboard.type('6');
  await page.keyboard.press('Enter');
  await expectCellValue(page, '一、本年新收政府信息公开申请数量 · 总计', '6');
  await expectCellValue(page, '四、结转下年度继续办理 · 自然人', '1');
  await expect(panel).toContainText('若其他数字无误，结转下年度应为 2');
});

test('changing the year offers to update the title and the 前言, and the cover page title is printed', async ({ page }) => {
  await page.goto('/');
  await createReport(page, '测试局', 2023);
  await openSection(page, '封面信息');
  const title = page.getByRole('textbox', { name: '报告标题' });
  await title.fill('测试局2023年度政府信息公开工作年度报告');
  await page.getByTestId('meta-year').fill('2024');
  const prompt = page.getByTestId('year-references');
  await expect(prompt).toContainText('仍写着 2023 年');
  await prompt.getByRole('button', { name: '一并修改' }).click();
  await expect(prompt).toBeHidden();
  await expect(title).toHaveValue('测试局2024年度政府信息公开工作年度报告');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('测试局2024年度政府信息公开工作年度报告');
  // The typed title is the printed one.
  await page.getByRole('button', { name: '全页预览' }).click();
  await expect(page.locator('.nb-title').first()).toContainText('2024年度政府信息公开工作年度报告');
});

test('last year\'s report is linked on the cover page and its figures show above the tables', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: '打开示例报告' }).click();
  await page.getByRole('button', { name: /返回报告库/ }).click();
  await createReport(page, '淮安市洪泽区人民政府', 2024);
  await openSection(page, '封面信息');
  const select = page.getByTestId('previous-report');
  await select.selectOption({ label: '洪泽区人民政府2023年政府信息公开工作年度报告' });
  await expect(page.getByTestId('previous-figures')).toContainText('已关联 2023 年报告');
  await openSection(page, '三、');
  await expect(page.getByTestId('last-year-requests')).toContainText('2023 年报告的结转下年度');
  await expect(page.getByTestId('last-year-requests')).toContainText('总计');
  await openSection(page, '二、');
  await expect(page.getByTestId('last-year-active')).toContainText('现行有效件数');
  // The link is kept: reopening the report shows it.
  await page.getByRole('button', { name: /返回报告库/ }).click();
  await page.getByTestId('library-row').filter({ hasText: '2024' }).getByRole('button', { name: '打开' }).click();
  await openSection(page, '封面信息');
  await expect(page.getByTestId('previous-figures')).toContainText('已关联 2023 年报告');
});

test('the grid stays put while typing, and blank cells fill with 0 in one undoable step', async ({ page }) => {
  await page.goto('/');
  await createReport(page, '测试局', 2024);
  await openSection(page, '四、');
  const grid = page.getByTestId('grid-appeals').locator('table.grid');
  const top = async () => (await grid.boundingBox())?.y ?? -1;
  const before = await top();
    await gridCell(page, '行政复议 · 结果维持').click();
  await page.keyboard.type('1');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Shift+Tab');
  expect(await top()).toBe(before);
  await page.getByTestId('fill-zeros').click();
  await expect(page.getByTestId('grid-message')).toContainText('已将 14 个未填的单元格填为 0');
  expect(await top()).toBe(before);
  await expectCellValue(page, '行政诉讼·复议后起诉 · 总计', '0');
  await expectCellValue(page, '行政复议 · 结果维持', '1');
  await page.getByRole('button', { name: '撤销' }).click();
  await expectCellValue(page, '行政诉讼·复议后起诉 · 总计', '');
  await expectCellValue(page, '行政复议 · 结果维持', '1');
});

test('Esc closes the 新建报告 form', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: '新建报告' }).click();
  await page.getByLabel('机关名称').fill('测试局');
  await page.keyboard.press('Escape');
  await expect(page.getByLabel('机关名称')).toHaveCount(0);
});

test('switching the format asks first', async ({ page }) => {
  await page.goto('/');
  await createReport(page, '测试局', 2024);
  await openSection(page, '封面信息');
  const format = page.getByTestId('meta-format');
  await format.selectOption('gov-2019');
  const confirm = page.getByTestId('format-confirm');
  await expect(confirm).toContainText('改用2019 版');
  await confirm.getByRole('button', { name: '取消' }).click();
  await expect(confirm).toBeHidden();
  await expect(format).toHaveValue('gov-2021');
  await format.selectOption('gov-2019');
  await confirm.getByRole('button', { name: '切换格式' }).click();
  await expect(format).toHaveValue('gov-2019');
  await expect(page.getByTestId('finding-counts')).toContainText('警告');
});

test('填入惯用表述 asks before replacing what the clerk wrote', async ({ page }) => {
  await page.goto('/');
  await createReport(page, '测试局', 2024);
  await openSection(page, '前言');
  const text = page.getByRole('textbox', { name: '正文' });
  await text.fill('我们自己写的前言。');
  await page.getByRole('button', { name: '填入惯用表述' }).first().click();
  const confirm = page.getByTestId('fill-preamble-confirm');
  await expect(confirm).toBeVisible();
  await confirm.getByRole('button', { name: '取消' }).click();
  await expect(text).toHaveValue('我们自己写的前言。');
  await page.getByRole('button', { name: '填入惯用表述' }).first().click();
  await confirm.getByRole('button', { name: '替换' }).click();
  await expect(text).toHaveValue(/结合2024年测试局/);
});

test('the editor bar and the findings stay in view down a long table', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: '打开示例报告' }).click();
  await openSection(page, '三、');
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await expect(page.getByRole('button', { name: '下载 ▾' })).toBeInViewport();
  await expect(page.getByTestId('findings-panel')).toBeInViewport();
  // Clicking a finding lands on its cell, below the bar, not under it.
  await page.getByTestId('findings-panel').getByText('行政复议：结果维持 10').click();
  const cell = cellInput(page, '行政复议 · 总计');
  await expect(cell).toBeFocused();
  await expect(cell).toBeInViewport();
  const bar = await page.locator('.editor-topbar').boundingBox();
  const box = await cell.boundingBox();
  expect((box?.y ?? 0)).toBeGreaterThanOrEqual((bar?.y ?? 0) + (bar?.height ?? 0));
});

test('one key takes the keyboard past a table\'s 175 cells', async ({ page }) => {
  await page.goto('/');
  await createReport(page, '测试局', 2024);
  await openSection(page, '三、');
  await page.getByTestId('fill-zeros').focus();
  await page.keyboard.press('Tab');
  const skip = page.getByTestId('skip-requests');
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  const inGrid = await page.evaluate(() => !!document.activeElement?.closest('.grid-wrap'));
  expect(inGrid).toBe(false);
  // Without the link, Tab goes into the first cell as before.
  await page.getByTestId('fill-zeros').focus();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(cellInput(page, '一、本年新收政府信息公开申请数量 · 自然人')).toBeFocused();
});

test('on a narrow window the library wraps its tools instead of running off the side', async ({ page }) => {
  await page.setViewportSize({ width: 412, height: 823 });
  await page.goto('/');
  await page.getByRole('button', { name: '打开示例报告' }).waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  // The heading and the language switch keep their words on one line.
  const heading = await page.getByRole('heading', { name: '报告库' }).boundingBox();
  expect(heading?.height ?? 0).toBeLessThan(50);
  await expect(page.getByRole('button', { name: 'English' })).toBeInViewport({ ratio: 1 });
});

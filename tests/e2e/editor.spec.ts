// A clerk drafts the 2023 report of 洪泽区: types figures, pastes the tables from Excel, follows
// the findings to the wrong cell, fixes it, undoes and redoes, reloads, and starts 2024.
import { test, expect } from '@playwright/test';
import { APPEAL_COLUMNS, APPEAL_ROWS, cellInput, expectCellValue, clickCell, createReport, fixture, openSection, paste, REQUEST_COLUMNS, REQUEST_ROWS, tsv } from './helpers';

const AGENCY = '淮安市洪泽区人民政府';

test('draft, check, fix, undo, reload and start next year', async ({ page }) => {
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(err.message));
  const { figures } = fixture('hongze-2023.json');

  await page.goto('/');
  await createReport(page, AGENCY, 2023);

  // The preamble is prefilled with the customary wording.
  await openSection(page, '前言');
  await expect(page.getByRole('textbox', { name: '正文' })).toHaveValue(/结合2023年淮安市洪泽区人民政府政府信息公开工作实际/);

  // Table 二 typed cell after cell: typing replaces, Tab moves on, arrows move back.
  await openSection(page, '二、');
  await clickCell(page, '规章 · 本年制发件数');
  const active = [
    'regulations.issued', 'regulations.repealed', 'regulations.in_force',
    'normative_docs.issued', 'normative_docs.repealed', 'normative_docs.in_force',
    'licensing.decisions', 'penalty.decisions', 'coercion.decisions', 'fees.amount_wan',
  ];
  for (const key of active) {
    await page.keyboard.type(String(figures[`active.${key}`] ?? 0));
    await page.keyboard.press('Tab');
  }
  await clickCell(page, '规章 · 本年制发件数');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowRight');
  await expect(cellInput(page, '行政规范性文件 · 本年废止件数')).toBeFocused();
  await expectCellValue(page, '行政规范性文件 · 本年废止件数', String(figures['active.normative_docs.repealed']));

  // Table 三 and table 四 pasted as blocks copied from Excel.
  await openSection(page, '三、');
  await clickCell(page, '一、本年新收政府信息公开申请数量 · 自然人');
  await paste(page, tsv(figures, 'requests', REQUEST_ROWS.map((r) => REQUEST_COLUMNS.map((c) => `${r}.${c}`))));
  await expect(page.getByTestId('grid-message')).toContainText('已粘贴 175 个单元格');
  await expectCellValue(page, '一、本年新收政府信息公开申请数量 · 总计', String(figures['requests.new.total']));
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: 'docs/screenshots/editor-table.png' });

  // A block that overflows the table is refused and changes nothing.
  await clickCell(page, '四、结转下年度继续办理 · 总计');
  await paste(page, '1\t2\n');
  await expect(page.getByTestId('grid-message')).toContainText('超出了表格');
  await expectCellValue(page, '四、结转下年度继续办理 · 总计', '0');

  await openSection(page, '四、');
  await clickCell(page, '行政复议 · 结果维持');
  await paste(page, tsv(figures, 'appeals', [APPEAL_ROWS.flatMap((r) => APPEAL_COLUMNS.map((c) => `${r}.${c}`))]));

  // The fixture's findings: two wrong 总计 in table 四, fourteen blank cells in （六）.
  const panel = page.getByTestId('findings-panel');
  await expect(panel.getByTestId('findings-error').getByTestId('group-count')).toHaveText('2');
  await expect(panel.locator('[data-rule="appeals.total"]')).toHaveCount(2);
  await expect(panel.locator('[data-rule="cell.blank"]')).toHaveCount(14);
  await expect(page.getByTestId('finding-counts')).toContainText('● 2 错误');
  await expect(page.getByRole('navigation').getByRole('button', { name: /^四、/ }).locator('[data-testid=section-badge].error')).toHaveText('2');
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: 'docs/screenshots/editor-findings.png' });

  // Clicking a finding lands on its cell; fixing the cell makes it vanish.
  await openSection(page, '封面信息');
  await panel.locator('[data-rule="appeals.total"]').first().click();
  const reviewTotal = cellInput(page, '行政复议 · 总计');
  await expect(reviewTotal).toBeFocused();
  await expect(page.getByTestId('cell-message')).toContainText('行政复议');
  await page.keyboard.type('11');
  await page.keyboard.press('Enter');
  await expect(panel.getByTestId('findings-error').getByTestId('group-count')).toHaveText('1');
  await expectCellValue(page, '行政复议 · 总计', '11');

  // Undo and redo, by keys and by buttons.
  await page.keyboard.press('Control+z');
  await expect(reviewTotal).toHaveValue('0');
  await expect(panel.getByTestId('findings-error').getByTestId('group-count')).toHaveText('2');
  await page.keyboard.press('Control+y');
  await expectCellValue(page, '行政复议 · 总计', '11');
  await page.getByRole('button', { name: '撤销' }).click();
  await expect(reviewTotal).toHaveValue('0');
  await page.getByRole('button', { name: '重做' }).click();
  await expectCellValue(page, '行政复议 · 总计', '11');
  await expect(page.getByTestId('save-status')).toContainText(/已保存 \d\d:\d\d:\d\d/);

  // After a reload everything is as it was.
  await page.reload();
  await expect(page.getByTestId('library-row')).toHaveCount(1);
  await expect(page.getByTestId('library-row')).toContainText('● 1');
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: 'docs/screenshots/library.png' });
  await page.getByTestId('library-row').getByRole('button', { name: '打开' }).click();
  await openSection(page, '四、');
  await expectCellValue(page, '行政复议 · 总计', '11');
  await expectCellValue(page, '行政诉讼·复议后起诉 · 结果维持', '5');
  await expect(page.getByTestId('finding-counts')).toContainText('● 1 错误');

  // Next year's report carries 上年结转 over from 结转下年度 and is linked to this one.
  await page.getByRole('button', { name: /返回报告库/ }).click();
  await page.getByTestId('library-row').getByRole('button', { name: '从本报告开始下一年度' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${AGENCY}2024年政府信息公开工作年度报告`);
  await expect(page.getByText('已关联上年报告')).toBeVisible();
  await openSection(page, '三、');
  for (const column of ['自然人', '总计']) {
    await expectCellValue(page, `二、上年结转政府信息公开申请数量 · ${column}`, '0');
  }
  await openSection(page, '二、');
  await expectCellValue(page, '规章 · 现行有效件数', String(figures['active.regulations.in_force']));
  expect(problems).toEqual([]);
});

test('a new report shows its blank cells as progress to fill, not as warnings', async ({ page }) => {
  await page.goto('/');
  await createReport(page, '进度测试局', 2024);
  const panel = page.getByTestId('findings-panel');
  await expect(page.getByTestId('pending-count')).toHaveText(/待填 \d+/);
  await expect(panel.getByTestId('findings-warning').getByText(/此格为空/)).toHaveCount(0);
  const lines = panel.getByTestId('table-progress');
  await expect(lines).toHaveText([/表二已填 0\/\d+/, /表三已填 0\/175/, /表四已填 0\/15/]);
  await expect(page.getByRole('navigation').getByRole('button', { name: /^三、/ }).locator('.badge.pending'))
    .toHaveAttribute('aria-label', '175 个单元格待填');

  // Typing moves the progress; the open list of blank cells stays open and leads to them.
  await openSection(page, '三、');
  await clickCell(page, '一、本年新收政府信息公开申请数量 · 自然人');
  await page.keyboard.type('3');
  await page.keyboard.press('Enter');
  const requests = lines.nth(1);
  await expect(requests).not.toContainText('0/175');
  await requests.locator('summary').click();
  await expect(requests.locator('details')).toHaveAttribute('open', '');
  const before = await requests.locator('summary').innerText();
  await clickCell(page, '一、本年新收政府信息公开申请数量 · 商业企业');
  await page.keyboard.type('4');
  await page.keyboard.press('Enter');
  await expect(requests.locator('summary')).not.toHaveText(before);
  await expect(requests.locator('details')).toHaveAttribute('open', '');
  await requests.locator('button.finding').first().click();
  const focused = page.locator('[data-testid=grid-requests] input:focus');
  await expect(focused).toHaveCount(1);
  await expect(focused).toHaveValue('');

  // Every cell filled: nothing is left to do and the group goes away.
  for (const section of ['二、', '三、', '四、']) {
    await openSection(page, section);
    await page.getByTestId('fill-zeros').click();
  }
  await expect(page.getByTestId('pending-count')).toBeHidden();
  await expect(panel.getByTestId('findings-pending')).toBeHidden();
});

test('a finding marked 已核实 with a reason stops counting, is kept, and can be taken back', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: '打开示例报告' }).click();
  const panel = page.getByTestId('findings-panel');
  // 洪泽区 2023 left 14 cells blank: accept one of them, as a clerk would for a column the
  // agency never has.
  await expect(page.getByTestId('pending-count')).toHaveText('○ 待填 14');
  const line = panel.getByTestId('table-progress').filter({ hasText: '表三' });
  await line.locator('summary').click();
  const item = line.locator('li').first();
  await item.getByTestId('acknowledge').click();
  const reason = item.getByRole('textbox', { name: /核实说明/ });
  await expect(reason).toBeFocused();
  await reason.fill('本单位无此类申请人，按惯例留空');
  await item.getByRole('button', { name: '确定' }).click();
  const accepted = panel.getByTestId('findings-acknowledged');
  await expect(accepted).toContainText('本单位无此类申请人，按惯例留空');
  await expect(accepted.getByTestId('group-count')).toHaveText('1');
  await expect(page.getByTestId('pending-count')).toHaveText('○ 待填 13');
  // Kept in the report: still there after a reload.
  await expect(page.getByTestId('save-status')).toContainText('已保存');
  await page.reload();
  await page.getByTestId('library-row').getByRole('button', { name: '打开' }).click();
  await expect(panel.getByTestId('findings-acknowledged')).toContainText('本单位无此类申请人');
  // Errors cannot be marked.
  await expect(panel.getByTestId('findings-error').getByTestId('acknowledge')).toHaveCount(0);
  // Taken back: it counts again.
  await panel.getByTestId('unacknowledge').click();
  await expect(panel.getByTestId('findings-acknowledged')).toBeHidden();
  await expect(page.getByTestId('pending-count')).toHaveText('○ 待填 14');
});

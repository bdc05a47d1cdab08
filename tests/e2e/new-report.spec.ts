// The new-report form: a format that does not fit the year still gives that format's
// sections, and the format follows the year until the clerk picks one.
import { test, expect, type Page } from '@playwright/test';
import { openSection } from './helpers';

/** Opens the new-report form and fills agency and year; returns the form. */
async function startReport(page: Page, agency: string, year: number) {
  await page.goto('/');
  await page.getByRole('button', { name: '新建报告' }).click();
  const form = page.getByRole('form', { name: '新建报告' });
  await form.getByLabel('机关名称').fill(agency);
  await form.getByLabel('年度').fill(String(year));
  return form;
}

test('2017 on the 2021 format has sections 二、三、四 with the 2021 tables', async ({ page }) => {
  const form = await startReport(page, '测试局', 2017);
  const format = form.getByLabel('格式');
  await expect(format).toHaveValue('legacy');
  await format.selectOption('gov-2021');
  await form.getByRole('button', { name: '创建' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('测试局2017年政府信息公开工作年度报告');

  const nav = page.getByRole('navigation', { name: '章节' });
  for (const start of ['前言', '一、总体情况', '五、', '六、']) {
    await expect(nav.getByRole('button', { name: new RegExp(`^${start}`) })).toHaveCount(1);
  }
  for (const [start, title] of [
    ['二、', '二、主动公开政府信息情况'],
    ['三、', '三、收到和处理政府信息公开申请情况'],
    ['四、', '四、政府信息公开行政复议、行政诉讼情况'],
  ]) {
    await openSection(page, start);
    await expect(page.getByRole('table', { name: title })).toBeVisible();
  }
  // The table of the chosen format, not of the year: 2021's 现行有效件数 column.
  await openSection(page, '二、');
  await expect(page.getByRole('table', { name: '二、主动公开政府信息情况' })).toContainText('现行有效件数');
});

test('2023 on the free legacy format has headed sections, not seven 前言', async ({ page }) => {
  const form = await startReport(page, '测试局', 2023);
  const format = form.getByLabel('格式');
  await expect(format).toHaveValue('gov-2021');
  await format.selectOption('legacy');
  await form.getByRole('button', { name: '创建' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('测试局2023年政府信息公开工作年度报告');

  const nav = page.getByRole('navigation', { name: '章节' });
  await expect(nav.getByRole('button', { name: /^前言/ })).toHaveCount(0);
  // 封面信息 and the seven headed sections of the 2007 条例's reports.
  await expect(nav.getByRole('listitem')).toHaveCount(8);
  await expect(nav.getByRole('button', { name: /^一、概述/ })).toBeVisible();
  await expect(nav.getByRole('button', { name: /^七、其他需要报告的事项/ })).toBeVisible();
  await expect(nav.getByRole('button', { name: /添加章节/ })).toBeVisible();
  await openSection(page, '三、');
  await expect(page.getByRole('textbox', { name: '章节标题' })).toHaveValue('三、依申请公开政府信息和不予公开政府信息情况');
  await expect(page.getByRole('table')).toHaveCount(0);
});

test('the format follows the year until the clerk picks one', async ({ page }) => {
  const form = await startReport(page, '测试局', 2017);
  const year = form.getByLabel('年度');
  const format = form.getByLabel('格式');
  await expect(format).toHaveValue('legacy');
  await year.fill('2020');
  await expect(format).toHaveValue('gov-2019');
  await year.fill('2024');
  await expect(format).toHaveValue('gov-2021');

  // Picked by the clerk: later years leave it alone.
  await format.selectOption('gov-2019');
  await year.fill('2016');
  await expect(format).toHaveValue('gov-2019');
  await year.fill('2023');
  await expect(format).toHaveValue('gov-2019');

  await form.getByRole('button', { name: '创建' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('测试局2023年政府信息公开工作年度报告');
  await openSection(page, '二、');
  // The 2019 trial format's table 二, with its 本年新制作数量 column.
  const grid = page.getByRole('table', { name: '二、主动公开政府信息情况' });
  await expect(grid).toContainText('本年新制作数量');
  // The grid has the printed shape: the （八） and （九） blocks have two figures in a
  // four-column table, their last cell widened, as on paper.
  const widths = await grid.locator('tr').evaluateAll((rows) =>
    rows.map((row) => Array.from((row as HTMLTableRowElement).cells).reduce((sum, cell) => sum + cell.colSpan, 0)),
  );
  expect(widths.length).toBeGreaterThan(10);
  expect(new Set(widths)).toEqual(new Set([4]));
  const procurement = grid.locator('tr', { has: page.getByRole('rowheader', { name: '政府集中采购' }) });
  await expect(procurement.locator('td[data-cell]')).toHaveCount(2);
  await expect(procurement.locator('td').last()).toHaveAttribute('colspan', '2');
});

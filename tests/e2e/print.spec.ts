// Printing: the preview printed to PDF by Chromium (page.pdf() uses print media, as the print
// button and Ctrl+P do) is A4, carries every table label and figure and no editor UI; the
// print button asks first when the report has errors; typed markup stays text.
import { test, expect, type Page } from '@playwright/test';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { APPEAL_COLUMNS, APPEAL_ROWS, clickCell, createReport, fixture, gridCell, MARKUP, openSection, paste, REQUEST_COLUMNS, REQUEST_ROWS, tsv } from './helpers';

const AGENCY = '淮安市洪泽区人民政府';
/** Words of the editor that must never reach paper. */
const CHROME_WORDS = ['报告库', '撤销', '重做', '检查结果', '封面信息', '全页预览', '下载', '已保存', '方向键', '自动合计'];

/** The hongze 2023 figures in all three tables, as a clerk pastes and types them. */
async function fillTables(page: Page): Promise<void> {
  const { figures } = fixture('hongze-2023.json');
  await openSection(page, '二、');
  await clickCell(page, '规章 · 本年制发件数');
  for (const key of ['regulations.issued', 'regulations.repealed', 'regulations.in_force',
    'normative_docs.issued', 'normative_docs.repealed', 'normative_docs.in_force',
    'licensing.decisions', 'penalty.decisions', 'coercion.decisions', 'fees.amount_wan']) {
    await page.keyboard.type(String(figures[`active.${key}`] ?? 0));
    await page.keyboard.press('Tab');
  }
  await openSection(page, '三、');
  await clickCell(page, '一、本年新收政府信息公开申请数量 · 自然人');
  await paste(page, tsv(figures, 'requests', REQUEST_ROWS.map((r) => REQUEST_COLUMNS.map((c) => `${r}.${c}`))));
  await openSection(page, '四、');
  await clickCell(page, '行政复议 · 结果维持');
  await paste(page, tsv(figures, 'appeals', [APPEAL_ROWS.flatMap((r) => APPEAL_COLUMNS.map((c) => `${r}.${c}`))]));
}

/** Prints the page to PDF as the browser's print does and returns its info and text. */
async function printToPdf(page: Page, name: string): Promise<{ info: string; text: string }> {
  const file = path.join(test.info().outputDir, `${name}.pdf`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await page.pdf({ path: file, preferCSSPageSize: true });
  const info = execFileSync('/usr/bin/pdfinfo', [file], { encoding: 'utf8' });
  const text = execFileSync('/usr/bin/pdftotext', ['-raw', file, '-'], { encoding: 'utf8' });
  return { info, text };
}

const squeeze = (text: string) => text.replace(/\s+/g, '');

test('the report prints alone on A4 pages with every label and figure', async ({ page }) => {
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(err.message));
  await page.goto('/');
  await createReport(page, AGENCY, 2023);
  await fillTables(page);

  // The live preview beside the editor shows the same document.
  await page.getByRole('group', { name: '右侧面板' }).getByRole('button', { name: '预览' }).click();
  const sheet = page.getByTestId('preview-pane').locator('.nianbao-doc');
  await expect(sheet.locator('h1')).toHaveText(`${AGENCY}2023年政府信息公开工作年度报告`);
  await expect(sheet.locator('table')).toHaveCount(3);
  await expect(page.getByTestId('findings-panel')).toBeVisible();

  // Print media hides every piece of the app and shows the document.
  await page.emulateMedia({ media: 'print' });
  for (const selector of ['.topbar', '.editor-topbar', '.section-nav', '.editor-main', '.findings-panel']) {
    await expect(page.locator(selector).first()).toBeHidden();
  }
  await expect(page.locator('.nianbao-doc')).toBeVisible();
  // Back to no emulation: an emulated 'screen' would also apply to page.pdf().
  await page.emulateMedia({ media: null });

  const labels = await page.locator('.nianbao-doc th, .nianbao-doc td').allInnerTexts();
  const { info, text } = await printToPdf(page, 'hongze-2023');
  expect(info).toMatch(/Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)/);
  const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
  // Prose, three tables and the 落款 of a real report: a handful of pages, never one per row.
  expect(pages).toBeGreaterThanOrEqual(3);
  expect(pages).toBeLessThanOrEqual(10);
  const printed = squeeze(text);
  expect(printed).toContain(squeeze(`${AGENCY}2023年政府信息公开工作年度报告`));
  for (const label of labels.map(squeeze).filter((l) => l !== '')) {
    expect(printed, `「${label}」 is printed`).toContain(label);
  }
  for (const word of CHROME_WORDS) {
    expect(printed, `editor word 「${word}」 stays off paper`).not.toContain(word);
  }
  // Page numbers in the page margin boxes (Chromium 131+): “— 1 —”, “— 2 —”…
  expect(printed).toContain('—1—');
  expect(printed).toContain('—2—');

  // With the preview closed, printing still prints the report, not the editor.
  await page.getByRole('group', { name: '右侧面板' }).getByRole('button', { name: '预览' }).click();
  await expect(page.getByTestId('preview-pane')).toHaveCount(0);
  const closed = await printToPdf(page, 'hongze-2023-closed');
  expect(squeeze(closed.text)).toContain(squeeze(`${AGENCY}2023年政府信息公开工作年度报告`));
  expect(Number(/Pages:\s+(\d+)/.exec(closed.info)?.[1])).toBe(pages);
  expect(problems).toEqual([]);
});

test('printing a report with errors asks first; Ctrl+P does the same', async ({ page }) => {
  await page.addInitScript(() => {
    (window as unknown as { prints: number }).prints = 0;
    window.print = () => { (window as unknown as { prints: number }).prints += 1; };
  });
  const prints = () => page.evaluate(() => (window as unknown as { prints: number }).prints);
  await page.goto('/');
  await createReport(page, '打印测试局', 2024);

  // A fresh report's blank cells count in the final check: printing asks first.
  const dialog = page.getByRole('dialog');
  await page.getByRole('button', { name: '打印', exact: true }).click();
  await expect(dialog).toContainText(/^报告还有 \d+ 个未填的单元格，仍要打印吗？/);
  await dialog.getByRole('button', { name: '取消' }).click();
  expect(await prints()).toBe(0);

  // No errors and nothing blank: printing goes straight to the browser.
  for (const section of ['二、', '三、', '四、']) {
    await openSection(page, section);
    await page.getByTestId('fill-zeros').click();
  }
  await expect(page.getByTestId('finding-counts')).toContainText('● 0 错误');
  await expect(page.getByTestId('pending-count')).toBeHidden();
  await page.getByRole('button', { name: '打印', exact: true }).click();
  expect(await prints()).toBe(1);

  // The figures are checked in a task after the keystroke's: a print asked for in the same
  // moment as an edit still sees that edit's findings.
  const first = page.locator('.grid-input').first();
  const restore = await first.inputValue();
  await page.evaluate(() => {
    const input = document.querySelector('.grid-input') as HTMLInputElement;
    input.focus();
    input.value = 'abc';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    (document.querySelector('button[title="Ctrl+P"]') as HTMLButtonElement).click();
  });
  await expect(dialog).toContainText('报告有 1 个错误，仍要打印吗？');
  await dialog.getByRole('button', { name: '取消' }).click();
  expect(await prints()).toBe(1);
  await first.fill(restore);
  await expect(page.getByTestId('finding-counts')).toContainText('● 0 错误');

  // The fixture's appeals row has two wrong 总计: two errors.
  const { figures } = fixture('hongze-2023.json');
  await openSection(page, '四、');
  await clickCell(page, '行政复议 · 结果维持');
  await paste(page, tsv(figures, 'appeals', [APPEAL_ROWS.flatMap((r) => APPEAL_COLUMNS.map((c) => `${r}.${c}`))]));
  await expect(page.getByTestId('finding-counts')).toContainText('● 2 错误');

  await page.getByRole('button', { name: '打印', exact: true }).click();
  await expect(dialog).toContainText('报告有 2 个错误，仍要打印吗？');
  await expect(dialog.getByRole('button', { name: '取消' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  expect(await prints()).toBe(1);

  await page.keyboard.press('Control+p');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: '仍要打印' }).click();
  await expect(dialog).toBeHidden();
  expect(await prints()).toBe(2);

  // The full-page preview prints through the same question.
  await page.getByRole('button', { name: '全页预览' }).click();
  await expect(page.getByTestId('full-preview').locator('.nianbao-doc h1')).toHaveText('打印测试局2024年政府信息公开工作年度报告');
  await page.getByTestId('full-preview').getByRole('button', { name: '打印' }).click();
  await dialog.getByRole('button', { name: '仍要打印' }).click();
  expect(await prints()).toBe(3);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: 'docs/screenshots/preview.png' });
  await page.getByRole('button', { name: '放大' }).click();
  await expect(page.getByText('125%')).toBeVisible();
  await page.getByRole('button', { name: '返回编辑' }).click();
  await expect(gridCell(page, '行政复议 · 结果维持')).toBeVisible();
});

test('markup typed into the report is shown as text and runs nothing', async ({ page }) => {
  const dialogs: string[] = [];
  const problems: string[] = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
  page.on('pageerror', (err) => problems.push(err.message));
  await page.goto('/');
  await createReport(page, '转义测试局', 2024);
  await openSection(page, '一、');
  await page.getByRole('textbox', { name: '正文' }).fill(`本年度${MARKUP}完毕。`);
  await page.getByRole('group', { name: '右侧面板' }).getByRole('button', { name: '预览' }).click();
  const doc = page.getByTestId('preview-pane').locator('.nianbao-doc');
  await expect(doc).toContainText(`本年度${MARKUP}完毕。`);
  await expect(doc.locator('script, img')).toHaveCount(0);
  const { text } = await printToPdf(page, 'markup');
  expect(squeeze(text)).toContain(squeeze(MARKUP));
  expect(dialogs).toEqual([]);
  expect(problems).toEqual([]);
});

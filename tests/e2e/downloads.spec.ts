// Downloads and import: every format comes out of the browser with the standard file name,
// in its format (HTML without script, DOCX zip, JSON report file, CSV with BOM), with typed
// markup kept as text; the JSON file imports back, and a broken file is refused clearly.
import { test, expect, type Page } from '@playwright/test';
import { expectCellValue, clickCell, createReport, download, fixture, MARKUP, openSection, paste, REQUEST_COLUMNS, REQUEST_ROWS, tsv } from './helpers';

const AGENCY = '下载测试局';
const STEM = `${AGENCY}2024年政府信息公开工作年度报告`;

async function draft(page: Page): Promise<void> {
  const { figures } = fixture('hongze-2023.json');
  await createReport(page, AGENCY, 2024);
  await openSection(page, '一、');
  await page.getByRole('textbox', { name: '正文' }).fill(`本年度${MARKUP}完毕。`);
  await openSection(page, '三、');
  await clickCell(page, '一、本年新收政府信息公开申请数量 · 自然人');
  await paste(page, tsv(figures, 'requests', REQUEST_ROWS.map((r) => REQUEST_COLUMNS.map((c) => `${r}.${c}`))));
  // Nothing left blank, so publishing downloads do not ask.
  for (const section of ['二、', '三、', '四、']) {
    await openSection(page, section);
    await page.getByTestId('fill-zeros').click();
  }
  await expect(page.getByTestId('pending-count')).toBeHidden();
  await expect(page.getByTestId('save-status')).toContainText('已保存');
}

test('downloads HTML, Word, JSON and CSV with the standard names', async ({ page, browser }) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
  await page.goto('/');
  await draft(page);
  const { figures } = fixture('hongze-2023.json');
  const natural = String(figures['requests.new.natural']);

  const html = await download(page, '网页 HTML');
  expect(html.name).toBe(`${STEM}.html`);
  const page_ = html.bytes.toString('utf8');
  expect(page_).toMatch(/^<!DOCTYPE html>/);
  expect(page_).not.toMatch(/<script/i);
  expect(page_).not.toMatch(/<img/i);
  expect(page_).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  expect(page_).toContain('<style>');
  expect(page_).toContain('本年新收政府信息公开申请数量');
  // Opened on its own, the page shows the markup as text and runs nothing.
  const viewer = await browser.newPage();
  viewer.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
  await viewer.setContent(page_);
  await expect(viewer.locator('.nianbao-doc')).toContainText(MARKUP);
  await viewer.close();

  const docx = await download(page, 'Word 文档');
  expect(docx.name).toBe(`${STEM}.docx`);
  expect(docx.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
  // Stored (uncompressed) parts: the escaped narrative is readable in the bytes.
  const word = docx.bytes.toString('utf8');
  expect(word).toContain('word/document.xml');
  expect(word).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  expect(word).not.toContain('<script>');

  const json = await download(page, '数据备份 JSON');
  expect(json.name).toBe(`${STEM}.json`);
  const file = JSON.parse(json.bytes.toString('utf8'));
  expect(file.format).toBe('nianbao/report');
  expect(file.version).toBe(1);
  expect(file.agency).toBe(AGENCY);
  expect(file.year).toBe(2024);
  expect(JSON.stringify(file.sections)).toContain(MARKUP.replace(/"/g, '\\"'));
  expect(String(file.figures['requests.new.natural'] ?? file.figures.requests?.new?.natural)).toBe(natural);

  const csv = await download(page, '表格 CSV');
  expect(csv.name).toBe(`${STEM}.csv`);
  expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const table = csv.bytes.toString('utf8');
  expect(table).toContain('本年新收政府信息公开申请数量');
  expect(table).toContain('\r\n');
  expect(dialogs).toEqual([]);

  // The JSON file imports back as a new report with the same content.
  await page.getByRole('button', { name: '← 返回报告库' }).click();
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: '导入报告文件', exact: true }).click()]);
  await chooser.setFiles({ name: json.name, mimeType: 'application/json', buffer: json.bytes });
  // The library holds it already: it asks, and “keep both” adds it as a copy.
  const duplicate = page.getByTestId('import-duplicate');
  await expect(duplicate).toContainText(`报告库中已有「${STEM}」`);
  await duplicate.getByRole('button', { name: '两份都保留' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${STEM}（副本）`);
  await openSection(page, '三、');
  await expectCellValue(page, '一、本年新收政府信息公开申请数量 · 自然人', natural);
  await page.getByRole('button', { name: '← 返回报告库' }).click();
  await expect(page.getByTestId('library-row')).toHaveCount(2);
  // “Replace” puts the library's version in the recycle bin, never deletes it.
  const [again] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: '导入报告文件', exact: true }).click()]);
  await again.setFiles({ name: json.name, mimeType: 'application/json', buffer: json.bytes });
  await duplicate.getByRole('button', { name: '替换' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(STEM);
  await page.getByRole('button', { name: '← 返回报告库' }).click();
  await expect(page.getByTestId('library-row')).toHaveCount(2);
  await expect(page.getByTestId('recycle-bin')).toContainText(STEM);
});

test('a broken or newer report file is refused with the reason, changing nothing', async ({ page }) => {
  await page.goto('/');
  const importFile = async (name: string, text: string) => {
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: '导入报告文件', exact: true }).click()]);
    await chooser.setFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
  };
  const failure = page.getByTestId('import-failure');

  await importFile('坏文件.json', '{\n  "format": "nianbao/report",\n  "version": 1,\n  "agency": \n}');
  await expect(failure).toContainText('无法导入「坏文件.json」');
  await expect(failure).toContainText('第 5 行第 1 列');

  await importFile('新版本.json', JSON.stringify({ format: 'nianbao/report', version: 99 }));
  await expect(failure).toContainText('无法导入「新版本.json」');
  await expect(failure).toContainText('更新版本');
  await expect(failure).toContainText('99');

  await importFile('别的.json', JSON.stringify({ hello: 'world' }));
  await expect(failure).toContainText('这不是年报的报告文件');

  await expect(page.getByTestId('library-empty')).toBeVisible();
});

test('HTML and Word downloads ask first when the report has errors, as printing does', async ({ page }) => {
  await page.goto('/');
  await createReport(page, AGENCY, 2024);
  await openSection(page, '四、');
  // 维持 1 but 总计 0: an appeals.total error.
  await clickCell(page, '行政复议 · 结果维持');
  for (const value of ['1', '0', '0', '0', '0']) {
    await page.keyboard.type(value);
    await page.keyboard.press('Tab');
  }
  await expect(page.getByTestId('finding-counts')).toContainText('错误');
  const confirm = page.getByTestId('download-confirm');
  await page.getByRole('button', { name: '下载 ▾' }).click();
  await page.getByRole('button', { name: 'Word 文档' }).click();
  await expect(confirm).toBeVisible();
  await expect(confirm).toContainText('仍要下载Word 文档吗');
  await confirm.getByRole('button', { name: '取消' }).click();
  await expect(confirm).toBeHidden();
  await page.getByRole('button', { name: '下载 ▾' }).click();
  await page.getByRole('button', { name: '网页 HTML' }).click();
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    confirm.getByRole('button', { name: '仍要下载' }).click(),
  ]);
  expect(file.suggestedFilename()).toBe(`${STEM}.html`);
  // The JSON backup never asks: it is for keeping the work.
  const json = await download(page, '数据备份 JSON');
  expect(json.name).toBe(`${STEM}.json`);
});

test('the 下载 menu works from the keyboard', async ({ page }) => {
  await page.goto('/');
  await createReport(page, AGENCY, 2024);
  const button = page.getByRole('button', { name: '下载 ▾' });
  await button.focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('button', { name: '网页 HTML' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('button', { name: 'Word 文档' })).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect(page.getByRole('button', { name: '图解 PNG（300 dpi）' })).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(page.getByRole('button', { name: '图解 SVG' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: '网页 HTML' })).toHaveCount(0);
  await expect(button).toBeFocused();

  // On the free legacy format there is no 图解 to draw: its items are disabled and skipped.
  await page.getByRole('button', { name: '← 返回报告库' }).click();
  await createReport(page, '某某县人民政府', 2015);
  await button.focus();
  await page.keyboard.press('ArrowUp');
  await expect(page.getByRole('button', { name: '表格 CSV' })).toBeFocused();
  await expect(page.getByRole('button', { name: '图解 SVG' })).toBeDisabled();
  await expect(page.getByRole('button', { name: '图解 PNG（300 dpi）' })).toBeDisabled();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('button', { name: '网页 HTML' })).toBeFocused();
  await expect(page.getByTestId('infographic-toggle')).toBeDisabled();
});

// 导入已发布的报告: last year's report as a clerk has it (PDF text pasted, a web page file, a
// PDF file read in the PDF worker, a scanned PDF refused) is
// reviewed beside its source, then starts next year's report or becomes last year's report of
// one in the library.
import { test, expect, type Page } from '@playwright/test';
import * as fs from 'fs';
import * as path from 'path';
import { expectCellValue, createReport, openSection } from './helpers';

const published = (name: string) =>
  fs.readFileSync(path.resolve(__dirname, '../fixtures/published', name), 'utf8');

/** The review of 淮安市人民政府 2024: agency, year and every table complete. */
async function expectHuaian2024(page: Page) {
  const review = page.getByTestId('import-review');
  await expect(review.getByTestId('import-agency')).toHaveText('淮安市人民政府');
  await expect(review.getByTestId('import-year')).toHaveText('2024');
  const tables = review.getByTestId('import-tables');
  for (const count of ['已填 10/10 格', '已填 175/175 格', '已填 15/15 格']) {
    await expect(tables).toContainText(count);
  }
  return review;
}

test('pasted PDF text is reviewed and starts next year\'s report', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('import-published-open').click();
  await page.getByTestId('import-source').fill(published('huaian-2024.txt'));
  const review = await expectHuaian2024(page);
  await expect(review.getByTestId('import-sections')).toContainText('五、存在的主要问题及改进情况');
  await expect(review.getByTestId('import-errors')).toHaveCount(0);
  await page.screenshot({ path: 'docs/screenshots/import-review.png' });
  await page.getByRole('button', { name: '以此开始下一年度报告' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('淮安市人民政府2025年政府信息公开工作年度报告');
  // 上年结转 comes from last year's 结转下年度 (103 for 自然人).
  await openSection(page, '三、');
  await expectCellValue(page, '二、上年结转政府信息公开申请数量 · 自然人', '103');
  await page.getByRole('button', { name: /返回报告库/ }).click();
  await expect(page.getByTestId('library-row')).toHaveCount(2);
  // The imported 2024 report keeps what the import could not place, for the clerk to check.
  await page.getByTestId('library-row').filter({ hasText: '2024' }).getByRole('button', { name: '打开' }).click();
  const notes = page.getByTestId('import-notes');
  await expect(notes).toContainText('未能放入报告的各部分或表格');
  await notes.locator('summary').click();
  await expect(notes).toContainText('表四');
  await notes.getByRole('button', { name: '已核对，不再显示' }).click();
  await expect(notes).toHaveCount(0);
});

test('a web page file becomes last year\'s report of a report in the library', async ({ page }) => {
  await page.goto('/');
  await createReport(page, '平潭综合实验区', 2023);
  await page.getByRole('button', { name: /返回报告库/ }).click();
  await page.getByTestId('import-published-open').click();
  const text = published('pingtan-2022.txt');
  const html = '<html><body>' + text.split('\n').map((line) => {
    if (!line.includes('\t')) return `<p>${line.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`;
    return `<table><tr>${line.split('\t').map((c) => `<td>${c}</td>`).join('')}</tr></table>`;
  }).join('\n') + '</body></html>';
  await page.getByTestId('import-published-file').setInputFiles({
    name: 'pingtan-2022.html', mimeType: 'text/html', buffer: Buffer.from(html, 'utf8'),
  });
  const review = page.getByTestId('import-review');
  await expect(review.getByTestId('import-year')).toHaveText('2022');
  await expect(review.getByTestId('import-tables')).toContainText('已填 175/175 格');
  await page.getByRole('button', { name: '关联' }).click();
  await expect(page.getByTestId('import-linked')).toContainText('平潭综合实验区2023年政府信息公开工作年度报告');
  await expect(page.getByTestId('library-row')).toHaveCount(2);
});

test('text that is no report says what is missing and saves nothing by itself', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('import-published-open').click();
  await page.getByTestId('import-source').fill(
    '某县2024年政府信息公开工作年度报告\n一、总体情况\n有。\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n四、政府信息公开行政复议、行政诉讼情况\n',
  );
  await expect(page.getByTestId('import-errors')).toContainText('没有读到任何统计表数值');
  await expect(page.getByTestId('library-empty')).toBeVisible();
});

const pdfFile = (dir: string, name: string) => ({
  name,
  mimeType: 'application/pdf',
  buffer: fs.readFileSync(path.resolve(__dirname, '../fixtures', dir, name)),
});

test('a published PDF is read in a worker fetched only then, and imports exactly', async ({ page }) => {
  const requested: string[] = [];
  page.on('request', (request) => requested.push(request.url()));
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('报告库');
  await page.getByTestId('import-published-open').click();
  // Nothing of the PDF reader is part of the start-up download.
  expect(requested.filter((url) => url.includes('pdf-worker'))).toEqual([]);
  await page.getByTestId('import-published-file').setInputFiles(pdfFile('published', 'huaian-2024.pdf'));
  await expect(page.getByTestId('import-file-status')).toContainText('已读取 PDF「huaian-2024.pdf」的文字（6 页）');
  expect(requested.some((url) => url.includes('pdf-worker_bg.wasm'))).toBe(true);
  const review = await expectHuaian2024(page);
  await expect(review.getByTestId('import-errors')).toHaveCount(0);
  // The text read from the PDF is there to compare with what was recognised.
  await expect(page.getByTestId('import-source')).toHaveValue(/行政事业性收费\s+96171\.6/);
  await page.getByRole('button', { name: '保存为报告' }).click();
  await openSection(page, '三、');
  await expectCellValue(page, '四、结转下年度继续办理 · 自然人', '103');
});

test('a scanned PDF is refused with the reason and nothing is imported', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('import-published-open').click();
  await page.getByTestId('import-published-file').setInputFiles(pdfFile('pdf', 'scanned-page.pdf'));
  await expect(page.getByTestId('import-file-failure')).toContainText('此 PDF 是扫描图片，没有文字层');
  await expect(page.getByTestId('import-review')).toHaveCount(0);
  await expect(page.getByTestId('import-source')).toHaveValue('');
});

// The full-page preview shows the report as it prints: A4 sheets with a page count, table 三's
// header repeated on its continuation sheet, page numbers “— N —” on the outer side, and as
// many sheets as the printed PDF has pages.
import { test, expect } from '@playwright/test';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { APPEAL_COLUMNS, APPEAL_ROWS, clickCell, createReport, fixture, openSection, paste, REQUEST_COLUMNS, REQUEST_ROWS, tsv } from './helpers';

const AGENCY = '淮安市洪泽区人民政府';
const SENTENCE = '本年度，我区坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实党中央、国务院关于政府信息公开工作的决策部署，持续深化政务公开，不断提升公开质量和实效。';

test('the full-page preview paginates into A4 sheets as printed', async ({ page }) => {
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(err.message));
  const { figures } = fixture('hongze-2023.json');
  await page.goto('/');
  await createReport(page, AGENCY, 2023);

  // Long prose: six paragraphs of several lines in section 一.
  await openSection(page, '一、');
  const prose = Array.from({ length: 6 }, () => SENTENCE.repeat(4)).join('\n');
  await page.getByRole('textbox', { name: '正文' }).fill(prose);

  // The fixture's tables, pasted as in the editor test.
  await openSection(page, '三、');
  await clickCell(page, '一、本年新收政府信息公开申请数量 · 自然人');
  await paste(page, tsv(figures, 'requests', REQUEST_ROWS.map((r) => REQUEST_COLUMNS.map((c) => `${r}.${c}`))));
  await expect(page.getByTestId('grid-message')).toContainText('已粘贴 175 个单元格');
  await openSection(page, '四、');
  await clickCell(page, '行政复议 · 结果维持');
  await paste(page, tsv(figures, 'appeals', [APPEAL_ROWS.flatMap((r) => APPEAL_COLUMNS.map((c) => `${r}.${c}`))]));

  await page.getByRole('button', { name: '全页预览' }).click();
  const preview = page.getByTestId('full-preview');
  const sheets = preview.getByTestId('preview-sheet');
  await expect(sheets.first()).toBeVisible();
  await expect.poll(() => sheets.count()).toBeGreaterThanOrEqual(3);
  const count = await sheets.count();
  await expect(preview.getByTestId('page-count')).toHaveText(`共 ${count} 页`);

  // Each sheet is A4 at 100 %: 210 × 297 mm = 793.7 × 1122.5 CSS px.
  await expect(preview.getByText('100%')).toBeVisible();
  for (let i = 0; i < count; i += 1) {
    const box = await sheets.nth(i).boundingBox();
    expect(box?.width).toBeCloseTo(793.7, 0);
    expect(box?.height).toBeCloseTo(1122.5, 0);
  }

  // Page numbers “— 1 —”, “— 2 —”…: odd ones at the right of the sheet, even ones at the left.
  const numbers = preview.getByTestId('page-number');
  await expect(numbers).toHaveText(Array.from({ length: count }, (_, i) => `— ${i + 1} —`));
  for (let i = 0; i < Math.min(count, 2); i += 1) {
    const sheet = await sheets.nth(i).boundingBox();
    const label = await numbers.nth(i).boundingBox();
    if (!sheet || !label) throw new Error('sheet or page number not laid out');
    const centre = label.x + label.width / 2 - sheet.x;
    if (i % 2 === 0) expect(centre).toBeGreaterThan(sheet.width / 2);
    else expect(centre).toBeLessThan(sheet.width / 2);
  }

  // Table 三 runs over two sheets, and its header is repeated on the second.
  const requests = preview.locator('.sheets table[data-table="requests"]');
  await expect(requests).toHaveCount(2);
  const headOf = (n: number) => requests.nth(n).locator('thead').innerText();
  expect(await headOf(1)).toBe(await headOf(0));
  await expect(requests.nth(1).locator('thead')).toBeVisible();
  const sheetOf = (n: number) => requests.nth(n).evaluate((t) => t.closest('[data-page]')?.getAttribute('data-page'));
  expect(Number(await sheetOf(1))).toBe(Number(await sheetOf(0)) + 1);
  // Every row of table 三 is printed once across the two parts.
  const rows = await requests.locator('tbody tr').count();
  expect(rows).toBe(await page.locator('.print-copy table[data-table="requests"] tbody tr').count());
  // Nothing on a sheet runs below its type area.
  for (let i = 0; i < count; i += 1) {
    const overflow = await sheets.nth(i).locator('.nb-paged-doc').evaluate((doc) => doc.scrollHeight - doc.clientHeight);
    expect(overflow, `sheet ${i + 1} overflows`).toBeLessThanOrEqual(1);
  }
  await page.screenshot({ path: test.info().outputPath('pages.png'), fullPage: true });

  // The printed PDF (Chromium's own pagination of the same document) has as many pages.
  // The screen pagination measures the same markup with the same fonts, but Chromium's
  // fragmentation differs in small ways (margins truncated at a break, border halves of a
  // split table): allow one page of difference.
  const file = test.info().outputPath('preview-pages.pdf');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await page.pdf({ path: file, preferCSSPageSize: true });
  const info = execFileSync('/usr/bin/pdfinfo', [file], { encoding: 'utf8' });
  const printed = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
  test.info().annotations.push({ type: 'pages', description: `screen ${count}, print ${printed}` });
  expect(Math.abs(printed - count)).toBeLessThanOrEqual(1);

  // The live preview beside the editor shows the same number of sheets.
  await page.getByRole('button', { name: '返回编辑' }).click();
  await page.getByRole('group', { name: '右侧面板' }).getByRole('button', { name: '预览' }).click();
  await expect(page.getByTestId('preview-pane').getByTestId('preview-sheet')).toHaveCount(count);
  expect(problems).toEqual([]);
});

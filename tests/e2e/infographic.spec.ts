// 图解: chosen in the editor, the page of charts follows the report in the preview, the
// print-out and the Word download (as a picture), is axe-clean, and downloads alone as SVG
// and as a 300 dpi PNG.
import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import * as fs from 'fs';

/** Downloads a publishing format of the example report (it has errors, so it asks first). */
async function downloadAnyway(page: Page, item: string): Promise<{ name: string; bytes: Buffer }> {
  await page.getByRole('button', { name: '下载 ▾' }).click();
  await page.getByRole('button', { name: item }).click();
  const confirm = page.getByTestId('download-confirm');
  await expect(confirm).toBeVisible();
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    confirm.getByRole('button', { name: '仍要下载' }).click(),
  ]);
  return { name: file.suggestedFilename(), bytes: fs.readFileSync(await file.path()) };
}

async function printedPages(page: Page): Promise<number> {
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
  return (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
}

test('the 图解 page appears in the preview and the print-out, and downloads as SVG and PNG', async ({ page }) => {
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(err.message));
  await page.goto('/');
  await page.getByRole('button', { name: '打开示例报告' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('年政府信息公开工作年度报告');

  const without = await printedPages(page);
  const toggle = page.getByTestId('infographic-toggle');
  await expect(toggle).not.toBeChecked();
  await toggle.check();

  // The preview: a page of charts after the report, named for screen readers.
  await page.getByRole('button', { name: '预览', exact: true }).click();
  // (The preview also keeps an unseen copy to measure pages with: the one on a sheet counts.)
  const picture = page.locator('figure.nb-infographic:visible svg[role=img]').first();
  await expect(picture).toBeVisible();
  await expect(picture).toHaveAttribute('aria-label', /图解$/);
  await expect(picture).toContainText('新收申请');
  await expect(picture).toContainText('办理结果');
  // On a sheet of its own, the last one.
  const sheet = page.getByTestId('preview-sheet').filter({ has: page.locator('figure.nb-infographic') });
  await expect(sheet).toHaveCount(1);
  await expect(sheet.locator('p, table, h2')).toHaveCount(0);
  await expect(page.getByTestId('preview-sheet').last().locator('figure.nb-infographic')).toHaveCount(1);
  const results = await new AxeBuilder({ page }).include('figure.nb-infographic').analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  await picture.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'docs/screenshots/infographic.png' });

  // The print-out has one more page: the 图解.
  await expect.poll(() => printedPages(page)).toBe(without + 1);

  // The choice is kept with the report: after a reload it is still chosen.
  await expect(page.getByTestId('save-status')).toContainText('已保存');
  await page.reload();
  await page.getByTestId('library-row').getByRole('button', { name: '打开' }).click();
  await expect(page.getByTestId('infographic-toggle')).toBeChecked();

  // The picture alone, as SVG …
  const svg = await downloadAnyway(page, '图解 SVG');
  expect(svg.name).toMatch(/（图解）\.svg$/);
  const text = svg.bytes.toString('utf8');
  expect(text.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
  expect(text).toContain('<desc>');

  // … and as a PNG at 300 dpi on A4 (2480 × 3508), drawn by the browser.
  const png = await downloadAnyway(page, '图解 PNG（300 dpi）');
  expect(png.name).toMatch(/（图解）\.png$/);
  expect(png.bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  expect(png.bytes.readUInt32BE(16)).toBe(2480);
  expect(png.bytes.readUInt32BE(20)).toBe(3508);
  expect(png.bytes.length).toBeGreaterThan(50_000);

  // Word carries the same picture (its parts are stored, so the PNG is in the bytes as is).
  const word = await downloadAnyway(page, 'Word 文档');
  expect(word.bytes.includes(Buffer.from('word/media/infographic.png'))).toBe(true);
  const at = word.bytes.indexOf(Buffer.from('89504e470d0a1a0a', 'hex'));
  expect(at).toBeGreaterThan(0);
  expect(word.bytes.readUInt32BE(at + 16)).toBe(2480);
  expect(word.bytes.includes(Buffer.from('<w:pageBreakBefore/>'))).toBe(true);
  expect(problems).toEqual([]);
});

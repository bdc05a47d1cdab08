// 汇总 (issue 18): a collecting office loads several agencies' report files (one malformed,
// one of another year, one agency twice) and a pasted published report, sorts and filters the
// rows, opens one read-only, exports the CSV, finds everything again after a reload (IndexedDB)
// and sums the chosen reports into a report whose preview names its contributors.
import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import * as fs from 'fs';
import * as path from 'path';

const fixtures = path.resolve(__dirname, '../fixtures');
const file = (name: string, as = name) => ({
  name: as,
  mimeType: 'application/json',
  buffer: fs.readFileSync(path.join(fixtures, name)),
});

async function openCollection(page: Page) {
  await page.getByTestId('collection-open').click();
  await expect(page.getByRole('heading', { level: 1, name: '汇总各单位报告' })).toBeVisible();
}

async function violations(page: Page, include: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).include(include).analyze();
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

test('a collection is loaded, checked, exported, kept and summed', async ({ page }) => {
  await page.goto('/');
  await openCollection(page);
  await expect(page.getByTestId('collection-where')).toContainText('IndexedDB');
  await expect(page.getByTestId('collection-empty')).toBeVisible();

  await page.getByTestId('collection-files').setInputFiles([
    file('suqian-city-2024.json'),
    file('hongze-2024.json'),
    file('suqian-city-2024.json', '宿迁-重复报送.json'),
    file('hongze-2023.json'),
    { name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{\n  "format": "nianbao/report",\n  "year": \n}') },
  ]);
  await expect(page.getByTestId('collection-status')).toHaveText('已加入 5 份。');
  const rows = page.getByTestId('collection-row');
  await expect(rows).toHaveCount(4);
  // The malformed file is a row of its own saying where it is wrong, not a silent drop.
  const unreadable = page.getByTestId('collection-unreadable');
  await expect(unreadable).toContainText('broken.json');
  await expect(unreadable).toContainText('第 4 行');
  // The checks across the set: the same agency twice, a report of another year.
  const checks = page.getByTestId('collection-checks');
  await expect(checks.locator('[data-rule="collection.duplicate_agency"]')).toContainText('宿迁市人民政府');
  await expect(checks.locator('[data-rule="collection.other_year"]')).toContainText('hongze-2023.json');

  // A published report pasted as text goes through the importer.
  await page.getByTestId('collection-paste-open').click();
  // A text that is not a report is said and not added; the text stays to be mended.
  await page.getByTestId('collection-paste-text').fill('会议通知\n请各单位于下周一上午九时参加会议。');
  await page.getByTestId('collection-paste-add').click();
  await expect(page.getByTestId('collection-paste-problem')).toHaveText('没有找到年度报告的标题、表格或正文');
  await expect(page.getByTestId('collection-paste-text')).toHaveValue(/会议通知/);
  await expect(rows).toHaveCount(4);
  await page.getByTestId('collection-paste-text').fill(fs.readFileSync(path.join(fixtures, 'published/huaian-2024.txt'), 'utf8'));
  await page.getByTestId('collection-paste-add').click();
  await expect(rows).toHaveCount(5);
  await expect(page.getByTestId('collection-rows')).toContainText('淮安市人民政府');

  // Sorted by errors, most first; the 2023 report (2 errors) leads.
  await page.getByRole('button', { name: '错误' }).click();
  await expect(page.locator('th[aria-sort="descending"]')).toHaveCount(1);
  await expect(rows.first()).toContainText('hongze-2023.json');
  await expect(rows.first().getByTestId('collection-errors')).toHaveText('2');
  // Filtered by words and to reports with errors.
  await page.getByTestId('collection-filter').fill('淮安');
  await expect(rows).toHaveCount(3);
  await page.getByTestId('collection-filter').fill('淮安 市人民政府 2024');
  await expect(rows).toHaveCount(1);
  await expect(page.getByTestId('collection-shown')).toHaveText('显示 1/5 份');
  await page.getByTestId('collection-filter').fill('');
  await page.getByTestId('collection-only-errors').check();
  await expect(rows).toHaveCount(1);
  await page.getByTestId('collection-only-errors').uncheck();
  await expect(rows).toHaveCount(5);

  await page.screenshot({ path: 'docs/screenshots/collection.png', fullPage: true });
  // A row opens read-only with its findings and the report drawn.
  await rows.first().getByTestId('collection-view').click();
  const detail = page.getByTestId('collection-detail');
  await expect(detail).toContainText('只读查看');
  await expect(detail.getByTestId('collection-detail-findings').locator('li.error')).toHaveCount(2);
  await expect(detail.locator('.nb-paged-doc')).toContainText('淮安市洪泽区人民政府');
  expect(await violations(page, '.collection')).toEqual([]);
  await page.getByTestId('collection-detail-close').click();
  await expect(detail).toHaveCount(0);

  // The checking summary as CSV.
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('collection-csv').click()]);
  expect(csv.suggestedFilename()).toBe('汇总检查表-2024.csv');
  const text = fs.readFileSync(await csv.path(), 'utf8');
  expect(text.startsWith('\uFEFF各单位报告\r\n文件,机关,年度,格式,错误,警告,待填')).toBe(true);
  for (const word of ['宿迁市人民政府', '淮安市洪泽区人民政府', '淮安市人民政府', 'broken.json', 'collection.duplicate_agency']) {
    expect(text).toContain(word);
  }
  // And as a printable page.
  await page.getByTestId('collection-office').fill('某市政务公开办');
  const [html] = await Promise.all([page.waitForEvent('download'), page.getByTestId('collection-html').click()]);
  expect(html.suggestedFilename()).toBe('汇总检查表-2024.html');
  const page2 = fs.readFileSync(await html.path(), 'utf8');
  expect(page2).toContain('<h1>2024年度政府信息公开工作年度报告汇总检查表</h1>');
  expect(page2).toContain('某市政务公开办');

  // Kept in IndexedDB: a reload finds the collection as it was.
  await page.reload();
  await openCollection(page);
  await expect(rows).toHaveCount(5);
  await expect(page.getByTestId('collection-unreadable')).toContainText('broken.json');

  // Removing is undoable.
  await rows.filter({ hasText: '宿迁-重复报送.json' }).getByTestId('collection-remove').click();
  await expect(rows).toHaveCount(4);
  await page.getByTestId('collection-removed').locator('summary').click();
  await page.getByTestId('collection-restore').click();
  await expect(rows).toHaveCount(5);

  // The sum: the three 2024 reports of three agencies; the others refused, each with why.
  await page.getByTestId('collection-office').fill('某市人民政府');
  await page.getByTestId('collection-sum').click();
  const result = page.getByTestId('collection-sum-result');
  await expect(result).toContainText('已汇总 3 份报告。');
  const refused = result.getByTestId('collection-sum-refused');
  await expect(refused.locator('li')).toHaveCount(3);
  await expect(refused).toContainText('宿迁-重复报送.json');
  await expect(refused).toContainText('hongze-2023.json');
  await expect(refused).toContainText('broken.json');
  await result.getByTestId('collection-sum-open').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('某市人民政府2024年政府信息公开工作年度报告');
  await page.getByRole('button', { name: '全页预览' }).click();
  await expect(page.getByTestId('full-preview')).toContainText('本报告表格数字由以下 3 个单位的年度报告汇总：宿迁市人民政府、淮安市洪泽区人民政府、淮安市人民政府。');
  // Back from the sum is back to the collection it came from.
  await page.getByRole('button', { name: '返回编辑' }).click();
  await page.getByRole('button', { name: /返回报告库/ }).click();
  await expect(page.getByTestId('collection')).toBeVisible();
});

test('a folder of reports is read with its other files skipped and said so', async ({ page, browserName }) => {
  test.skip(browserName !== 'chromium', 'the folder picker is checked in Chromium');
  await page.goto('/');
  await openCollection(page);
  const folder = fs.mkdtempSync(path.join(require('os').tmpdir(), 'nianbao-folder-'));
  fs.copyFileSync(path.join(fixtures, 'suqian-city-2024.json'), path.join(folder, 'suqian.json'));
  fs.copyFileSync(path.join(fixtures, 'pdf/hongze-2023.docx'), path.join(folder, 'hongze.docx'));
  fs.copyFileSync(path.join(fixtures, 'pdf/shuyang-fgj-2023.pdf'), path.join(folder, 'shuyang.pdf'));
  fs.writeFileSync(path.join(folder, 'notes.xlsx'), 'not a report');
  await expect(page.getByRole('button', { name: '加入文件夹…' })).toBeVisible();
  await page.getByTestId('collection-folder').setInputFiles(folder);
  // The PDF is read in the PDF worker, as in the import of a published report.
  await expect(page.getByTestId('collection-status')).toContainText('已加入 3 份。', { timeout: 30_000 });
  await expect(page.getByTestId('collection-status')).toContainText('notes.xlsx');
  await expect(page.getByTestId('collection-row')).toHaveCount(3);
  await expect(page.getByTestId('collection-rows')).toContainText('洪泽区人民政府');
  await expect(page.getByTestId('collection-rows')).toContainText('沭阳县发展和改革局');
  // Last year's reports are kept apart, to compare with only: not rows, not checked as members.
  await page.getByTestId('collection-last-year').setInputFiles([file('suqian-city-2023.json')]);
  await expect(page.getByTestId('collection-last-year-list')).toContainText('上年报告（仅用于比对，1 份）');
  await expect(page.getByTestId('collection-row')).toHaveCount(3);
  await expect(page.locator('[data-rule="collection.same_as_last_year"]')).toHaveCount(0);
});

test('a report whose write did not commit stays on screen, is said, and is saved on retry', async ({ page }) => {
  // The browser refuses writes (a full disk, a quota) until the test lets them through.
  await page.addInitScript(() => {
    const put = IDBObjectStore.prototype.put;
    (window as any).__refuse = true;
    IDBObjectStore.prototype.put = function (...args: any[]) {
      if ((window as any).__refuse) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args as any);
    };
  });
  await page.goto('/');
  await openCollection(page);
  await page.getByTestId('collection-files').setInputFiles([file('suqian-city-2024.json')]);
  await expect(page.getByTestId('collection-row')).toHaveCount(1);
  const failure = page.getByTestId('collection-failure');
  await expect(failure).toContainText('未能保存到浏览器');
  await expect(failure).toContainText('1 份报告只在本页面中');
  // Leaving the screen and coming back keeps it (the collection lives as long as the page).
  await page.getByTestId('collection-back').click();
  await openCollection(page);
  await expect(page.getByTestId('collection-row')).toHaveCount(1);
  await page.evaluate(() => { (window as any).__refuse = false; });
  await failure.getByRole('button', { name: '重试保存' }).click();
  await expect(failure).toHaveCount(0);
  await page.reload();
  await openCollection(page);
  await expect(page.getByTestId('collection-row')).toHaveCount(1);
});

test('the checking summary prints from a frame of its own', async ({ page }) => {
  // Each frame's print() records what it would print instead of opening the dialog.
  await page.addInitScript(() => {
    window.print = () => {
      const top = window.top as any;
      top.__printed = (top.__printed ?? []).concat([document.body?.innerText ?? '']);
    };
  });
  await page.goto('/');
  await openCollection(page);
  await page.getByTestId('collection-files').setInputFiles([file('suqian-city-2024.json'), file('hongze-2024.json')]);
  await expect(page.getByTestId('collection-row')).toHaveCount(2);
  await page.getByTestId('collection-office').fill('某市政务公开办');
  await page.getByTestId('collection-print').click();
  await expect.poll(() => page.evaluate(() => (window as any).__printed?.length ?? 0)).toBe(1);
  const printed: string = await page.evaluate(() => (window as any).__printed[0]);
  expect(printed).toContain('2024年度政府信息公开工作年度报告汇总检查表');
  expect(printed).toContain('某市政务公开办');
  expect(printed).toContain('淮安市洪泽区人民政府');
  expect(printed).not.toContain('汇总所选报告');
  // The frame is gone once printing is over.
  await expect(page.getByTestId('collection-print-frame')).toHaveCount(0);
});

// English mode: every interface string and finding message is English; only report content
// (the agency's text, titles) and the official Chinese labels stay Chinese.
import { test, expect, type Page } from '@playwright/test';
import { clickCell, createReport, openSection } from './helpers';

// Places that hold report content or official wording, which are never translated.
const REPORT_CONTENT = [
  '.nianbao-doc', '.sheet', '.print-copy', '.page-probe', 'textarea', '.prose-backdrop', 'table.grid', '.chip',
  '.editor-title', '.nav-label', '.official-label', '.cell-name', '.section-title', 'h2',
  '.lang-option', 'noscript', 'style', '[data-testid=library-row]', '[data-testid=collection-row]', 'option', '.last-year',
  // Declared Chinese: the importer's notes on a published report (said so in English above them).
  '[lang=zh-CN]',
].join(', ');

/** Interface text that is Chinese without any English in it. */
async function untranslated(page: Page): Promise<string[]> {
  return page.evaluate((skip) => {
    const out: string[] = [];
    const cjk = /[\u4e00-\u9fff]/;
    const english = /[A-Za-z]{3,}/;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      const text = (n.textContent ?? '').trim();
      if (!el || el.closest(skip) || !cjk.test(text)) continue;
      // A finding or message names official labels in Chinese inside an English sentence.
      const whole = (el.closest('button, p, li, label, span, summary, div') ?? el).textContent ?? '';
      if (!english.test(whole)) out.push(`${el.tagName}.${el.className}: ${text.slice(0, 60)}`);
    }
    for (const el of document.querySelectorAll('[aria-label], [title], [placeholder]')) {
      // A grid's cells (and its input over the current one) carry the official labels.
      if (el.closest(skip) || el.closest('.grid tbody') || el.matches('.grid-input')) continue;
      for (const name of ['aria-label', 'title', 'placeholder']) {
        const value = el.getAttribute(name) ?? '';
        if (cjk.test(value) && !english.test(value)) out.push(`@${name}: ${value.slice(0, 60)}`);
      }
    }
    return [...new Set(out)];
  }, REPORT_CONTENT);
}

test('in English, the interface and the findings are English', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  expect(await untranslated(page)).toEqual([]);
  await page.getByRole('button', { name: 'New report' }).click();
  expect(await untranslated(page)).toEqual([]);
  await page.getByLabel('Agency').fill('英文测试局');
  await page.getByLabel('Year').fill('2024');
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('英文测试局');
  expect(await untranslated(page)).toEqual([]);
  for (const section of ['一、', '三、', '四、', '六、']) {
    await openSection(page, section);
    expect(await untranslated(page), section).toEqual([]);
  }
  // A finding with figures, and the 待填 progress.
  await openSection(page, '四、');
  await clickCell(page, 'appeals.review.upheld');
  await page.keyboard.type('3');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('findings-pending')).toContainText('Table 四');
  expect(await untranslated(page)).toEqual([]);
  await page.getByRole('button', { name: 'Preview', exact: true }).click();
  expect(await untranslated(page)).toEqual([]);
  await page.getByRole('button', { name: 'Print', exact: true }).click();
  await expect(page.getByRole('dialog')).toContainText('Print anyway?');
  expect(await untranslated(page)).toEqual([]);
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

  // The library's import screens.
  await page.getByRole('button', { name: /Back to library/ }).click();
  expect(await untranslated(page)).toEqual([]);
  await page.getByRole('button', { name: 'Import a published report' }).click();
  await page.getByLabel('Report text').fill('某局2024年政府信息公开工作年度报告\n一、总体情况\n本年度。');
  // Cut short (one heading of a 2024 report): the importer's error is shown, said to be Chinese.
  await expect(page.getByTestId('import-errors')).toContainText("the importer's notes are in Chinese");
  expect(await untranslated(page)).toEqual([]);
});

test('in English, the collection screen is English', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByTestId('collection-open').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Collected reports' })).toBeVisible();
  const fixtures = require('path').resolve(__dirname, '../fixtures');
  const read = (name: string) => require('fs').readFileSync(require('path').join(fixtures, name));
  await page.getByTestId('collection-files').setInputFiles([
    { name: 'suqian.json', mimeType: 'application/json', buffer: read('suqian-city-2024.json') },
    { name: 'hongze.json', mimeType: 'application/json', buffer: read('hongze-2023.json') },
    { name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{') },
  ]);
  await expect(page.getByTestId('collection-row')).toHaveCount(2);
  await expect(page.getByTestId('collection-unreadable')).toContainText('broken.json');
  await page.getByTestId('collection-sum').click();
  await expect(page.getByTestId('collection-sum-result')).toContainText('1 reports summed.');
  expect(await untranslated(page)).toEqual([]);
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('collection-csv').click()]);
  expect(csv.suggestedFilename()).toBe('collection-summary-2024.csv');
});

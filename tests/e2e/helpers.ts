// Shared steps of the end-to-end tests: a fixture's figures as a clerk would copy
// them from Excel, and pasting a block into the focused grid cell.
import { expect, type Locator, type Page } from '@playwright/test';
import * as fs from 'fs';
import * as path from 'path';

// The repository's copy of the fixtures (tests/fixtures).
const fixtures = path.resolve(__dirname, '../fixtures');

export function fixture(name: string): { figures: Record<string, number | string> } {
  return JSON.parse(fs.readFileSync(path.join(fixtures, name), 'utf8'));
}

export const REQUEST_ROWS = [
  'new', 'carried_in', 'granted', 'partial',
  'withheld.state_secret', 'withheld.law_forbidden', 'withheld.security_stability', 'withheld.third_party',
  'withheld.internal_affairs', 'withheld.process_info', 'withheld.enforcement_file', 'withheld.admin_query',
  'unavailable.not_held', 'unavailable.needs_creation', 'unavailable.unclear',
  'rejected.petition', 'rejected.duplicate', 'rejected.publication', 'rejected.excessive', 'rejected.confirmation',
  'other.no_correction', 'other.no_fee', 'other.other', 'handled_total', 'carried_out',
];
export const REQUEST_COLUMNS = ['natural', 'business', 'research', 'nonprofit', 'legal', 'other', 'total'];
export const APPEAL_ROWS = ['review', 'suit_direct', 'suit_after_review'];
export const APPEAL_COLUMNS = ['upheld', 'corrected', 'other', 'pending', 'total'];

/** Tab-separated rows with a trailing newline, as Excel and WPS put them on the clipboard. */
export function tsv(figures: Record<string, number | string>, table: string, rows: string[][]): string {
  const value = (key: string) => (figures[key] === undefined ? '' : String(figures[key]));
  return rows.map((keys) => keys.map((k) => value(`${table}.${k}`)).join('\t')).join('\r\n') + '\r\n';
}

/** Pastes `text` into the focused element as a clipboard paste event. */
export async function paste(page: Page, text: string): Promise<void> {
  await page.evaluate((data) => {
    const transfer = new DataTransfer();
    transfer.setData('text/plain', data);
    const event = new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true });
    document.activeElement?.dispatchEvent(event);
  }, text);
}

/** Copies (or cuts) from the focused element as a clipboard event; returns what it put there. */
export async function copy(page: Page, kind: 'copy' | 'cut' = 'copy'): Promise<string> {
  return page.evaluate((type) => {
    const transfer = new DataTransfer();
    const event = new ClipboardEvent(type, { clipboardData: transfer, bubbles: true, cancelable: true });
    document.activeElement?.dispatchEvent(event);
    return transfer.getData('text/plain');
  }, kind);
}

/** Creates a report from the library and waits for its editor. */
export async function createReport(page: Page, agency: string, year: number): Promise<void> {
  await page.getByRole('button', { name: '新建报告' }).click();
  await page.getByLabel('机关名称').fill(agency);
  await page.getByLabel('年度').fill(String(year));
  await page.getByRole('button', { name: '创建' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${agency}${year}年政府信息公开工作年度报告`);
}

/** Opens a section from the navigation by the start of its label. */
export async function openSection(page: Page, start: string): Promise<void> {
  await page.getByRole('navigation').getByRole('button', { name: new RegExp(`^${start}`) }).click();
}

/** Markup a clerk might paste into a narrative: it must stay text everywhere, and run nothing. */
export const MARKUP = '<script>alert(1)</script> "><img src=x onerror=alert(2)> &amp;';

/** Downloads one format from the editor's 下载 ▾ menu; returns the file name and bytes. */
export async function download(page: Page, item: string): Promise<{ name: string; bytes: Buffer }> {
  await page.getByRole('button', { name: '下载 ▾' }).click();
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: item }).click()]);
  const saved = await file.path();
  return { name: file.suggestedFilename(), bytes: fs.readFileSync(saved) };
}

/** Fills local storage with junk until it refuses; returns how many keys it took. */
export async function fillStorage(page: Page): Promise<number> {
  return page.evaluate(() => {
    let n = 0;
    for (const size of [4_000_000, 500_000, 50_000, 5_000, 500, 20, 1]) {
      const chunk = 'x'.repeat(size);
      for (;;) {
        try { localStorage.setItem(`junk.${n}`, chunk); n++; } catch { break; }
      }
    }
    return n;
  });
}

export async function freeStorage(page: Page, junk: number): Promise<void> {
  await page.evaluate((n) => { for (let i = 0; i < n; i++) localStorage.removeItem(`junk.${i}`); }, junk);
}

/**
 * Makes this page's writes of report entries fail as a full quota does (or work again),
 * without touching the real quota, which other tests running at the same time share.
 */
export async function simulateFullStorage(page: Page, full: boolean): Promise<void> {
  await page.evaluate((on) => {
    const w = window as unknown as { storageFull?: boolean; realSetItem?: Storage['setItem'] };
    if (!w.realSetItem) {
      const real = Storage.prototype.setItem;
      w.realSetItem = real;
      Storage.prototype.setItem = function (key: string, value: string) {
        if (w.storageFull && key.startsWith('nianbao.report.')) {
          throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        }
        return real.call(this, key, value);
      };
    }
    w.storageFull = on;
  }, full);
}

/**
 * The grid's input while it is over the cell named by its label (`行政复议 · 总计`) or its
 * key (`appeals.review.total`). A grid has one input, placed over its current cell, that
 * carries the cell's key, label and value; the other cells show their value as text
 * (`cellValue`).
 */
export function cellInput(page: Page, name: string): Locator {
  return /^[a-z_.]+$/.test(name)
    ? page.locator(`input[data-cell="${name}"]`)
    : page.locator(`input[aria-label="${name}"]`);
}

/** The table cell (`<td>`) of a grid cell, by label or key, as a clerk points at it. */
export function gridCell(page: Page, name: string): Locator {
  return /^[a-z_.]+$/.test(name)
    ? page.locator(`.grid td[data-cell="${name}"]`)
    : page.locator(`.grid td[data-label="${name}"]`);
}

/**
 * The value a grid cell shows, by label or key: the input's while it is over the cell (the
 * cell's own text is hidden under it and left as it was), else the cell's text.
 */
export async function cellValue(page: Page, name: string): Promise<string | null> {
  const cell = gridCell(page, name);
  if ((await cell.count()) !== 1) return null;
  return cell.evaluate((td) => {
    if (td.classList.contains('current')) {
      const input = td.closest('.grid-wrap')?.querySelector('input.grid-input') as HTMLInputElement | null;
      return input?.value ?? null;
    }
    return td.querySelector('.cell-text')?.textContent ?? null;
  });
}

/** Waits until a grid cell shows `value` (see `cellValue`). */
export async function expectCellValue(page: Page, name: string, value: string): Promise<void> {
  await expect.poll(() => cellValue(page, name), { message: `the value of ${name}` }).toBe(value);
}

/** Clicks a grid cell, as a clerk does to move there; returns the input, over it and focused. */
export async function clickCell(page: Page, name: string): Promise<Locator> {
  await gridCell(page, name).click();
  const input = cellInput(page, name);
  await expect(input).toBeFocused();
  return input;
}

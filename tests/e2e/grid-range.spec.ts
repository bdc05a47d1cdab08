// A clerk works on a block of cells as in Excel: selects it with Shift+arrows or the mouse,
// copies it out, clears it, fills its blanks with 0 and pastes one value over it; the keyboard
// reaches the table's ends, and the focus stays where the clerk was after 撤销 and on opening.
import { test, expect, type Locator, type Page } from '@playwright/test';
import { cellInput, expectCellValue, copy, createReport, gridCell, openSection, paste } from './helpers';

/**
 * A new report of `agency` open at table 三 with 自动合计 off, so that every cell is the
 * clerk's; returns the table's grid.
 */
async function requestsGridOfNewReport(page: Page, agency: string): Promise<Locator> {
  await page.goto('/');
  await createReport(page, agency, 2024);
  await openSection(page, '三、');
  const grid = page.getByTestId('grid-requests');
  await grid.getByRole('checkbox', { name: '自动合计' }).uncheck();
  return grid;
}

test('a range of cells is selected, copied, cleared, filled and pasted over', async ({ page }) => {
  const grid = await requestsGridOfNewReport(page, '选区测试局');
  await gridCell(page, 'requests.new.natural').click();
  await paste(page, '1\t2\t3\n4\t\t6\n');

  // Shift+arrows select a rectangle from the focused cell.
  await gridCell(page, 'requests.new.natural').click();
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Shift+ArrowDown');
  await expect(grid.locator('td.in-range')).toHaveCount(6);
  await expect(page.getByTestId('cell-name')).toContainText('已选定 6 个单元格（2 行 × 3 列）');
  expect(await copy(page)).toBe('1\t2\t3\r\n4\t\t6\r\n');

  // Filling zeros touches only the blank cell of the range.
  await grid.getByTestId('fill-zeros').click();
  await expect(grid.getByTestId('grid-message')).toContainText('已将选定区域中 1 个未填的单元格填为 0');
  await expectCellValue(page, 'requests.carried_in.business', '0');
  await expectCellValue(page, 'requests.new.research', '3');
  await expectCellValue(page, 'requests.carried_in.research', '6');
  await expectCellValue(page, 'requests.new.nonprofit', '');

  // Delete clears the range in one step; 撤销 brings it back and keeps the focus.
  await gridCell(page, 'requests.carried_in.research').click();
  await expect(grid.locator('td.in-range')).toHaveCount(0);
  await page.keyboard.press('Shift+ArrowLeft');
  await page.keyboard.press('Shift+ArrowUp');
  await expect(grid.locator('td.in-range')).toHaveCount(4);
  await page.keyboard.press('Delete');
  await expect(grid.getByTestId('grid-message')).toContainText('已清空 4 个单元格');
  await expectCellValue(page, 'requests.new.business', '');
  await expectCellValue(page, 'requests.new.natural', '1');
  const undo = page.getByRole('button', { name: '撤销' });
  await undo.click();
  await expectCellValue(page, 'requests.new.business', '2');
  await expectCellValue(page, 'requests.carried_in.research', '6');
  await expect(undo).toBeFocused();

  // The mouse: a drag selects; Shift+click extends from the focused cell.
  await gridCell(page, 'requests.new.natural').hover();
  await page.mouse.down();
  await gridCell(page, 'requests.new.business').hover();
  await gridCell(page, 'requests.carried_in.business').hover();
  await page.mouse.up();
  await expect(grid.locator('td.in-range')).toHaveCount(4);
  await expect(cellInput(page, 'requests.carried_in.business')).toBeFocused();
  await gridCell(page, 'requests.new.natural').click();
  await expect(grid.locator('td.in-range')).toHaveCount(0);
  await gridCell(page, 'requests.carried_in.research').click({ modifiers: ['Shift'] });
  await expect(grid.locator('td.in-range')).toHaveCount(6);

  // One value pasted onto the range goes into each cell; Esc leaves one cell selected.
  await paste(page, '9');
  await expectCellValue(page, 'requests.new.natural', '9');
  await expectCellValue(page, 'requests.carried_in.research', '9');
  await page.keyboard.press('Escape');
  await expect(grid.locator('td.in-range')).toHaveCount(0);

  // Cut copies and empties.
  await page.keyboard.press('Shift+ArrowLeft');
  expect(await copy(page, 'cut')).toBe('9\t9\r\n');
  await expectCellValue(page, 'requests.carried_in.business', '');

  // Ctrl+End and Ctrl+Home reach the table's last and first cells; Home and End a row's.
  await page.keyboard.press('Control+End');
  await expect(cellInput(page, 'requests.carried_out.total')).toBeFocused();
  await page.keyboard.press('Home');
  await expect(cellInput(page, 'requests.carried_out.natural')).toBeFocused();
  await page.keyboard.press('Control+Home');
  await expect(cellInput(page, 'requests.new.natural')).toBeFocused();
  await page.keyboard.press('End');
  await expect(cellInput(page, 'requests.new.total')).toBeFocused();
});

test('the focus follows the clerk into a report and back to the library', async ({ page }) => {
  await page.goto('/');
  await createReport(page, '焦点测试局', 2024);
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  await page.getByRole('button', { name: '返回报告库' }).click();
  await expect(page.getByRole('button', { name: '焦点测试局2024年政府信息公开工作年度报告' })).toBeFocused();
  // A new report's blank cells show as cells to fill, not as two hundred warnings.
  const row = page.getByTestId('library-row');
  await expect(row.locator('.count.pending')).toHaveText(/○ \d{3}/);
  await expect(row.locator('.count.warning')).toHaveText(/▲ \d$/);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
});

test('jumping to a finding keeps the bar and the findings in view, with no blank page below', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/');
  await page.getByRole('button', { name: '打开示例报告' }).click();
  await openSection(page, '三、');
  // The page ends with its content: no hidden print copy adds height below it.
  const gap = await page.evaluate(() => {
    const body = document.querySelector('.editor-body')?.getBoundingClientRect();
    return document.documentElement.scrollHeight - ((body?.bottom ?? 0) + window.scrollY);
  });
  expect(gap).toBeLessThan(120);
  // A blank cell deep in table 三: the bar and the findings stay on screen.
  const pending = page.getByTestId('findings-pending').getByTestId('table-progress').nth(1);
  await pending.locator('summary').click();
  await pending.locator('button.finding').last().click();
  await expect(page.locator('[data-testid=grid-requests] input:focus')).toHaveCount(1);
  for (const selector of ['.editor-topbar', '.findings-panel']) {
    const box = await page.locator(selector).first().boundingBox();
    expect(box, selector).not.toBeNull();
    expect(box!.y, selector).toBeGreaterThanOrEqual(-1);
    expect(box!.y, selector).toBeLessThan(720);
  }
});

test('a grid has one input, in a form of its own, and Enter moves down without submitting anything', async ({ page }) => {
  // The cells are text and one input moves over them (a shown input per cell cost every
  // frame and every Tab; BENCHMARKS.md). Chromium walks every input outside a form on each
  // focus change, so the input has a form of its own.
  await page.goto('/');
  await createReport(page, '表单测试局', 2024);
  await openSection(page, '三、');
  const grid = page.getByTestId('grid-requests');
  await expect(grid.locator('td[data-cell]')).toHaveCount(175);
  const forms = await grid.locator('.grid-wrap input').evaluateAll((inputs) =>
    inputs.map((i) => (i as HTMLInputElement).form?.elements.length ?? 0));
  expect(forms).toEqual([1]);
  const url = page.url();
  await gridCell(page, 'requests.new.natural').click();
  await page.keyboard.type('7');
  await page.keyboard.press('Enter');
  const below = await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.dataset.cell);
  expect(below).toMatch(/^requests\.(?!new\.)[\w.]+\.natural$/);
  await expectCellValue(page, 'requests.new.natural', '7');
  expect(page.url()).toBe(url);
});

test('a click into the text being typed, a double click and F2 edit a cell in place', async ({ page }) => {
  await requestsGridOfNewReport(page, '就地编辑测试局');
  // Typing, then a click on the same cell: the caret goes where the click was and the arrows
  // move it, not the focus (the value is right-aligned: a click left of it lands before it).
  await gridCell(page, 'requests.new.natural').click();
  await page.keyboard.type('12');
  // (While it is typed in, the input over the cell takes the click.)
  await cellInput(page, 'requests.new.natural').click({ position: { x: 6, y: 8 } });
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.type('5');
  await expect(cellInput(page, 'requests.new.natural')).toBeFocused();
  await page.keyboard.press('Enter');
  await expectCellValue(page, 'requests.new.natural', '152');
  // A double click on another cell: the caret at the end of its value.
  await gridCell(page, 'requests.new.business').click();
  await page.keyboard.type('7');
  await page.keyboard.press('Enter');
  await gridCell(page, 'requests.new.business').dblclick();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.type('8');
  await page.keyboard.press('Enter');
  await expectCellValue(page, 'requests.new.business', '87');
  // F2 does the same from the keyboard; Escape takes back only what was typed since.
  await gridCell(page, 'requests.new.business').click();
  await page.keyboard.press('F2');
  await page.keyboard.type('9');
  await expect(cellInput(page, 'requests.new.business')).toHaveValue('879');
  await page.keyboard.press('Escape');
  await expect(cellInput(page, 'requests.new.business')).toHaveValue('87');
  await expectCellValue(page, 'requests.new.business', '87');
});

test('pinyin being typed in a cell is finished into that cell when another cell is clicked', async ({ page }) => {
  await requestsGridOfNewReport(page, '输入法测试局');
  await gridCell(page, 'requests.new.natural').click();
  // An input method composing "ni" (not yet committed), as a clerk's Chinese IME does.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.imeSetComposition', { text: 'ni', selectionStart: 2, selectionEnd: 2 });
  await expect(cellInput(page, 'requests.new.natural')).toHaveValue('ni');
  // A press on another cell: the one input moves there, but what was being typed stays in
  // the cell it was typed in (kept as typed; a finding says it is not a figure).
  await gridCell(page, 'requests.new.business').click();
  await expect(cellInput(page, 'requests.new.business')).toBeFocused();
  await expectCellValue(page, 'requests.new.natural', 'ni');
  await expectCellValue(page, 'requests.new.business', '');
});

test('a value typed longer than its cell keeps the caret in sight, and typing over a selected value replaces it', async ({ page }) => {
  await requestsGridOfNewReport(page, '长数字测试局');
  await gridCell(page, 'requests.new.natural').click();
  await page.keyboard.type('1234567890123456');
  const input = cellInput(page, 'requests.new.natural');
  await expect(input).toHaveValue('1234567890123456');
  // Wider than the box: scrolled to its end, where the caret is, as the browser's typing does.
  const sight = await input.evaluate((el: HTMLInputElement) => ({
    overflow: el.scrollWidth - el.clientWidth, scrolled: el.scrollLeft, caret: el.selectionStart,
  }));
  expect(sight.overflow).toBeGreaterThan(0);
  expect(sight.scrolled).toBeGreaterThanOrEqual(sight.overflow - 1);
  expect(sight.caret).toBe(16);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Shift+Tab');
  // Back on the cell, its value is selected: the next digits replace it.
  await page.keyboard.type('42');
  await page.keyboard.press('Enter');
  await expectCellValue(page, 'requests.new.natural', '42');
});

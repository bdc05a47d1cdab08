// Prose findings in the editor: a breakdown that exceeds its total is found as the clerk
// types, its sentence is marked in the text, and clicking the finding selects that sentence.
import { test, expect } from '@playwright/test';
import { createReport, openSection } from './helpers';

test('a prose finding marks its sentence and clicking it selects the sentence', async ({ page }) => {
  await page.goto('/');
  await createReport(page, '文字检查局', 2024);
  await openSection(page, '一、');
  const sentence = '全年共收到政府信息公开申请10件，其中自然人申请8件，法人或其他组织申请5件。';
  const area = page.getByRole('textbox', { name: '正文', exact: true });
  await area.fill('2024年，我局认真贯彻《条例》。' + sentence + '均按期答复。');

  const panel = page.getByTestId('findings-panel');
  const finding = panel.locator('[data-rule="narrative.parts_exceed"]');
  await expect(finding).toHaveCount(1);
  await expect(finding).toContainText('13');
  await expect(page.locator('.prose-mark')).toHaveText(sentence);
  await expect(page.locator('.prose-mark')).toBeVisible();

  // Typing hides the marks (the text under them moves) until typing pauses; then they are
  // drawn on the new text.
  await area.press('End');
  await page.keyboard.type('另有补充。');
  await expect(page.locator('.prose-backdrop')).not.toHaveClass(/stale/);
  await expect(page.locator('.prose-mark')).toBeVisible();
  await expect(page.locator('.prose-backdrop')).toContainText('另有补充。');

  // Go elsewhere, then let the finding lead back to the sentence.
  await openSection(page, '三、');
  await finding.click();
  await expect(area).toBeFocused();
  const selected = await area.evaluate((el: HTMLTextAreaElement) => el.value.slice(el.selectionStart, el.selectionEnd));
  expect(selected).toBe(sentence);

  // Fixing the figure clears the finding and the mark.
  await area.fill('2024年，我局认真贯彻《条例》。' + sentence.replace('10件', '13件') + '均按期答复。');
  await expect(finding).toHaveCount(0);
  await expect(page.locator('.prose-mark')).toHaveCount(0);
});

test('the text area shows as many lines as its rows, and its marks layer covers it', async ({ page }) => {
  // The text area's height is set in the style sheet (so that its size can be contained,
  // BENCHMARKS.md): it must stay the height its rows ask for, in a section and above a table.
  await page.goto('/');
  await createReport(page, '文字检查局', 2024);
  for (const [section, rows] of [['一、', 14], ['三、', 4]] as const) {
    await openSection(page, section);
    const area = page.getByRole('textbox', { name: '正文', exact: true });
    const box = await area.evaluate((el: HTMLTextAreaElement) => {
      const style = getComputedStyle(el);
      const px = (name: string) => parseFloat(style.getPropertyValue(name));
      const backdrop = el.parentElement!.querySelector('.prose-backdrop')!.getBoundingClientRect();
      return {
        rows: el.rows,
        lines: (el.clientHeight - px('padding-top') - px('padding-bottom')) / px('line-height'),
        height: el.getBoundingClientRect().height,
        backdrop: backdrop.height,
      };
    });
    expect(box.rows).toBe(rows);
    expect(box.lines).toBeCloseTo(rows, 1);
    expect(box.backdrop).toBeCloseTo(box.height, 0);
  }
});

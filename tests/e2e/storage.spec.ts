// The storage settings, the backup reminder, and a library that loses nothing: reports from
// another tab appear live, and an unreadable or missing entry, a corrupted index, a report of
// a newer layout and two tabs writing the index at once are kept aside or repaired.
import { test, expect, type Page } from '@playwright/test';
import * as fs from 'fs';
import { createReport, fillStorage, freeStorage } from './helpers';

/** Every stored key starting with `prefix`, with its raw text. */
async function stored(page: Page, prefix: string): Promise<Record<string, string>> {
  return page.evaluate((p) => {
    const out: Record<string, string> = {};
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i)!;
      if (key.startsWith(p)) out[key] = localStorage.getItem(key)!;
    }
    return out;
  }, prefix);
}

/** The key of the stored report whose text mentions `agency`. */
async function reportKey(page: Page, agency: string): Promise<string> {
  const entry = Object.entries(await stored(page, 'nianbao.report.')).find(([, text]) => text.includes(agency));
  expect(entry).toBeTruthy();
  return entry![0];
}

async function backToLibrary(page: Page): Promise<void> {
  await page.getByRole('button', { name: /返回报告库/ }).click();
}

/** Downloads the raw text of the one recovery entry whose id contains `id`. */
async function recoveredText(page: Page, id: string): Promise<string> {
  const entry = page.getByTestId('quarantined-entry').filter({ hasText: id });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    entry.getByRole('button', { name: '下载原始文本' }).click(),
  ]);
  return fs.readFileSync((await download.path())!, 'utf8');
}

test('the storage settings show persistence, usage with units and the clearing warning', async ({ page }) => {
  await page.goto('/');
  const panel = page.getByTestId('storage-settings');
  await panel.locator('summary').click();
  await panel.getByRole('button', { name: '申请持久存储' }).click();
  // Headless Chromium may grant or refuse: either way the answer is said plainly.
  await expect(panel.getByTestId('persist-status')).toHaveText(/^(已获准|未获准)（.+）$/);
  await expect(panel.getByTestId('storage-usage')).toHaveText(/^已用 \/ 可用空间：\d+\.\d MB \/ \d+\.\d MB$/);
  await expect(panel.getByTestId('clear-data-warning')).toContainText('清除浏览器数据');
  await expect(panel.getByTestId('clear-data-warning')).toContainText('会删除这里的全部报告');
});

test('the backup reminder shows after many saves and goes away after exporting everything', async ({ page }) => {
  await page.goto('/');
  await createReport(page, '提醒局', 2024);
  await backToLibrary(page);
  // Whether a backup is due is worked out once the library is shown.
  await expect(page.getByTestId('backup-tools')).toHaveAttribute('data-due-known', 'true');
  await expect(page.getByTestId('backup-due')).toHaveCount(0);

  // Forty saves since the last backup, as after a long day of typing.
  const key = await reportKey(page, '提醒局');
  await page.evaluate((k) => {
    const entry = JSON.parse(localStorage.getItem(k)!);
    entry.revision = 40;
    localStorage.setItem(k, JSON.stringify(entry));
  }, key);
  await page.reload();
  await expect(page.getByTestId('backup-due')).toHaveText('自上次备份以来报告改动较多，建议现在备份。');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '全部导出（备份）' }).click(),
  ]);
  expect(JSON.parse(fs.readFileSync((await download.path())!, 'utf8')).reports[0].revision).toBe(40);
  await expect(page.getByTestId('backup-due')).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('library-row')).toHaveCount(1);
  await expect(page.getByTestId('backup-tools')).toHaveAttribute('data-due-known', 'true');
  await expect(page.getByTestId('backup-due')).toHaveCount(0);
});

test('reports from another tab appear live; its unreadable entry is moved aside, not fatal', async ({ page, context }) => {
  await page.goto('/');
  await createReport(page, '本页局', 2024);
  await backToLibrary(page);

  const other = await context.newPage();
  await other.goto('/');
  await createReport(other, '他页局', 2024);
  await expect(page.getByTestId('library-list')).toContainText('他页局2024年政府信息公开工作年度报告');
  await expect(page.getByTestId('library-row')).toHaveCount(2);

  // A save in the other tab shows here too.
  await other.getByLabel('机关名称').fill('他页改名局');
  await expect(other.getByTestId('save-status')).toContainText('已保存');
  await expect(page.getByTestId('library-list')).toContainText('他页改名局2024年');

  // The other tab writes an entry this version cannot read.
  const broken = '{"format": "nianbao/stored", "layout": 1, "revision": 1, "report": {坏';
  await other.evaluate((v) => localStorage.setItem('nianbao.report.broken', v), broken);
  await expect(page.getByTestId('quarantined-entry').filter({ hasText: 'broken' })).toHaveCount(1);
  expect(await recoveredText(page, 'broken')).toBe(broken);
  expect(await page.evaluate(() => localStorage.getItem('nianbao.report.broken'))).toBeNull();
  await expect(page.getByTestId('library-row')).toHaveCount(2);
  await page.getByTestId('library-row').filter({ hasText: '本页局' }).getByRole('button', { name: '打开' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('本页局2024年政府信息公开工作年度报告');
});

test('two tabs writing the index at once lose no report', async ({ page, context }) => {
  await page.goto('/');
  await createReport(page, '甲页局', 2024);
  await backToLibrary(page);
  const other = await context.newPage();
  await other.goto('/');

  // The other tab stores a report, then writes the index it read before this one's write:
  // the index it leaves behind lacks the report.
  const key = await reportKey(page, '甲页局');
  await other.evaluate((k) => {
    const staleIndex = localStorage.getItem('nianbao.index')!;
    const entry = JSON.parse(localStorage.getItem(k)!);
    entry.report.agency = '并发局';
    localStorage.setItem('nianbao.report.race', JSON.stringify(entry));
    localStorage.setItem('nianbao.index', staleIndex);
  }, key);
  await expect(page.getByTestId('library-row')).toHaveCount(2);
  await expect(page.getByTestId('library-list')).toContainText('并发局2024年');
  await expect
    .poll(async () => JSON.parse((await stored(page, 'nianbao.index'))['nianbao.index']).entries.map((e: { id: string }) => e.id))
    .toContain('race');
  await other.reload();
  await expect(other.getByTestId('library-row')).toHaveCount(2);
});

test('a corrupted index is kept aside and rebuilt from the reports', async ({ page }) => {
  await page.goto('/');
  await createReport(page, '索引一局', 2024);
  await backToLibrary(page);
  await createReport(page, '索引二局', 2024);
  await backToLibrary(page);

  const corrupt = '{"version":1,"entries":[{"id":损坏';
  await page.evaluate((v) => localStorage.setItem('nianbao.index', v), corrupt);
  await page.reload();
  await expect(page.getByTestId('library-row')).toHaveCount(2);
  await expect(page.getByTestId('library-list')).toContainText('索引一局');
  await expect(page.getByTestId('library-list')).toContainText('索引二局');
  expect(await recoveredText(page, 'index')).toBe(corrupt);
  const index = JSON.parse(await page.evaluate(() => localStorage.getItem('nianbao.index')!));
  expect(index.entries).toHaveLength(2);
});

test('an index entry whose report is missing is recorded in the recovery panel', async ({ page }) => {
  await page.goto('/');
  await createReport(page, '留存局', 2024);
  await backToLibrary(page);
  await createReport(page, '失踪局', 2024);
  await backToLibrary(page);
  const key = await reportKey(page, '失踪局');
  await page.evaluate((k) => localStorage.removeItem(k), key);
  await page.reload();

  await expect(page.getByTestId('library-row')).toHaveCount(1);
  await expect(page.getByTestId('library-row')).toContainText('留存局');
  const id = key.replace('nianbao.report.', '');
  const entry = page.getByTestId('quarantined-entry').filter({ hasText: id });
  await expect(entry).toContainText('missing');
  expect(await recoveredText(page, id)).toContain('失踪局');
  // Recorded once, not again at every start.
  await page.reload();
  await expect(page.getByTestId('quarantined-entry')).toHaveCount(1);
});

test('a report of a newer stored layout is kept untouched and listed with its raw text', async ({ page }) => {
  await page.goto('/');
  await createReport(page, '新格式局', 2024);
  await backToLibrary(page);
  const key = await reportKey(page, '新格式局');
  const id = key.replace('nianbao.report.', '');
  const future = JSON.stringify({
    format: 'nianbao/stored', layout: 7, revision: 12, saved_at: 1, payload: { agency: '新格式局', sealed: 'zzz' },
  });
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [key, future]);
  await page.reload();

  const entry = page.getByTestId('quarantined-entry').filter({ hasText: id });
  await expect(entry).toContainText('newer version');
  expect(await recoveredText(page, id)).toBe(future);

  await page.getByTestId('library-row').getByRole('button', { name: '打开' }).click();
  await expect(page.getByRole('alert')).toContainText('更新版本');
  await page.getByRole('button', { name: /返回报告库/ }).click();
  await createReport(page, '其他局', 2024);
  await page.getByLabel('机关名称').fill('其他局甲');
  await expect(page.getByTestId('save-status')).toContainText('已保存');
  await page.reload();
  await expect(page.getByTestId('quarantined-entry').filter({ hasText: id })).toHaveCount(1);
  expect((await stored(page, key))[key]).toBe(future);
});

test('garbage written over an open report is kept aside and the next save loses no typing', async ({ page, context }) => {
  await page.goto('/');
  await createReport(page, '覆盖局', 2024);
  const contact = page.getByLabel('联系方式（地址、电话、电子邮箱）');
  await contact.fill('电话一');
  await expect(page.getByTestId('save-status')).toContainText('已保存');
  const key = await reportKey(page, '覆盖局');

  const other = await context.newPage();
  await other.goto('/');
  await other.evaluate((k) => localStorage.setItem(k, '{"format":"nianbao/stored" 乱码'), key);
  await contact.fill('电话一，电话二');
  await expect(page.getByTestId('save-status')).toContainText('已保存');

  await page.reload();
  const id = key.replace('nianbao.report.', '');
  expect(await recoveredText(page, id)).toBe('{"format":"nianbao/stored" 乱码');
  await page.getByTestId('library-row').getByRole('button', { name: '打开' }).click();
  await expect(contact).toHaveValue('电话一，电话二');
});

test('the library says how full report storage is, and loudly when it runs out', async ({ page }) => {
  await page.goto('/');
  await createReport(page, '容量测试局', 2024);
  await page.getByRole('button', { name: /返回报告库/ }).click();
  const usage = page.getByTestId('local-usage');
  await expect(usage).toContainText(/报告存储：已用 \d+ KB \/ 5\.0 MB（\d+%），.*约还能再存 \d+ 份/);
  await expect(usage).not.toHaveClass(/warning/);
  // Counted as the browser counts its quota: two bytes per UTF-16 unit of every key and value
  // (a report in Chinese makes the difference with bytes of UTF-8 plain).
  const used = await page.evaluate(() => {
    let units = 0;
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i)!;
      units += key.length + localStorage.getItem(key)!.length;
    }
    return Math.ceil((2 * units) / 1024);
  });
  await expect(usage).toContainText(`已用 ${used} KB /`);
  const junk = await fillStorage(page);
  await page.reload();
  await expect(usage).toHaveClass(/warning/);
  await expect(usage).toContainText('空间快用完了');
  await freeStorage(page, junk);
});

test('a report the index lacks is listed at once and its findings counted when the checker loads', async ({ page }) => {
  await page.goto('/');
  // The example (two wrong 总计) stored under a key the index does not list, as a backup
  // tool or another program might leave it; and an index without it.
  await page.getByRole('button', { name: '打开示例报告' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('洪泽区人民政府2023年政府信息公开工作年度报告');
  await backToLibrary(page);
  const key = await reportKey(page, '洪泽区');
  await page.evaluate((k) => {
    localStorage.setItem('nianbao.report.orphan', localStorage.getItem(k)!);
  }, key);
  await page.reload();
  const rows = page.getByTestId('library-row');
  await expect(rows).toHaveCount(2);
  // Counted (shown as 正在检查… meanwhile, never as a report with no findings).
  for (const row of await rows.all()) {
    await expect(row.getByTestId('counting')).toHaveCount(0);
    await expect(row.locator('.count.error')).toHaveText('● 2');
  }
  const index = JSON.parse(await page.evaluate(() => localStorage.getItem('nianbao.index')!));
  const orphan = index.entries.find((e: { id: string }) => e.id === 'orphan');
  expect(orphan.errors).toBe(2);
  expect(orphan.unchecked).toBeUndefined();
});

test('another tab’s writes are followed report by report: the backup reminder and a newer version’s report, live', async ({ page, context }) => {
  await page.goto('/');
  await createReport(page, '甲本页局', 2024);
  await backToLibrary(page);
  await createReport(page, '乙本页局', 2024);
  await backToLibrary(page);
  await expect(page.getByTestId('backup-tools')).toHaveAttribute('data-due-known', 'true');
  // Every stored report read once since the library was shown.
  await expect(page.getByTestId('backup-tools')).toHaveAttribute('data-verifying', 'false');
  await expect(page.getByTestId('backup-due')).toHaveCount(0);
  const first = await reportKey(page, '甲本页局');
  // Records whether this tab starts reading every stored report again from now on.
  await page.evaluate(() => {
    const tools = document.querySelector('[data-testid="backup-tools"]')!;
    (window as any).__passes = 0;
    new MutationObserver(() => {
      if (tools.getAttribute('data-verifying') === 'true') (window as any).__passes += 1;
    }).observe(tools, { attributes: true, attributeFilter: ['data-verifying'] });
  });

  // The other tab writes 甲 at revision 40, as after a long day of typing there.
  const other = await context.newPage();
  await other.goto('/');
  await expect(other.getByTestId('library-row')).toHaveCount(2);
  await other.evaluate((k) => {
    const entry = JSON.parse(localStorage.getItem(k)!);
    entry.revision = 40;
    localStorage.setItem(k, JSON.stringify(entry));
  }, first);
  await expect(page.getByTestId('backup-due')).toHaveText('自上次备份以来报告改动较多，建议现在备份。');
  // Only the report written was read again, not the whole library.
  expect(await page.evaluate(() => (window as any).__passes)).toBe(0);

  // Its backup makes the reminder here go away.
  await Promise.all([
    other.waitForEvent('download'),
    other.getByRole('button', { name: '全部导出（备份）' }).click(),
  ]);
  await expect(page.getByTestId('backup-due')).toHaveCount(0);

  // A report of a newer stored layout it writes is listed here, kept as it is; removed, it
  // leaves the list.
  const future = JSON.stringify({ format: 'nianbao/stored', layout: 7, revision: 3, payload: { sealed: 'zzz' } });
  await other.evaluate((v) => localStorage.setItem('nianbao.report.future1', v), future);
  const entry = page.getByTestId('quarantined-entry').filter({ hasText: 'future1' });
  await expect(entry).toContainText('newer version');
  expect(await recoveredText(page, 'future1')).toBe(future);
  await other.evaluate(() => localStorage.removeItem('nianbao.report.future1'));
  await expect(entry).toHaveCount(0);
  await expect(page.getByTestId('library-row')).toHaveCount(2);
  expect(await page.evaluate(() => (window as any).__passes)).toBe(0);
});

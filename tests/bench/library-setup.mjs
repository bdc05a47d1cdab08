// The library of many reports the bench loads (browser.mjs) and its profiling aid
// (profile/library.mjs) reload: the example report stored once and copied under new ids,
// index entries included, so that start-up reads them as a clerk's own; and the page's own
// mark of when a frame showing every row has been painted.

/** Opens the example in page `p` (at `base`), back to the library, and fills it to `count` reports. */
export async function fillLibrary(p, base, count) {
  await p.goto(base);
  await p.getByRole('button', { name: '打开示例报告' }).click();
  await p.getByRole('button', { name: /返回报告库/ }).click();
  await p.getByTestId('library-row').first().waitFor();
  await p.evaluate((count) => {
    const index = JSON.parse(localStorage.getItem('nianbao.index'));
    const source = index.entries[0];
    const stored = localStorage.getItem('nianbao.report.' + source.id);
    for (let i = 1; i < count; i++) {
      const id = `bench-${i}`;
      localStorage.setItem('nianbao.report.' + id, stored);
      index.entries.push({ ...source, id, example: false, title: `${source.title} ${i}` });
    }
    localStorage.setItem('nianbao.index', JSON.stringify(index));
  }, count);
}

/**
 * From the next load on, the page notes when a frame showing all `count` rows has been
 * painted (a task after the animation frame that drew them), on its own clock from the
 * navigation, in `window.__listedAt`; the moment the rows were all in the page is the
 * performance mark `rows`.
 */
export async function markListed(p, count) {
  await p.addInitScript((count) => {
    new MutationObserver((_, observer) => {
      if (document.querySelectorAll('[data-testid=library-row]').length < count) return;
      observer.disconnect();
      performance.mark('rows');
      requestAnimationFrame(() => setTimeout(() => { window.__listedAt = performance.now(); }, 0));
    }).observe(document, { childList: true, subtree: true });
  }, count);
}

/**
 * In page `p` showing the library, opens its 51st report at table 三 with the first cell
 * focused, and waits for the opening's own work to end: where the profiling aids type a digit
 * followed by its autosave (profile/autosave.mjs, profile/tabs.mjs).
 */
export async function openForTyping(p) {
  await p.getByTestId('library-row').nth(50).getByRole('button', { name: '打开' }).click();
  await p.getByRole('navigation').getByRole('button', { name: /^三、/ }).click();
  await p.locator('.grid td[data-cell="requests.new.natural"]').click();
  await p.waitForTimeout(1500);
}

/**
 * A browser, its context and a page of it showing a library of `count` reports (the example
 * copied, read back by a reload): where the profiling aids that type into a large library
 * start (profile/autosave.mjs, profile/tabs.mjs).
 */
export async function largeLibrary(chromium, base, count = 100) {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
  const page = await context.newPage();
  await fillLibrary(page, base, count);
  await page.reload();
  return { browser, context, page };
}

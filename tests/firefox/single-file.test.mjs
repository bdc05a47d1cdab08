// The single-file edition in Firefox, opened straight from disk: it starts, drafts a report
// and finds it again after a reload. Firefox is driven over WebDriver BiDi by puppeteer-core
// (Playwright's patched Firefox cannot be installed here; Debian's firefox-esr can).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import puppeteer from 'puppeteer-core';

const FIREFOX = '/usr/bin/firefox-esr';

/** Clicks the button whose text is exactly `text`. */
async function clickButton(page, text) {
  await page.waitForFunction(
    (t) => [...document.querySelectorAll('button')].some((b) => b.textContent.trim() === t), {}, text);
  await page.evaluate((t) => {
    [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === t).click();
  }, text);
}

/** Sets the input inside the label that starts with `label`, as typing would. */
async function fill(page, label, value) {
  await page.evaluate((l, v) => {
    const field = [...document.querySelectorAll('label')].find((el) => el.textContent.trim().startsWith(l));
    const input = field.querySelector('input');
    input.value = v;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }, label, value);
}

async function waitForText(page, selector, text) {
  await page.waitForFunction(
    (s, t) => [...document.querySelectorAll(s)].some((el) => el.textContent.includes(t)), { timeout: 20000 },
    selector, text);
}

test('the single-file edition drafts and keeps a report in Firefox', async () => {
  const dist = process.env.DIST_DIR;
  assert.ok(dist, 'cargo xtask test sets DIST_DIR to the built dist/ folder');
  assert.ok(fs.existsSync(FIREFOX), 'firefox-esr is missing: run `cargo xtask setup`');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-firefox-'));
  const browser = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX, headless: true, userDataDir: profile });
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (err) => errors.push(String(err)));
    await page.goto('file://' + path.join(dist, 'nianbao.html'));
    await waitForText(page, '[data-testid=product-name]', '年报');

    await clickButton(page, '新建报告');
    await fill(page, '机关名称', '火狐测试局');
    await fill(page, '年度', '2024');
    await clickButton(page, '创建');
    await waitForText(page, 'h1', '火狐测试局2024年政府信息公开工作年度报告');

    await page.evaluate(() => {
      [...document.querySelectorAll('nav button')].find((b) => b.textContent.trim().startsWith('三、')).click();
    });
    const cell = '[aria-label="一、本年新收政府信息公开申请数量 · 自然人"]';
    await page.waitForSelector(cell);
    await page.focus(cell);
    await page.keyboard.type('21');
    await page.keyboard.press('Enter');
    await waitForText(page, '[data-testid=save-status]', '已保存');

    await page.reload();
    await waitForText(page, '[data-testid=library-row]', '火狐测试局');

    // A PDF imports from disk too: the PDF reader's worker starts from the page's own copy.
    await page.click('[data-testid=import-published-open]');
    const input = await page.waitForSelector('[data-testid=import-published-file]');
    await input.uploadFile(path.resolve(import.meta.dirname, '../fixtures/published/huaian-2024.pdf'));
    await waitForText(page, '[data-testid=import-tables]', '已填 175/175 格');
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
});

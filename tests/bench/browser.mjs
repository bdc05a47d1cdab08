// Browser benchmarks, as a clerk meets the app: the release build served compressed
// (BASE_URL, from `cargo xtask bench`), in headless Chromium, also with the CPU throttled 4×
// (Chrome DevTools Protocol `Emulation.setCPUThrottlingRate`, standing for an old office PC).
// Every figure is also given as a ratio to a baseline measured in the same run (a plain
// `<input>` page for keystrokes, a blank page of the same origin compiling the same start-up
// wasm for start-up), because these machines are shared and noisy.
//
// Measured: the transfer at start (compressed bytes), the time until the library is
// interactive, and the main-thread work per keystroke (each task that handles a key, from
// keydown until the task and its microtasks end, read from a Chrome trace) over 200 edits in
// table 三 of the example report with the findings pane, with the live preview pane,
// throttled, and while typing in a long prose section (also throttled); beside it, all the main thread's work
// from the first key to the end of the trace divided by the keys (what follows a key in
// tasks of its own, such as the check and the frames, included). Each keystroke case is run
// three times (`BENCH_RUNS`) and the run with the median p95 is kept. Prints a Markdown
// table; with `--json FILE` also writes the raw figures, with `--markdown FILE` the tables.
import { chromium } from '@playwright/test';
import * as fs from 'fs';
import { execFileSync } from 'child_process';
import { fillLibrary, markListed } from './library-setup.mjs';

const BASE = process.env.BASE_URL ?? 'http://127.0.0.1:8080';
const EDITS = Number(process.env.BENCH_EDITS ?? 200);
const option = (name) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : null);
const jsonOut = option('--json');
const markdownOut = option('--markdown');

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run',
    '--disable-background-networking', '--disable-component-update'],
});

/**
 * The main-thread tasks that handled each key, read from a Chrome trace: every `RunTask` of
 * the page's main thread holding the dispatch of a `keydown`, `keypress` or `input` event,
 * from its start until it and its microtasks end. Returns one duration (ms) per task.
 */
function keyTasks(trace) {
  const events = JSON.parse(trace.toString('utf8')).traceEvents ?? [];
  const main = new Set(events
    .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
    .map((e) => `${e.pid}:${e.tid}`));
  const on = (e) => main.has(`${e.pid}:${e.tid}`);
  const keyed = events.filter((e) => on(e) && e.name === 'EventDispatch'
    && ['keydown', 'keypress', 'input'].includes(e.args?.data?.type));
  const tasks = events.filter((e) => on(e) && e.ph === 'X' && e.name === 'RunTask');
  const out = [];
  for (const task of tasks) {
    const end = task.ts + task.dur;
    if (keyed.some((k) => k.ts >= task.ts && k.ts <= end)) out.push(task.dur / 1000);
  }
  // Everything the main thread did from the first key until the trace ends (the work that
  // follows the keys in tasks of their own, such as the check, and the frames included).
  const first = Math.min(...keyed.map((k) => k.ts));
  out.busy = tasks.filter((t) => t.ts >= first).reduce((sum, t) => sum + t.dur / 1000, 0);
  return out;
}

function stats(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { p50: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1], n: sorted.length, busyPerKey: samples.busy / EDITS };
}

async function page(throttle = 1, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', ...options });
  const p = await context.newPage();
  const cdp = await context.newCDPSession(p);
  if (throttle > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  return { p, context };
}

/** Types `EDITS` digits into the focused field, one key at a time, and reads the meter. */
async function typeDigits(p, tab = true) {
  await p.waitForTimeout(500);
  await browser.startTracing(p, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
  for (let i = 0; i < EDITS; i++) {
    await p.keyboard.press(String(i % 10));
    if (tab && i % 10 === 9) await p.keyboard.press('Tab');
  }
  await p.waitForTimeout(200);
  return stats(keyTasks(await browser.stopTracing()));
}

async function baseline(throttle) {
  const { p, context } = await page(throttle);
  await p.setContent('<!DOCTYPE html><meta charset="utf-8"><input id="x" aria-label="x">');
  await p.focus('#x');
  const result = await typeDigits(p);
  await context.close();
  return result;
}

/** The prose rows' baseline: a plain `<textarea>` holding the same 5,100 characters. */
async function proseBaseline(throttle) {
  const { p, context } = await page(throttle);
  await p.setContent('<!DOCTYPE html><meta charset="utf-8"><textarea id="x" aria-label="x" rows="14" style="width: 800px"></textarea>');
  await p.fill('#x', '本年度'.repeat(1700));
  await p.click('#x');
  await p.keyboard.press('End');
  const result = await typeDigits(p, false);
  await context.close();
  return result;
}

async function load(throttle) {
  const { p, context } = await page(throttle);
  const started = Date.now();
  await p.goto(BASE);
  await p.getByRole('button', { name: '打开示例报告' }).waitFor();
  const interactive = Date.now() - started;
  const transfer = await p.evaluate(() => performance.getEntriesByType('resource')
    .concat(performance.getEntriesByType('navigation'))
    .reduce((sum, e) => sum + (e.transferSize || e.encodedBodySize || 0), 0));
  await context.close();
  return { interactive, transfer };
}

/**
 * The start-up baseline: a blank page of the same origin that fetches and compiles the same
 * start-up wasm the app's page fetches, timed like `load` (from the navigation until the
 * compiled module is there). What the app adds to it is the app's own start.
 */
async function loadBaseline(throttle) {
  // No service worker: the app's would answer the blank page's navigation with the app.
  const { p, context } = await page(throttle, { serviceWorkers: 'block' });
  await p.goto(BASE);
  // The page fetches its start-up wasm once it has painted: wait for that request.
  const wasm = await (await p.waitForFunction(() => performance.getEntriesByType('resource')
    .map((e) => e.name).find((n) => /nianbao-app-[0-9a-f]+_bg\.wasm$/.test(n)), null, { timeout: 30_000 })).jsonValue();
  const blank = new URL('bench-baseline.html', BASE).href;
  await p.route(blank, (route) => route.fulfill({
    contentType: 'text/html',
    body: `<!DOCTYPE html><meta charset="utf-8"><title>baseline</title><script type="module">
      WebAssembly.compileStreaming(fetch(${JSON.stringify(wasm)}))
        .then(() => { document.body.dataset.ready = 'yes'; }, (error) => { document.body.dataset.ready = String(error); });
    </script>`,
  }));
  // Twice, as the app's loads are measured with the wasm in the HTTP cache.
  let interactive = 0;
  for (let i = 0; i < 2; i++) {
    const started = Date.now();
    await p.goto(blank);
    await p.waitForFunction(() => document.body?.dataset.ready);
    interactive = Date.now() - started;
    const ready = await p.evaluate(() => document.body.dataset.ready);
    if (ready !== 'yes') throw new Error(`the baseline page could not compile the wasm: ${ready}`);
  }
  await context.close();
  return { interactive };
}

/**
 * A library of `count` reports opened from storage (`fillLibrary`: the example copied under
 * new ids): the time from reload until a frame showing every row is painted.
 */
async function loadLibrary(throttle, count = 100) {
  const { p, context } = await page(1);
  await fillLibrary(p, BASE, count);
  await markListed(p, count);
  const cdp = await context.newCDPSession(p);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  const started = Date.now();
  await p.reload();
  await p.waitForFunction(() => window.__listedAt !== undefined, null, { timeout: 60000 });
  const wall = Date.now() - started;
  const painted = Math.round(await p.evaluate(() => window.__listedAt));
  await context.close();
  return { painted, wall };
}

async function openExample(p) {
  await p.goto(BASE);
  await p.getByRole('button', { name: '打开示例报告' }).click();
  await p.getByRole('navigation').getByRole('button', { name: /^三、/ }).click();
  await firstCell(p).click();
}

/** The first cell of table 三 (the grid's one input is placed over the cell clicked). */
function firstCell(p) {
  return p.locator('.grid td[data-cell="requests.new.natural"]');
}

async function keystrokes({ throttle = 1, preview = false, prose = false, auto = false }) {
  const { p, context } = await page(throttle);
  await openExample(p);
  if (auto) {
    await p.getByTestId('grid-requests').getByRole('checkbox', { name: '自动合计' }).check();
    await firstCell(p).click();
  }
  if (preview) {
    await p.getByRole('button', { name: '预览', exact: true }).click();
    await p.locator('.preview-pane').first().waitFor();
    await firstCell(p).click();
  }
  if (prose) {
    await p.getByRole('navigation').getByRole('button', { name: /^一、/ }).click();
    const area = p.getByRole('textbox', { name: '正文' });
    await area.fill('本年度'.repeat(1700));
    await area.click();
    await p.keyboard.press('End');
  }
  const result = await typeDigits(p, !prose);
  await context.close();
  return result;
}

const rows = [];
const raw = {};
/**
 * Runs a keystroke measurement `RUNS` times, each in a fresh page, and keeps the run whose p95
 * is the median (its p50 and work per key with it): one run moves with the machine's load.
 */
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
async function median(measure) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await measure());
  runs.sort((a, b) => a.p95 - b.p95);
  return { ...runs[Math.floor(runs.length / 2)], runs: runs.map((r) => r.p95) };
}

const base1 = await median(() => baseline(1));
const base4 = await median(() => baseline(4));
const baseProse = await median(() => proseBaseline(1));
const baseProse4 = await median(() => proseBaseline(4));
raw.baseline = { x1: base1, x4: base4, prose: baseProse, prose4: baseProse4 };
const loads = [];
for (let i = 0; i < 3; i++) loads.push(await load(1));
loads.sort((a, b) => a.interactive - b.interactive);
const load1 = loads[1];
const load4 = await load(4);
const startBases = [];
for (let i = 0; i < 3; i++) startBases.push(await loadBaseline(1));
startBases.sort((a, b) => a.interactive - b.interactive);
const startBase1 = startBases[1];
const startBase4 = await loadBaseline(4);
raw.load = { x1: load1, x4: load4, baseline: { x1: startBase1, x4: startBase4 } };
const libraries = [];
for (let i = 0; i < 3; i++) libraries.push(await loadLibrary(1));
libraries.sort((a, b) => a.painted - b.painted);
const library1 = libraries[1];
const library4 = await loadLibrary(4);
raw.library100 = { x1: libraries, x4: library4 };

const cases = [
  ['table 三, findings pane', { throttle: 1 }, base1, 4],
  ['table 三, live preview pane', { throttle: 1, preview: true }, base1, 8],
  ['table 三, findings pane, CPU 4× slower', { throttle: 4 }, base4, 16],
  // The example has auto-totals off; a new report has them on, and every digit then brings
  // the totals up to date. Held to the same budget.
  ['table 三 with auto-totals on (自动合计, as in a new report), findings pane, CPU 4× slower', { throttle: 4, auto: true }, base4, 16],
  ['5,000-character prose section, findings pane (÷ a plain <textarea> holding the same text)', { throttle: 1, prose: true }, baseProse, 4],
  // "Typing into a long prose section within the same budgets": the throttled one too.
  ['5,000-character prose section, findings pane, CPU 4× slower (÷ the plain <textarea> at 4×)', { throttle: 4, prose: true }, baseProse4, 16],
];
for (const [name, options, base, budget] of cases) {
  const result = await median(() => keystrokes(options));
  raw[name] = result;
  rows.push(`| ${name} | ${result.p50.toFixed(1)} ms | ${result.p95.toFixed(1)} ms | ${(result.p95 / Math.max(base.p95, 0.1)).toFixed(1)}× | ${budget} ms | ${result.busyPerKey.toFixed(1)} ms (${(result.busyPerKey / Math.max(base.busyPerKey, 0.1)).toFixed(1)}×) |`);
}
await browser.close();

// Lighthouse (default mobile profile), three runs, the median of each category.
let lighthouse = null;
if (process.env.LIGHTHOUSE && fs.existsSync(process.env.LIGHTHOUSE)) {
  const runs = [];
  for (let i = 0; i < 3; i++) {
    const out = `/tmp/nianbao-lighthouse-${process.pid}-${i}.json`;
    execFileSync(process.env.LIGHTHOUSE, [BASE + '/', '--quiet', '--output=json', `--output-path=${out}`,
      '--chrome-flags=--headless=new --no-sandbox --disable-gpu'], { env: { ...process.env, CHROME_PATH: '/usr/bin/chromium' } });
    const report = JSON.parse(fs.readFileSync(out, 'utf8'));
    fs.rmSync(out);
    runs.push({
      ...Object.fromEntries(Object.entries(report.categories).map(([k, v]) => [k, Math.round(v.score * 100)])),
      lcp: report.audits['largest-contentful-paint'].numericValue,
      tbt: report.audits['total-blocking-time'].numericValue,
    });
  }
  const median = (key) => runs.map((r) => r[key]).sort((a, b) => a - b)[1];
  lighthouse = Object.fromEntries(['performance', 'accessibility', 'best-practices', 'seo', 'lcp', 'tbt'].map((k) => [k, median(k)]));
  raw.lighthouse = { runs, median: lighthouse };
}

// Printed, and with `--markdown FILE` also written for `cargo xtask bench`'s BENCHMARKS.md.
const printed = [];
const say = (text) => { console.log(text); printed.push(text); };
say(`\nBrowser benchmarks (${EDITS} edits each, the median of ${RUNS} runs by p95; baseline: a plain <input>, p95 ${base1.p95.toFixed(1)} ms, ${base4.p95.toFixed(1)} ms at 4×; for the prose, a plain <textarea>, p95 ${baseProse.p95.toFixed(1)} ms, ${baseProse4.p95.toFixed(1)} ms at 4×)\n`);
say('| keystroke | p50 | p95 | p95 ÷ baseline | budget (p95) | all main-thread work per key (÷ baseline) |');
say('|---|---:|---:|---:|---:|---:|');
for (const row of rows) say(row);
say(`\n| start | value |\n|---|---:|`);
say(`| transfer at start (compressed) | ${(load1.transfer / 1024).toFixed(0)} KB |`);
const ratio = (value, base) => `${(value / Math.max(base, 1)).toFixed(1)}×`;
say(`| baseline: a blank page compiling the same start-up wasm (median of 3) | ${startBase1.interactive} ms (${startBase4.interactive} ms at 4×) |`);
say(`| library interactive (median of 3) | ${load1.interactive} ms (${ratio(load1.interactive, startBase1.interactive)}) |`);
say(`| library interactive, CPU 4× slower | ${load4.interactive} ms (${ratio(load4.interactive, startBase4.interactive)}) |`);
say(`| a library of 100 reports after reload: every row painted, from the navigation (median of 3; budget 300 ms) | ${library1.painted} ms (${ratio(library1.painted, startBase1.interactive)}) |`);
say(`| the same, seen by the test (from its reload command until the page reports the paint) | ${library1.wall} ms |`);
say(`| the same, CPU 4× slower | ${library4.painted} ms (${ratio(library4.painted, startBase4.interactive)}); seen by the test ${library4.wall} ms |`);
if (lighthouse) {
  say(`\n| Lighthouse 12.2.3, mobile (median of 3) | score |\n|---|---:|`);
  for (const key of ['performance', 'accessibility', 'best-practices', 'seo']) say(`| ${key} | ${lighthouse[key]} |`);
  say(`| LCP | ${(lighthouse.lcp / 1000).toFixed(1)} s |`);
  // What the performance score moves with once LCP is met; each run's, as they vary.
  say(`| Total Blocking Time | ${Math.round(lighthouse.tbt)} ms (runs: ${raw.lighthouse.runs.map((r) => `${r.performance} with ${Math.round(r.tbt)} ms`).join(', ')}) |`);
}
if (jsonOut) fs.writeFileSync(jsonOut, JSON.stringify(raw, null, 2));
if (markdownOut) fs.writeFileSync(markdownOut, printed.join('\n') + '\n');

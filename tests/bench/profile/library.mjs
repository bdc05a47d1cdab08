// Profiling aid for issue 15 (not run by the tests or the bench): a library of 100 reports
// reloaded as the bench does (N times, 3), the last reload traced. Prints the main thread's
// tasks over 2 ms from the navigation with what is inside each (script, style, layout, paint),
// then per reload: when every row was painted, when the rows were all in the page, the
// response's end and the first paint (ms from the navigation). CSS, when set, is put in the
// page before the app starts: a variant of the stylesheet to compare. Env: BASE_URL, N, CSS.
import { chromium } from '@playwright/test';
import { fillLibrary, markListed } from '../library-setup.mjs';
const BASE = process.env.BASE_URL ?? 'http://127.0.0.1:8099/';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
const p = await context.newPage();
await fillLibrary(p, BASE, 100);
if (process.env.CSS) await p.addInitScript((css) => { document.addEventListener('DOMContentLoaded', () => { const s = document.createElement('style'); s.textContent = css; document.head.append(s); }); }, process.env.CSS);
await markListed(p, 100);
const out = [];
for (let i = 0; i < Number(process.env.N ?? 3); i++) {
  const traced = i === Number(process.env.N ?? 3) - 1;
  if (traced) await browser.startTracing(p, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink.user_timing', 'loading'] });
  await p.reload();
  await p.waitForFunction(() => window.__listedAt !== undefined, null, { timeout: 60000 });
  const at = await p.evaluate(() => [window.__listedAt, performance.getEntriesByName('rows')[0]?.startTime, performance.getEntriesByType('navigation')[0].responseEnd, performance.getEntriesByType('paint').map((e) => e.name + ':' + Math.round(e.startTime)).join(' ')]);
  out.push(at.map((x) => typeof x === 'number' ? Math.round(x) : x).join(' | '));
  if (traced) {
    const ev = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
    const main = new Set(ev.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
    const mine = ev.filter((e) => main.has(`${e.pid}:${e.tid}`));
    const nav = mine.find((e) => e.name === 'navigationStart' || e.name === 'markAsMainFrame') ?? mine[0];
    const t0 = Math.min(...mine.filter((e) => e.name === 'RunTask').map((e) => e.ts));
    const tasks = mine.filter((e) => e.ph === 'X' && e.name === 'RunTask' && e.dur > 2000).sort((a, b) => a.ts - b.ts);
    for (const t of tasks) {
      const inside = mine.filter((e) => e.ph === 'X' && e.ts >= t.ts && e.ts + (e.dur ?? 0) <= t.ts + t.dur && e !== t);
      const sums = {};
      for (const e of inside) if (['FunctionCall', 'EvaluateScript', 'v8.compile', 'v8.compileModule', 'v8.evaluateModule', 'ParseHTML', 'UpdateLayoutTree', 'Layout', 'Paint', 'Commit', 'TimerFire', 'FireAnimationFrame', 'RunMicrotasks', 'v8.wasm.compileLazy', 'wasm.CompileLazy', 'v8.wasm.streamFromResponseCallback', 'ParseAuthorStyleSheet', 'PrePaint', 'Layerize'].includes(e.name)) sums[e.name] = (sums[e.name] ?? 0) + e.dur / 1000;
      console.log(`${((t.ts - t0) / 1000).toFixed(0)}ms +${(t.dur / 1000).toFixed(1)} ` + Object.entries(sums).map(([k, v]) => `${k}=${v.toFixed(1)}`).join(' '));
    }
  }
}
console.log(out.join('\n'));
await browser.close();

// Profiling aid for issue 15 (not run by the tests or the bench): variants of the page compared
// in one traced page, in turn, so that the machine's drift (up to 2× within an hour) falls on
// all of them alike. Types like the bench (typing.mjs; PROSE=1 for the long section) in blocks
// of BLOCK keys per variant, ROUNDS times, and prints per variant the key tasks' mean, p50 and
// p95, the mean of some Blink events inside them, and the frames drawn meanwhile.
//
// VARIANTS is a JSON object, name → variant: a string of CSS put in the page while the
// variant's keys are typed; the string "BLOCK", which stops the page's own keydown and input
// handlers (what the page's handling costs); or { "css", "on", "off" }, with JavaScript run
// before and after the variant's keys. Example:
//   VARIANTS='{"base":"","block":"BLOCK","hint":{"on":"document.querySelector(\"textarea.prose\").removeAttribute(\"placeholder\")"}}'
// Env: BASE_URL, PROSE, VARIANTS, BLOCK (20), ROUNDS (8).
import { openTyping } from './typing.mjs';

const variants = JSON.parse(process.env.VARIANTS ?? '{"base":""}');
const BLOCK = Number(process.env.BLOCK ?? 20);
const ROUNDS = Number(process.env.ROUNDS ?? 8);
const { browser, page } = await openTyping(1);
const names = Object.keys(variants);
await page.evaluate(() => {
  const stop = (e) => { if (window.__block) e.stopImmediatePropagation(); };
  window.addEventListener('input', stop, true);
  window.addEventListener('keydown', stop, true);
  const style = document.createElement('style');
  style.id = 'variant';
  document.head.append(style);
});
await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink'] });
const blocks = [];
let typed = 0;
for (let r = 0; r < ROUNDS; r++) {
  for (const name of names) {
    await page.evaluate((v) => {
      if (window.__off) { (0, eval)(window.__off); window.__off = null; }
      window.__block = v === 'BLOCK';
      const object = typeof v === 'object' ? v : { css: v === 'BLOCK' ? '' : v };
      document.getElementById('variant').textContent = object.css ?? '';
      if (object.on) (0, eval)(object.on);
      window.__off = object.off ?? null;
    }, variants[name]);
    await page.waitForTimeout(50);
    for (let k = 0; k < BLOCK; k++) await page.keyboard.press(String(typed++ % 10));
    await page.waitForTimeout(30);
    blocks.push(name);
  }
}
await page.waitForTimeout(200);
const events = JSON.parse((await browser.stopTracing()).toString('utf8')).traceEvents ?? [];
await browser.close();

const main = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
const mine = events.filter((e) => main.has(`${e.pid}:${e.tid}`));
const keyed = mine.filter((e) => e.name === 'EventDispatch' && ['keydown', 'keypress', 'input'].includes(e.args?.data?.type));
const tasks = mine
  .filter((e) => e.ph === 'X' && e.name === 'RunTask' && keyed.some((k) => k.ts >= e.ts && k.ts <= e.ts + e.dur))
  .sort((a, b) => a.ts - b.ts);
if (tasks.length !== blocks.length * BLOCK) console.log(`warning: ${tasks.length} key tasks for ${blocks.length * BLOCK} keys`);

const within = (name, lo, hi) => mine.filter((e) => e.name === name && e.ph === 'X' && e.ts >= lo && e.ts <= hi);
/** The time of the outermost `name` events inside `task`. */
const outer = (name, task) => {
  const inside = within(name, task.ts, task.ts + task.dur);
  return inside
    .filter((e) => !inside.some((o) => o !== e && o.ts <= e.ts && o.ts + o.dur >= e.ts + e.dur))
    .reduce((sum, e) => sum + e.dur / 1000, 0);
};
const inKey = ['LocalFrameView::layout', 'FrameSelection::SetSelection', 'InlineNode::SetTextWithOffset', 'Blink.Style.UpdateTime'];
const inFrame = ['WebFrameWidgetImpl::UpdateLifecycle', 'Commit', 'LocalFrameView::RunPaintLifecyclePhase', 'EventHandler::handleMouseMoveEvent'];
const per = {};
blocks.forEach((name, b) => {
  const block = tasks.slice(b * BLOCK, (b + 1) * BLOCK);
  if (!block.length) return;
  const p = (per[name] ??= { durations: [], key: {}, frame: {}, frames: 0 });
  for (const task of block) {
    p.durations.push(task.dur / 1000);
    for (const name of inKey) p.key[name] = (p.key[name] ?? 0) + outer(name, task);
  }
  const lo = block[0].ts;
  const hi = block[block.length - 1].ts + block[block.length - 1].dur;
  p.frames += within(inFrame[0], lo, hi).length;
  for (const name of inFrame) p.frame[name] = (p.frame[name] ?? 0) + within(name, lo, hi).reduce((s, e) => s + e.dur / 1000, 0);
});
const short = (name) => name.split('::').pop();
for (const [name, p] of Object.entries(per)) {
  const d = [...p.durations].sort((a, b) => a - b);
  const mean = d.reduce((a, b) => a + b, 0) / d.length;
  console.log(`${name.padEnd(12)} n ${d.length} mean ${mean.toFixed(3)} p50 ${d[Math.floor(d.length / 2)].toFixed(2)} p95 ${d[Math.floor(d.length * 0.95)].toFixed(2)} | per key: ${inKey.map((k) => `${short(k)} ${(p.key[k] / d.length).toFixed(3)}`).join(' ')} | per frame (${p.frames}): ${inFrame.map((k) => `${short(k)} ${(p.frame[k] / Math.max(1, p.frames)).toFixed(3)}`).join(' ')}`);
}

// Profiling aid for issue 15 (not run by the tests or the bench): what an autosave costs in a
// large library. Fills the library to 100 reports (the example copied), opens one, types a
// digit into table 三 six times a second apart (each followed by its autosave, half a second
// after the key) in a traced page, and prints the longest main-thread tasks. Builds side by
// side in turn: node autosave.mjs URL_A URL_B … Env: ROUNDS (2), THROTTLE (1).
import { chromium } from '@playwright/test';
import { largeLibrary, openForTyping } from '../library-setup.mjs';
const urls = process.argv.slice(2);
const THROTTLE = Number(process.env.THROTTLE ?? 1);
for (let r = 0; r < Number(process.env.ROUNDS ?? 2); r++) for (const BASE of urls) {
  const { browser, context, page: p } = await largeLibrary(chromium, BASE);
  await openForTyping(p);
  const cdp = await context.newCDPSession(p);
  if (THROTTLE > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
  await browser.startTracing(p, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
  for (let i = 0; i < 6; i++) { await p.keyboard.press(String(i)); await p.waitForTimeout(1000); }
  const ev = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
  const mainT = new Set(ev.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const timers = ev.filter((e) => mainT.has(`${e.pid}:${e.tid}`) && e.name === 'TimerFire');
  const tasks = ev.filter((e) => mainT.has(`${e.pid}:${e.tid}`) && e.ph === 'X' && e.name === 'RunTask' && e.dur > 3000).sort((a, b) => b.dur - a.dur).slice(0, 6);
  console.log(BASE, 'longest tasks (ms):', tasks.map((t) => (t.dur / 1000).toFixed(1)).join(' '));
  await browser.close();
}

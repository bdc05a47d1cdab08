// Profiling aid for issue 15 (not run by the tests or the bench): what another tab's
// autosaves cost a tab showing the library. Fills the library to 100 reports (the example
// copied), shows it in one tab, opens a report in a second tab of the same browser and types
// a digit into table 三 six times a second apart (each followed by its autosave, which writes
// the report and the index), and prints the library tab's main-thread work meanwhile (its
// tasks summed, and the longest), and the typing tab's. Builds side by side in turn: node tabs.mjs URL_A URL_B …
// Env: ROUNDS (2), THROTTLE (1, applied to the library tab).
import { chromium } from '@playwright/test';
import { largeLibrary, openForTyping } from '../library-setup.mjs';
const urls = process.argv.slice(2);
const THROTTLE = Number(process.env.THROTTLE ?? 1);
for (let r = 0; r < Number(process.env.ROUNDS ?? 2); r++) for (const BASE of urls) {
  const { browser, context, page: library } = await largeLibrary(chromium, BASE);
  await library.getByTestId('backup-tools').waitFor();
  const editor = await context.newPage();
  await editor.goto(BASE);
  await openForTyping(editor);
  const cdp = await context.newCDPSession(library);
  if (THROTTLE > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
  await browser.startTracing(library, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
  for (let i = 0; i < 6; i++) { await editor.keyboard.press(String(i)); await editor.waitForTimeout(1000); }
  const events = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
  // Every renderer's main thread: the two tabs' (each in a process of its own, as a clerk's
  // two windows are) and any other. The library tab's is the one whose work does not hold
  // the six keys.
  const threads = events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  for (const thread of threads) {
    const on = (e) => e.pid === thread.pid && e.tid === thread.tid;
    const tasks = events.filter((e) => on(e) && e.ph === 'X' && e.name === 'RunTask');
    const keys = events.filter((e) => on(e) && e.name === 'EventDispatch' && e.args?.data?.type === 'keydown').length;
    if (!tasks.length) continue;
    const busy = tasks.reduce((sum, t) => sum + t.dur / 1000, 0);
    const longest = tasks.map((t) => t.dur / 1000).sort((a, b) => b - a).slice(0, 5);
    console.log(`${BASE} ${keys ? 'editor tab ' : 'library tab'} (pid ${thread.pid}): ${busy.toFixed(1)} ms of main-thread work over the six keys and autosaves; longest tasks ${longest.map((d) => d.toFixed(1)).join(' ')} ms`);
  }
  await browser.close();
}

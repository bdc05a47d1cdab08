// Profiling aid for issue 15 (not run by the tests or the bench): served builds side by side
// on the bench's grid typing, in turn (the machine's speed drifts within minutes). For each
// run: the key tasks' p95, and the mean task of the first digit typed into a cell, of the
// other digits and of the Tabs, which cost differently (a new undo step, joined typing, a
// move). Usage: node cells.mjs URL_A URL_B … Env: ROUNDS (3), THROTTLE (4), EDITS (200).
import { traceTyping } from './typing.mjs';
const urls = process.argv.slice(2);
const rounds = Number(process.env.ROUNDS ?? 3);
const acc = {};
for (let r = 0; r < rounds; r++) for (const url of urls) {
  process.env.BASE_URL = url;
  const ev = await traceTyping(Number(process.env.THROTTLE ?? 4));
  const keyed = ev.filter((e) => e.name === 'EventDispatch' && ['keydown', 'keypress', 'input'].includes(e.args?.data?.type));
  const tasks = ev.filter((e) => e.ph === 'X' && e.name === 'RunTask').filter((t) => keyed.some((k) => k.ts >= t.ts && k.ts <= t.ts + t.dur)).sort((a, b) => a.ts - b.ts);
  const groups = { first: [], other: [], tab: [], all: [] };
  tasks.forEach((t, i) => { const d = t.dur / 1000; groups.all.push(d); const m = i % 11; (m === 10 ? groups.tab : m === 0 ? groups.first : groups.other).push(d); });
  const mean = (a) => a.reduce((x, y) => x + y, 0) / a.length;
  const p95 = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length * 0.95)];
  const line = `n=${tasks.length} p95=${p95(groups.all).toFixed(1)} mean first=${mean(groups.first).toFixed(2)} other=${mean(groups.other).toFixed(2)} tab=${mean(groups.tab).toFixed(2)}`;
  (acc[url] ??= []).push([p95(groups.all), mean(groups.first), mean(groups.other), mean(groups.tab)]);
  console.log(url, line);
}
for (const [u, l] of Object.entries(acc)) { const med = (i) => l.map((x) => x[i]).sort((a, b) => a - b)[Math.floor(l.length / 2)].toFixed(2); console.log('MEDIAN', u, 'p95', med(0), 'first', med(1), 'other', med(2), 'tab', med(3)); }

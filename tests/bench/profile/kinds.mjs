// Profiling aid for issue 15 (not run by the tests or the bench): the grid's key tasks by kind
// (the first digit after a Tab, the other digits, the Tab), each kind's p50/p90/max and the
// mean of its phases. Types like the bench (typing.mjs). Env: BASE_URL, THROTTLE (4).
import { traceTyping } from './typing.mjs';
const mine = (await traceTyping(Number(process.env.THROTTLE ?? 4))).filter((e) => e.ph === 'X');
const keydowns = mine.filter((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'keydown').sort((a, b) => a.ts - b.ts);
const tasks = mine.filter((e) => e.name === 'RunTask');
const classes = {};
keydowns.forEach((k, i) => {
  const cls = i % 11 === 10 ? 'tab' : i % 11 === 0 ? 'first' : 'digit';
  const t = tasks.find((t) => t.ts <= k.ts && k.ts <= t.ts + t.dur);
  if (!t) return;
  const inside = mine.filter((e) => e.ts >= t.ts && e.ts + e.dur <= t.ts + t.dur);
  const ph = { task: t.dur / 1000 };
  for (const e of inside) {
    const n = e.name === 'EventDispatch' ? 'ev:' + e.args?.data?.type : e.name;
    if (['ev:keydown', 'ev:input', 'ev:textInput', 'Layout', 'UpdateLayoutTree', 'Paint', 'PrePaint', 'Layerize', 'Commit', 'HitTest'].includes(n)) ph[n] = (ph[n] ?? 0) + e.dur / 1000;
  }
  (classes[cls] ??= []).push(ph);
});
for (const [cls, list] of Object.entries(classes)) {
  const d = list.map((p) => p.task).sort((a, b) => a - b);
  const keys = [...new Set(list.flatMap(Object.keys))];
  const mean = (k) => (list.reduce((a, p) => a + (p[k] ?? 0), 0) / list.length).toFixed(2);
  console.log(`${cls.padEnd(6)} n=${list.length} p50=${d[Math.floor(d.length / 2)].toFixed(1)} p90=${d[Math.floor(d.length * 0.9)].toFixed(1)} max=${d[d.length - 1].toFixed(1)} | ` + keys.map((k) => `${k}=${mean(k)}`).join(' '));
}

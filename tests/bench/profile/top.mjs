// Profiling aid for issue 15 (not run by the tests or the bench): types like the bench into
// table 三 of the example (or a 5,000-character prose section with PROSE=1), traces it, and
// prints the key tasks' p50/p95, the mean of each phase over all of them and over the slowest
// twentieth, and the slowest TOP tasks with what is inside each (events, style, layout with
// its dirty/total objects, the frame's phases). Env: BASE_URL (a served build), THROTTLE (4),
// EDITS (200), TOP (15), PROSE (typing.mjs).
import { traceTyping } from './typing.mjs';

const TOP = Number(process.env.TOP ?? 15);
const mine = await traceTyping(Number(process.env.THROTTLE ?? 4));
const keyed = mine.filter((e) => e.name === 'EventDispatch' && ['keydown', 'keypress', 'input'].includes(e.args?.data?.type));
const tasks = mine.filter((e) => e.ph === 'X' && e.name === 'RunTask');
const out = [];
for (const task of tasks) {
  const end = task.ts + task.dur;
  const ks = keyed.filter((k) => k.ts >= task.ts && k.ts <= end);
  if (ks.length) out.push({ task, types: ks.map((k) => k.args.data.type + (k.dur ? `(${(k.dur/1000).toFixed(1)})` : '')).join(',') });
}
const sorted = [...out].sort((a, b) => b.task.dur - a.task.dur);
const durs = out.map((o) => o.task.dur / 1000).sort((a, b) => a - b);
const at = (q) => durs[Math.min(durs.length - 1, Math.floor(q * durs.length))];
console.log(`n=${durs.length} p50=${at(0.5).toFixed(1)} p90=${at(0.9).toFixed(1)} p95=${at(0.95).toFixed(1)} max=${durs[durs.length-1].toFixed(1)}`);
const interesting = ['FunctionCall', 'EventDispatch', 'UpdateLayoutTree', 'Layout', 'HitTest', 'Paint', 'UpdateLayer', 'Layerize', 'PrePaint', 'Commit', 'RunMicrotasks', 'ParseHTML', 'TimerFire', 'FireAnimationFrame', 'v8.callFunction', 'ScheduleStyleRecalculation', 'InvalidateLayout', 'UpdateLayoutTree'];
const agg = (list) => { const sums = {}; for (const { task } of list) { const end = task.ts + task.dur; for (const e of mine) if (e.ph === 'X' && e.ts >= task.ts && e.ts + (e.dur ?? 0) <= end && ['UpdateLayoutTree','Layout','HitTest','Paint','PrePaint','Layerize','Commit','RunMicrotasks','EventDispatch'].includes(e.name)) { const n = e.name === 'EventDispatch' ? 'ev:' + e.args?.data?.type : e.name; sums[n] = (sums[n] ?? 0) + e.dur / 1000; } sums.task = (sums.task ?? 0) + task.dur / 1000; } return Object.entries(sums).filter(([k]) => !['ev:beforeinput','ev:scroll','ev:scrollend','ev:select','ev:keyup'].includes(k)).map(([k, v]) => `${k}=${(v / list.length).toFixed(2)}`).join(' '); };
console.log('mean all   : ' + agg(out));
console.log('mean top5% : ' + agg(sorted.slice(0, Math.ceil(sorted.length * 0.05))));
for (const { task, types } of sorted.slice(0, TOP)) {
  const end = task.ts + task.dur;
  const inside = mine.filter((e) => e.ph === 'X' && e.ts >= task.ts && e.ts + (e.dur ?? 0) <= end && e !== task);
  const sums = {};
  for (const e of inside) if (['UpdateLayoutTree', 'Layout', 'HitTest', 'Paint', 'PrePaint', 'Layerize', 'Commit', 'RunMicrotasks', 'TimerFire', 'FireAnimationFrame', 'EventDispatch'].includes(e.name)) {
    const n = e.name === 'EventDispatch' ? 'ev:' + e.args?.data?.type : e.name;
    sums[n] = (sums[n] ?? 0) + e.dur / 1000;
  }
  const layouts = inside.filter((e) => e.name === 'Layout').map((e) => `${e.args?.beginData?.dirtyObjects ?? '?'}/${e.args?.beginData?.totalObjects ?? '?'}`).join(' ');
  console.log(`${(task.dur / 1000).toFixed(1)} ms [${types}] ` + Object.entries(sums).map(([k, v]) => `${k}=${v.toFixed(1)}`).join(' ') + (layouts ? ` layout:${layouts}` : ''));
}

// Profiling aid for issue 15 (not run by the tests or the bench): what made each layout. Types
// like the bench (typing.mjs), traces layout invalidations, and prints each kind of layout
// (objects laid out, its roots by depth and place) with what invalidated it, most frequent
// first. A class or text changing in a table cell shows here as a layout of the whole page.
// Env: BASE_URL, THROTTLE (4), EVAL (JS run in the page before typing, to try a change).
import { traceTyping } from './typing.mjs';
const before = async (page) => { if (process.env.EVAL) await page.evaluate(process.env.EVAL); };
const mine = (await traceTyping(Number(process.env.THROTTLE ?? 4), ['disabled-by-default-devtools.timeline.invalidationTracking'], before)).sort((a, b) => a.ts - b.ts);
let pending = [];
const byTotal = {};
for (const e of mine) {
  if (e.name === 'LayoutInvalidationTracking') pending.push(`${e.args?.data?.reason}:${e.args?.data?.nodeName}`);
  if (e.name === 'Layout' && e.ph === 'X') {
    const k = e.args?.beginData?.totalObjects;
    const roots = (e.args?.endData?.layoutRoots ?? []).map((r) => `d${r.depth}@${(r.quads?.[0] ?? []).slice(0, 2).map(Math.round).join(',')}`).join(';');
    const key = `${k} [${roots}] <- ${[...new Set(pending)].sort().join(' | ')}`;
    byTotal[key] = (byTotal[key] ?? 0) + 1;
    pending = [];
  }
}
for (const [k, v] of Object.entries(byTotal).sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(v, k.slice(0, 400));

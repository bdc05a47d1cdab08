// Profiling aid for issue 15: a CPU profile (50 µs sampling) of typing like the bench, into
// OUT (type.cpuprofile), to read with profile.py. Build the app with
// NIANBAO_WASM_NAMES=1 so that the wasm functions keep their names. Env: BASE_URL, THROTTLE
// (1), EDITS (200), PROSE, OUT.
import fs from 'fs';
import { openTyping, typeDigits } from './typing.mjs';

const { browser, page, cdp } = await openTyping(Number(process.env.THROTTLE ?? 1));
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
await cdp.send('Profiler.start');
await typeDigits(page);
const { profile } = await cdp.send('Profiler.stop');
fs.writeFileSync(process.env.OUT ?? 'type.cpuprofile', JSON.stringify(profile));
await browser.close();

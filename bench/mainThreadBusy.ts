/**
 * How busy a page's main thread was, from a Chromium trace (categories `toplevel` and
 * `devtools.timeline`): the top-level tasks of the busiest renderer main thread (the page's;
 * others idle), overlaps merged, as a share of the window; and how many ran over 50 ms (the
 * Long Tasks API's threshold).
 */
interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { name?: string };
}

/** Chromium names a thread's top-level task `RunTask` (older builds: `ThreadControllerImpl::RunTask`). */
const TASK = new Set(['RunTask', 'ThreadControllerImpl::RunTask']);

export function mainThreadBusy(trace: Buffer, windowMs: number): { busyPct: number; longTasks: number } {
  const events = (JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  const mains = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const tasks = new Map<string, [number, number][]>();
  for (const e of events) {
    const thread = `${e.pid}:${e.tid}`;
    if (e.ph !== 'X' || !TASK.has(e.name) || e.dur === undefined || !mains.has(thread)) continue;
    let list = tasks.get(thread);
    if (!list) tasks.set(thread, (list = []));
    list.push([e.ts, e.ts + e.dur]);
  }
  let best = { busyUs: 0, longTasks: 0 };
  for (const list of tasks.values()) {
    list.sort((a, b) => a[0] - b[0]);
    let busyUs = 0;
    let longTasks = 0;
    let [start, end] = list[0];
    const close = () => {
      busyUs += end - start;
      if (end - start > 50_000) longTasks++;
    };
    for (const [s, e] of list.slice(1)) {
      if (s <= end) end = Math.max(end, e);
      else {
        close();
        [start, end] = [s, e];
      }
    }
    close();
    if (busyUs > best.busyUs) best = { busyUs, longTasks };
  }
  return { busyPct: (best.busyUs / 1000 / windowMs) * 100, longTasks: best.longTasks };
}

// Notices when this process's parent goes away. npm runs a script as `sh -c "…"` and, on SIGTERM,
// signals that shell, which dies without passing the signal on: the process it ran is orphaned.
import process from "node:process";

/**
 * Calls `callback` once, as soon as this process's parent has gone (its parent process id
 * changes when it is adopted). The check is an unreferenced timer: it keeps nothing alive.
 *
 * @param {() => void} callback What to do then (stop as on SIGTERM).
 * @param {number} [everyMs] How often the parent is checked. @default 200
 * @returns {() => void} Stops watching.
 */
export function whenOrphaned(callback, everyMs = 200) {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    callback();
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

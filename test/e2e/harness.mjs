// Helpers shared by the real-editor tests (VS Code, Neovim, Emacs): logging with elapsed time,
// named checks, and finding every process a run started so that none is left behind.
import fs from 'node:fs';

/** `log(...)` prefixed with the tag and the seconds since the run started; `sleep(ms)`. */
export function createLog(tag) {
  const t0 = Date.now();
  const secs = () => ((Date.now() - t0) / 1000).toFixed(1).padStart(5);
  return {
    log: (...a) => console.log(`[${tag} ${secs()}s]`, ...a),
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
  };
}

/** Named synchronous checks: `check(name, fn)` records ok / not ok; `fn` may return a note. */
export function createChecks(log) {
  const results = [];
  const check = (name, fn) => {
    try {
      const note = fn();
      results.push({ name, ok: true });
      log(`ok - ${name}${note ? ` (${note})` : ''}`);
    } catch (e) {
      results.push({ name, ok: false, error: e.message });
      log(`not ok - ${name}: ${e.message}`);
    }
  };
  const assert = (cond, msg) => {
    if (!cond) throw new Error(msg);
  };
  return { results, check, assert };
}

/** PIDs (other than ours) whose environment carries this run's marker: everything this run started. */
export function pidsOfRun(marker) {
  const pids = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      const env = fs.readFileSync(`/proc/${name}/environ`, 'latin1');
      if (env.split('\0').includes(marker)) pids.push(Number(name));
    } catch {
      /* gone, or not ours to read */
    }
  }
  return pids;
}

/** A process's command line, for logs. */
export function cmdline(pid) {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {
    return '?';
  }
}

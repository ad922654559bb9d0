/** Shared wording for what kube-vip does when it refuses to start, by version. */
import { ABORT } from './catalog/behaviour';
import type { KubeVipContainer } from './model';
import { atLeast, inRange } from './version';
import { versionLabel, versionShort } from './versionText';

/**
 * "kube-vip v1.2.3 refuses to start: it logs "<log>" and exits with code 0 (v0.8.10–v1.2.3), so the
 * Pod looks Completed and restarts in a loop". Without `log`, the log line is left out.
 */
export function abortOutcome(container: KubeVipContainer, log?: string): string {
  const label = versionLabel(container);
  const start = `kube-vip ${label} refuses to start`;
  const then = log === undefined ? `${start} and` : `${start}: it logs "${log}" and`;
  if (!atLeast(container.version, ABORT.exitZeroFrom)) return `${then} exits with code 1`;
  if (inRange(container.version, ABORT.exitZeroFrom, ABORT.exitZeroUntil)) {
    return `${then} exits with code 0 (${ABORT.exitZeroFrom}–${ABORT.exitZeroUntil}), so the Pod looks Completed and restarts in a loop`;
  }
  return log === undefined ? start : `${start} with "${log}"`;
}

/**
 * The same for a headline: "v1.2.3 refuses to start" (exits 1), "v0.9.0 refuses to start (exit 0, restart loop)".
 * The log line and the version's source go in the detail (abortOutcome).
 */
export function abortShort(container: KubeVipContainer): string {
  const start = `${versionShort(container)} refuses to start`;
  return inRange(container.version, ABORT.exitZeroFrom, ABORT.exitZeroUntil) ? `${start} (exit 0, restart loop)` : start;
}

/** Go's strconv error text, as kube-vip logs it: strconv.ParseBool: parsing "yes": invalid syntax. */
export function strconvError(fn: string, value: string, reason = 'invalid syntax'): string {
  return `strconv.${fn}: parsing ${JSON.stringify(value)}: ${reason}`;
}

/** Shared wording for what kube-vip does when it refuses to start, by version. */
import { ABORT } from './catalog/behaviour';
import type { KubeVipContainer } from './model';
import { atLeast, inRange } from './version';
import { versionLabel } from './versionText';

/** "kube-vip v1.2.3 refuses to start: it logs "<log>" and exits with code 0 (…), so the Pod looks Completed …". */
export function abortOutcome(container: KubeVipContainer, log: string): string {
  const label = versionLabel(container);
  if (!atLeast(container.version, ABORT.exitZeroFrom)) return `kube-vip ${label} refuses to start: it logs "${log}" and exits with code 1`;
  if (inRange(container.version, ABORT.exitZeroFrom, ABORT.exitZeroUntil)) {
    return `kube-vip ${label} refuses to start: it logs "${log}" and exits with code 0 (${ABORT.exitZeroFrom}–${ABORT.exitZeroUntil}), so the Pod looks Completed and restarts in a loop`;
  }
  return `kube-vip ${label} refuses to start with "${log}"`;
}

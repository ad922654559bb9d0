/** How messages name the kube-vip version they reason about. */
import type { KubeVipContainer } from './model';
import { formatVersion } from './version';

/** "v0.8.9", or "v1.2.3 (assumed: the image tag names no version)". */
export function versionLabel(container: KubeVipContainer): string {
  const label = formatVersion(container.version);
  return container.versionFromTag ? label : `${label} (assumed: the image tag names no version; set kubeVipLint.kubeVipVersion)`;
}

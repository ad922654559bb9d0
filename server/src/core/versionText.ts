/** How messages name the kube-vip version they reason about. */
import type { KubeVipContainer } from './model';
import { formatVersion } from './version';

/**
 * "v0.8.9"; "v0.8.2 (from kustomization.yaml)"; "v0.9.1 (from the kubeVipVersion setting)"; "v1.2.3
 * (assumed: the image tag names no version; set kubeVipLint.kubeVipVersion)"; "v0.4.1 (checked as v0.5.0,
 * the oldest release these facts cover)".
 */
export function versionLabel(container: KubeVipContainer): string {
  const label = formatVersion(container.version);
  if (container.imageVersion) return `${formatVersion(container.imageVersion)} (checked as ${label}, the oldest release these facts cover)`;
  if (container.versionFromTag) return label;
  if (container.versionSource === 'context') return container.versionNote ? `${label} (${container.versionNote})` : label;
  // The setting is the user's choice; only the default (the newest release) is an assumption.
  if (container.versionNote) return `${label} (from ${container.versionNote})`;
  return `${label} (assumed: the image tag names no version; set kubeVipLint.kubeVipVersion)`;
}

/**
 * The version for a headline: "v0.8.9", with " (assumed)" only when no tag, setting or kustomization
 * named it, and "v0.4.1 (as v0.5.0)" for an image older than the facts. versionNote() gives the rest.
 */
export function versionShort(container: KubeVipContainer): string {
  const label = formatVersion(container.version);
  if (container.imageVersion) return `${formatVersion(container.imageVersion)} (as ${label})`;
  if (container.versionFromTag || container.versionSource === 'context' || container.versionNote) return label;
  return `${label} (assumed)`;
}

/**
 * Where the version came from, as a sentence for a detail, when it is not the image tag: "Checked as
 * v0.9.1 (from the kubeVipVersion setting)." Undefined when the tag names the version.
 */
export function versionNote(container: KubeVipContainer): string | undefined {
  return container.versionFromTag && !container.imageVersion ? undefined : `Checked as ${versionLabel(container)}.`;
}

/** A detail with versionNote() appended: where the version came from, when not from the image tag. */
export function noted(detail: string, container: KubeVipContainer): string {
  const note = versionNote(container);
  return note ? `${detail} ${note}` : detail;
}

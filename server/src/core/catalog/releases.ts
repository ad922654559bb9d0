/**
 * The stable kube-vip releases these facts cover (the tags of kube-vip/kube-vip from RESEARCHED_FROM to
 * NEWEST_KNOWN_RELEASE, release candidates left out), and the upgrade targets offered for an image.
 */
import { compareVersions, formatVersion, v, Version } from '../version';

/** Every stable release from v0.5.0 to v1.2.3, oldest first (`git tag` of kube-vip/kube-vip; v0.5.1–v0.5.4 were never tagged). */
export const RELEASES: readonly string[] = [
  'v0.5.0', 'v0.5.5', 'v0.5.6', 'v0.5.7', 'v0.5.8', 'v0.5.9', 'v0.5.10', 'v0.5.11', 'v0.5.12',
  'v0.6.0', 'v0.6.1', 'v0.6.2', 'v0.6.3', 'v0.6.4',
  'v0.7.0', 'v0.7.1', 'v0.7.2',
  'v0.8.0', 'v0.8.1', 'v0.8.2', 'v0.8.3', 'v0.8.4', 'v0.8.5', 'v0.8.6', 'v0.8.7', 'v0.8.8', 'v0.8.9', 'v0.8.10',
  'v0.9.0', 'v0.9.1', 'v0.9.2',
  'v1.0.0', 'v1.0.1', 'v1.0.2', 'v1.0.3', 'v1.0.4',
  'v1.1.0', 'v1.1.1', 'v1.1.2',
  'v1.2.0', 'v1.2.1', 'v1.2.2', 'v1.2.3',
];

const PARSED: readonly Version[] = RELEASES.map(v);

/** True when `version` is one of RELEASES (a pre-release or an unknown patch is not). */
export function isKnownRelease(version: Version): boolean {
  return PARSED.some((r) => compareVersions(r, version) === 0);
}

/**
 * The releases worth offering to an image at `version`: the newest patch of its minor and the newest
 * release, each only when newer than `version`, without duplicates, oldest first.
 */
export function upgradeTargets(version: Version): Version[] {
  const newer = PARSED.filter((r) => compareVersions(r, version) > 0);
  const patch = [...newer].reverse().find((r) => r.major === version.major && r.minor === version.minor);
  const newest = newer[newer.length - 1];
  const out: Version[] = [];
  for (const target of [patch, newest]) if (target && !out.some((o) => formatVersion(o) === formatVersion(target))) out.push(target);
  return out;
}

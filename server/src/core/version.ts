/** kube-vip release versions: parsing and comparison. */

export interface Version {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
  /** Pre-release suffix such as "rc.0"; empty for a release. */
  readonly pre: string;
}

/** The newest kube-vip release this catalog was researched against. */
export const NEWEST_KNOWN_RELEASE = 'v1.2.3';

const VERSION_RE = /^v?(\d+)\.(\d+)(?:\.(\d+))?(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?/;

/** Parses "v0.8.9", "0.8.9", "v1.1.0-rc.0" or "v0.8.9-iptables"; undefined when no version is found. */
export function parseVersion(text: string): Version | undefined {
  const m = VERSION_RE.exec(text.trim());
  if (!m) return undefined;
  const pre = m[4] ?? '';
  // Image flavour suffixes (e.g. "-iptables", "-amd64") are not pre-releases.
  const isPre = /^(rc|alpha|beta|pre)/i.test(pre);
  return { major: +m[1], minor: +m[2], patch: m[3] ? +m[3] : 0, pre: isPre ? pre : '' };
}

/** Like parseVersion, for versions written in this repository's own tables. */
export function v(text: string): Version {
  const parsed = parseVersion(text);
  if (!parsed) throw new Error(`bad version literal ${text}`);
  return parsed;
}

/** Negative when a < b, 0 when equal, positive when a > b. A pre-release sorts before its release. */
export function compareVersions(a: Version, b: Version): number {
  if (a.major !== b.major) return a.major - b.major;
  if (a.minor !== b.minor) return a.minor - b.minor;
  if (a.patch !== b.patch) return a.patch - b.patch;
  if (a.pre === b.pre) return 0;
  if (a.pre === '') return 1;
  if (b.pre === '') return -1;
  return a.pre < b.pre ? -1 : 1;
}

const cache = new Map<string, Version>();
function cached(text: string): Version {
  let ver = cache.get(text);
  if (!ver) cache.set(text, (ver = v(text)));
  return ver;
}

/** True when `ver` >= `bound` (a version literal such as "v0.8.5"). */
export function atLeast(ver: Version, bound: string): boolean {
  return compareVersions(ver, cached(bound)) >= 0;
}

/** True when `from` <= ver <= `to`; either bound may be absent. */
export function inRange(ver: Version, from?: string, to?: string): boolean {
  return (!from || atLeast(ver, from)) && (!to || compareVersions(ver, cached(to)) <= 0);
}

export function formatVersion(ver: Version): string {
  return `v${ver.major}.${ver.minor}.${ver.patch}${ver.pre ? '-' + ver.pre : ''}`;
}

/**
 * What the editor's language status item says about a file (issue 10): how many kube-vip
 * configurations were found, and which kube-vip version each is checked against and why, so that a
 * file is never just "clean" without saying what was checked.
 */
import { FILE_TOO_LARGE } from './engineRules';
import type { Analysis } from './lint';
import { formatVersion } from './version';

export interface FileStatus {
  /** kube-vip containers and Helm values checked. */
  readonly configurations: number;
  /** One line per distinct version: "v0.8.9 (image tag)", "v1.2.3 (assumed: no version in the image)". */
  readonly versions: readonly string[];
  /** True when the file was not linted at all (over maxFileSize). */
  readonly tooLarge: boolean;
}

export function fileStatus(analysis: Analysis): FileStatus {
  const versions = new Set<string>();
  for (const c of analysis.containers) {
    const version = formatVersion(c.imageVersion ?? c.version);
    if (c.imageVersion) versions.add(`${version} (checked as ${formatVersion(c.version)}, the oldest release the facts cover)`);
    else if (c.versionSource === 'tag') versions.add(`${version} (image tag)`);
    else if (c.versionSource === 'context') versions.add(`${version} (${c.versionNote ?? 'context'})`);
    else if (c.versionNote) versions.add(`${version} (${c.versionNote})`);
    else versions.add(`${version} (assumed: no version in the image)`);
  }
  return { configurations: analysis.containers.length, versions: [...versions], tooLarge: analysis.findings.some((f) => f.rule === FILE_TOO_LARGE) };
}

/**
 * The RBAC an upgrade needs, in the workspace (issue 11): the rbac-permissions rule run over the files as
 * they are and with one file upgraded; the role edits it proposes for what only the upgraded version
 * needs (EndpointSlices from v1.0.0, …) join the upgrade's edit. Roles the workspace does not hold stay a
 * "not carried over" line of the plan.
 */
import type { Analysis } from './lint';
import { WORKSPACE_RULES } from './rules';
import type { TextEdit } from './types';
import { indexOf, lintWorkspace } from './workspace';
import type { AnalysedFile } from './workspace';

export interface RbacEdit {
  /** The file of the role. */
  readonly uri: string;
  /** What the edit does, e.g. `Add watch on endpointslices.discovery.k8s.io to Role kube-vip`. */
  readonly title: string;
  /** Why: the finding the upgraded file would get. */
  readonly why: string;
  readonly edits: readonly TextEdit[];
}

const RBAC = WORKSPACE_RULES.filter((r) => r.id === 'rbac-permissions');

/** Role edits that `upgraded` (the analysis of `uri` after the upgrade) needs and `files` do not have yet. */
export function rbacForUpgrade(files: readonly AnalysedFile[], uri: string, upgraded: Analysis): RbacEdit[] {
  const key = (u: string, f: { messageId?: string; span: { start: number } }) => `${u}\0${f.messageId}\0${f.span.start}`;
  const before = new Set([...lintWorkspace(indexOf(files), RBAC)].flatMap(([u, found]) => found.map((f) => key(u, f))));
  const after = lintWorkspace(indexOf([...files.filter((f) => f.uri !== uri), { uri, analysis: upgraded }]), RBAC);
  const out: RbacEdit[] = [];
  for (const [roleUri, found] of after) {
    for (const f of found) {
      if (before.has(key(roleUri, f)) || !f.related.some((r) => (r.uri ?? roleUri) === uri)) continue;
      const fix = f.fixes.find((x) => x.preferred) ?? f.fixes[0];
      if (fix) out.push({ uri: roleUri, title: fix.title, why: f.message, edits: fix.edits });
    }
  }
  return out;
}

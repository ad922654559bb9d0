/**
 * The workspace pass: the workspace rules over the facts every file's analysis extracted. Pure, and
 * cheap next to parsing (it reads no YAML), so an adapter re-runs it after any change and republishes
 * only the files whose findings changed. Findings land in the file where the fix goes; related
 * information names the other end.
 */
import { analyze } from './lint';
import type { Analysis, AnalysisCache } from './lint';
import { RULES, WORKSPACE_RULES } from './rules';
import type { WorkspaceRule } from './rules/rule';
import { applySuppressions } from './suppressions';
import type { Finding, Settings } from './types';
import type { IndexedFile, WorkspaceIndex } from './workspaceIndex';

export type { IndexedFile, WorkspaceIndex };

/** One analysed file of the workspace. */
export interface AnalysedFile {
  readonly uri: string;
  readonly analysis: Analysis;
}

/**
 * The index of a set of analyses. Markdown is left out: its fences document kube-vip (alternatives,
 * excerpts, a crash to avoid), they are not deployed, so they are not matched with other files.
 */
export function indexOf(files: readonly AnalysedFile[]): WorkspaceIndex {
  return {
    files: files
      .filter(({ analysis }) => analysis.source !== 'markdown')
      .map(({ uri, analysis }) => ({ uri, text: analysis.text, settings: analysis.settings, containers: analysis.containers, resources: analysis.resources })),
  };
}

/** Cross-file findings by file uri (files without any are absent), with severities and disable comments applied. */
export function lintWorkspace(index: WorkspaceIndex, rules: readonly WorkspaceRule[] = WORKSPACE_RULES): Map<string, CrossFinding[]> {
  const byUri = new Map(index.files.map((f) => [f.uri, f]));
  const out = new Map<string, CrossFinding[]>();
  if (!index.files.some((f) => f.containers.length > 0 || f.resources.length > 0)) return out;
  for (const rule of rules) {
    for (const f of rule.check(index)) {
      const file = byUri.get(f.uri);
      if (!file) continue;
      const configured = file.settings.rules?.[rule.id];
      if (configured === 'off') continue;
      const finding: CrossFinding = {
        rule: rule.id,
        messageId: f.messageId,
        severity: configured ?? f.severity ?? rule.defaultSeverity,
        message: f.message,
        ...(f.detail && { detail: f.detail }),
        span: f.span,
        fixes: f.fixes ?? [],
        related: (f.related ?? []).map((r) => (r.uri === f.uri ? { span: r.span, message: r.message } : r)),
        replaces: f.replaces,
      };
      out.set(f.uri, [...(out.get(f.uri) ?? []), finding]);
    }
  }
  for (const [uri, findings] of out) {
    const kept = applySuppressions(byUri.get(uri)!.text, findings) as CrossFinding[];
    if (kept.length) out.set(uri, kept);
    else out.delete(uri);
  }
  return out;
}

/** A workspace finding, with the per-file finding it refines. */
export interface CrossFinding extends Finding {
  readonly replaces?: { readonly rule: string; readonly messageIds: readonly string[] };
}

/** A file's own findings with its workspace findings: a refined per-file finding gives way, and the result is sorted. */
export function mergeFindings(own: readonly Finding[], cross: readonly CrossFinding[] | undefined): Finding[] {
  if (!cross?.length) return [...own];
  const replaced = (f: Finding) =>
    cross.some((c) => c.replaces && c.replaces.rule === f.rule && f.messageId !== undefined && c.replaces.messageIds.includes(f.messageId) && c.span.start === f.span.start && c.span.end === f.span.end);
  const plain = cross.map(({ replaces: _replaces, ...finding }) => finding);
  return [...own.filter((f) => !replaced(f)), ...plain].sort((a, b) => a.span.start - b.span.start || a.rule.localeCompare(b.rule));
}

export interface FileInput {
  readonly uri: string;
  readonly text: string;
  readonly settings?: Settings;
}

export interface FileResult extends AnalysedFile {
  /** The file's own findings and its workspace findings. */
  readonly findings: readonly Finding[];
}

/** Lints a set of files together (the CLI, tests): each on its own, then the workspace rules over all of them. */
export function lintFiles(inputs: readonly FileInput[], cache?: AnalysisCache): FileResult[] {
  const analysed = inputs.map(({ uri, text, settings }) => ({ uri, analysis: analyze(text, settings ?? {}, RULES, cache) }));
  const cross = lintWorkspace(indexOf(analysed));
  return analysed.map((file) => ({ ...file, findings: mergeFindings(file.analysis.findings, cross.get(file.uri)) }));
}

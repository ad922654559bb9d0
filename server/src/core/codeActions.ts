/** Quick fixes for the findings under a range, computed from the server's own analysis. */
import { analyze } from './lint';
import type { Analysis } from './lint';
import type { Span } from './span';
import { splitDocuments } from './parse';
import { ENGINE_IDS } from './engineRules';
import { disableFileEdit, disableNextLineEdit } from './suppressions';
import { mergeFindings } from './workspace';
import type { CrossFinding } from './workspace';
import type { Finding, Fix } from './types';

export interface QuickFix {
  readonly finding: Finding;
  readonly fix: Fix;
  /** True for the "disable this rule here" action rather than a repair. */
  readonly suppression?: boolean;
}

/**
 * Fixes of every finding whose span touches `range`, preferred ones first. `cross` holds the file's
 * findings from the workspace pass (workspace.ts), which replace per-file ones they refine.
 */
export function quickFixesAt(analysis: Analysis, range: Span, only?: (finding: Finding) => boolean, cross: readonly CrossFinding[] = []): QuickFix[] {
  const out: QuickFix[] = [];
  const findings = cross.length ? mergeFindings(analysis.findings, cross) : analysis.findings;
  for (const finding of findings) {
    if (finding.span.end < range.start || finding.span.start > range.end) continue;
    if (only && !only(finding)) continue;
    for (const fix of finding.fixes) out.push({ finding, fix: fix.preferred && addsError(analysis, finding, fix) ? { ...fix, preferred: false } : fix });
  }
  out.sort((a, b) => Number(!!b.fix.preferred) - Number(!!a.fix.preferred));
  // After the repairs, one "disable" action per rule and line, as ESLint offers.
  const seen = new Set<string>();
  for (const finding of findings) {
    // Nothing to repair, and a comment would hide a blind spot (not-checked) or a broken comment (disable-directive).
    if (finding.span.end < range.start || finding.span.start > range.end || ENGINE_IDS.has(finding.rule)) continue;
    if (only && !only(finding)) continue;
    const edit = disableNextLineEdit(analysis.text, finding);
    const key = `${finding.rule}@${edit.start}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ finding, fix: { title: `Disable ${finding.rule} for this line`, edits: [edit] }, suppression: true });
  }
  // And one "for the entire file" per rule, as ESLint offers; in YAML files only (a comment line on top
  // of markdown is a heading, and on top of a shell script it would displace the #! line).
  const suppressed = analysis.source === 'yaml' ? new Set(out.filter((q) => q.suppression).map((q) => q.finding)) : new Set<Finding>();
  const files = new Set<string>();
  for (const finding of suppressed) {
    if (files.has(finding.rule)) continue;
    files.add(finding.rule);
    out.push({ finding, fix: { title: `Disable ${finding.rule} for the entire file`, edits: [disableFileEdit(analysis.text, finding.rule)] }, suppression: true });
  }
  return out;
}

/**
 * The preferred fixes of the findings `only` accepts, in text order: the one fix each rule declares
 * safe for that version and mode (fix-all, --fix). A fix that exposes another error (a rename that makes
 * kube-vip read a broken value) is applied too: the next pass fixes what it exposed, and fixAll keeps
 * the result only if it has fewer errors in the end.
 */
export function preferredFixes(analysis: Analysis, only: (finding: Finding) => boolean = () => true): QuickFix[] {
  const out: QuickFix[] = [];
  for (const finding of analysis.findings) {
    if (!only(finding)) continue;
    const fix = finding.fixes.find((f) => f.preferred);
    if (fix && fix.edits.length > 0) out.push({ finding, fix });
  }
  return out.sort((a, b) => Math.min(...a.fix.edits.map((e) => e.start)) - Math.min(...b.fix.edits.map((e) => e.start)));
}

/**
 * True when applying the fix leaves more errors in its YAML document than it removes. A repair can
 * make kube-vip read a value it ignored before (renaming vip_cidr "128" to vip_subnet on v0.9+ exposes
 * the prefix-list crash): such a fix is still offered, but not as the one-click preferred fix.
 * Only the fix's own document is re-analysed, on demand.
 */
function addsError(analysis: Analysis, finding: Finding, fix: Fix): boolean {
  const first = Math.min(...fix.edits.map((e) => e.start));
  const chunk = splitDocuments(analysis.text).find((c) => first >= c.offset && first <= c.offset + c.text.length);
  if (!chunk || fix.edits.some((e) => e.start < chunk.offset || e.end > chunk.offset + chunk.text.length)) return false;
  let fixed = chunk.text;
  for (const e of [...fix.edits].sort((a, b) => b.start - a.start)) {
    fixed = fixed.slice(0, e.start - chunk.offset) + e.newText + fixed.slice(e.end - chunk.offset);
  }
  const errors = (text: string) => analyze(text, analysis.settings).findings.filter((f) => f.severity === 'error').length;
  // Fixing an error of the file should leave one error fewer; fixing anything else (a cross-file
  // finding is not among the file's own), no new one.
  const own = finding.severity === 'error' && analysis.findings.includes(finding);
  return errors(fixed) > errors(chunk.text) - (own ? 1 : 0);
}

/** Quick fixes for the findings under a range, computed from the server's own analysis. */
import type { Analysis } from './lint';
import type { Span } from './model';
import { disableNextLineEdit } from './suppressions';
import type { Finding, Fix } from './types';

export interface QuickFix {
  readonly finding: Finding;
  readonly fix: Fix;
  /** True for the "disable this rule here" action rather than a repair. */
  readonly suppression?: boolean;
}

/** Fixes of every finding whose span touches `range`, preferred ones first. */
export function quickFixesAt(analysis: Analysis, range: Span, only?: (finding: Finding) => boolean): QuickFix[] {
  const out: QuickFix[] = [];
  for (const finding of analysis.findings) {
    if (finding.span.end < range.start || finding.span.start > range.end) continue;
    if (only && !only(finding)) continue;
    for (const fix of finding.fixes) out.push({ finding, fix });
  }
  out.sort((a, b) => Number(!!b.fix.preferred) - Number(!!a.fix.preferred));
  // After the repairs, one "disable" action per rule and line, as ESLint offers.
  const seen = new Set<string>();
  for (const finding of analysis.findings) {
    if (finding.span.end < range.start || finding.span.start > range.end || finding.rule === 'file-too-large') continue;
    if (only && !only(finding)) continue;
    const edit = disableNextLineEdit(analysis.text, finding);
    const key = `${finding.rule}@${edit.start}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ finding, fix: { title: `Disable ${finding.rule} for this line`, edits: [edit] }, suppression: true });
  }
  return out;
}

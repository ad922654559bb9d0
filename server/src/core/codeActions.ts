/** Quick fixes for the findings under a range, computed from the server's own analysis. */
import type { Analysis } from './lint';
import type { Span } from './model';
import type { Finding, Fix } from './types';

export interface QuickFix {
  readonly finding: Finding;
  readonly fix: Fix;
}

/** Fixes of every finding whose span touches `range`, preferred ones first. */
export function quickFixesAt(analysis: Analysis, range: Span, only?: (finding: Finding) => boolean): QuickFix[] {
  const out: QuickFix[] = [];
  for (const finding of analysis.findings) {
    if (finding.span.end < range.start || finding.span.start > range.end) continue;
    if (only && !only(finding)) continue;
    for (const fix of finding.fixes) out.push({ finding, fix });
  }
  return out.sort((a, b) => Number(!!b.fix.preferred) - Number(!!a.fix.preferred));
}

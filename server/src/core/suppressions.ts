/**
 * Disable comments, as in ESLint:
 *   # kube-vip-lint-disable-next-line [rule-id, ...]   the next line
 *   # kube-vip-lint-disable-line [rule-id, ...]        this line (as a trailing comment)
 *   # kube-vip-lint-disable [rule-id, ...]             the whole file
 * Without rule ids, every rule is disabled there.
 */
import { lineOf, lineStarts } from './parse';
import type { Finding, TextEdit } from './types';

const DIRECTIVE = /#\s*kube-vip-lint-(disable-next-line|disable-line|disable)\b([^\n]*)/g;

interface Suppression {
  /** 0-based line the directive covers; -1 for the whole file. */
  readonly line: number;
  /** Rule ids; empty = all rules. */
  readonly rules: readonly string[];
}

/** Removes the findings that disable comments in `text` silence. */
export function applySuppressions(text: string, findings: readonly Finding[]): readonly Finding[] {
  if (findings.length === 0 || !text.includes('kube-vip-lint-disable')) return findings;
  const starts = lineStarts(text);
  const suppressions: Suppression[] = [];
  for (const m of text.matchAll(DIRECTIVE)) {
    const rules = m[2].split(/[\s,]+/).filter((r) => /^[a-z0-9-]+$/.test(r));
    const line = lineOf(starts, m.index!);
    suppressions.push({ line: m[1] === 'disable' ? -1 : m[1] === 'disable-line' ? line : line + 1, rules });
  }
  return findings.filter((f) => {
    const line = lineOf(starts, f.span.start);
    return !suppressions.some((s) => (s.line === -1 || s.line === line) && (s.rules.length === 0 || s.rules.includes(f.rule)));
  });
}

/** An edit inserting `# kube-vip-lint-disable-next-line <rule>` above the finding's line, at its indentation. */
export function disableNextLineEdit(text: string, finding: Finding): TextEdit {
  const lineStart = text.lastIndexOf('\n', finding.span.start - 1) + 1;
  let indentEnd = lineStart;
  while (text[indentEnd] === ' ' || text[indentEnd] === '\t') indentEnd++;
  const indent = text.slice(lineStart, indentEnd);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return { start: lineStart, end: lineStart, newText: `${indent}# kube-vip-lint-disable-next-line ${finding.rule}${eol}` };
}

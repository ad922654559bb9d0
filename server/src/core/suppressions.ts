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
    if (!isComment(text, m.index!)) continue;
    const rules = m[2].split(/[\s,]+/).filter((r) => /^[a-z0-9-]+$/.test(r));
    const line = lineOf(starts, m.index!);
    suppressions.push({ line: m[1] === 'disable' ? -1 : m[1] === 'disable-line' ? line : line + 1, rules });
  }
  return findings.filter((f) => {
    const line = lineOf(starts, f.span.start);
    return !suppressions.some((s) => (s.line === -1 || s.line === line) && (s.rules.length === 0 || s.rules.includes(f.rule)));
  });
}

/**
 * True when the `#` at `at` starts a YAML comment: at the start of a line or after a space or tab, and
 * not inside a quoted scalar that opens earlier on the line (`note: "# kube-vip-lint-disable"` is a
 * string, not a directive). A quote opens a scalar only where a value starts, so the apostrophe in a
 * plain `it's` does not.
 */
function isComment(text: string, at: number): boolean {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  if (at > lineStart && !/[ \t]/.test(text[at - 1])) return false;
  let quote: string | undefined;
  for (let i = lineStart; i < at; i++) {
    const c = text[i];
    if (quote === '"') {
      if (c === '\\') i++;
      else if (c === '"') quote = undefined;
    } else if (quote === "'") {
      if (c === "'" && text[i + 1] === "'") i++;
      else if (c === "'") quote = undefined;
    } else if ((c === '"' || c === "'") && (i === lineStart || /[\s[{,]/.test(text[i - 1]))) quote = c;
    else if (c === '#' && (i === lineStart || /[ \t]/.test(text[i - 1]))) return false; // an earlier comment holds this one
  }
  return quote === undefined;
}

/**
 * An edit that silences the finding's rule on its line: `# kube-vip-lint-disable-next-line <rule>` above
 * it, at its indentation, or the rule added to such a directive that is already there (a second
 * comment between them would make the first one cover the comment instead of the line).
 */
export function disableNextLineEdit(text: string, finding: Finding): TextEdit {
  const lineStart = text.lastIndexOf('\n', finding.span.start - 1) + 1;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const previousStart = lineStart > 0 ? text.lastIndexOf('\n', lineStart - 2) + 1 : -1;
  if (previousStart >= 0) {
    const previous = text.slice(previousStart, lineStart).replace(/\r?\n$/, '');
    const directive = /^([ \t]*#\s*kube-vip-lint-disable-next-line\b)([^\n]*?)\s*$/.exec(previous);
    if (directive && isComment(text, previousStart + previous.indexOf('#'))) {
      const ids = directive[2].trim();
      const end = previousStart + directive[1].length + directive[2].length;
      return { start: end, end, newText: ids ? `, ${finding.rule}` : ` ${finding.rule}` };
    }
  }
  let indentEnd = lineStart;
  while (text[indentEnd] === ' ' || text[indentEnd] === '\t') indentEnd++;
  const indent = text.slice(lineStart, indentEnd);
  return { start: lineStart, end: lineStart, newText: `${indent}# kube-vip-lint-disable-next-line ${finding.rule}${eol}` };
}

/**
 * Disable comments, as in ESLint:
 *   # kube-vip-lint-disable-next-line [rule-id, ...]   the next line
 *   # kube-vip-lint-disable-line [rule-id, ...]        this line (as a trailing comment)
 *   # kube-vip-lint-disable [rule-id, ...]             the whole file
 * Without rule ids, every rule is disabled there.
 */
import { lineOf, lineStarts } from './parse';
import type { Span } from './span';
import type { Finding, SeveritySetting, TextEdit } from './types';

const DIRECTIVE = /#\s*kube-vip-lint-(disable-next-line|disable-line|disable)\b([^\n]*)/g;

/** A disable comment, with where its rule ids are written. */
export interface Directive {
  readonly kind: 'disable-next-line' | 'disable-line' | 'disable';
  /** The comment, from `#` to the end of its id list. */
  readonly span: Span;
  /** 0-based line the directive covers; -1 for the whole file. */
  readonly line: number;
  /** Rule ids with their spans; empty = all rules. */
  readonly ids: readonly { readonly id: string; readonly span: Span }[];
}

/** The disable comments of a text (real YAML comments only). */
export function directivesOf(text: string): Directive[] {
  if (!text.includes('kube-vip-lint-disable')) return [];
  const starts = lineStarts(text);
  const out: Directive[] = [];
  for (const m of text.matchAll(DIRECTIVE)) {
    if (!isComment(text, m.index!)) continue;
    const kind = m[1] as Directive['kind'];
    const listStart = m.index! + m[0].length - m[2].length;
    const ids = [...m[2].matchAll(/[a-z0-9-]+/g)].map((id) => ({ id: id[0], span: { start: listStart + id.index!, end: listStart + id.index! + id[0].length } }));
    const end = ids.length ? ids[ids.length - 1].span.end : listStart;
    const line = lineOf(starts, m.index!);
    out.push({ kind, span: { start: m.index!, end: Math.max(end, m.index! + m[0].length - m[2].length) }, line: kind === 'disable' ? -1 : kind === 'disable-line' ? line : line + 1, ids });
  }
  return out;
}

export interface SuppressionOptions {
  /** Rule ids a directive may name; others are reported (unknownRule). Undefined: not checked. */
  readonly known?: ReadonlySet<string>;
  /** Rule ids whose findings only the workspace pass makes: a directive for them is never "unused" here. */
  readonly elsewhere?: ReadonlySet<string>;
  /** Report rule ids of directives that silenced nothing (unused). */
  readonly reportUnused?: boolean;
  /** Severity of the directive findings; 'off' for none. */
  readonly severity?: SeveritySetting;
}

/** The pseudo-rule of problems with disable comments themselves. */
export { DISABLE_DIRECTIVE } from './engineRules';
import { DISABLE_DIRECTIVE } from './engineRules';
import { shown } from './headline';

/**
 * Removes the findings that disable comments in `text` silence; with `options`, adds findings for the
 * comments themselves: rule ids that name no rule, and (reportUnused) ids that silenced nothing.
 */
export function applySuppressions(text: string, findings: readonly Finding[], options: SuppressionOptions = {}): readonly Finding[] {
  const directives = directivesOf(text);
  if (directives.length === 0) return findings;
  const starts = lineStarts(text);
  const used = new Set<string>(); // "<directive index>:<id>" and "<directive index>:*"
  const kept = findings.filter((f) => {
    const line = lineOf(starts, f.span.start);
    let silenced = false;
    directives.forEach((d, i) => {
      if (d.line !== -1 && d.line !== line) return;
      if (d.ids.length === 0) {
        used.add(`${i}:*`);
        silenced = true;
      } else if (d.ids.some((x) => x.id === f.rule)) {
        used.add(`${i}:${f.rule}`);
        silenced = true;
      }
    });
    return !silenced;
  });
  if (options.severity === 'off' || (!options.known && !options.reportUnused)) return kept;
  const severity = options.severity ?? 'warning';
  const problems: Finding[] = [];
  // A directive naming disable-directive silences its own problems, and those of directives on the lines it covers.
  const names = (d: Directive) => d.ids.some((x) => x.id === DISABLE_DIRECTIVE);
  const silenced = (own: Directive, span: Span) => names(own) || directives.some((d) => (d.line === -1 || d.line === lineOf(starts, span.start)) && names(d));
  directives.forEach((d, i) => {
    for (const x of d.ids) {
      if (x.id === DISABLE_DIRECTIVE || silenced(d, x.span)) continue;
      if (options.known && !options.known.has(x.id)) {
        problems.push({ rule: DISABLE_DIRECTIVE, messageId: 'unknownRule', severity, span: x.span, message: `kube-vip-lint has no rule ${shown(x.id, 40)}: this directive silences nothing. Check the rule id.`, detail: 'Rule ids are listed in the README and in the rule docs; the editor completes them after the directive keyword.', fixes: [], related: [] });
      } else if (options.reportUnused && !used.has(`${i}:${x.id}`) && !options.elsewhere?.has(x.id)) {
        const edit = removeId(text, d, x.id);
        problems.push({
          rule: DISABLE_DIRECTIVE,
          messageId: 'unused',
          severity,
          span: x.span,
          message: `Unused kube-vip-lint-${d.kind} directive: no ${x.id} problem ${d.kind === 'disable' ? 'in this file' : 'on that line'} to silence. Remove it.`,
          fixes: [{ title: `Remove the unused ${x.id} directive`, edits: [edit], preferred: true }],
          related: [],
        });
      }
    }
  });
  return problems.length ? [...kept, ...problems].sort((a, b) => a.span.start - b.span.start || a.rule.localeCompare(b.rule)) : kept;
}

/** An edit removing one id from a directive, or the whole comment (and its line, when alone on it) for its last id. */
function removeId(text: string, d: Directive, id: string): TextEdit {
  const rest = d.ids.filter((x) => x.id !== id);
  if (rest.length > 0) {
    const first = d.ids[0].span.start;
    const last = d.ids[d.ids.length - 1].span.end;
    return { start: first, end: last, newText: rest.map((x) => x.id).join(', ') };
  }
  const lineStart = text.lastIndexOf('\n', d.span.start - 1) + 1;
  let lineEnd = text.indexOf('\n', d.span.end);
  if (lineEnd < 0) lineEnd = text.length;
  if (/^[ \t]*$/.test(text.slice(lineStart, d.span.start)) && /^[ \t\r]*$/.test(text.slice(d.span.end, lineEnd))) {
    return { start: lineStart, end: Math.min(lineEnd + 1, text.length), newText: '' }; // the comment's own line
  }
  let start = d.span.start;
  while (start > lineStart && /[ \t]/.test(text[start - 1])) start--;
  return { start, end: d.span.end, newText: '' }; // a trailing comment
}

/**
 * True when the `#` at `at` starts a YAML comment: at the start of a line or after a space or tab, and
 * not inside a quoted scalar that opens earlier on the line (`note: "# kube-vip-lint-disable"` is a
 * string, not a directive). A quote opens a scalar only where a value starts, so the apostrophe in a
 * plain `it's` does not.
 */
function isComment(text: string, at: number): boolean {
  const found = text.lastIndexOf('\n', at - 1) + 1;
  const lineStart = found === 0 && text.startsWith('\uFEFF') ? 1 : found; // a byte-order mark is not text
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

/**
 * An edit that silences `rule` in the whole file: its id added to a `# kube-vip-lint-disable` comment on
 * the first line, or such a comment inserted there (after a byte-order mark).
 */
export function disableFileEdit(text: string, rule: string): TextEdit {
  const start = text.startsWith('\uFEFF') ? 1 : 0;
  const first = directivesOf(text).find((d) => d.kind === 'disable' && d.span.start < (text.indexOf('\n') < 0 ? text.length : text.indexOf('\n')));
  if (first && first.ids.length > 0) {
    const end = first.ids[first.ids.length - 1].span.end;
    return { start: end, end, newText: `, ${rule}` };
  }
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return { start, end: start, newText: `# kube-vip-lint-disable ${rule}${eol}` };
}

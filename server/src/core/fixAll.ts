/**
 * Fix-all (the editor's source.fixAll, the CLI's --fix): the preferred fixes of a file, applied together
 * and again on the result until nothing is left to fix, as ESLint does (lib/linter/source-code-fixer.js:
 * overlapping fixes wait for the next pass; at most 10 passes). Only preferred fixes, which must fix
 * the finding on that version and mode; and the result is kept only when it has fewer errors than the
 * text it started from (a fix may expose another error, which a later pass then fixes).
 */
import { preferredFixes } from './codeActions';
import { analyze } from './lint';
import type { Finding, Settings, TextEdit } from './types';

export const MAX_FIX_PASSES = 10;

export interface FixAllResult {
  /** The text after every pass. */
  readonly text: string;
  /** What was fixed, per pass, by rule and message id, in text order. */
  readonly fixed: readonly { readonly rule: string; readonly messageId?: string; readonly title: string }[];
}

/** Applies the preferred fixes of `text` (of the findings `only` accepts) until none is left. */
export function fixAll(text: string, settings: Settings = {}, only: (finding: Finding) => boolean = () => true): FixAllResult {
  const fixed: FixAllResult['fixed'][number][] = [];
  let current = text;
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const analysis = analyze(current, settings);
    const edits: TextEdit[] = [];
    let end = -1;
    for (const { finding, fix } of preferredFixes(analysis, only)) {
      const sorted = [...fix.edits].sort((a, b) => a.start - b.start);
      // A fix whose edits overlap an earlier one waits for the next pass, on the text that pass makes.
      if (sorted[0].start < end || sorted.some((e, i) => i > 0 && e.start < sorted[i - 1].end)) continue;
      edits.push(...sorted);
      end = sorted[sorted.length - 1].end;
      fixed.push({ rule: finding.rule, messageId: finding.messageId, title: fix.title });
    }
    if (edits.length === 0) break;
    current = apply(current, edits);
  }
  // Never worse: errors that a fix exposed and no later pass fixed would leave the file more broken.
  if (current !== text && errors(current, settings) > errors(text, settings)) return { text, fixed: [] };
  return { text: current, fixed };
}

function errors(text: string, settings: Settings): number {
  return analyze(text, settings).findings.filter((f) => f.severity === 'error').length;
}

function apply(text: string, edits: readonly TextEdit[]): string {
  let out = '';
  let at = 0;
  for (const e of edits) {
    out += text.slice(at, e.start) + e.newText;
    at = e.end;
  }
  return out + text.slice(at);
}

/** The smallest single edit that turns `before` into `after` (for an editor that applies fix-all at once). */
export function replacementEdit(before: string, after: string): TextEdit | undefined {
  if (before === after) return undefined;
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let tail = 0;
  while (tail < before.length - start && tail < after.length - start && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++;
  return { start, end: before.length - tail, newText: after.slice(start, after.length - tail) };
}

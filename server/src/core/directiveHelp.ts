/**
 * Completion and hover of rule ids inside disable comments (`# kube-vip-lint-disable-next-line vip-pr|`),
 * as vscode-eslint offers for eslint-disable comments.
 */
import { ALL_RULES } from './rules';
import type { Span } from './span';
import { ENGINE_RULES } from './engineRules';
import { directivesOf } from './suppressions';

/** Every id a directive may name, with a one-line description. */
function ruleIds(): { id: string; description: string; severity: string }[] {
  return [
    ...ALL_RULES.map((r) => ({ id: r.id, description: r.description, severity: r.defaultSeverity })),
    ...ENGINE_RULES.filter((r) => r.configurable).map((r) => ({ id: r.id, description: r.description, severity: r.defaultSeverity })),
  ];
}

/** The directive keyword, then ids separated by commas or spaces, then the partial id at the cursor. */
const DIRECTIVE_BEFORE_CURSOR = /#\s*kube-vip-lint-disable(?:-next-line|-line)?[ \t]+(?:[a-z0-9-]+(?:[ \t]*,[ \t]*|[ \t]+))*([a-z0-9-]*)$/;

export interface RuleIdCompletion {
  readonly items: readonly { readonly id: string; readonly description: string; readonly severity: string }[];
  /** The partial id typed so far. */
  readonly span: Span;
}

/** Rule ids to complete at `offset`, when it is after the keyword of a disable comment. */
export function ruleIdCompletions(text: string, offset: number): RuleIdCompletion | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const m = DIRECTIVE_BEFORE_CURSOR.exec(text.slice(lineStart, offset));
  if (!m) return undefined;
  const written = new Set(text.slice(lineStart + m.index, offset - m[1].length).match(/[a-z0-9-]+/g) ?? []);
  return { items: ruleIds().filter((r) => !written.has(r.id)), span: { start: offset - m[1].length, end: offset } };
}

/** Markdown for the rule id under `offset` in a disable comment. */
export function ruleIdHover(text: string, offset: number): { markdown: string; span: Span } | undefined {
  for (const directive of directivesOf(text)) {
    for (const x of directive.ids) {
      if (offset < x.span.start || offset > x.span.end) continue;
      const rule = ruleIds().find((r) => r.id === x.id);
      if (!rule) return undefined;
      return { markdown: `**${rule.id}** (kube-vip-lint rule, default severity ${rule.severity})\n\n${rule.description}`, span: x.span };
    }
  }
  return undefined;
}

/**
 * Completion inside a kube-vip container's `env`: variable names after `name:`, and values after
 * `value:` for booleans, enums and prefix lists; and rule ids in disable comments. Pure: offsets in, plain data out (no LSP types).
 * The text being typed is often incomplete, so the position is read from the line text and the
 * YAML nodes (an entry whose name is still empty is not in the model's env list).
 */
import { isMap, isScalar, isSeq, visit } from 'yaml';
import type { YAMLMap, YAMLSeq } from 'yaml';
import { defaultFor, ENV_VARS, isReadBy, lookup, noEffectFor } from './catalog';
import type { EnvVarSpec } from './catalog';
import { PREFIX_LIST } from './catalog/behaviour';
import { ruleIdCompletions } from './directiveHelp';
import { boolHover, prefixListHover, specMarkdown } from './hover';
import type { Analysis } from './lint';
import type { KubeVipContainer } from './model';
import type { Span } from './span';
import { findPair, get, isRangedScalar } from './parse';
import { atLeast, formatVersion } from './version';

export interface CompletionItemData {
  readonly label: string;
  readonly kind: 'variable' | 'value' | 'rule';
  readonly detail?: string;
  /** Markdown. */
  readonly documentation?: string;
  /** Text to insert instead of the label; a snippet (`$1` tab stop) when isSnippet. */
  readonly insertText?: string;
  readonly isSnippet?: boolean;
  readonly sortText?: string;
  readonly deprecated?: boolean;
  /** The text the item replaces: the partial word typed so far (ends at the cursor). */
  readonly replaceSpan?: Span;
}

export interface CompletionResult {
  readonly items: readonly CompletionItemData[];
  /** The partial word typed so far, shared by every item. */
  readonly span?: Span;
}

/** Where the cursor is, once it is known to be inside a kube-vip env entry. */
interface Position {
  readonly text: string;
  readonly offset: number;
  readonly container: KubeVipContainer;
  readonly item: YAMLMap;
  /** Where the key (`name` or `value`) starts, and the start of its line. */
  readonly keyStart: number;
  readonly lineStart: number;
  /** The partial word before the cursor, without an opening quote. */
  readonly word: Span;
  /** The opening quote typed before the word, if any. */
  readonly quote: string;
}

/** `name: vip_a`, `value: "tr`: the part after the key, up to the cursor. */
const AFTER_KEY = /^[ \t]*:[ \t]+(["']?)([A-Za-z0-9_.,/-]*)$/;

/** Completion items at `offset`, or undefined outside the name or value of a kube-vip env entry. */
export function completionsAt(analysis: Analysis, offset: number): CompletionResult | undefined {
  const ids = ruleIdCompletions(analysis.text, offset);
  if (ids) return { items: ids.items.map((r) => ({ label: r.id, kind: 'rule' as const, detail: `kube-vip-lint rule (${r.severity})`, documentation: r.description })), span: ids.span };
  for (const container of analysis.containers) {
    const env = envSequence(container);
    if (!env) continue;
    for (const item of env.items) {
      if (!isMap(item)) continue;
      for (const key of ['name', 'value'] as const) {
        const position = positionAfter(analysis.text, offset, container, item, key);
        if (position) return key === 'name' ? nameCompletions(position) : valueCompletions(position);
      }
    }
  }
  return undefined;
}

/** The env sequence of a container, found through its image node. */
function envSequence(container: KubeVipContainer): YAMLSeq | undefined {
  let env: unknown;
  visit(container.document.doc, {
    Map(_, node) {
      const image = get(node, 'image');
      if (!isRangedScalar(image) || image.range[0] + container.documentOffset !== container.imageSpan.start) return undefined;
      env = get(node, 'env');
      return visit.BREAK;
    },
  });
  return isSeq(env) ? env : undefined;
}

/** The cursor position when it follows `<key>:` of `item` on the same line. */
function positionAfter(text: string, offset: number, container: KubeVipContainer, item: YAMLMap, key: string): Position | undefined {
  const pair = findPair(item, key);
  const keyNode = pair?.key;
  if (!isScalar(keyNode) || !keyNode.range) return undefined;
  const keyStart = keyNode.range[0] + container.documentOffset;
  const keyEnd = keyNode.range[1] + container.documentOffset;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  if (keyStart < lineStart || keyEnd > offset) return undefined;
  const match = AFTER_KEY.exec(text.slice(keyEnd, offset));
  if (!match) return undefined;
  return { text, offset, container, item, keyStart, lineStart, word: { start: offset - match[2].length, end: offset }, quote: match[1] };
}

/** Variable names the image reads, not yet set by another entry. */
function nameCompletions(position: Position): CompletionResult {
  const { container, word } = position;
  const current = findPair(position.item, 'name')?.value;
  const currentStart = isRangedScalar(current) ? current.range[0] + container.documentOffset : -1;
  const taken = new Set(container.env.filter((e) => e.nameSpan.start !== currentStart).map((e) => e.name));
  const valueLine = valueLineSnippet(position);
  const items = ENV_VARS.filter((spec) => !spec.implicit && !spec.aliasOf && isReadBy(spec, container.version) && !taken.has(spec.name)).map(
    (spec): CompletionItemData => ({
      label: spec.name,
      kind: 'variable',
      detail: `${spec.type} · ${spec.mode}${noEffectFor(spec, container.version) ? ' · no effect' : ''}`,
      documentation: specMarkdown(spec, container),
      insertText: valueLine ? `${escapeSnippet(spec.name)}${valueLine}` : spec.name,
      isSnippet: valueLine !== undefined,
      // Variables that change nothing sort last and show struck through.
      sortText: `${noEffectFor(spec, container.version) ? '1' : '0'}${spec.name}`,
      deprecated: noEffectFor(spec, container.version) !== undefined,
      replaceSpan: word,
    }),
  );
  return { items, span: word };
}

/**
 * `\n<indent>value: "$1"`, which adds the value line under the name, aligned with `name:`. Only for a
 * block-style entry without a value, an unquoted name, and nothing after the cursor on the line.
 */
function valueLineSnippet(position: Position): string | undefined {
  const { text, offset, item, quote, keyStart, lineStart } = position;
  if (quote || item.flow || findPair(item, 'value') || findPair(item, 'valueFrom')) return undefined;
  const lineEnd = text.indexOf('\n', offset);
  if (text.slice(offset, lineEnd < 0 ? text.length : lineEnd).trim() !== '') return undefined;
  return `\n${' '.repeat(keyStart - lineStart)}value: "$1"`;
}

/** Values for the entry's variable: booleans, enum spellings, prefix lists. */
function valueCompletions(position: Position): CompletionResult | undefined {
  const { container, item, word, quote } = position;
  const name = get(item, 'name');
  const spec = isScalar(name) && typeof name.value === 'string' ? lookup(name.value) : undefined;
  if (!spec) return undefined;
  const values = suggestedValues(spec, container);
  if (values.length === 0) return undefined;
  const fallback = defaultFor(spec, container.version);
  const items = values.map(
    (value, index): CompletionItemData => ({
      label: value,
      kind: 'value',
      detail: fallback === value || fallback === `"${value}"` ? `default on ${formatVersion(container.version)}` : undefined,
      documentation: valueDocumentation(spec, value),
      insertText: quote ? value : `"${value}"`,
      sortText: String(index).padStart(2, '0'),
      replaceSpan: word,
    }),
  );
  return { items, span: word };
}

/** The values worth offering for a variable on this image version. */
function suggestedValues(spec: EnvVarSpec, container: KubeVipContainer): readonly string[] {
  switch (spec.type) {
    case 'bool':
      return ['true', 'false'];
    case 'enum':
      return spec.values ?? [];
    case 'prefix-list':
      // Before v0.9.0 vip_subnet is a "/NN" suffix; `auto` is read from v0.8.5 (vip_cidr) and v0.9.0 (vip_subnet).
      if (spec.name === 'vip_subnet' && !atLeast(container.version, PREFIX_LIST.subnetListForm)) return ['/32'];
      return atLeast(container.version, PREFIX_LIST.autoInCidr) ? ['32,128', '32', 'auto'] : ['32,128', '32'];
    default:
      return [];
  }
}

function valueDocumentation(spec: EnvVarSpec, value: string): string | undefined {
  if (spec.type === 'bool') return boolHover(value);
  if (spec.type === 'prefix-list') return prefixListHover(value);
  return undefined;
}

/** Escapes snippet syntax (`$`, `}`, `\`). */
function escapeSnippet(text: string): string {
  return text.replace(/[$}\\]/g, '\\$&');
}

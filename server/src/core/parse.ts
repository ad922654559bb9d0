/** Text -> YAML documents with source ranges. Parsing happens once per document version. */
import { Document, isAlias, isMap, isScalar, isSeq, LineCounter, parseAllDocuments, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { Node as YamlNode, Pair } from 'yaml';
import type { Span } from './model';
import { maskTemplates } from './templates';

export interface ParsedFile {
  /** The original text: edits and ranges refer to it. */
  readonly text: string;
  /** Template control lines (`{% if %}`, `{{- end }}`) blanked before parsing. */
  readonly templateControlLines: readonly Span[];
  readonly documents: readonly ParsedDocument[];
  readonly lines: LineCounter;
}

export interface ParsedDocument {
  readonly doc: Document.Parsed;
  /** True when the YAML parser reported errors: templates, half-typed text. Such documents are not linted. */
  readonly hasErrors: boolean;
}

/**
 * Parses every YAML document in `text`. Kubernetes reads manifests with YAML 1.1 rules, so
 * `yes`, `on` and `0755` are not strings there; we parse the same way.
 */
export function parseFile(text: string): ParsedFile {
  const lines = new LineCounter();
  const masked = maskTemplates(text);
  const docs = parseAllDocuments(masked.text, {
    version: '1.1',
    lineCounter: lines,
    uniqueKeys: false,
    prettyErrors: false,
    keepSourceTokens: false,
  });
  const list = Array.isArray(docs) ? docs : [];
  return {
    text,
    templateControlLines: masked.controlLines,
    lines,
    documents: list.map((doc) => ({ doc, hasErrors: doc.errors.length > 0 })),
  };
}

/** The value under `key` in a map, or undefined. Aliases are never followed (alias bombs). */
export function get(node: unknown, key: string): YamlNode | undefined {
  if (!isMap(node)) return undefined;
  const pair = findPair(node, key);
  const value = pair?.value;
  if (value == null || isAlias(value)) return undefined;
  return value as YamlNode;
}

/** The pair whose key is the plain string `key` (the last one, as Kubernetes decoders keep the last). */
export function findPair(map: YAMLMap, key: string): Pair | undefined {
  let found: Pair | undefined;
  for (const pair of map.items) {
    if (isScalar(pair.key) && pair.key.value === key) found = pair;
  }
  return found;
}

/** A map's scalar string value under `key`. */
export function getString(node: unknown, key: string): string | undefined {
  const value = get(node, key);
  return isScalar(value) && typeof value.value === 'string' ? value.value : undefined;
}

/** Items of a sequence under `key` (empty when absent or not a sequence). */
export function getSeqItems(node: unknown, key: string): readonly unknown[] {
  const value = get(node, key);
  return isSeq(value) ? (value as YAMLSeq).items : [];
}

export type ScalarNode = Scalar & { range: [number, number, number] };

/** Narrows to a scalar that has source ranges. */
export function isRangedScalar(node: unknown): node is ScalarNode {
  return isScalar(node) && Array.isArray(node.range);
}

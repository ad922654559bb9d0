/**
 * Text -> YAML documents with source ranges. A file is split into its YAML documents first, so that
 * each one can be parsed (and its results cached) on its own; documents that cannot hold a kube-vip
 * container are never parsed at all.
 */
import { Document, isAlias, isMap, isScalar, isSeq, parseAllDocuments, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { Node as YamlNode, Pair } from 'yaml';
import type { Span } from './span';
import { maskTemplates } from './templates';
import type { MaskedText } from './templates';

/** One `---`-separated part of a file. Offsets inside are relative to `offset`. */
export interface TextChunk {
  /** Where the chunk starts in the file. */
  readonly offset: number;
  readonly text: string;
}

const DOCUMENT_START = /^---(?=[ \t\r\n]|$)/gm;

/** Splits a YAML stream at document-start markers (`---` at column 0), keeping every character. */
export function splitDocuments(text: string): TextChunk[] {
  const chunks: TextChunk[] = [];
  let start = 0;
  for (const match of text.matchAll(DOCUMENT_START)) {
    if (match.index! > start) chunks.push({ offset: start, text: text.slice(start, match.index) });
    start = match.index!;
  }
  chunks.push({ offset: start, text: text.slice(start) });
  return chunks;
}

/**
 * kube-vip named anywhere (an image under any organisation, a container name), or its env names; not
 * merely its Service annotations (`kube-vip.io/loadbalancerIPs`), which configure no kube-vip instance.
 */
const KUBE_VIP_IMAGE = /kube-vip(?!\.io\/)|kube_vip|plndr|\b(?:vip|cp|svc|bgp)_[a-z]/;

/** Cheap pre-filter: only text naming kube-vip or its env variables can hold a kube-vip configuration. */
export function mayHoldKubeVip(text: string): boolean {
  return KUBE_VIP_IMAGE.test(text);
}

export interface ParsedDocument {
  readonly doc: Document.Parsed;
  /** True when the YAML parser reported errors (half-typed text, a template it cannot mask). Not linted. */
  readonly hasErrors: boolean;
}

export interface ParsedChunk {
  /** The original text of the chunk: edits and spans refer to it. */
  readonly text: string;
  readonly documents: readonly ParsedDocument[];
  /** Template control lines (`{% if %}`, `{{- end }}`) blanked before parsing. */
  readonly templateControlLines: readonly Span[];
}

/**
 * Parses one chunk. Kubernetes reads manifests with YAML 1.1 rules, so `yes`, `on` and `0755` are
 * not strings there; we parse the same way.
 */
export function parseChunk(text: string): ParsedChunk {
  const first = parseMasked(text, maskTemplates(text));
  if (!first.documents.some((d) => d.hasErrors) || !/\{\{|\{%|\{#/.test(text)) return first;
  // A template that stands for a whole mapping or list (`{{ toYaml .Values.env | nindent 8 }}`), often at
  // another indentation, breaks the YAML: blank such lines too, and keep whichever parse has fewer errors.
  const second = parseMasked(text, maskTemplates(text, { blankExpressionLines: true }));
  const errors = (c: ParsedChunk) => c.documents.filter((d) => d.hasErrors).length;
  return errors(second) < errors(first) ? second : first;
}

const NO_LINES: readonly Span[] = [];

function parseMasked(text: string, masked: MaskedText): ParsedChunk {
  const docs = parseAllDocuments(masked.text, {
    version: '1.1',
    uniqueKeys: false,
    prettyErrors: false,
    keepSourceTokens: false,
  });
  const list = Array.isArray(docs) ? docs : [];
  const controlLines = masked.controlLines.length ? masked.controlLines : NO_LINES;
  return { text, documents: list.map((doc) => ({ doc, hasErrors: doc.errors.length > 0 })), templateControlLines: controlLines };
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

/** Offsets at which each line of `text` starts. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** The 0-based line holding `offset`, given lineStarts(). */
export function lineOf(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** 1-based line and column (UTF-16 code units, as LSP and editors count) of offsets in a text. */
export function lineIndex(text: string): (offset: number) => { line: number; column: number } {
  const starts = lineStarts(text);
  return (offset) => {
    const line = lineOf(starts, offset);
    return { line: line + 1, column: offset - starts[line] + 1 };
  };
}

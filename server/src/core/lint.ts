/**
 * Runs every rule over every kube-vip container of a file, one YAML document at a time. Results
 * are computed per document with document-relative offsets, so an optional cache keyed by the
 * document's text lets an edit re-analyse only the document it touched.
 */
import { findKubeVipContainers, KubeVipContainer, shift, shiftContainer } from './model';
import { lineIndex, mayHoldKubeVip, parseChunk, splitDocuments } from './parse';
import { RULES } from './rules';
import { applySuppressions } from './suppressions';
import type { Rule } from './rules/rule';
import { DEFAULT_MAX_FILE_SIZE } from './types';
import type { Finding, Settings } from './types';

export interface Analysis {
  readonly text: string;
  /** kube-vip containers, with spans in file offsets. */
  readonly containers: readonly KubeVipContainer[];
  /** Findings sorted by position, with spans and edits in file offsets. */
  readonly findings: readonly Finding[];
  /** 1-based line and column of an offset. */
  readonly position: (offset: number) => { line: number; column: number };
  /** The settings it was computed with. */
  readonly settings: Settings;
}

/** What one document contributes, in document-relative offsets. */
interface DocumentResult {
  readonly containers: readonly KubeVipContainer[];
  readonly findings: readonly Finding[];
}

const EMPTY: DocumentResult = { containers: [], findings: [] };

/** Remembers per-document results between analyses of successive versions of a file. */
export interface AnalysisCache {
  get(key: string): DocumentResult | undefined;
  set(key: string, value: DocumentResult): void;
}

/** A small LRU cache for `analyze`; `limit` documents. */
export function createAnalysisCache(limit = 2000): AnalysisCache {
  const map = new Map<string, DocumentResult>();
  return {
    get(key) {
      const hit = map.get(key);
      if (hit) {
        map.delete(key);
        map.set(key, hit);
      }
      return hit;
    },
    set(key, value) {
      map.set(key, value);
      if (map.size > limit) map.delete(map.keys().next().value!);
    },
  };
}

/** Lints a file. Pure: the same text and settings give the same findings, cached or not. */
export function analyze(text: string, settings: Settings = {}, rules: readonly Rule[] = RULES, cache?: AnalysisCache): Analysis {
  const position = lazyPosition(text);
  const maxFileSize = settings.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  if (text.length > maxFileSize) return { text, containers: [], findings: [tooLarge(text.length, maxFileSize)], position, settings };
  const settingsKey = rules === RULES ? JSON.stringify(settings) : undefined; // custom rule sets are not cached
  const containers: KubeVipContainer[] = [];
  const findings: Finding[] = [];
  for (const chunk of splitDocuments(text)) {
    if (!mayHoldKubeVip(chunk.text)) continue;
    const key = settingsKey === undefined ? undefined : `${settingsKey}\0${chunk.text}`;
    let result = key === undefined ? undefined : cache?.get(key);
    if (!result) {
      result = analyzeDocument(chunk.text, settings, rules);
      if (key !== undefined) cache?.set(key, result);
    }
    if (result === EMPTY) continue;
    for (const c of result.containers) containers.push(shiftContainer(c, chunk.offset));
    for (const f of result.findings) findings.push(shiftFinding(f, chunk.offset));
  }
  return { text, containers, findings: applySuppressions(text, findings), position, settings };
}

function lazyPosition(text: string): Analysis['position'] {
  let index: Analysis['position'] | undefined;
  return (offset) => (index ??= lineIndex(text))(offset);
}

/** Huge files (generated dumps, logs saved as .yaml) are not parsed: one info finding says why. */
function tooLarge(length: number, limit: number): Finding {
  const mb = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`);
  return {
    rule: 'file-too-large',
    severity: 'info',
    message: `kube-vip-lint skipped this file: it is ${mb(length)}, over the ${mb(limit)} limit (setting kubeVipLint.maxFileSize).`,
    span: { start: 0, end: 0 },
    fixes: [],
    related: [],
  };
}

function analyzeDocument(text: string, settings: Settings, rules: readonly Rule[]): DocumentResult {
  const containers = findKubeVipContainers(parseChunk(text), { kubeVipVersion: settings.kubeVipVersion });
  if (containers.length === 0) return EMPTY;
  const findings: Finding[] = [];
  for (const container of containers) {
    for (const rule of rules) {
      const configured = settings.rules?.[rule.id];
      if (configured === 'off' || (rule.needsWholeEnv && container.conditional)) continue;
      for (const f of rule.check({ container, text })) {
        findings.push({
          rule: rule.id,
          messageId: f.messageId,
          severity: configured ?? f.severity ?? rule.defaultSeverity,
          message: boundMessage(f.message),
          span: f.span,
          fixes: f.fixes ?? [],
          related: f.related ?? [],
        });
      }
    }
  }
  findings.sort((a, b) => a.span.start - b.span.start || a.rule.localeCompare(b.rule));
  return { containers, findings };
}

/** Messages quote values; longer ones are cut so that a huge value (a 4 MB line) does not make a huge diagnostic. */
const MAX_MESSAGE = 2000;

function boundMessage(message: string): string {
  if (message.length <= MAX_MESSAGE) return message;
  const elided = message.replace(/\S{200,}/g, (run) => `${cut(run, 0, 100)}…${cut(run, run.length - 20, run.length)}`);
  return elided.length <= MAX_MESSAGE ? elided : `${cut(elided, 0, MAX_MESSAGE - 200)} … ${cut(elided, elided.length - 199, elided.length)}`;
}

/** text.slice(start, end), moved inwards so as not to split a surrogate pair. */
function cut(text: string, start: number, end: number): string {
  const low = (i: number) => i > 0 && i < text.length && /[\uDC00-\uDFFF]/.test(text[i]) && /[\uD800-\uDBFF]/.test(text[i - 1]);
  return text.slice(low(start) ? start + 1 : start, low(end) ? end - 1 : end);
}

function shiftFinding(finding: Finding, delta: number): Finding {
  if (delta === 0) return finding;
  return {
    ...finding,
    span: shift(finding.span, delta),
    fixes: finding.fixes.map((fix) => ({ ...fix, edits: fix.edits.map((e) => ({ ...e, start: e.start + delta, end: e.end + delta })) })),
    related: finding.related.map((r) => ({ ...r, span: shift(r.span, delta) })),
  };
}

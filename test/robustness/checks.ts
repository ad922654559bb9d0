/** Assertions shared by the robustness tests: spans in bounds, time bounds, edits and their effects. */
import * as assert from 'assert';
import { parseAllDocuments } from 'yaml';
import type { Finding, TextEdit } from '../../server/src/core';
import type { Span } from '../../server/src/core';

/** Every span, related span and fix edit of every finding lies within [0, text.length]. */
export function assertSpansWithin(text: string, findings: readonly Finding[]): void {
  const within = (s: Span, what: string, f: Finding) =>
    assert.ok(
      Number.isInteger(s.start) && Number.isInteger(s.end) && 0 <= s.start && s.start <= s.end && s.end <= text.length,
      `${f.rule}: ${what} [${s.start}, ${s.end}) outside [0, ${text.length}]`,
    );
  for (const f of findings) {
    within(f.span, 'span', f);
    for (const r of f.related) within(r.span, 'related span', f);
    for (const fix of f.fixes) for (const e of fix.edits) within(e, `edit of "${fix.title}"`, f);
  }
}

/** The time budget of one analysis: generous, so that only hangs and quadratic blow-ups fail. */
export function budgetMs(length: number): number {
  return 50 + 0.05 * length;
}

/**
 * Runs `fn` and fails when it takes longer than `limitMs`. A slow run is retried twice and the
 * fastest counts, so that a GC pause or a busy CI machine does not fail the test; a hang still does.
 */
export function timed<T>(limitMs: number, what: string, fn: () => T): T {
  let best = Infinity;
  let result!: T;
  for (let attempt = 0; attempt < 3 && best > limitMs; attempt++) {
    const start = performance.now();
    result = fn();
    best = Math.min(best, performance.now() - start);
  }
  assert.ok(best <= limitMs, `${what} took ${best.toFixed(1)} ms, over the ${limitMs.toFixed(1)} ms budget`);
  return result;
}

/** Comparable form of findings: everything but object identity. */
export function comparable(findings: readonly Finding[]): unknown {
  return findings.map((f) => ({ rule: f.rule, severity: f.severity, message: f.message, span: f.span, fixes: f.fixes, related: f.related }));
}

/** Edits are within the text, ordered, and do not overlap. */
export function assertValidEdits(text: string, edits: readonly TextEdit[], what: string): void {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  let last = 0;
  for (const e of sorted) {
    assert.ok(0 <= e.start && e.start <= e.end && e.end <= text.length, `${what}: edit [${e.start}, ${e.end}) outside [0, ${text.length}]`);
    assert.ok(e.start >= last, `${what}: overlapping edits`);
    last = e.end;
    for (const at of [e.start, e.end]) {
      assert.ok(!(isHigh(text.charCodeAt(at - 1)) && isLow(text.charCodeAt(at))), `${what}: an edit boundary at ${at} splits a surrogate pair`);
      assert.ok(!(text[at - 1] === '\r' && text[at] === '\n'), `${what}: an edit boundary at ${at} splits a CRLF`);
    }
  }
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** Where an offset of the old text lands after the edits (inside a replaced range: its start, or its end for `end`). */
export function mapOffset(offset: number, edits: readonly TextEdit[], side: 'start' | 'end'): number {
  let delta = 0;
  for (const e of [...edits].sort((a, b) => a.start - b.start)) {
    if (offset >= e.end && !(e.start === e.end && offset === e.start && side === 'end')) delta += e.newText.length - (e.end - e.start);
    else if (offset > e.start) return e.start + delta + (side === 'end' ? e.newText.length : 0);
    else break;
  }
  return offset + delta;
}

export function mapSpan(span: Span, edits: readonly TextEdit[]): Span {
  const start = mapOffset(span.start, edits, 'start');
  return { start, end: Math.max(start, mapOffset(span.end, edits, 'end')) };
}

/** Closed-interval overlap: touching spans count, so a zero-width span next to a finding does too. */
export function overlaps(a: Span, b: Span): boolean {
  return a.start <= b.end && b.start <= a.end;
}

/** YAML errors of the whole text, as Kubernetes (YAML 1.1) would read it. */
export function yamlErrorCount(text: string): number {
  return parseAllDocuments(text, { version: '1.1', uniqueKeys: false }).reduce((n, d) => n + d.errors.length, 0);
}

/** Line-ending style: whether the text has LF not preceded by CR, and whether it has CR at all. */
export function lineEndings(text: string): { bareLf: boolean; cr: boolean } {
  return { bareLf: /(^|[^\r])\n/.test(text), cr: text.includes('\r') };
}

/** A compact description of a text for failure messages. */
export function describeText(text: string): string {
  return text.length > 4000 ? `${JSON.stringify(text.slice(0, 4000))}… (${text.length} chars)` : JSON.stringify(text);
}

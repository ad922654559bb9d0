/** Minimal text edits computed from the parser's source ranges. Quotes, comments and indentation stay. */
import { parseDocument } from 'yaml';
import type { EnvEntry, QuoteStyle } from './model';
import type { Span } from './span';
import type { TextEdit } from './types';

/** An edit that replaces the content of a scalar, keeping its quote style; undefined for block scalars. */
export function replaceScalar(span: Span, quote: QuoteStyle, newValue: string): TextEdit | undefined {
  switch (quote) {
    case 'double':
      return { start: span.start + 1, end: span.end - 1, newText: JSON.stringify(newValue).slice(1, -1) };
    case 'single':
      return { start: span.start + 1, end: span.end - 1, newText: newValue.replace(/'/g, "''") };
    case 'plain':
      return { start: span.start, end: span.end, newText: isSafePlain(newValue) ? newValue : JSON.stringify(newValue) };
    case 'block':
      return undefined;
  }
}

/** Replaces an env entry's value. */
export function replaceValue(entry: EnvEntry, newValue: string): TextEdit | undefined {
  if (!entry.valueSpan || !entry.quote) return undefined;
  return replaceScalar(entry.valueSpan, entry.quote, newValue);
}

/** Renames an env entry, keeping the quote style of its name. */
export function renameEntry(entry: EnvEntry, newName: string, source: string): TextEdit | undefined {
  const first = source[entry.nameSpan.start];
  const quote: QuoteStyle = first === '"' ? 'double' : first === "'" ? 'single' : 'plain';
  return replaceScalar(entry.nameSpan, quote, newName);
}

/** True when `value` written as a plain YAML scalar reads back as the same string (YAML 1.1, as Kubernetes). */
export function isSafePlain(value: string): boolean {
  if (value === '' || /^[\s]|[\s]$|[#:]\s|\s#|^[-?:,[\]{}#&*!|>'"%@`]/.test(value)) return false;
  const doc = parseDocument(`v: ${value}\n`, { version: '1.1' });
  return doc.errors.length === 0 && doc.get('v') === value;
}

/**
 * Deletes a block-style list item, from the start of its `- ` line to the end of its last line
 * (newline included). Undefined when the item shares a line with anything else (flow style).
 */
export function removeEntry(entry: EnvEntry, text: string): TextEdit | undefined {
  const { start } = entry.itemSpan;
  if (text[start] === '{') return undefined;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  // A list item starts after its dash; a Helm values map pair (`vip_cidr: "128"`) at its indentation.
  const dash = (entry.pair ? /^[ \t]*$/ : /^[ \t]*-[ \t]+$/).exec(text.slice(lineStart, start));
  if (!dash) return undefined;
  const end = ownLinesEnd(text, start, entry.itemSpan.end, entry.pair ? dash[0].length : dash[0].indexOf('-'));
  if (text[end - 1] === '\n') return { start: lineStart, end, newText: '' };
  const rest = /^[ \t]*(#[^\n]*)?\r?(\n|$)/.exec(text.slice(end));
  return rest ? { start: lineStart, end: end + rest[0].length, newText: '' } : undefined;
}

/**
 * The end of an item's own lines. A block scalar's range runs over the blank lines after it, and
 * template control lines (`{{- if x }}`) are blank to the parser: a trailing line that is not
 * indented past the item's dash belongs to what follows.
 */
function ownLinesEnd(text: string, start: number, end: number, dashColumn: number): number {
  while (text[end - 1] === '\n') {
    const lineStart = text.lastIndexOf('\n', end - 2) + 1;
    const line = text.slice(lineStart, end);
    if (lineStart <= start || line.trim() === '' || /^[ \t]*/.exec(line)![0].length > dashColumn) break;
    end = lineStart;
  }
  return end;
}

/**
 * Inserts a new block-style env item `- name: <name>` / `value: "<value>"` after `entry`, with the
 * same indentation. Undefined for flow-style items (then the message says what to add).
 */
export function addEntryAfter(entry: EnvEntry, name: string, value: string, text: string): TextEdit | undefined {
  const own = removeEntry(entry, text); // the item's own full lines
  if (!own) return undefined;
  const dash = text.slice(own.start, entry.itemSpan.start);
  const eol = text.slice(0, own.end).endsWith('\r\n') ? '\r\n' : '\n';
  const lead = text[own.end - 1] === '\n' ? '' : eol;
  const indent = dash.replace('-', ' '); // the same whitespace, the dash blanked
  return { start: own.end, end: own.end, newText: `${lead}${dash}name: ${name}${eol}${indent}value: ${JSON.stringify(value)}${eol}` };
}

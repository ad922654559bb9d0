/**
 * Text that holds YAML inside something else: ```yaml fences in markdown, and manifests or Helm values
 * in YAML block scalars (Cluster API `files[].content`, cloud-init `write_files`, Talos
 * `inlineManifests`, a HelmChart's `valuesContent`, a ConfigMap's data). A region is the inner text
 * with its indentation removed, plus the map from inner offsets back to the outer text, so findings
 * land on the exact characters and quick fixes edit inside the scalar, keeping its indentation.
 */
import type { Span } from './span';
import { lineOf } from './parse';
import type { TextEdit } from './types';

export interface Region {
  /** The inner text, indentation removed. */
  readonly text: string;
  /** Where the region's first line starts in the outer text. */
  readonly start: number;
  /** Where it ends in the outer text. */
  readonly end: number;
  /** Columns removed from each line (a block scalar's indentation, a fence's indentation). */
  readonly indent: number;
  /** Outer offset of each inner line start. */
  readonly lineOffsets: readonly number[];
  /** Inner offset of each inner line start. */
  readonly innerStarts: readonly number[];
}

/** An outer offset for an inner one. */
export function toOuter(region: Region, offset: number): number {
  const line = lineOf(region.innerStarts, offset);
  return region.lineOffsets[line] + (offset - region.innerStarts[line]);
}

export function spanToOuter(region: Region, span: Span): Span {
  return { start: toOuter(region, span.start), end: toOuter(region, span.end) };
}

/** An inner edit as an outer one: new lines get the region's indentation. */
export function editToOuter(region: Region, edit: TextEdit): TextEdit {
  if (!region.indent) return { start: toOuter(region, edit.start), end: toOuter(region, edit.end), newText: edit.newText };
  const pad = ' '.repeat(region.indent);
  if (edit.start === region.text.length && edit.end === edit.start && region.text.endsWith('\n')) {
    // Appended after the last line: the outer position is the start of the next outer line, so every
    // new line gets the region's indentation, and the text's own final newline ends it.
    return { start: region.end, end: region.end, newText: edit.newText.replace(/^(?=[^\r\n])/gm, pad) };
  }
  return { start: toOuter(region, edit.start), end: toOuter(region, edit.end), newText: edit.newText.replace(/\n/g, `\n${pad}`) };
}

/**
 * The region of `lines` (outer line start offsets and texts, `\n` excluded, `\r` kept) with `indent`
 * columns removed from each. A line shorter than the indentation (blank) becomes empty.
 */
function regionOf(outer: string, from: number, to: number, indent: number): Region {
  const lineOffsets: number[] = [];
  const innerStarts: number[] = [];
  let text = '';
  for (let at = from; at < to; ) {
    const newline = outer.indexOf('\n', at);
    const end = newline < 0 || newline >= to ? to : newline;
    const line = outer.slice(at, end);
    const cut = Math.min(indent, /^[ ]*/.exec(line)![0].length);
    lineOffsets.push(at + cut);
    innerStarts.push(text.length);
    text += line.slice(cut) + (end < to ? '\n' : '');
    at = end + 1;
  }
  if (lineOffsets.length === 0) {
    lineOffsets.push(from);
    innerStarts.push(0);
  }
  return { text, start: from, end: to, indent, lineOffsets, innerStarts };
}

/** A fence line: its indentation, its fence (``` or ~~~, 3 or more), and its info string. */
const FENCE = /^([ \t]*)(`{3,}|~{3,})[ \t]*([^\n`]*?)[ \t]*\r?$/gm;

/** An untagged fence counts when it holds kube-vip YAML: a key or `- name:` line, and a kube-vip name. */
const UNTAGGED_YAML = /^[ \t]*(?:- )?[A-Za-z_][\w.-]*:(?:[ \t]|$)/m;
const KUBE_VIP_WORDS = /kube-vip|\b(?:vip|cp|svc|bgp)_[a-z]/;

/**
 * For a text of unknown kind: markdown with YAML fences. A fence at column 0 cannot occur in YAML; a file
 * whose fences are all indented (inside a list) is recognised only when the adapter says it is markdown.
 */
export function isMarkdownWithYaml(text: string): boolean {
  return /^(`{3,}|~{3,})/m.test(text) && markdownYamlRegions(text).length > 0;
}

/** The ```yaml / ```yml fenced blocks of a markdown text, and untagged ones that hold kube-vip YAML. */
export function markdownYamlRegions(text: string): Region[] {
  const regions: Region[] = [];
  let open: { indent: number; fence: string; info: string; bodyStart: number } | undefined;
  FENCE.lastIndex = 0;
  for (let m = FENCE.exec(text); m; m = FENCE.exec(text)) {
    const [line, indent, fence, info] = m;
    if (!open) {
      open = { indent: indent.length, fence, info: info.toLowerCase(), bodyStart: Math.min(m.index + line.length + 1, text.length) };
      continue;
    }
    // A closing fence: the same character, at least as long, no info string.
    if (info !== '' || fence[0] !== open.fence[0] || fence.length < open.fence.length) continue;
    const region = regionOf(text, open.bodyStart, Math.max(open.bodyStart, m.index), open.indent);
    const yaml = /^ya?ml\b/.test(open.info) || (open.info === '' && UNTAGGED_YAML.test(region.text) && KUBE_VIP_WORDS.test(region.text));
    if (yaml) regions.push(region);
    open = undefined;
  }
  return regions;
}

/** A shell script (its first line is a `#!` for sh, bash, zsh or ksh). */
export function isShellScript(text: string): boolean {
  return /^#![^\n]*\b(?:ba|z|k)?sh\b/.test(text);
}

const HEREDOC = /<<(-?)[ \t]*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\2[^\n]*\n/g;

/**
 * The bodies of a shell script's here-documents (`cat <<EOF … EOF`, `<<'MANIFEST'`, `<<-EOF`) that hold no
 * here-document themselves: a script that writes a manifest over ssh nests one inside another.
 */
export function heredocRegions(text: string): Region[] {
  const regions: Region[] = [];
  HEREDOC.lastIndex = 0;
  for (let m = HEREDOC.exec(text); m; m = HEREDOC.exec(text)) {
    const bodyStart = m.index + m[0].length;
    const close = new RegExp(`^${m[1] ? '\\t*' : ''}${m[3]}[ \\t]*\\r?$`, 'm');
    const closing = close.exec(text.slice(bodyStart));
    if (!closing) continue;
    const bodyEnd = bodyStart + closing.index;
    if (/<<-?[ \t]*['"]?[A-Za-z_]/.test(text.slice(bodyStart, bodyEnd))) continue; // the inner one is found on its own
    regions.push(regionOf(text, bodyStart, bodyEnd, 0));
  }
  return regions;
}

/**
 * The content of a literal block scalar (`key: |`, `|-`, `|2`) as a region. `range` is the yaml
 * node's [start, valueEnd]; the header line is skipped. Undefined when the header cannot be read.
 */
export function blockScalarRegion(text: string, range: readonly number[]): Region | undefined {
  const header = /^\|([1-9])?[+-]?([1-9])?[ \t]*(#[^\n]*)?\r?\n/.exec(text.slice(range[0], range[1]));
  if (!header) return undefined;
  const from = range[0] + header[0].length;
  const to = range[1];
  if (from >= to) return undefined;
  // The content's indentation is that of its first non-blank line (an explicit indicator is relative to
  // the parent's indentation, which needs no special case: the first line has it too).
  const first = /^(?:[ ]*\r?\n)*([ ]*)\S/.exec(text.slice(from, to));
  if (!first) return undefined;
  const indent = first[1].length;
  return regionOf(text, from, to, indent);
}

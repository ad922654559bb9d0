/** Shared test helpers: manifest builders, edit application, positions. */
import { analyze, lintFiles, lintText, Settings } from '../server/src/core';
import type { Rule } from '../server/src/core/rules/rule';
import type { Finding, TextEdit } from '../server/src/core';

export interface EnvLine {
  readonly name: string;
  /** Written verbatim after `value: ` (include quotes yourself); omit for a name-only entry. */
  readonly raw?: string;
}

/** A kube-vip DaemonSet with the given image and env, in block style. */
export function daemonSet(image: string, env: readonly (EnvLine | string)[]): string {
  const lines = env.map((e) => {
    if (typeof e === 'string') return e;
    return e.raw === undefined ? `        - name: ${e.name}` : `        - name: ${e.name}\n          value: ${e.raw}`;
  });
  return `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: kube-vip
  namespace: kube-system
spec:
  selector:
    matchLabels: {app: kube-vip}
  template:
    metadata:
      labels: {app: kube-vip}
    spec:
      hostNetwork: true
      containers:
      - name: kube-vip
        image: ${image}
        args: ["manager"]
        env:
${lines.join('\n')}
`;
}

/** The usual dual-stack ARP + Services setup around one extra variable. */
export function dualStack(image: string, extra: readonly (EnvLine | string)[]): string {
  return daemonSet(image, [
    { name: 'vip_arp', raw: '"true"' },
    { name: 'cp_enable', raw: '"true"' },
    { name: 'svc_enable', raw: '"true"' },
    { name: 'address', raw: '192.168.0.40' },
    ...extra,
  ]);
}

export function lint(text: string, settings: Settings = {}): Finding[] {
  return [...lintText(text, settings).findings];
}

export function findingsOf(text: string, rule: string, settings: Settings = {}): Finding[] {
  return lint(text, settings).filter((f) => f.rule === rule);
}

/** Applies non-overlapping edits to text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

/** 1-based line and column of an offset. */
export function lineCol(text: string, offset: number): [number, number] {
  const before = text.slice(0, offset).split('\n');
  return [before.length, before[before.length - 1].length + 1];
}

/** The source text a finding covers. */
export function covered(text: string, f: Finding): string {
  return text.slice(f.span.start, f.span.end);
}

/** Findings of one rule module only (whether or not it is registered yet). */
export function checkRule(rule: Rule, text: string, settings: Settings = {}): Finding[] {
  return [...analyze(text, settings, [rule]).findings];
}

/** The text after applying a finding's first (or given) fix. */
export function fixed(text: string, finding: Finding, index = 0): string {
  const fix = finding.fixes[index];
  if (!fix) throw new Error(`finding has no fix #${index}: ${finding.message}`);
  return applyEdits(text, fix.edits);
}

/**
 * Lints several manifests as ONE file (their documents joined with `---`), as kube-vip instances
 * applied together are, and hands each part its findings back in its own offsets and URI, as if the
 * parts were separate files: cross-instance tests then read like multi-file ones.
 */
export function lintTogether(parts: Record<string, string>): { uri: string; findings: Finding[] }[] {
  const uris = Object.keys(parts);
  const offsets: number[] = [];
  let text = '';
  for (const uri of uris) {
    if (text) text += '---\n';
    offsets.push(text.length);
    text += parts[uri].endsWith('\n') ? parts[uri] : `${parts[uri]}\n`;
  }
  const file = 'file:///ws/together/manifest.yaml';
  const [result] = lintFiles([{ uri: file, text }]);
  const partOf = (offset: number) => {
    let i = 0;
    while (i + 1 < offsets.length && offsets[i + 1] <= offset) i++;
    return i;
  };
  const local = (span: { start: number; end: number }) => ({ start: span.start - offsets[partOf(span.start)], end: span.end - offsets[partOf(span.start)] });
  return uris.map((uri, i) => ({
    uri,
    findings: result.findings
      .filter((f) => partOf(f.span.start) === i)
      .map((f) => ({
        ...f,
        span: local(f.span),
        fixes: f.fixes.map((fix) => ({ ...fix, edits: fix.edits.map((e) => ({ ...e, ...local(e) })) })),
        related: f.related.map((r) => (r.uri === undefined || r.uri === file ? { ...r, uri: uris[partOf(r.span.start)], span: local(r.span) } : r)),
      })),
  }));
}

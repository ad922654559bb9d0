/** Shared test helpers: manifest builders, edit application, positions. */
import { analyze, lintText, Settings } from '../server/src/core';
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

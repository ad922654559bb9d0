/**
 * fast-check generators for the robustness suite: realistic kube-vip manifests (every workload kind,
 * lists, multi-document files, block and flow env, quoting, comments, valueFrom, templates, catalog
 * names with plausible and implausible values, every image tag form) and random edits of any text.
 */
import * as fc from 'fast-check';
import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import { ENV_VARS, IGNORED_NAMES } from '../../server/src/core/catalog';
import type { EnvVarSpec } from '../../server/src/core/catalog';
import { daemonSet, dualStack } from '../helpers';

/** Repository root, from out/test/robustness. */
export const ROOT = path.resolve(__dirname, '..', '..', '..');

/** The project's own manifests: the examples plus a few built with the test helpers. */
export const FIXTURES: readonly string[] = [
  ...readdirSync(path.join(ROOT, 'examples'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => readFileSync(path.join(ROOT, 'examples', f), 'utf8')),
  dualStack('ghcr.io/kube-vip/kube-vip:v0.8.9', [{ name: 'vip_cidr', raw: '"128" # dual-stack' }]),
  daemonSet('ghcr.io/kube-vip/kube-vip:v1.2.3', [
    { name: 'vip_arp', raw: 'true' },
    { name: 'bgp_enable', raw: '"yes"' },
    { name: 'vip_loseleadership', raw: '"true"' },
    { name: 'vip_loseleadership', raw: '"30"' },
    { name: 'vip_startleader', raw: '"false"' },
    { name: 'vip_subnet', raw: "'128'" },
    { name: 'svc_enable', raw: '"true"' },
    { name: 'lb_fwdmethod', raw: 'masquerade' },
    { name: 'lb_enable', raw: '"true"' },
    { name: 'vip_arprate', raw: '"5"' },
  ]),
  daemonSet('ghcr.io/kube-vip/kube-vip:v0.8.3', [
    '        - {name: vip_routingtableid, value: "198"}',
    '        - {name: vip_arp, value: "true"}',
    '        - {name: vip_address, value: 10.0.0.5}',
    '        - {name: cp_enable, value: "true"}',
    { name: 'vip_leaseduration', raw: '"5"' },
    { name: 'vip_renewdeadline', raw: '"10"' },
    { name: 'vip_retryperiod', raw: '"2"' },
    { name: 'vip_nodename', raw: undefined },
    '          valueFrom: {fieldRef: {fieldPath: spec.nodeName}}',
  ]),
];

/** Characters that matter to YAML, line structure and UTF-16, for random edits. */
const EDIT_CHARS = [':', '-', '{', '}', '[', ']', '"', "'", '#', '\n', '\t', ' ', ',', '&', '*', '!', '|', '>', '%', '@', '`', '?', '\r', '\\',
  'a', 'v', '0', '1', '_', '.', '/', '½', 'ü', '€', '😀', '\u0000', '\uFEFF', '\u2028', '---', '...', '{{', '}}', '${', '\r\n'];

/** A short string made of YAML-significant, ASCII and multi-byte characters. */
export const editText = fc.oneof(
  { weight: 3, arbitrary: fc.array(fc.constantFrom(...EDIT_CHARS), { minLength: 1, maxLength: 6 }).map((a) => a.join('')) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
  { weight: 1, arbitrary: fc.constantFrom('    - name: vip_cidr\n      value: "128"\n', '  env:\n', 'image: ghcr.io/kube-vip/kube-vip:v0.8.9\n', 'value: yes', '- {name: port, value: 6443}') },
);

/** One random edit; positions are taken modulo the length of the text it is applied to. */
export type Mutation =
  | { readonly op: 'insert'; readonly at: number; readonly text: string }
  | { readonly op: 'delete'; readonly at: number; readonly length: number }
  | { readonly op: 'replace'; readonly at: number; readonly length: number; readonly text: string }
  | { readonly op: 'deleteLine' | 'duplicateLine' | 'swapLines'; readonly at: number }
  | { readonly op: 'insertLine'; readonly at: number; readonly text: string };

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: editText }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ op: fc.constant('replace' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 8 }), text: editText }),
  fc.record({ op: fc.constantFrom('deleteLine' as const, 'duplicateLine' as const, 'swapLines' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('insertLine' as const), at: fc.nat(), text: editText }),
);

/** A random edit as a replacement of [start, end) in `text`. */
export function toEdit(text: string, m: Mutation): { start: number; end: number; newText: string } {
  const at = m.at % (text.length + 1);
  switch (m.op) {
    case 'insert':
      return { start: at, end: at, newText: m.text };
    case 'delete':
      return { start: at, end: Math.min(text.length, at + m.length), newText: '' };
    case 'replace':
      return { start: at, end: Math.min(text.length, at + m.length), newText: m.text };
    default: {
      const starts = [0];
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
      const index = m.at % starts.length;
      const start = starts[index];
      const end = index + 1 < starts.length ? starts[index + 1] : text.length;
      const line = text.slice(start, end);
      if (m.op === 'deleteLine') return { start, end, newText: '' };
      if (m.op === 'duplicateLine') return { start, end: start, newText: line.endsWith('\n') ? line : `${line}\n` };
      if (m.op === 'insertLine') return { start, end: start, newText: `${m.text}\n` };
      const nextEnd = index + 2 < starts.length ? starts[index + 2] : text.length;
      const next = text.slice(end, nextEnd);
      if (!line.endsWith('\n') || next === '') return { start, end: start, newText: '' };
      return { start, end: nextEnd, newText: (next.endsWith('\n') ? next : `${next}\n`) + line.slice(0, next.endsWith('\n') ? undefined : -1) };
    }
  }
}

export function applyMutation(text: string, m: Mutation): string {
  const e = toEdit(text, m);
  return text.slice(0, e.start) + e.newText + text.slice(e.end);
}

export function applyMutations(text: string, ms: readonly Mutation[]): string {
  return ms.reduce(applyMutation, text);
}

// ------------------------------------------------------------------ manifests

const VERSIONS = ['v0.5.0', 'v0.5.5', 'v0.6.4', 'v0.7.2', 'v0.8.0', 'v0.8.2', 'v0.8.3', 'v0.8.5', 'v0.8.9', 'v0.8.10', 'v0.9.0', 'v0.9.2', 'v1.0.1', 'v1.0.4', 'v1.1.0', 'v1.1.0-rc.0', 'v1.2.0-rc.0', 'v1.2.2', 'v1.2.3', 'v2.0.0', 'v0.4.0'];
const DIGEST = '@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';
const REPOS = ['ghcr.io/kube-vip/kube-vip', 'ghcr.io/kube-vip/kube-vip-iptables', 'docker.io/plndr/kube-vip', 'plndr/kube-vip', 'kube-vip/kube-vip', 'registry.local:5000/mirror/kube-vip/kube-vip'];

export const image = fc
  .tuple(
    fc.constantFrom(...REPOS),
    fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...VERSIONS).map((v) => `:${v}`) },
      { weight: 1, arbitrary: fc.constantFrom(':latest', DIGEST, `:v0.8.9${DIGEST}`, ':{{ .Values.image.tag }}', '', ':v0.8.9-iptables', ':main', ':${KVVERSION}', ':0.8.9') },
    ),
    fc.constantFrom('plain', 'double', 'single'),
  )
  .map(([repo, tag, quote]) => quoteScalar(`${repo}${tag}`, quote as Quote));

type Quote = 'plain' | 'double' | 'single';

function quoteScalar(text: string, quote: Quote): string {
  if (quote === 'double') return JSON.stringify(text);
  if (quote === 'single') return `'${text.replace(/'/g, "''")}'`;
  return text;
}

/** Values a variable of this type may plausibly (or implausibly) be given. */
function valuesFor(spec: EnvVarSpec): string[] {
  const common = [spec.example, '', 'true', '0', ' '];
  switch (spec.type) {
    case 'bool':
      return [...common, 'false', '1', 't', 'F', 'TRUE', 'True', 'yes', 'no', 'on', 'off', 'y', 'maybe', 'true ', 'ture'];
    case 'int':
    case 'seconds':
    case 'milliseconds':
    case 'port':
    case 'asn':
      return [...common, '6443', '-1', '65535', '65536', '4294967296', '0x10', '1e3', '5s', '+5', '015', '3.5', '99999999999999999999', '-4', '5', '20', '15', '2'];
    case 'go-duration':
      return [...common, '500ms', '1m30s', '5', '1.5h', '-1s'];
    case 'enum':
      return [...common, ...(spec.values ?? []), ...(spec.values ?? []).map((v) => v.toUpperCase())];
    case 'ip':
    case 'ipv4':
    case 'address':
      return [...common, '192.168.0.40', '10.0.0.1/24', 'fd00::1', '192.168.0.40,fd00::40', 'kube.example.com', '999.1.1.1', 'fe80::1%eth0', '10.0.0.256'];
    case 'prefix-list':
      return [...common, '32,128', '128', '24', '64,32', 'auto', '32, 128', '/32', '33', '32,129', '32,'];
    case 'bgp-peers':
      return [...common, '10.0.0.1:65000::false', '10.0.0.1:65000:pass:true', '[fd00::1]:65000', '10.0.0.1:65000::false:1,10.0.0.2:65000', 'garbage', 'fd00::1:65000'];
    case 'cidr-list':
      return [...common, '10.0.0.0/16,fd00::/64', '10.0.0.1', '10.0.0.0/33'];
    case 'host-port':
    case 'url':
      return [...common, ':2112', '0.0.0.0:2112', '2112', 'https://10.0.0.1:6443', 'a:b', '[::1]:2112', '10.0.0.1'];
    default:
      return [...common, 'eth0', 'ens192', 'auto', 'lo', 'kube-system', '/etc/kube-vip/config.yaml', '{"a": 1}'];
  }
}

const SPECS = ENV_VARS;
/** Names kube-vip reads, names it never reads, misspellings, runtime names. */
const envName = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...SPECS.map((s) => s.name)) },
  { weight: 1, arbitrary: fc.constantFrom(...IGNORED_NAMES.map((i) => i.name)) },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.constantFrom(...SPECS.map((s) => s.name)), fc.nat(), fc.constantFrom('upper', 'drop', 'swap', 'dash')).map(([name, at, how]) => {
      const i = at % name.length;
      if (how === 'upper') return name.toUpperCase();
      if (how === 'drop') return name.slice(0, i) + name.slice(i + 1);
      if (how === 'dash') return name.replace(/_/g, '-');
      return i + 1 < name.length ? name.slice(0, i) + name[i + 1] + name[i] + name.slice(i + 2) : name;
    }),
  },
  { weight: 1, arbitrary: fc.constantFrom('HOSTNAME', 'TZ', 'HTTP_PROXY', 'vip_foo', 'bgp_bar', 'KUBERNETES_SERVICE_HOST', '{{ .Values.name }}', 'vip_cidr') },
);

/** How an env entry's value is written. */
type ValueForm =
  | { kind: 'scalar'; text: string; quote: Quote | 'literal' | 'folded'; comment?: string }
  | { kind: 'valueFrom' }
  | { kind: 'none' }
  | { kind: 'null' }
  | { kind: 'template'; text: string }
  | { kind: 'alias' };

interface EnvSpecEntry {
  readonly name: string;
  readonly nameQuote: Quote;
  readonly value: ValueForm;
  readonly flow: boolean;
}

const comment = fc.oneof(fc.constantFrom(' # IPv6 only, we thought', ' # ½ü€😀', ' #', ' # kube-vip-lint-disable-line', ' # value: "x"'), fc.string({ maxLength: 10 }).map((s) => ` # ${s.replace(/[\r\n]/g, '')}`));

const envEntry: fc.Arbitrary<EnvSpecEntry> = fc
  .tuple(envName, fc.constantFrom<Quote>('plain', 'plain', 'plain', 'double', 'single'), fc.boolean(), fc.nat(), fc.nat(), fc.option(comment, { freq: 4 }), fc.string({ maxLength: 12 }))
  .map(([name, nameQuote, flow, formPick, valuePick, cmt, random]) => {
    const spec = SPECS.find((s) => s.name === name);
    const candidates = spec ? valuesFor(spec) : ['true', '5', 'eth0', '32,128'];
    const text = valuePick % 7 === 6 ? random : candidates[valuePick % candidates.length];
    const forms: ValueForm[] = [
      { kind: 'scalar', text, quote: 'double', comment: cmt ?? undefined },
      { kind: 'scalar', text, quote: 'double', comment: cmt ?? undefined },
      { kind: 'scalar', text, quote: 'plain', comment: cmt ?? undefined },
      { kind: 'scalar', text, quote: 'plain', comment: cmt ?? undefined },
      { kind: 'scalar', text, quote: 'single', comment: cmt ?? undefined },
      { kind: 'scalar', text, quote: 'literal' },
      { kind: 'scalar', text, quote: 'folded' },
      { kind: 'valueFrom' },
      { kind: 'none' },
      { kind: 'null' },
      { kind: 'template', text: ['{{ .Values.vip }}', '"{{ .Values.vip }}"', '${VIP_ADDRESS}', '{{ kube_vip_iface }}', '"$(POD_IP)"'][valuePick % 5] },
      { kind: 'alias' },
    ];
    return { name, nameQuote, value: forms[formPick % forms.length], flow };
  });

/** Renders one env item as block (`- name: x\n  value: y`) or flow (`- {name: x, value: y}`). */
function renderEntry(e: EnvSpecEntry, indent: string): string[] {
  const name = quoteScalar(e.name, e.nameQuote);
  const v = e.value;
  const block = v.kind === 'scalar' && (v.quote === 'literal' || v.quote === 'folded');
  if (e.flow && !block) {
    const value =
      v.kind === 'scalar' ? `, value: ${v.quote === 'plain' ? v.text : quoteScalar(v.text, v.quote as Quote)}` :
      v.kind === 'valueFrom' ? ', valueFrom: {fieldRef: {fieldPath: spec.nodeName}}' :
      v.kind === 'null' ? ', value: null' :
      v.kind === 'template' ? `, value: ${v.text.startsWith('"') ? v.text : JSON.stringify(v.text)}` :
      v.kind === 'alias' ? ', value: *shared' : '';
    return [`${indent}- {name: ${name}${value}}${v.kind === 'scalar' && v.comment ? v.comment : ''}`];
  }
  const lines = [`${indent}- name: ${name}`];
  const inner = `${indent}  `;
  switch (v.kind) {
    case 'scalar':
      if (v.quote === 'literal' || v.quote === 'folded') {
        lines.push(`${inner}value: ${v.quote === 'literal' ? '|' : '>-'}`, ...v.text.split('\n').map((l) => `${inner}  ${l}`));
      } else {
        lines.push(`${inner}value: ${v.quote === 'plain' ? v.text : quoteScalar(v.text, v.quote)}${v.comment ?? ''}`);
      }
      break;
    case 'valueFrom':
      lines.push(`${inner}valueFrom:`, `${inner}  fieldRef:`, `${inner}    fieldPath: spec.nodeName`);
      break;
    case 'null':
      lines.push(`${inner}value: ~`);
      break;
    case 'template':
      lines.push(`${inner}value: ${v.text}`);
      break;
    case 'alias':
      lines.push(`${inner}value: *shared`);
      break;
    case 'none':
      break;
  }
  return lines;
}

interface ContainerSpec {
  readonly image: string;
  readonly args: string;
  readonly env: readonly EnvSpecEntry[];
  readonly envFrom: boolean;
  readonly templateIf: number | null;
  readonly envComment: boolean;
}

const ARGS = ['args: ["manager"]', 'args: [manager]', 'args:\n- manager', 'args: ["start"]', 'args: ["manager", "--config-file", "/etc/kv.yaml"]', 'command: ["/kube-vip"]', '', 'args: ["manager", "--arp"]'];

/**
 * Coherent starting points (a mode, features, an address) so that the rules that reason about the
 * version, the mode and the address families (the prefix list, BGP, WireGuard) meet them often; random
 * entries follow and may contradict them.
 */
const SETUPS: readonly (readonly [string, string])[][] = [
  [['vip_arp', 'true'], ['cp_enable', 'true'], ['svc_enable', 'true'], ['address', '192.168.0.40']],
  [['bgp_enable', 'true'], ['bgp_routerid', '10.0.0.2'], ['bgp_peers', '10.0.0.1:65000::false'], ['cp_enable', 'true'], ['address', '192.168.0.40']],
  [['bgp_enable', 'true'], ['bgp_routerid', '10.0.0.2'], ['bgp_peers', '10.0.0.1:65000::false'], ['svc_enable', 'true']],
  [['vip_arp', 'true'], ['cp_enable', 'true'], ['address', 'fd00::10']],
  [['vip_arp', 'true'], ['svc_enable', 'true'], ['address', 'fd00::10']],
  [['vip_arp', 'true'], ['cp_enable', 'true'], ['address', 'fd00::10,192.168.0.40']],
  [['vip_routingtable', 'true'], ['svc_enable', 'true']],
  [['vip_wireguard', 'true'], ['cp_enable', 'true'], ['svc_enable', 'true'], ['address', '192.168.0.40']],
];
const setup: fc.Arbitrary<EnvSpecEntry[]> = fc
  .constantFrom(...SETUPS)
  .map((entries) => entries.map(([name, text]) => ({ name, nameQuote: 'plain' as Quote, value: { kind: 'scalar' as const, text, quote: 'double' as const }, flow: false })));

const container: fc.Arbitrary<ContainerSpec> = fc.record({
  image,
  args: fc.constantFrom(...ARGS),
  env: fc.tuple(fc.option(setup, { freq: 2 }), fc.array(envEntry, { maxLength: 12 })).map(([start, rest]) => [...(start ?? []), ...rest]),
  envFrom: fc.boolean(),
  templateIf: fc.tuple(fc.nat(4), fc.nat()).map(([p, n]) => (p === 0 ? n : null)),
  envComment: fc.boolean(),
});

/** A container item at `indent` (the column of its `- `). */
function renderContainer(c: ContainerSpec, indent: string, seqIndent: boolean, envFlow: boolean): string[] {
  const i = `${indent}  `;
  const lines = [`${indent}- name: kube-vip`, `${i}image: ${c.image}`];
  if (c.args) lines.push(...c.args.split('\n').map((l) => `${i}${l}`));
  if (c.envFrom) lines.push(`${i}envFrom:`, `${i}- configMapRef: {name: kube-vip}`);
  if (envFlow && c.env.every((e) => e.value.kind !== 'scalar' || (e.value.quote !== 'literal' && e.value.quote !== 'folded'))) {
    const items = c.env.map((e) => renderEntry({ ...e, flow: true }, '').join('').replace(/^- /, '').replace(/ #.*$/, ''));
    lines.push(`${i}env: [${items.join(', ')}]`);
    return lines;
  }
  lines.push(`${i}env:${c.envComment ? ' # 😀 the env ½' : ''}`);
  const itemIndent = seqIndent ? `${i}  ` : i;
  const entries = c.env.map((e) => renderEntry(e, itemIndent));
  if (c.templateIf !== null && entries.length > 0) {
    const at = c.templateIf % entries.length;
    entries[at] = [`${itemIndent}{{- if .Values.extra }}`, ...entries[at], `${itemIndent}{{- end }}`];
  }
  for (const e of entries) lines.push(...e);
  return lines;
}

type Kind = 'Pod' | 'DaemonSet' | 'Deployment' | 'CronJob' | 'Job';

interface ResourceSpec {
  readonly kind: Kind;
  readonly containers: readonly ContainerSpec[];
  readonly seqIndent: boolean;
  readonly envFlow: boolean;
  readonly anchor: boolean;
}

const resource: fc.Arbitrary<ResourceSpec> = fc.record({
  kind: fc.constantFrom<Kind>('Pod', 'DaemonSet', 'DaemonSet', 'Deployment', 'CronJob', 'Job'),
  containers: fc.array(container, { minLength: 1, maxLength: 2 }),
  seqIndent: fc.boolean(),
  envFlow: fc.nat(9).map((n) => n === 0),
  anchor: fc.boolean(),
});

function renderResource(r: ResourceSpec): string[] {
  const podSpecPath: Record<Kind, string[]> = {
    Pod: ['spec'],
    DaemonSet: ['spec', 'template', 'spec'],
    Deployment: ['spec', 'template', 'spec'],
    Job: ['spec', 'template', 'spec'],
    CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
  };
  const apiVersion = r.kind === 'Pod' ? 'v1' : r.kind === 'CronJob' || r.kind === 'Job' ? 'batch/v1' : 'apps/v1';
  const lines = [`apiVersion: ${apiVersion}`, `kind: ${r.kind}`, 'metadata:', '  name: kube-vip', '  namespace: kube-system'];
  if (r.anchor) lines.push('  annotations:', '    shared: &shared "from-anchor"');
  let indent = '';
  for (const key of podSpecPath[r.kind]) {
    lines.push(`${indent}${key}:`);
    indent += '  ';
    if (key === 'spec' && r.kind !== 'Pod' && indent === '  ') lines.push(`${indent}selector:`, `${indent}  matchLabels: {app: kube-vip}`);
  }
  lines.push(`${indent}hostNetwork: true`, `${indent}containers:`);
  const itemIndent = r.seqIndent ? `${indent}  ` : indent;
  for (const c of r.containers) lines.push(...renderContainer(c, itemIndent, r.seqIndent, r.envFlow));
  return lines;
}

const OTHER_DOCS = [
  'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: kube-vip\n  namespace: kube-system\n',
  'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: kubevip}\ndata:\n  range-global: 192.168.0.220-192.168.0.230\n  image: ghcr.io/kube-vip/kube-vip:v0.8.9\n',
  '# only a comment\n',
  'just a scalar\n',
  '{{- if .Values.enabled }}\n',
];

export type DocShape = { readonly kind: 'resource'; readonly resource: ResourceSpec } | { readonly kind: 'list'; readonly items: readonly ResourceSpec[] } | { readonly kind: 'other'; readonly index: number };

const doc: fc.Arbitrary<DocShape> = fc.oneof(
  { weight: 6, arbitrary: resource.map((r) => ({ kind: 'resource' as const, resource: r })) },
  { weight: 1, arbitrary: fc.array(resource, { minLength: 1, maxLength: 2 }).map((items) => ({ kind: 'list' as const, items })) },
  { weight: 1, arbitrary: fc.nat(OTHER_DOCS.length - 1).map((index) => ({ kind: 'other' as const, index })) },
);

function renderDoc(d: DocShape): string {
  if (d.kind === 'other') return OTHER_DOCS[d.index];
  if (d.kind === 'resource') return `${renderResource(d.resource).join('\n')}\n`;
  const lines = ['apiVersion: v1', 'kind: List', 'items:'];
  for (const item of d.items) {
    const rendered = renderResource(item);
    lines.push(`- ${rendered[0]}`, ...rendered.slice(1).map((l) => `  ${l}`));
  }
  return `${lines.join('\n')}\n`;
}

export interface FileShape {
  readonly docs: readonly DocShape[];
  readonly leadingMarker: boolean;
  readonly comments: readonly { at: number; text: string }[];
  readonly crlf: boolean;
  readonly bom: boolean;
}

/** A whole manifest file: one or more documents, comment lines anywhere, optional CRLF and BOM. */
export const manifest: fc.Arbitrary<string> = fc
  .record({
    docs: fc.array(doc, { minLength: 1, maxLength: 3 }),
    leadingMarker: fc.boolean(),
    comments: fc.array(fc.record({ at: fc.nat(), text: fc.constantFrom('# a comment', '  # 😀 ½ü€ emoji comment', '#', '    # kube-vip-lint-disable-next-line') }), { maxLength: 3 }),
    crlf: fc.nat(9).map((n) => n === 0),
    bom: fc.nat(19).map((n) => n === 0),
  })
  .map((f) => {
    let text = (f.leadingMarker ? '---\n' : '') + f.docs.map(renderDoc).join('---\n');
    if (f.comments.length) {
      const lines = text.split('\n');
      // Before a key or list item: a comment line inside a block scalar would be part of its text.
      for (const c of f.comments) {
        const at = lines.map((l, i) => (/^\s*(- |[\w"']+:)/.test(l) ? i : -1)).filter((i) => i >= 0);
        if (at.length) lines.splice(at[c.at % at.length], 0, c.text);
      }
      text = lines.join('\n');
    }
    if (f.crlf) text = text.replace(/\n/g, '\r\n');
    if (f.bom) text = `\uFEFF${text}`;
    return text;
  });

/**
 * A generated manifest where people really keep them: in a markdown ```yaml fence, in a Cluster API
 * `files[].content` block scalar, or in cloud-init `write_files` (positions and fixes go through a region).
 */
export const embeddedManifest = fc.tuple(manifest, fc.constantFrom('markdown', 'capi', 'cloud-init')).map(([text, where]) => {
  const body = text.replace(/^\uFEFF/, '');
  const indent = (pad: string) => body.split('\n').map((l) => (l.replace(/\r$/, '') ? pad + l : l)).join('\n');
  const eol = body.includes('\r\n') ? '\r\n' : '\n';
  if (where === 'markdown') return ['# kube-vip', '', 'Apply:', '', '```yaml', body.replace(/\r?\n$/, ''), '```', ''].join(eol);
  if (where === 'capi') {
    return ['apiVersion: controlplane.cluster.x-k8s.io/v1beta1', 'kind: KubeadmControlPlane', 'metadata:', '  name: cp', 'spec:', '  kubeadmConfigSpec:', '    files:', '    - path: /etc/kubernetes/manifests/kube-vip.yaml', '      content: |', indent('        ')].join(eol);
  }
  return ['#cloud-config', 'write_files:', '- path: /var/lib/rancher/k3s/server/manifests/kube-vip.yaml', '  content: |', indent('    ')].join(eol);
});

/** A fixture of the project, mutated by a few random edits. */
export const mutatedFixture = fc.tuple(fc.nat(FIXTURES.length - 1), fc.array(mutation, { minLength: 1, maxLength: 4 })).map(([i, ms]) => applyMutations(FIXTURES[i], ms));

/** A generated manifest, mutated by a few random edits. */
export const mutatedManifest = fc.tuple(manifest, fc.array(mutation, { minLength: 1, maxLength: 4 })).map(([t, ms]) => applyMutations(t, ms));

/** Any of the above, mostly valid manifests. */
export const anyText = fc.oneof(
  { weight: 3, arbitrary: manifest },
  { weight: 2, arbitrary: mutatedManifest },
  { weight: 2, arbitrary: mutatedFixture },
  { weight: 1, arbitrary: fc.constantFrom(...FIXTURES) },
  { weight: 1, arbitrary: embeddedManifest },
);

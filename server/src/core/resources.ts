/**
 * The objects around kube-vip that cross-resource rules join on: LoadBalancer Services, the
 * kube-vip-cloud-provider ConfigMap, and RBAC. Each is read once per YAML document into plain data
 * with spans (like pod.ts for containers); rules never read YAML nodes. Each kind has a cheap text
 * pre-filter, so that files without them cost a regular expression and no parse.
 */
import { isMap, isScalar, isSeq } from 'yaml';
import type { YAMLMap } from 'yaml';
import { ParsedChunk, findPair, get, getSeqItems, getString, isRangedScalar } from './parse';
import type { ScalarNode } from './parse';
import { isTemplated } from './model';
import { moveResource, readResource } from './pod';
import type { Resource } from './pod';
import type { Span } from './span';

/** A scalar value with its source span (the value only, quotes included). */
export interface Located<T = string> {
  readonly value: T;
  readonly span: Span;
}

/** A `key: value` entry of a map (annotations, ConfigMap data). */
export interface KeyValue {
  readonly key: string;
  readonly keySpan: Span;
  /** The value when it is a literal YAML string. */
  readonly value?: string;
  /** The value scalar, quotes included. */
  readonly valueSpan?: Span;
  readonly quote?: 'plain' | 'double' | 'single' | 'block';
  /** The YAML value is a boolean, number or null, which the API server rejects for string maps. */
  readonly nonString: boolean;
  /** The value (or key) holds template syntax: unknown here. */
  readonly templated: boolean;
  /** From the key to the end of the value. */
  readonly itemSpan: Span;
}

export interface ServiceFact {
  readonly kind: 'Service';
  readonly resource: Resource;
  readonly annotations: readonly KeyValue[];
  /** spec.type */
  readonly type?: Located;
  readonly loadBalancerIP?: Located;
  readonly loadBalancerClass?: Located;
  readonly ipFamilies: readonly Located[];
  readonly ipFamilyPolicy?: Located;
  /** The Service holds template syntax or aliases somewhere in the fields above. */
  readonly templated: boolean;
}

export interface ConfigMapFact {
  readonly kind: 'ConfigMap';
  readonly resource: Resource;
  readonly data: readonly KeyValue[];
  /** The `data` map, when present. */
  readonly dataSpan?: Span;
}

/** One entry of a Role's `rules`. */
export interface PolicyRuleFact {
  readonly apiGroups: readonly string[];
  readonly resources: readonly string[];
  readonly verbs: readonly string[];
  readonly span: Span;
}

export interface RoleFact {
  readonly kind: 'ClusterRole' | 'Role';
  readonly resource: Resource;
  readonly rules: readonly PolicyRuleFact[];
  /** The `rules:` sequence (block style only; undefined for flow style or none). */
  readonly rulesSpan?: Span;
  /** The rules are not all literal (templates, aliases, an aggregationRule): what it grants is unknown. */
  readonly incomplete: boolean;
}

export interface SubjectFact {
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  readonly span: Span;
}

export interface BindingFact {
  readonly kind: 'ClusterRoleBinding' | 'RoleBinding';
  readonly resource: Resource;
  readonly roleRef?: { readonly kind: string; readonly name: string; readonly span: Span };
  readonly subjects: readonly SubjectFact[];
}

export type ResourceFact = ServiceFact | ConfigMapFact | RoleFact | BindingFact;
export type ResourceKind = ResourceFact['kind'];

const KIND_LINE = /^[ \t]*(?:-[ \t]+)?kind:[ \t]*["']?(Service|ConfigMap|ClusterRole|Role|ClusterRoleBinding|RoleBinding)["']?[ \t]*(?:#.*)?$/m;
const KIND_LINES = new RegExp(KIND_LINE.source, 'gm');
/** What makes a Service or ConfigMap possibly relevant to kube-vip (the rest is never parsed). */
const SERVICE_HINT = /LoadBalancer|kube-vip\.io\//;
const CONFIGMAP_HINT = /\b(?:cidr|range|allow-share)-[\w.-]+["']?[ \t]*:|search-order|skip-end-ips-in-cidr|kubevip|kube-vip/;

/** Cheap pre-filter: could this text hold a resource that kube-vip rules read? */
export function mayHoldResource(text: string): boolean {
  if (!KIND_LINE.test(text)) return false;
  for (const m of text.matchAll(KIND_LINES)) {
    const kind = m[1];
    if (kind === 'Service' ? SERVICE_HINT.test(text) : kind === 'ConfigMap' ? CONFIGMAP_HINT.test(text) : true) return true;
  }
  return false;
}

/** Every Service, ConfigMap, Role and binding in a parsed chunk; spans relative to the chunk. */
export function extractResources(chunk: ParsedChunk): ResourceFact[] {
  const out: ResourceFact[] = [];
  for (const document of chunk.documents) {
    if (document.hasErrors) continue;
    collect(document.doc.contents, chunk.text, out, 0);
  }
  return out;
}

function collect(node: unknown, text: string, out: ResourceFact[], depth: number): void {
  if (!isMap(node) || depth > 8) return;
  const kind = getString(node, 'kind');
  if (kind === undefined) return;
  if (kind === 'List' || kind.endsWith('List')) {
    for (const item of getSeqItems(node, 'items')) collect(item, text, out, depth + 1);
    return;
  }
  const fact = readFact(node, kind, text);
  if (fact) out.push(fact);
}

function readFact(node: YAMLMap, kind: string, text: string): ResourceFact | undefined {
  switch (kind) {
    case 'Service':
      return readService(node, text);
    case 'ConfigMap':
      return { kind, resource: readResource(node, kind), data: keyValues(get(node, 'data'), text), dataSpan: spanOfNode(get(node, 'data')) };
    case 'ClusterRole':
    case 'Role':
      return readRole(node, kind, text);
    case 'ClusterRoleBinding':
    case 'RoleBinding':
      return readBinding(node, kind);
    default:
      return undefined;
  }
}


function readService(node: YAMLMap, text: string): ServiceFact | undefined {
  const spec = get(node, 'spec');
  const annotations = keyValues(get(get(node, 'metadata'), 'annotations'), text);
  const families = get(spec, 'ipFamilies');
  const ipFamilies = isSeq(families) ? families.items.flatMap((item) => located(item)) : [];
  const fields = { type: located(get(spec, 'type'))[0], loadBalancerIP: located(get(spec, 'loadBalancerIP'))[0], loadBalancerClass: located(get(spec, 'loadBalancerClass'))[0], ipFamilyPolicy: located(get(spec, 'ipFamilyPolicy'))[0] };
  const templated =
    [fields.type, fields.loadBalancerIP, fields.loadBalancerClass, fields.ipFamilyPolicy, ...ipFamilies].some((f) => f && isTemplated(f.value)) ||
    annotations.some((a) => a.templated) ||
    (isMap(spec) && spec.items.some((pair) => !isScalar(pair.key)));
  return { kind: 'Service', resource: readResource(node, 'Service'), annotations, ...fields, ipFamilies, templated };
}

function readRole(node: YAMLMap, kind: 'ClusterRole' | 'Role', _text: string): RoleFact {
  const pair = findPair(node, 'rules');
  const seq = pair?.value;
  const rules: PolicyRuleFact[] = [];
  let incomplete = get(node, 'aggregationRule') !== undefined || (pair !== undefined && !isSeq(seq));
  if (isSeq(seq)) {
    for (const item of seq.items) {
      if (!isMap(item) || !item.range) {
        incomplete = true;
        continue;
      }
      const list = (key: string) => {
        const value = get(item, key);
        if (value === undefined) return [];
        if (!isSeq(value)) {
          incomplete = true;
          return [];
        }
        return value.items.flatMap((v) => {
          if (isScalar(v) && typeof v.value === 'string' && !isTemplated(v.value)) return [v.value];
          incomplete = true;
          return [];
        });
      };
      rules.push({ apiGroups: list('apiGroups'), resources: list('resources'), verbs: list('verbs'), span: { start: item.range[0], end: item.range[1] } });
    }
  }
  const block = isSeq(seq) && seq.range && !(seq as { flow?: boolean }).flow;
  return { kind, resource: readResource(node, kind), rules, rulesSpan: block ? { start: seq.range![0], end: seq.range![1] } : undefined, incomplete };
}

function readBinding(node: YAMLMap, kind: 'ClusterRoleBinding' | 'RoleBinding'): BindingFact {
  const ref = get(node, 'roleRef');
  const refKind = getString(ref, 'kind');
  const refName = getString(ref, 'name');
  const subjects: SubjectFact[] = [];
  for (const item of getSeqItems(node, 'subjects')) {
    const subjectKind = getString(item, 'kind');
    const name = getString(item, 'name');
    if (!isMap(item) || !item.range || !subjectKind || !name) continue;
    subjects.push({ kind: subjectKind, name, namespace: getString(item, 'namespace'), span: { start: item.range[0], end: item.range[1] } });
  }
  return {
    kind,
    resource: readResource(node, kind),
    roleRef: refKind && refName && isMap(ref) && ref.range ? { kind: refKind, name: refName, span: { start: ref.range[0], end: ref.range[1] } } : undefined,
    subjects,
  };
}

/** A scalar as a one-element list, or empty. */
function located(node: unknown): Located[] {
  if (!isRangedScalar(node) || node.value == null) return [];
  return [{ value: String(node.value), span: scalarSpan(node) }];
}

function scalarSpan(node: ScalarNode): Span {
  return { start: node.range[0], end: node.range[1] };
}

function spanOfNode(node: unknown): Span | undefined {
  const range = (node as { range?: [number, number, number] } | undefined)?.range;
  return range ? { start: range[0], end: range[1] } : undefined;
}

function keyValues(node: unknown, text: string): KeyValue[] {
  const out: KeyValue[] = [];
  if (!isMap(node)) return out;
  for (const pair of node.items) {
    if (!isRangedScalar(pair.key) || pair.key.value == null) continue;
    const key = String(pair.key.value);
    const keySpan = scalarSpan(pair.key);
    const value = pair.value;
    if (!isRangedScalar(value)) {
      out.push({ key, keySpan, nonString: false, templated: isTemplated(key) || value != null, itemSpan: keySpan });
      continue;
    }
    const valueSpan = scalarSpan(value);
    const isString = typeof value.value === 'string';
    const raw = text.slice(valueSpan.start, valueSpan.end);
    out.push({
      key,
      keySpan,
      value: isString ? (value.value as string) : undefined,
      valueSpan,
      quote: value.type === 'QUOTE_DOUBLE' ? 'double' : value.type === 'QUOTE_SINGLE' ? 'single' : value.type === 'BLOCK_LITERAL' || value.type === 'BLOCK_FOLDED' ? 'block' : 'plain',
      nonString: !isString && value.value !== null,
      templated: isTemplated(key) || isTemplated(raw),
      itemSpan: { start: keySpan.start, end: valueSpan.end },
    });
  }
  return out;
}

/** The same fact with every span moved through `move` (a chunk's offset, or a region's mapping). */
export function moveResourceFact(fact: ResourceFact, move: (s: Span) => Span): ResourceFact {
  const resource = moveResource(fact.resource, move);
  const loc = (l: Located | undefined) => l && { ...l, span: move(l.span) };
  const kv = (e: KeyValue): KeyValue => ({ ...e, keySpan: move(e.keySpan), valueSpan: e.valueSpan && move(e.valueSpan), itemSpan: move(e.itemSpan) });
  switch (fact.kind) {
    case 'Service':
      return { ...fact, resource, annotations: fact.annotations.map(kv), type: loc(fact.type), loadBalancerIP: loc(fact.loadBalancerIP), loadBalancerClass: loc(fact.loadBalancerClass), ipFamilyPolicy: loc(fact.ipFamilyPolicy), ipFamilies: fact.ipFamilies.map((l) => loc(l)!) };
    case 'ConfigMap':
      return { ...fact, resource, data: fact.data.map(kv), dataSpan: fact.dataSpan && move(fact.dataSpan) };
    case 'ClusterRole':
    case 'Role':
      return { ...fact, resource, rules: fact.rules.map((r) => ({ ...r, span: move(r.span) })), rulesSpan: fact.rulesSpan && move(fact.rulesSpan) };
    default:
      return { ...fact, resource, roleRef: fact.roleRef && { ...fact.roleRef, span: move(fact.roleRef.span) }, subjects: fact.subjects.map((s) => ({ ...s, span: move(s.span) })) };
  }
}

/** Parsed YAML -> the kube-vip containers it declares, with every env entry and its source range. */
import { isAlias, isMap, isScalar, isSeq } from 'yaml';
import type { YAMLMap } from 'yaml';
import { findPair, get, getSeqItems, getString, isRangedScalar, ParsedChunk, ParsedDocument, ScalarNode } from './parse';
import { NEWEST_KNOWN_RELEASE, parseVersion, Version } from './version';
import type { ImageOverride } from './types';

/** A source range as [start, end) offsets into the file text (UTF-16 code units). */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export type QuoteStyle = 'plain' | 'double' | 'single' | 'block';

export interface EnvEntry {
  /** Position in the env list, 0-based. */
  readonly index: number;
  readonly name: string;
  readonly nameSpan: Span;
  /** The whole list item, for diagnostics that concern the entry rather than its value. */
  readonly itemSpan: Span;
  /**
   * The value as Kubernetes would pass it, when it is a literal string. Undefined when the entry
   * has no `value`, uses `valueFrom`, is templated, or the YAML value is not a string.
   */
  readonly value?: string;
  /** The value scalar's source, quotes included (a string or not). */
  readonly valueSpan?: Span;
  readonly quote?: QuoteStyle;
  /** The YAML value is a boolean, number or null: the API server rejects it (unless null). */
  readonly nonString: boolean;
  /** The value comes from `valueFrom` (a ConfigMap, Secret or field reference): unknown here. */
  readonly fromRef: boolean;
  /** The value holds template syntax (Helm, Jinja, envsubst): unknown here. */
  readonly templated: boolean;
}

export interface KubeVipContainer {
  readonly image: string;
  readonly imageSpan: Span;
  /** The span of the container's `name` value, or of its image when unnamed. */
  readonly anchorSpan: Span;
  /** kube-vip-iptables image flavour (has iptables binaries). */
  readonly iptablesImage: boolean;
  readonly version: Version;
  /** False when the tag did not name a version and `version` came from settings. */
  readonly versionFromTag: boolean;
  readonly env: readonly EnvEntry[];
  /** Last entry for each name: the one Kubernetes passes to the process. */
  readonly envByName: ReadonlyMap<string, EnvEntry>;
  readonly args: readonly { value: string; span: Span }[];
  /** The container has `envFrom`: variables may come from a ConfigMap or Secret we cannot see. */
  readonly hasEnvFrom: boolean;
  /** The kind of the resource that holds the container (DaemonSet, Pod, ...). */
  readonly resourceKind: string;
  /**
   * The pod spec node (volumes, hostAliases, hostNetwork), for pod-level rules. Its ranges are
   * relative to `documentOffset`, like every node of `document`.
   */
  readonly podSpec?: YAMLMap;
  /** The YAML document holding the container. Its node ranges are relative to `documentOffset`. */
  readonly document: ParsedDocument;
  readonly documentOffset: number;
  /**
   * The container holds template control lines (`{% if %}`), so some env entries may not be rendered,
   * or entries the linter does not resolve (an alias `env: *common`, a merge key `<<: *base`): rules
   * that reason about the whole env (missing or conflicting variables) must not run.
   */
  readonly conditional: boolean;
}

export interface ModelOptions {
  /** kube-vip version to assume when an image tag does not name one. */
  readonly kubeVipVersion?: string;
  /** The Helm chart version the outer document names (HelmChart, Argo CD), for values embedded in it. */
  readonly chartVersion?: string;
  /** Kustomize image overrides that apply to this file. */
  readonly imageOverrides?: readonly ImageOverride[];
}

const KUBE_VIP_REPOS = [/(^|\/)kube-vip\/kube-vip$/, /(^|\/)kube-vip\/kube-vip-iptables$/, /(^|\/)plndr\/kube-vip$/];
const TEMPLATE_RE = /\{\{|\{%|\$\{|\$\(|\$[A-Za-z_]|<%|\[\[/;

/** True when text contains Helm, Jinja, envsubst or similar template syntax. */
export function isTemplated(text: string): boolean {
  return TEMPLATE_RE.test(text);
}

export interface ImageRef {
  readonly repository: string;
  readonly tag?: string;
  readonly digest?: string;
}

/** Splits "registry/repo:tag@digest". */
export function parseImage(image: string): ImageRef {
  let rest = image.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  let tag: string | undefined;
  if (colon > slash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  return { repository: rest, tag, digest };
}

/** Pod kinds whose pod spec sits at a known path. */
const POD_SPEC_PATHS: Record<string, readonly string[]> = {
  Pod: ['spec'],
  PodTemplate: ['template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

/**
 * Finds every kube-vip container in a parsed chunk; spans are relative to the chunk (see
 * shiftContainer). Documents with YAML errors are skipped.
 */
export function findKubeVipContainers(chunk: ParsedChunk, options: ModelOptions = {}): KubeVipContainer[] {
  const out: KubeVipContainer[] = [];
  for (const document of chunk.documents) {
    if (document.hasErrors) continue;
    collectFromResource(document.doc.contents, document, { ...options, controlLines: chunk.templateControlLines }, out, 0);
  }
  return out;
}

/** The same container with every span moved by `delta` (a chunk's offset in its file). */
export function shiftContainer(container: KubeVipContainer, delta: number): KubeVipContainer {
  if (delta === 0) return container;
  const env = container.env.map((e) => ({
    ...e,
    nameSpan: shift(e.nameSpan, delta),
    itemSpan: shift(e.itemSpan, delta),
    valueSpan: e.valueSpan && shift(e.valueSpan, delta),
  }));
  return {
    ...container,
    imageSpan: shift(container.imageSpan, delta),
    anchorSpan: shift(container.anchorSpan, delta),
    env,
    envByName: byName(env),
    args: container.args.map((a) => ({ value: a.value, span: shift(a.span, delta) })),
    documentOffset: container.documentOffset + delta,
  };
}

export function shift(span: Span, delta: number): Span {
  return { start: span.start + delta, end: span.end + delta };
}

/** Last entry for each name, as Kubernetes passes it. */
function byName(env: readonly EnvEntry[]): Map<string, EnvEntry> {
  const map = new Map<string, EnvEntry>();
  for (const entry of env) map.set(entry.name, entry);
  return map;
}

interface WalkOptions extends ModelOptions {
  readonly controlLines: readonly Span[];
}

function collectFromResource(node: unknown, document: ParsedDocument, options: WalkOptions, out: KubeVipContainer[], depth: number): void {
  if (!isMap(node) || depth > 8) return;
  const kind = getString(node, 'kind');
  if (kind === undefined) return;
  if (kind === 'List' || kind.endsWith('List')) {
    for (const item of getSeqItems(node, 'items')) collectFromResource(item, document, options, out, depth + 1);
    return;
  }
  const path = POD_SPEC_PATHS[kind];
  if (!path) return;
  let spec: unknown = node;
  for (const key of path) spec = get(spec, key);
  for (const key of ['initContainers', 'containers']) {
    for (const container of getSeqItems(spec, key)) {
      const found = readContainer(container, document, options, kind, isMap(spec) ? spec : undefined);
      if (found) out.push(found);
    }
  }
}

function readContainer(node: unknown, document: ParsedDocument, options: WalkOptions, resourceKind: string, podSpec: YAMLMap | undefined): KubeVipContainer | undefined {
  if (!isMap(node) || !node.range) return undefined;
  const [from, , to] = node.range;
  const imageNode = get(node, 'image');
  if (!isRangedScalar(imageNode) || typeof imageNode.value !== 'string') return undefined;
  const image = imageNode.value;
  const ref = parseImage(image);
  if (!KUBE_VIP_REPOS.some((re) => re.test(ref.repository))) return undefined;
  const tagVersion = ref.tag && !isTemplated(ref.tag) ? parseVersion(ref.tag) : undefined;
  const version = tagVersion ?? parseVersion(options.kubeVipVersion || NEWEST_KNOWN_RELEASE) ?? parseVersion(NEWEST_KNOWN_RELEASE)!;
  const env = readEnv(node);
  const nameNode = get(node, 'name');
  const imageSpan = spanOf(imageNode);
  return {
    image,
    imageSpan,
    anchorSpan: isRangedScalar(nameNode) ? spanOf(nameNode) : imageSpan,
    iptablesImage: /kube-vip-iptables$/.test(ref.repository),
    version,
    versionFromTag: tagVersion !== undefined,
    env,
    envByName: byName(env),
    args: readArgs(node),
    hasEnvFrom: get(node, 'envFrom') !== undefined,
    resourceKind,
    podSpec,
    document,
    documentOffset: 0,
    conditional: hidesEnv(node) || options.controlLines.some((line) => line.start >= from && line.start < to),
  };
}

/**
 * True when the env may hold entries the model cannot read: an alias or a merge key (never resolved:
 * alias bombs), or an env that is not a list of maps (a typo the API server rejects anyway).
 */
function hidesEnv(container: YAMLMap): boolean {
  const env = findPair(container, 'env')?.value;
  if (hasMergeKey(container)) return true;
  if (env == null || (isScalar(env) && env.value === null)) return false;
  if (!isSeq(env)) return true;
  return env.items.some((item) => !isMap(item) || hasMergeKey(item));
}

function hasMergeKey(map: YAMLMap): boolean {
  return map.items.some((pair) => isScalar(pair.key) && (pair.key.value === '<<' || typeof pair.key.value === 'symbol'));
}

function readEnv(container: YAMLMap): EnvEntry[] {
  const entries: EnvEntry[] = [];
  getSeqItems(container, 'env').forEach((item, index) => {
    if (!isMap(item) || !item.range) return;
    const nameNode = get(item, 'name');
    if (!isRangedScalar(nameNode) || typeof nameNode.value !== 'string') return;
    const valuePair = findPair(item, 'value');
    const rawValue = valuePair?.value;
    const fromRef = get(item, 'valueFrom') !== undefined;
    const valueNode = isRangedScalar(rawValue) ? rawValue : undefined;
    const text = valueNode && scalarString(valueNode);
    const isString = text !== undefined;
    const templated = (isString && isTemplated(text)) || (rawValue != null && !valueNode) || isAlias(rawValue);
    entries.push({
      index,
      name: nameNode.value,
      nameSpan: spanOf(nameNode),
      itemSpan: { start: item.range[0], end: item.range[1] },
      value: isString && !templated ? text : undefined,
      valueSpan: valueNode ? spanOf(valueNode) : undefined,
      quote: valueNode ? quoteStyle(valueNode) : undefined,
      nonString: valueNode !== undefined && valueNode.value !== null && !isString,
      fromRef,
      templated,
    });
  });
  return entries;
}

/**
 * The string Kubernetes sees for a scalar, or undefined when it is not a string. Kubernetes decodes
 * with go-yaml v2, which keeps YAML 1.1 timestamps (2001-12-14) and base-60 numbers (10:30) as
 * plain strings, unlike booleans and decimal numbers.
 */
function scalarString(node: ScalarNode): string | undefined {
  if (typeof node.value === 'string') return node.value;
  const plain = node.type === 'PLAIN' && typeof node.source === 'string';
  if (plain && (node.value instanceof Date || node.format === 'TIME')) return node.source;
  return undefined;
}

function readArgs(container: YAMLMap): { value: string; span: Span }[] {
  const args: { value: string; span: Span }[] = [];
  for (const key of ['command', 'args']) {
    const seq = get(container, key);
    if (!isSeq(seq)) continue;
    for (const item of seq.items) {
      if (isRangedScalar(item) && isScalar(item) && typeof item.value === 'string') args.push({ value: item.value, span: spanOf(item) });
    }
  }
  return args;
}

function quoteStyle(node: ScalarNode): QuoteStyle {
  switch (node.type) {
    case 'QUOTE_DOUBLE':
      return 'double';
    case 'QUOTE_SINGLE':
      return 'single';
    case 'BLOCK_FOLDED':
    case 'BLOCK_LITERAL':
      return 'block';
    default:
      return 'plain';
  }
}

/** The source span of a scalar, quotes included, trailing comment and whitespace excluded. */
export function spanOf(node: ScalarNode): Span {
  return { start: node.range[0], end: node.range[1] };
}

/**
 * The resource layer: what rules may know about the resource and pod around a kube-vip container, as
 * plain data with spans. Rules never read YAML nodes; this module does, once, while the model is built.
 */
import { isMap, isScalar, isSeq } from 'yaml';
import type { YAMLMap } from 'yaml';
import { findPair, get, getSeqItems, getString, isRangedScalar } from './parse';
import type { Span } from './span';

/** A Kubernetes object: its kind, identity and metadata. */
export interface Resource {
  readonly kind: string;
  readonly name?: string;
  /** The `metadata.name` value. */
  readonly nameSpan?: Span;
  readonly namespace?: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  /** The whole object. */
  readonly span: Span;
}

/** A volume mount of the container, with the hostPath volume behind it. */
export interface Mount {
  readonly mountPath: string;
  readonly mountSpan: Span;
  readonly hostPath?: string;
  readonly hostPathSpan?: Span;
}

/** The pod-level facts pod rules need. */
export interface PodFacts {
  readonly hostNetwork: boolean;
  /** Whether hostAliases maps the name "kubernetes"; 'unknown' when the list is not literal (an alias, a template). */
  readonly kubernetesAlias: 'present' | 'absent' | 'unknown';
  /** The kube-vip container's volume mounts. */
  readonly mounts: readonly Mount[];
  /** spec.serviceAccountName (or the deprecated serviceAccount); undefined = "default", or not literal. */
  readonly serviceAccountName?: string;
  /** The service account is templated, so RBAC cannot be matched to it. */
  readonly serviceAccountUnknown: boolean;
  /** spec.nodeSelector, literal string pairs only. */
  readonly nodeSelector: Readonly<Record<string, string>>;
  /** The pod has nodeSelector/affinity/tolerations the linter does not compare: where it runs is partly unknown. */
  readonly placementUnknown: boolean;
}

const span = (range: readonly number[] | undefined | null): Span => ({ start: range?.[0] ?? 0, end: range?.[2] ?? range?.[1] ?? 0 });

/** Reads a resource's kind and metadata; undefined without a literal kind. */
export function readResource(node: YAMLMap, kind: string): Resource {
  const metadata = get(node, 'metadata');
  return {
    kind,
    name: getString(metadata, 'name'),
    nameSpan: nameSpan(get(metadata, 'name')),
    namespace: getString(metadata, 'namespace'),
    labels: stringMap(get(metadata, 'labels')),
    annotations: stringMap(get(metadata, 'annotations')),
    span: span(node.range),
  };
}

function nameSpan(node: unknown): Span | undefined {
  return isRangedScalar(node) ? { start: node.range[0], end: node.range[1] } : undefined;
}

function stringMap(node: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isMap(node)) return out;
  for (const pair of node.items) {
    if (isScalar(pair.key) && isScalar(pair.value) && pair.key.value != null && pair.value.value != null) out[String(pair.key.value)] = String(pair.value.value);
  }
  return out;
}

/** The pod facts around `container` (a container map of `podSpec`). */
export function readPod(podSpec: YAMLMap, container: YAMLMap, isTemplated: (text: string) => boolean): PodFacts {
  const hostNetwork = get(podSpec, 'hostNetwork');
  const account = getString(podSpec, 'serviceAccountName') ?? getString(podSpec, 'serviceAccount');
  return {
    hostNetwork: isScalar(hostNetwork) && hostNetwork.value === true,
    kubernetesAlias: kubernetesAlias(podSpec, isTemplated),
    mounts: mounts(podSpec, container),
    serviceAccountName: account && !isTemplated(account) ? account : undefined,
    serviceAccountUnknown: account !== undefined && isTemplated(account),
    nodeSelector: stringMap(get(podSpec, 'nodeSelector')),
    placementUnknown: get(podSpec, 'affinity') !== undefined,
  };
}

function mounts(podSpec: YAMLMap, container: YAMLMap): Mount[] {
  const volumes = new Map<string, unknown>();
  for (const volume of getSeqItems(podSpec, 'volumes')) {
    const name = get(volume, 'name');
    if (isScalar(name) && typeof name.value === 'string') volumes.set(name.value, volume);
  }
  const out: Mount[] = [];
  for (const item of getSeqItems(container, 'volumeMounts')) {
    const path = get(item, 'mountPath');
    const name = get(item, 'name');
    if (!isRangedScalar(path) || typeof path.value !== 'string' || !isScalar(name) || typeof name.value !== 'string') continue;
    const hostPath = get(get(volumes.get(name.value), 'hostPath'), 'path');
    const host = isRangedScalar(hostPath) && typeof hostPath.value === 'string' ? hostPath : undefined;
    out.push({
      mountPath: path.value,
      mountSpan: { start: path.range[0], end: path.range[1] },
      hostPath: host?.value as string | undefined,
      hostPathSpan: host && { start: host.range[0], end: host.range[1] },
    });
  }
  return out;
}

function kubernetesAlias(podSpec: YAMLMap, isTemplated: (text: string) => boolean): PodFacts['kubernetesAlias'] {
  const pair = findPair(podSpec, 'hostAliases');
  if (!pair) return 'absent';
  if (!isSeq(pair.value)) return 'unknown';
  let state: PodFacts['kubernetesAlias'] = 'absent';
  for (const alias of pair.value.items) {
    const names = isMap(alias) ? findPair(alias, 'hostnames')?.value : undefined;
    if (!isSeq(names)) return 'unknown';
    for (const name of names.items) {
      if (!isScalar(name) || typeof name.value !== 'string' || isTemplated(name.value)) state = 'unknown';
      else if (name.value === 'kubernetes') return 'present';
    }
  }
  return state;
}

/** The same resource with its spans moved through `move`. */
export function moveResource(resource: Resource, move: (s: Span) => Span): Resource {
  return { ...resource, span: move(resource.span), nameSpan: resource.nameSpan && move(resource.nameSpan) };
}

/** The same facts with every span moved through `move` (a chunk's offset, or a region's mapping). */
export function movePod(pod: PodFacts, move: (s: Span) => Span): PodFacts {
  return { ...pod, mounts: pod.mounts.map((m) => ({ ...m, mountSpan: move(m.mountSpan), hostPathSpan: m.hostPathSpan && move(m.hostPathSpan) })) };
}

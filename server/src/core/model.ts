/** Parsed YAML -> the kube-vip containers it declares, with every env entry and its source range. */
import { isAlias, isMap, isScalar, isSeq } from 'yaml';
import type { YAMLMap } from 'yaml';
import { RESEARCHED_FROM } from './catalog/behaviour';
import { lookup } from './catalog';
import { findHelmValuesContainers } from './helm';
import { findPair, get, getSeqItems, getString, isRangedScalar, ParsedChunk, ParsedDocument, ScalarNode } from './parse';
import type { ImageOverride } from './types';
import { atLeast, formatVersion, NEWEST_KNOWN_RELEASE, parseVersion, v, Version } from './version';

import { movePod, moveResource, readPod, readResource } from './pod';
import type { PodFacts, Resource } from './pod';
import type { Span } from './span';
export type { Span };

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
  /**
   * Helm values: the entry is a `name: value` pair of the chart's `env` map (or `config.address`), not
   * an env list item. itemSpan then covers the pair, from its key to the end of its value.
   */
  readonly pair?: boolean;
  /**
   * Helm values: the number as written, when the chart's `quote` passes it in another form (Helm reads
   * numbers as float64: 4200000000 becomes "4.2e+09", which is then `value`).
   */
  readonly written?: string;
}

export interface KubeVipContainer {
  readonly image: string;
  readonly imageSpan: Span;
  /** Where the tag is written when it is not part of the image value: Helm values `image.tag`. */
  readonly tagSpan?: Span;
  /** The span of the container's `name` value, or of its image when unnamed. */
  readonly anchorSpan: Span;
  /** kube-vip-iptables image flavour (has iptables binaries). */
  readonly iptablesImage: boolean;
  /** The version the findings are for (RESEARCHED_FROM for older images: see `imageVersion`). */
  readonly version: Version;
  /** True only when `version` is the one the image tag in this file names. */
  readonly versionFromTag: boolean;
  /**
   * Where the version comes from: the image tag, the context (a kustomization.yaml `images:` entry,
   * the Helm chart's default tag) or the kubeVipLint.kubeVipVersion setting (assumed).
   */
  readonly versionSource: VersionSource;
  /** How the context named the version ("from kustomization.yaml"), for messages; only for 'context'. */
  readonly versionNote?: string;
  /** The version the image names, when older than the facts cover and `version` is RESEARCHED_FROM instead. */
  readonly imageVersion?: Version;
  /** What could not be checked for this container and why, in one sentence the user can act on. */
  readonly coverage?: Coverage;
  readonly env: readonly EnvEntry[];
  /** Last entry for each name: the one Kubernetes passes to the process. */
  readonly envByName: ReadonlyMap<string, EnvEntry>;
  readonly args: readonly { value: string; span: Span }[];
  /** The container has `envFrom`: variables may come from a ConfigMap or Secret we cannot see. */
  readonly hasEnvFrom: boolean;
  /** The kind of the resource that holds the container (DaemonSet, Pod, ...). */
  readonly resourceKind: string;
  /** The resource that holds the container (kind, name, namespace, labels, annotations); none for excerpts and Helm values. */
  readonly resource?: Resource;
  /** The pod around the container (hostNetwork, hostAliases, the container's volume mounts), as plain data. */
  readonly pod?: PodFacts;
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

export type VersionSource = 'tag' | 'context' | 'setting';

/** What could not be checked for a container; the linter reports it as an info finding `not-checked`. */
export interface Coverage {
  readonly reason: 'templated-image' | 'too-old' | 'assumed-version';
  /** The headline (Finding.message). */
  readonly message: string;
  readonly detail: string;
}

export interface ModelOptions {
  /** kube-vip version to assume when an image tag does not name one. */
  readonly kubeVipVersion?: string;
  /** The Helm chart version the outer document names (HelmChart, Argo CD), for values embedded in it. */
  readonly chartVersion?: string;
  /** Kustomize image overrides that apply to this file. */
  readonly imageOverrides?: readonly ImageOverride[];
}

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
 * Finds every kube-vip container in a parsed chunk, and the kube-vip Helm values it holds (helm.ts);
 * spans are relative to the chunk (see shiftContainer). Documents with YAML errors are skipped.
 */
export function findKubeVipContainers(chunk: ParsedChunk, options: ModelOptions = {}): KubeVipContainer[] {
  const out: KubeVipContainer[] = [];
  for (const document of chunk.documents) {
    if (document.hasErrors) continue;
    const walk: WalkOptions = { ...options, controlLines: chunk.templateControlLines, source: chunk.text };
    const before = out.length;
    collectFromResource(document.doc.contents, document, walk, out, 0);
    out.push(...findHelmValuesContainers(document, options));
    if (out.length === before) collectFragment(document.doc.contents, document, walk, out);
  }
  return out;
}

/** The same container with every span moved by `delta` (a chunk's offset in its file). */
export function shiftContainer(container: KubeVipContainer, delta: number): KubeVipContainer {
  return delta === 0 ? container : moveContainer(container, (s) => shift(s, delta), container.documentOffset + delta);
}

/**
 * The same container with every span moved through `move`: a shift, or a region's line-by-line map.
 * `documentOffset` is where its document's node ranges start; NaN when no single offset maps them
 * (a re-indented region), so features that read nodes (completion) find no container there.
 */
export function moveContainer(container: KubeVipContainer, move: (span: Span) => Span, documentOffset: number): KubeVipContainer {
  const env = container.env.map((e) => ({ ...e, nameSpan: move(e.nameSpan), itemSpan: move(e.itemSpan), valueSpan: e.valueSpan && move(e.valueSpan) }));
  return {
    ...container,
    imageSpan: move(container.imageSpan),
    ...(container.tagSpan && { tagSpan: move(container.tagSpan) }),
    anchorSpan: move(container.anchorSpan),
    env,
    envByName: byName(env),
    args: container.args.map((a) => ({ value: a.value, span: move(a.span) })),
    resource: container.resource && moveResource(container.resource, move),
    pod: container.pod && movePod(container.pod, move),
    documentOffset,
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
  /** The chunk's original text: template syntax is masked in node values. */
  readonly source: string;
}

function collectFromResource(node: unknown, document: ParsedDocument, options: WalkOptions, out: KubeVipContainer[], depth: number): void {
  if (!isMap(node) || depth > 8) return;
  const kind = getString(node, 'kind');
  // `kubectl get -o yaml` writes `kind: List` last; an excerpt may stop before it: `apiVersion` + `items` is a list too.
  const list = kind === undefined ? getString(node, 'apiVersion') !== undefined && getSeqItems(node, 'items').length > 0 : kind === 'List' || kind.endsWith('List');
  if (kind === undefined && !list) return;
  if (list) {
    for (const item of getSeqItems(node, 'items')) collectFromResource(item, document, options, out, depth + 1);
    return;
  }
  const path = POD_SPEC_PATHS[kind!];
  if (!path) return;
  let spec: unknown = node;
  for (const key of path) spec = get(spec, key);
  const resource = readResource(node, kind!);
  for (const key of ['initContainers', 'containers']) {
    for (const container of getSeqItems(spec, key)) {
      const found = readContainer(container, document, options, kind!, isMap(spec) ? spec : undefined, resource);
      if (found) out.push(found);
    }
  }
}

function readContainer(node: unknown, document: ParsedDocument, options: WalkOptions, resourceKind: string, podSpec?: YAMLMap, resource?: Resource): KubeVipContainer | undefined {
  if (!isMap(node) || !node.range) return undefined;
  const [from, , to] = node.range;
  const imageNode = get(node, 'image');
  if (!isRangedScalar(imageNode) || typeof imageNode.value !== 'string') return undefined;
  const image = writtenText(imageNode, options.source);
  const override = findOverride(image, options.imageOverrides);
  const effective = override ? applyOverride(image, override) : image;
  const ref = parseImage(effective);
  const env = readEnv(node);
  const args = readArgs(node);
  const nameNode = get(node, 'name');
  const name = isRangedScalar(nameNode) && typeof nameNode.value === 'string' ? nameNode.value : undefined;
  const kind = imageKind(ref.repository);
  if (kind === 'other' || (kind === 'unknown' && !looksLikeKubeVip(image, name, args, env))) return undefined;
  const imageSpan = spanOf(imageNode);
  const overridden = override && (override.newTag !== undefined || override.digest !== undefined);
  const versioned = resolveVersion(
    {
      image: effective,
      tag: ref.tag,
      digest: ref.digest,
      templatedImage: kind === 'unknown',
      context: overridden && ref.tag ? { tag: ref.tag, note: 'from kustomization.yaml' } : undefined,
      tagless: overridden && !ref.tag ? 'kustomization.yaml pins the image by digest' : undefined,
    },
    options,
  );
  return {
    image,
    imageSpan,
    anchorSpan: isRangedScalar(nameNode) ? spanOf(nameNode) : imageSpan,
    iptablesImage: /kube-vip-iptables$/.test(ref.repository),
    ...versioned,
    env,
    envByName: byName(env),
    args,
    hasEnvFrom: get(node, 'envFrom') !== undefined,
    resourceKind,
    resource,
    pod: podSpec && readPod(podSpec, node, isTemplated),
    document,
    documentOffset: 0,
    conditional: hidesEnv(node) || options.controlLines.some((line) => line.start >= from && line.start < to),
  };
}

/** A scalar as written in the original text (template syntax unmasked), without its quotes. */
function writtenText(node: ScalarNode, source: string): string {
  if (typeof node.value !== 'string' || !isTemplated(node.value)) return String(node.value);
  const raw = source.slice(node.range[0], node.range[1]);
  const quote = quoteStyle(node);
  if (quote === 'double' || quote === 'single') return raw.slice(1, -1);
  return quote === 'plain' ? raw : String(node.value);
}

/**
 * The last path segment of a kube-vip image, under any registry or organisation: ghcr.io/kube-vip/…,
 * plndr/…, a mirror (registry.corp/mirror/kube-vip:v1.0.4), and Rancher's flattened mirrors
 * (rancher/mirrored-kube-vip-kube-vip-iptables, used by Harvester).
 */
const KUBE_VIP_IMAGE_NAME = /^(?:mirrored-kube-vip-)?kube-vip(-iptables)?$/;

/**
 * What an image's repository says: 'kube-vip' (its last path segment is a kube-vip image name),
 * 'unknown' (that segment is a template: `{{ kube_vip_image_repo }}`, `{{ .ImagePath }}`, `${IMAGE}`)
 * or 'other' (anything else, including look-alikes such as kube-vip-cloud-provider).
 */
export function imageKind(repository: string): 'kube-vip' | 'unknown' | 'other' {
  const segment = repository.slice(repository.lastIndexOf('/') + 1);
  if (isTemplated(segment) || /\}\}|%\}|\}/.test(segment) || segment.trim() === '') return 'unknown';
  return KUBE_VIP_IMAGE_NAME.test(segment) ? 'kube-vip' : 'other';
}

/** Env names only kube-vip reads: catalog names with a kube-vip prefix (not port, address, HOME, ...). */
const KUBE_VIP_ENV_PREFIX = /^(?:vip|cp|svc|bgp|mpbgp|lb|egress|zebra)_/;

/**
 * Where a text shows that it configures kube-vip (not merely names it, as RBAC objects and Service
 * annotations do): an `image:`/`repository:` naming a kube-vip image (its last segment, or a template
 * naming kube-vip), or two different kube-vip env names as env `name:`s or map keys. The span of the
 * first piece of evidence, or undefined.
 */
export function kubeVipEvidence(text: string): Span | undefined {
  for (const re of IMAGE_EVIDENCE) {
    const m = re.exec(text);
    if (m) return groupSpan(m);
  }
  // Env names: two different kube-vip variables, so that one word in prose or another app's env is not enough.
  const names = new RegExp(ENV_NAME_EVIDENCE, 'gm');
  let first: Span | undefined;
  const seen = new Set<string>();
  for (let m = names.exec(text); m; m = names.exec(text)) {
    if (!lookup(m[1])) continue;
    first ??= groupSpan(m);
    seen.add(m[1]);
    if (seen.size >= 2) return first;
  }
  return undefined;
}

/** The span of a match's first group. */
function groupSpan(m: RegExpExecArray): Span {
  const start = m.index + m[0].lastIndexOf(m[1]);
  return { start, end: start + m[1].length };
}

const IMAGE_EVIDENCE: readonly RegExp[] = [
  /^[ \t-]*(?:image|repository):[ \t]*["']?(?:[^\s"']*?\/)?((?:[^\s"'/]+\/)?(?:mirrored-kube-vip-)?kube-vip(?:-iptables)?)(?=[:@"'\s]|$)/m,
  /^[ \t-]*(?:image|repository):.*?((?:\{\{[^}]*|\$\{?\w*)kube[-_]?vip)/im,
];
/** A kube-vip-prefixed name as an env `name:` or as a map key (Helm values), not a word in prose. */
const ENV_NAME_EVIDENCE = String.raw`(?:name:[ \t]*["']?|^[ \t]*["']?)((?:vip|cp|svc|bgp|mpbgp|lb|egress|zebra)_[A-Za-z_]+)\b(?!["']?[ \t]*[^:\s])`;

/** True for an env name that is evidence of kube-vip: a catalog variable with a kube-vip prefix. */
export function isKubeVipEnvName(name: string): boolean {
  return KUBE_VIP_ENV_PREFIX.test(name) && lookup(name) !== undefined;
}

/**
 * A container whose image is unknown (fully templated) is kube-vip only on evidence. The kinds of
 * evidence: (1) the container is named kube-vip, (2) it runs kube-vip's sub-command (`manager`, or
 * the legacy `start`), (3) its env sets a kube-vip variable (isKubeVipEnvName), (4) the image template
 * names kube-vip (`{{ kube_vip_image_repo }}`, not a cloud-provider variable). Two kinds together,
 * or three distinct kube-vip variables on their own, are enough; any one hint alone is not (a
 * kubebuilder `manager`, a sidecar that shares one variable name).
 */
function looksLikeKubeVip(image: string, name: string | undefined, args: readonly { value: string }[], env: readonly EnvEntry[]): boolean {
  const envNames = new Set(env.map((e) => e.name).filter(isKubeVipEnvName));
  if (envNames.size >= 3) return true;
  const kinds = [
    name !== undefined && KUBE_VIP_IMAGE_NAME.test(name),
    args.some((a) => a.value === 'manager' || a.value === 'start'),
    envNames.size > 0,
    /kube[-_]?vip/i.test(image) && !/cloud/i.test(image),
  ];
  return kinds.filter(Boolean).length >= 2;
}

/** The kustomize `images:` entry whose name is this image's name (without tag or digest), as kustomize matches. */
function findOverride(image: string, overrides: readonly ImageOverride[] | undefined): ImageOverride | undefined {
  if (!overrides?.length) return undefined;
  const { repository } = parseImage(image);
  return overrides.find((o) => o.name === repository);
}

/** The image after a kustomize override: newName replaces the name; newTag and digest replace both tag and digest. */
export function applyOverride(image: string, override: ImageOverride): string {
  const ref = parseImage(image);
  const name = override.newName || ref.repository;
  let { tag, digest } = ref;
  if (override.newTag && override.digest) [tag, digest] = [override.newTag, override.digest];
  else if (override.newTag) [tag, digest] = [override.newTag, undefined];
  else if (override.digest) [tag, digest] = [undefined, override.digest];
  return `${name}${tag ? `:${tag}` : ''}${digest ? `@${digest}` : ''}`;
}

/**
 * True when the image is older than the facts cover: `version` is then RESEARCHED_FROM, and rules whose
 * verdict needs the exact behaviour (or a complete list of the names that version reads) skip it.
 */
export function predatesFacts(container: KubeVipContainer): boolean {
  return container.imageVersion !== undefined;
}

/** What resolveVersion needs to know about an image. */
export interface VersionEvidence {
  /** The image as written, for messages. */
  readonly image: string;
  readonly tag?: string;
  readonly digest?: string;
  /** The image's name is a template: kube-vip was recognised from other evidence. */
  readonly templatedImage?: boolean;
  /** A version from the context (kustomize newTag, the chart's default tag), used when it is not the file's own tag. */
  readonly context?: { readonly tag: string; readonly note: string };
  /** Why no tag is known when that is not visible in `image` (a digest pinned by kustomize, values without image.tag). */
  readonly tagless?: string;
  /** What the user can set instead of kubeVipLint.kubeVipVersion ("image.tag"). */
  readonly pin?: string;
}

type Versioned = Pick<KubeVipContainer, 'version' | 'versionFromTag' | 'versionSource' | 'versionNote' | 'imageVersion' | 'coverage'>;

const OLDEST = v(RESEARCHED_FROM);

/**
 * The kube-vip version of a container: the literal tag, else the context (kustomize, Helm chart), else
 * the kubeVipVersion setting (assumed). An image older than the facts cover is checked as RESEARCHED_FROM.
 * `coverage` says what is assumed: always for a version older than the facts, and for an assumed version
 * unless the user chose it with the kubeVipVersion setting.
 */
export function resolveVersion(evidence: VersionEvidence, options: ModelOptions): Versioned {
  const tagText = evidence.context?.tag ?? evidence.tag;
  const tagVersion = tagText && !isTemplated(tagText) && !/\}/.test(tagText) ? parseVersion(tagText) : undefined;
  if (tagVersion) {
    const source: VersionSource = evidence.context ? 'context' : 'tag';
    const note = evidence.context?.note;
    if (atLeast(tagVersion, RESEARCHED_FROM)) return { version: tagVersion, versionFromTag: source === 'tag', versionSource: source, versionNote: note };
    const named = formatVersion(tagVersion);
    return {
      version: OLDEST,
      versionFromTag: false,
      versionSource: source,
      versionNote: note,
      imageVersion: tagVersion,
      coverage: {
        reason: 'too-old',
        message: `kube-vip ${named} predates the facts (${RESEARCHED_FROM} on): findings assume ${RESEARCHED_FROM}. Upgrade the image to have it checked as it runs.`,
        detail: `kube-vip ${named}${note ? ` (${note})` : ''} predates ${RESEARCHED_FROM}, the oldest release these facts cover: ${RESEARCHED_FROM} is assumed for the findings, and what ${named} does differently is not checked.`,
      },
    };
  }
  const setting = options.kubeVipVersion ? parseVersion(options.kubeVipVersion) : undefined;
  const version = setting ?? v(NEWEST_KNOWN_RELEASE);
  const assumed: Versioned = { version, versionFromTag: false, versionSource: 'setting' };
  if (setting) return { ...assumed, versionNote: 'the kubeVipVersion setting' }; // the user chose it: not "assumed"
  const pin = evidence.pin ?? 'pin the image tag';
  const named = formatVersion(version);
  const assume = `the findings are those of ${named}, the newest release these facts cover. To check the version you deploy, ${pin}, or set kubeVipLint.kubeVipVersion to it.`;
  // The headline's fix: the pin when it is short ("set image.tag"), the setting always.
  const fix = !evidence.pin ? 'Pin the tag or set kubeVipLint.kubeVipVersion.' : evidence.pin.startsWith('set ') ? `Set ${evidence.pin.slice(4)} or kubeVipLint.kubeVipVersion.` : 'Set kubeVipLint.kubeVipVersion.';
  if (evidence.templatedImage || (tagText !== undefined && (isTemplated(tagText) || /\}/.test(tagText)))) {
    return { ...assumed, coverage: { reason: 'templated-image', message: `The kube-vip image is templated, so ${named} (newest known) is assumed. ${fix}`, detail: `The image "${evidence.image}" is templated and names no version: ${assume}` } };
  }
  const why = evidence.tagless ?? (tagText === undefined ? (evidence.digest ? 'only a digest' : 'no tag') : `the tag "${tagText}"`);
  return { ...assumed, coverage: { reason: 'assumed-version', message: `No version in the kube-vip image, so ${named} (newest known) is assumed. ${fix}`, detail: `The image "${evidence.image}" names no version (${why}): ${assume}` } };
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

/**
 * Excerpts, as docs, issues and READMEs show them: a bare pod spec (`containers:`), a bare container
 * (`image:` + `env:`), a list of containers, or a bare env list with kube-vip names. Their versions are
 * assumed (an env list names no image), and whole-env rules do not run: the rest is not shown.
 */
function collectFragment(root: unknown, document: ParsedDocument, options: WalkOptions, out: KubeVipContainer[]): void {
  const asFragment = (c: KubeVipContainer): KubeVipContainer => ({ ...c, resourceKind: 'Fragment', resource: undefined, pod: undefined, conditional: true });
  let envItems: readonly unknown[];
  if (isMap(root) && getString(root, 'kind') === undefined) {
    const containers = getSeqItems(root, 'containers');
    const items = containers.length ? containers : get(root, 'image') !== undefined ? [root] : [];
    for (const item of items) {
      const found = readContainer(item, document, options, 'Fragment', undefined);
      if (found) out.push(asFragment(found));
    }
    if (items.length) return;
    envItems = getSeqItems(root, 'env'); // `env:` and its list, as a docs page shows the part to change
  } else if (isSeq(root)) {
    if (root.items.some((item) => isMap(item) && get(item, 'image') !== undefined)) {
      for (const item of root.items) {
        const found = readContainer(item, document, options, 'Fragment', undefined);
        if (found) out.push(asFragment(found));
      }
      return;
    }
    envItems = root.items;
  } else {
    return;
  }
  const env = readEnvItems(envItems);
  if (env.length === 0 || env.filter((e) => isKubeVipEnvName(e.name)).length < 2) return;
  const versioned = resolveVersion({ image: 'kube-vip', tagless: 'this env list is an excerpt that names no image', pin: 'show the container with its image' }, options);
  out.push({
    image: '',
    imageSpan: env[0].nameSpan,
    anchorSpan: env[0].nameSpan,
    iptablesImage: false,
    ...versioned,
    env,
    envByName: byName(env),
    args: [],
    hasEnvFrom: false,
    resourceKind: 'Fragment',
    document,
    documentOffset: 0,
    conditional: true,
  });
}

function readEnv(container: YAMLMap): EnvEntry[] {
  return readEnvItems(getSeqItems(container, 'env'));
}

function readEnvItems(items: readonly unknown[]): EnvEntry[] {
  const entries: EnvEntry[] = [];
  items.forEach((item, index) => {
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

/** How a scalar is written: plain, quoted or a block scalar. */
export function quoteStyle(node: ScalarNode): QuoteStyle {
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

/**
 * kube-vip Helm values -> a kube-vip container, so that every rule and fix works on values as on a
 * manifest. How the official chart (kube-vip/helm-charts, charts/kube-vip/templates/daemonset.yaml,
 * chart 0.4.1 to 0.9.9) turns values into the container:
 * - `env:` is a map; every key becomes an env var whose value is `{{ quote $value }}`, so booleans and
 *   numbers become strings (Go's %v: 1000000 renders as "1e+06"); keys in Go's sorted map order.
 * - `envValueFrom:` (chart 0.4.4+) is a map of name -> EnvVarSource, rendered after `env`.
 * - `config.address` becomes `vip_address` (the legacy name!), first, only when `env.cp_enable` is
 *   true (`eq .Values.env.cp_enable "true"`, from chart 0.6.2 the kube-vip.toBool helper: true/1).
 * - the image is `image.repository:image.tag`, the tag defaulting to the chart's (catalog/helmChart.ts);
 *   `extraArgs` (chart 0.6.1+) become `--key=value` args after `manager`.
 * The chart's own default values (vip_arp "true", svc_enable "true", vip_subnet "32", ...) apply to every
 * key the values leave out, and differ per chart version: the container says so (`hasEnvFrom`, so an
 * unset variable is unknown, not off; `conditional`, so rules about the whole env do not run).
 *
 * Values are found at the top of a values file (or a block scalar the linter re-parses: HelmChart
 * spec.valuesContent, Argo CD spec.source.helm.values), under a `kube-vip:` key (an umbrella chart),
 * in a Flux HelmRelease `spec.values` and in an Argo CD Application `spec.source(s).helm.valuesObject`.
 */
import { isMap, isScalar } from 'yaml';
import type { Pair, YAMLMap } from 'yaml';
import { chartImageTag } from './catalog/helmChart';
import { imageKind, isKubeVipEnvName, isTemplated, quoteStyle, resolveVersion, spanOf } from './model';
import type { EnvEntry, KubeVipContainer, ModelOptions } from './model';
import type { Span } from './span';
import { findPair, get, getSeqItems, getString, isRangedScalar } from './parse';
import type { ParsedDocument, ScalarNode } from './parse';

/** Where a values mapping was found, and what the enclosing resource says about the chart. */
interface ValuesSite {
  readonly values: YAMLMap;
  /** The chart is kube-vip by name (HelmRelease or Argo CD chart, an umbrella chart's `kube-vip:` key). */
  readonly kubeVipChart: boolean;
  readonly chartVersion?: string;
  /** The resource holding the values, for `resourceKind` ("HelmRelease"); the chart renders a DaemonSet. */
  readonly holder: string;
}

/** The kube-vip containers that the Helm values in a parsed document configure. */
export function findHelmValuesContainers(document: ParsedDocument, options: ModelOptions & { chartVersion?: string }): KubeVipContainer[] {
  const root = document.doc.contents;
  if (!isMap(root)) return [];
  const out: KubeVipContainer[] = [];
  for (const site of valuesSites(root, options.chartVersion)) {
    const container = readValues(site, document, options);
    if (container) out.push(container);
  }
  return out;
}

function valuesSites(root: YAMLMap, chartVersion: string | undefined): ValuesSite[] {
  const kind = getString(root, 'kind');
  const sites: ValuesSite[] = [];
  const add = (values: unknown, kubeVipChart: boolean, version: string | undefined, holder: string) => {
    if (!isMap(values)) return;
    sites.push({ values, kubeVipChart, chartVersion: version, holder });
    const sub = get(values, 'kube-vip'); // an umbrella chart with kube-vip as a dependency
    if (isMap(sub)) sites.push({ values: sub, kubeVipChart: true, chartVersion: undefined, holder });
  };
  if (kind === undefined) {
    add(root, false, chartVersion, 'HelmValues');
  } else if (kind === 'HelmRelease') {
    // Flux: spec.chart.spec.{chart,version}; spec.values inline (spec.valuesFrom is not visible here).
    const spec = get(root, 'spec');
    const chart = get(get(spec, 'chart'), 'spec');
    add(get(spec, 'values'), isKubeVipChartName(getString(chart, 'chart')), scalarText(get(chart, 'version')), kind);
  } else if (kind === 'Application' || kind === 'ApplicationSet') {
    // Argo CD: spec.source or spec.sources[]; targetRevision is the chart version of a Helm repository source.
    const spec = kind === 'ApplicationSet' ? get(get(get(root, 'spec'), 'template'), 'spec') : get(root, 'spec');
    for (const source of [get(spec, 'source'), ...getSeqItems(spec, 'sources')]) {
      const chart = getString(source, 'chart');
      add(get(get(source, 'helm'), 'valuesObject'), isKubeVipChartName(chart), chart ? scalarText(get(source, 'targetRevision')) : undefined, kind);
    }
  }
  return sites;
}

/** "kube-vip", or an OCI reference ending in /kube-vip. */
function isKubeVipChartName(chart: string | undefined): boolean {
  return chart !== undefined && /(^|\/)kube-vip$/.test(chart);
}

function scalarText(node: unknown): string | undefined {
  return isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number') ? String(node.value) : undefined;
}

/**
 * Values are kube-vip's when the chart is kube-vip by name, when `image.repository` names a kube-vip
 * image, or when the `env` map sets three kube-vip variables (two with `config.address`, the chart's
 * own key). An `env:` map of some other chart is never read.
 */
function isKubeVipValues(site: ValuesSite, env: YAMLMap | undefined, repository: string | undefined): boolean {
  if (site.kubeVipChart) return env !== undefined || get(site.values, 'image') !== undefined || get(site.values, 'envValueFrom') !== undefined;
  // Another image: another chart, whatever its env says.
  if (repository !== undefined && !isTemplated(repository)) return imageKind(repository) === 'kube-vip';
  if (!env) return false;
  const names = new Set(env.items.map((pair) => keyOf(pair)).filter((name): name is string => name !== undefined && isKubeVipEnvName(name)));
  return names.size >= 3 || (names.size >= 2 && get(get(site.values, 'config'), 'address') !== undefined);
}

function readValues(site: ValuesSite, document: ParsedDocument, options: ModelOptions): KubeVipContainer | undefined {
  const { values } = site;
  const envNode = get(values, 'env');
  const env = isMap(envNode) ? envNode : undefined;
  const image = get(values, 'image');
  const repositoryNode = get(image, 'repository');
  const tagNode = get(image, 'tag');
  const registry = getString(image, 'registry');
  const repositoryText = isRangedScalar(repositoryNode) && typeof repositoryNode.value === 'string' ? repositoryNode.value : undefined;
  const repository = repositoryText === undefined ? undefined : registry && !repositoryText.startsWith(`${registry}/`) ? `${registry}/${repositoryText}` : repositoryText;
  if (!isKubeVipValues(site, env, repository)) return undefined;

  const entries = readEntries(values, env);
  const envKey = findPair(values, 'env')?.key;
  const anchorSpan = isRangedScalar(envKey) ? spanOf(envKey) : keySpan(values) ?? { start: 0, end: 0 };
  const tag = scalarText(tagNode);
  const imageSpan = isRangedScalar(repositoryNode) ? spanOf(repositoryNode) : isRangedScalar(tagNode) ? spanOf(tagNode) : anchorSpan;
  const shownRepository = repository ?? 'ghcr.io/kube-vip/kube-vip';
  const shownImage = `${shownRepository}${tag ? `:${tag}` : ''}`;
  const chartVersion = site.chartVersion ?? options.chartVersion;
  const chartTag = tag || !chartVersion ? undefined : chartImageTag(chartVersion);
  const tagless = chartVersion
    ? `no image.tag, and chart version "${chartVersion}" is not one whose default image these facts know`
    : 'no image.tag, and no chart version is known';
  const versioned = resolveVersion(
    {
      image: shownImage,
      tag: tag || undefined,
      templatedImage: repository !== undefined && imageKind(repository) === 'unknown',
      context: chartTag ? { tag: chartTag, note: `the default image of kube-vip chart ${chartVersion!.replace(/^v/, '')}` } : undefined,
      tagless: tag ? undefined : tagless,
      pin: 'set image.tag',
    },
    options,
  );
  const envByName = new Map<string, EnvEntry>();
  for (const entry of entries) envByName.set(entry.name, entry);
  return {
    image: shownImage,
    imageSpan,
    ...(tag && isRangedScalar(tagNode) && { tagSpan: spanOf(tagNode) }),
    anchorSpan,
    iptablesImage: /kube-vip-iptables$/.test(shownRepository),
    ...versioned,
    env: entries,
    envByName,
    args: extraArgs(values),
    // The chart's default values set what these values leave out, as envFrom would.
    hasEnvFrom: true,
    resourceKind: 'DaemonSet',
    document,
    documentOffset: 0,
    conditional: true,
  };
}

/** The env the chart renders, in its order: vip_address (from config.address), `env`, then `envValueFrom`. */
function readEntries(values: YAMLMap, env: YAMLMap | undefined): EnvEntry[] {
  const entries: Omit<EnvEntry, 'index'>[] = [];
  const config = asMap(get(values, 'config'));
  const addressPair = config && findPair(config, 'address');
  if (addressPair && controlPlaneMaybeOn(env)) {
    const entry = pairEntry(addressPair, 'vip_address');
    if (entry && !(entry.value === '' && !entry.templated)) entries.push(entry); // empty: the chart refuses to render ("required")
  }
  entries.push(...sortedEntries(env, (pair, name) => pairEntry(pair, name)));
  entries.push(...sortedEntries(asMap(get(values, 'envValueFrom')), (pair, name) => refEntry(pair, name)));
  return entries.map((entry, index) => ({ ...entry, index }));
}

function asMap(node: unknown): YAMLMap | undefined {
  return isMap(node) ? node : undefined;
}

/** The last pair of each key (a map keeps one), in Go's sorted key order as `range` renders them. */
function sortedEntries(map: YAMLMap | undefined, read: (pair: Pair, name: string) => Omit<EnvEntry, 'index'> | undefined): Omit<EnvEntry, 'index'>[] {
  if (!map) return [];
  const last = new Map<string, Pair>();
  for (const pair of map.items) {
    const name = keyOf(pair);
    if (name !== undefined) last.set(name, pair);
  }
  const names = [...last.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return names.map((name) => read(last.get(name)!, name)).filter((e): e is Omit<EnvEntry, 'index'> => e !== undefined);
}

function keyOf(pair: Pair): string | undefined {
  return isRangedScalar(pair.key) && typeof pair.key.value === 'string' ? pair.key.value : undefined;
}

/** config.address is rendered only when env.cp_enable is true; unknown (templated) counts as maybe. */
function controlPlaneMaybeOn(env: YAMLMap | undefined): boolean {
  const node = get(env, 'cp_enable');
  if (!isScalar(node) || node.value === null) return false; // the chart default is "false"
  const text = String(node.value);
  if (typeof node.value === 'string' && isTemplated(text)) return true;
  return ['true', '1'].includes(text.toLowerCase());
}

/** An env entry from a `name: value` pair: the name span is the key, the item span the whole pair. */
function pairEntry(pair: Pair, name: string): Omit<EnvEntry, 'index'> | undefined {
  const key = pair.key as ScalarNode;
  const value = pair.value;
  if (value == null || (isScalar(value) && value.value === null)) return undefined; // null removes the key in Helm
  const valueNode = isRangedScalar(value) ? value : undefined;
  const text = valueNode ? renderedValue(valueNode) : undefined;
  const templated = text === undefined || isTemplated(text);
  const end = valueNode ? valueNode.range[1] : (value as { range?: [number, number, number] }).range?.[1] ?? key.range[1];
  const source = valueNode && typeof valueNode.value === 'number' ? valueNode.source : undefined;
  return {
    name,
    nameSpan: spanOf(key),
    itemSpan: { start: key.range[0], end },
    value: templated ? undefined : text,
    valueSpan: valueNode ? spanOf(valueNode) : undefined,
    quote: valueNode ? quoteStyle(valueNode) : undefined,
    nonString: false, // the chart quotes every value
    fromRef: false,
    templated,
    pair: true,
    ...(typeof source === 'string' && source !== text ? { written: source } : {}),
  };
}

/** An envValueFrom entry: a reference, unknown here. */
function refEntry(pair: Pair, name: string): Omit<EnvEntry, 'index'> | undefined {
  const key = pair.key as ScalarNode;
  const value = pair.value as { range?: [number, number, number] } | null;
  return {
    name,
    nameSpan: spanOf(key),
    itemSpan: { start: key.range[0], end: value?.range?.[1] ?? key.range[1] },
    nonString: false,
    fromRef: true,
    templated: false,
    pair: true,
  };
}

/**
 * The string `{{ quote $value }}` renders: strings as they are, booleans as true/false, numbers with
 * Go's %v of a float64 (Helm reads values as JSON numbers), so 6443 stays "6443" but 4200000000
 * becomes "4.2e+09". Undefined for what the linter does not render (maps, lists).
 */
export function renderedValue(node: ScalarNode): string | undefined {
  const value = node.value;
  if (typeof value === 'string') return value;
  if (node.format === 'TIME' && typeof node.source === 'string') return node.source; // YAML 1.1 base 60 (10:30): a string for Helm
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') return goFloat(value);
  if (typeof value === 'bigint') return goFloat(Number(value));
  if (value instanceof Date && typeof node.source === 'string') return node.source; // YAML 1.1 timestamps stay strings in Helm
  return undefined;
}

/** Go's fmt %v of a float64: %g with the shortest digits, exponent form below 1e-4 and from 1e6. */
export function goFloat(n: number): string {
  if (!Number.isFinite(n)) return Number.isNaN(n) ? 'NaN' : n > 0 ? '+Inf' : '-Inf';
  if (n === 0) return Object.is(n, -0) ? '-0' : '0';
  const [mantissa, exponent] = n.toExponential().split('e');
  const exp = Number(exponent);
  if (exp < -4 || exp >= 6) return `${mantissa}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return String(n);
}

/** `extraArgs` as the chart renders them after `manager`: `--key=value`, or `--key` for a null value. */
function extraArgs(values: YAMLMap): { value: string; span: Span }[] {
  const map = asMap(get(values, 'extraArgs'));
  if (!map) return [];
  const args: { value: string; span: Span }[] = [];
  for (const pair of map.items) {
    const key = keyOf(pair);
    if (key === undefined) continue;
    const keyNode = pair.key as ScalarNode;
    const value = isRangedScalar(pair.value) ? pair.value : undefined;
    const text = value ? renderedValue(value) : undefined;
    const span = { start: keyNode.range[0], end: value ? value.range[1] : keyNode.range[1] };
    args.push({ value: value && value.value !== null && text !== undefined ? `--${key}=${text}` : `--${key}`, span });
  }
  return args;
}

function keySpan(map: YAMLMap): Span | undefined {
  const first = map.items[0]?.key;
  return isRangedScalar(first) ? spanOf(first) : undefined;
}

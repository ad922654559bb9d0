/**
 * Runs every rule over every kube-vip container of a file, one YAML document at a time. Results
 * are computed per document with document-relative offsets, so an optional cache keyed by the
 * document's text lets an edit re-analyse only the document it touched.
 */
import { isScalar, visit } from 'yaml';
import { findKubeVipContainers, KubeVipContainer, kubeVipEvidence, moveContainer, predatesFacts, shift, shiftContainer } from './model';
import type { Span } from './span';
import { get, getString, lineIndex, mayHoldKubeVip, parseChunk, splitDocuments } from './parse';
import type { ParsedChunk } from './parse';
import { blockScalarRegion, editToOuter, heredocRegions, isMarkdownWithYaml, isShellScript, markdownYamlRegions, spanToOuter } from './regions';
import type { Region } from './regions';
import { RESOURCE_RULES, RULES, RULES_BY_ID, WORKSPACE_RULES } from './rules';
import { CONFIGURABLE_ENGINE_IDS, DISABLE_DIRECTIVE, FILE_TOO_LARGE } from './engineRules';
import { applySuppressions } from './suppressions';
import type { AnyResourceRule, Rule } from './rules/rule';
import { extractResources, mayHoldResource, moveResourceFact } from './resources';
import type { ResourceFact } from './resources';
import { DEFAULT_MAX_FILE_SIZE, NOT_CHECKED } from './types';
import type { Finding, Settings, Severity, TextEdit } from './types';

export interface Analysis {
  readonly text: string;
  /** kube-vip containers, with spans in file offsets. */
  readonly containers: readonly KubeVipContainer[];
  /** Services, cloud-provider ConfigMaps and RBAC objects, for the workspace rules; spans in file offsets. */
  readonly resources: readonly ResourceFact[];
  /** Findings sorted by position, with spans and edits in file offsets. */
  readonly findings: readonly Finding[];
  /** 1-based line and column of an offset. */
  readonly position: (offset: number) => { line: number; column: number };
  /** The settings it was computed with. */
  readonly settings: Settings;
  /** What the text was read as: YAML, markdown (only its fences) or a shell script (only its here-documents). */
  readonly source: 'yaml' | 'markdown' | 'shell';
  /** Findings that disable comments silence: kept for reports that list suppressions (SARIF). */
  readonly suppressed: readonly Finding[];
}

/** What one document contributes, in document-relative offsets. */
interface DocumentResult {
  readonly containers: readonly KubeVipContainer[];
  readonly resources: readonly ResourceFact[];
  readonly findings: readonly Finding[];
}

const EMPTY: DocumentResult = { containers: [], resources: [], findings: [] };

/** Remembers per-document results between analyses of successive versions of a file. */
export interface AnalysisCache {
  get(key: string): DocumentResult | undefined;
  set(key: string, value: DocumentResult): void;
}

/** A small LRU cache for `analyze`; `limit` documents. */
export function createAnalysisCache(limit = 2000): AnalysisCache {
  const map = new Map<string, DocumentResult>();
  return {
    get(key) {
      const hit = map.get(key);
      if (hit) {
        map.delete(key);
        map.set(key, hit);
      }
      return hit;
    },
    set(key, value) {
      map.set(key, value);
      if (map.size > limit) map.delete(map.keys().next().value!);
    },
  };
}

/** Lints a file. Pure: the same text and settings give the same findings, cached or not. */
export function analyze(text: string, settings: Settings = {}, rules: readonly Rule[] = RULES, cache?: AnalysisCache): Analysis {
  const position = lazyPosition(text);
  const maxFileSize = settings.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  if (text.length > maxFileSize) return { text, containers: [], resources: [], findings: [tooLarge(text.length, maxFileSize)], suppressed: [], position, settings, source: 'yaml' };
  const context: Context = { settings, rules, cache, settingsKey: rules === RULES ? JSON.stringify(settings) : undefined }; // custom rule sets are not cached
  let result: DocumentResult;
  const markdown = settings.format === 'markdown' || (settings.format === undefined && isMarkdownWithYaml(text));
  const shell = settings.format === undefined && !markdown && isShellScript(text);
  if (markdown || shell) {
    // Markdown: only the ```yaml fences are YAML. A shell script: only its here-documents may be.
    const regions = markdown ? markdownYamlRegions(text) : heredocRegions(text);
    const parts = regions.map((region) => mapResult(analyzeText(region.text, context, 0), regionMapper(region)));
    result = { containers: parts.flatMap((p) => p.containers), resources: parts.flatMap((p) => p.resources), findings: parts.flatMap((p) => p.findings) };
  } else {
    result = analyzeText(text, context, 0);
  }
  const findings = [...result.findings];
  const silent = rules === RULES && result.containers.length === 0 && !findings.some((f) => f.rule === NOT_CHECKED);
  const severity = settings.rules?.[NOT_CHECKED];
  if (silent && severity !== 'off' && mayHoldKubeVip(text) && kubeVipEvidence(text)) findings.push(noConfiguration(severity ?? 'info', text.startsWith('\uFEFF') ? 1 : 0));
  const directives =
    rules === RULES ? { known: KNOWN_IDS, elsewhere: WORKSPACE_IDS, reportUnused: settings.reportUnusedDisableDirectives, severity: settings.rules?.[DISABLE_DIRECTIVE] } : {};
  const all = sortFindings(findings);
  const kept = applySuppressions(text, all, directives);
  const keptSet = new Set(kept);
  const suppressed = kept === all ? [] : all.filter((f) => !keptSet.has(f));
  return { text, containers: result.containers, resources: result.resources, findings: kept, suppressed, position, settings, source: markdown ? 'markdown' : shell ? 'shell' : 'yaml' };
}

/**
 * What a disable comment may name: every rule, and the pseudo-rules it can silence (file-too-large is
 * reported before any comment is read: set maxFileSize instead).
 */
const KNOWN_IDS: ReadonlySet<string> = new Set([...RULES_BY_ID.keys(), ...CONFIGURABLE_ENGINE_IDS]);
/** Rules whose findings the workspace pass adds later: a directive for them cannot be judged unused here. */
const WORKSPACE_IDS: ReadonlySet<string> = new Set(WORKSPACE_RULES.map((r) => r.id));

/** A file that shows kube-vip configuration but in which no kube-vip container or values were recognised: said once, at its top. */
function noConfiguration(severity: Severity, start: number): Finding {
  return {
    rule: NOT_CHECKED,
    messageId: 'no-configuration',
    severity,
    message: 'This file mentions kube-vip, but kube-vip-lint recognised no kube-vip configuration in it: nothing was checked.',
    span: { start, end: start },
    fixes: [],
    related: [],
  };
}

interface Context {
  readonly settings: Settings;
  readonly rules: readonly Rule[];
  readonly cache?: AnalysisCache;
  /** Undefined when results must not be cached (a custom rule set). */
  readonly settingsKey?: string;
  /** The Helm chart version the outer document names, for values embedded in it. */
  readonly chartVersion?: string;
}

/** Every YAML document of a text (a file, a fence, a block scalar's content), in that text's offsets. */
function analyzeText(text: string, context: Context, depth: number): DocumentResult {
  const containers: KubeVipContainer[] = [];
  const resources: ResourceFact[] = [];
  const findings: Finding[] = [];
  for (const chunk of splitDocuments(text)) {
    if (!mayHoldKubeVip(chunk.text) && !mayHoldResource(chunk.text)) continue;
    const key = context.settingsKey === undefined ? undefined : `${context.settingsKey}\0${context.chartVersion ?? ''}\0${depth}\0${chunk.text}`;
    let result = key === undefined ? undefined : context.cache?.get(key);
    if (!result) {
      result = analyzeDocument(chunk.text, context, depth);
      if (key !== undefined) context.cache?.set(key, result);
    }
    if (result === EMPTY) continue;
    const shifted = mapResult(result, shiftMapper(chunk.offset));
    containers.push(...shifted.containers);
    resources.push(...shifted.resources);
    findings.push(...shifted.findings);
  }
  return { containers, resources, findings };
}

/** How to move a result from an inner text to the outer one. */
interface Mapper {
  span(span: Span): Span;
  edit(edit: TextEdit): TextEdit;
  container(container: KubeVipContainer): KubeVipContainer;
  resource(resource: ResourceFact): ResourceFact;
}

function shiftMapper(delta: number): Mapper {
  return {
    span: (s) => shift(s, delta),
    edit: (e) => ({ ...e, start: e.start + delta, end: e.end + delta }),
    container: (c) => shiftContainer(c, delta),
    resource: (r) => (delta === 0 ? r : moveResourceFact(r, (s) => shift(s, delta))),
  };
}

/** Into a region of the outer text (a fence or a block scalar): positions move line by line. */
function regionMapper(region: Region): Mapper {
  if (region.indent === 0) return shiftMapper(region.start); // contiguous: a plain shift
  const span = (s: Span) => spanToOuter(region, s);
  return {
    span,
    edit: (e) => editToOuter(region, e),
    container: (c) => moveContainer(c, span, Number.NaN),
    resource: (r) => moveResourceFact(r, span),
  };
}

function mapResult(result: DocumentResult, mapper: Mapper): DocumentResult {
  return {
    containers: result.containers.map((c) => mapper.container(c)),
    resources: result.resources.map((r) => mapper.resource(r)),
    findings: result.findings.map((f) => ({
      ...f,
      span: mapper.span(f.span),
      fixes: f.fixes.map((fix) => ({ ...fix, edits: fix.edits.map((e) => mapper.edit(e)) })),
      related: f.related.map((r) => ({ ...r, span: mapper.span(r.span) })),
    })),
  };
}

function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => a.span.start - b.span.start || a.rule.localeCompare(b.rule));
}

function lazyPosition(text: string): Analysis['position'] {
  let index: Analysis['position'] | undefined;
  return (offset) => (index ??= lineIndex(text))(offset);
}

/** Huge files (generated dumps, logs saved as .yaml) are not parsed: one info finding says why. */
function tooLarge(length: number, limit: number): Finding {
  const mb = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`);
  return {
    rule: FILE_TOO_LARGE,
    messageId: 'tooLarge',
    severity: 'info',
    message: `kube-vip-lint skipped this file: it is ${mb(length)}, over the ${mb(limit)} limit (setting kubeVipLint.maxFileSize).`,
    span: { start: 0, end: 0 },
    fixes: [],
    related: [],
  };
}

function analyzeDocument(text: string, context: Context, depth: number): DocumentResult {
  const { settings, rules } = context;
  const chunk = parseChunk(text);
  const containers = findKubeVipContainers(chunk, {
    kubeVipVersion: settings.kubeVipVersion,
    chartVersion: context.chartVersion,
    imageOverrides: settings.imageOverrides,
  });
  const findings: Finding[] = [];
  for (const container of containers) {
    for (const rule of rules) {
      const configured = settings.rules?.[rule.id];
      if (configured === 'off' || !meets(rule, container)) continue;
      for (const f of rule.check({ container, text })) {
        findings.push({
          rule: rule.id,
          messageId: f.messageId,
          severity: configured ?? f.severity ?? rule.defaultSeverity,
          message: boundMessage(f.message),
          ...(f.detail && { detail: boundMessage(f.detail) }),
          span: f.span,
          fixes: f.fixes ?? [],
          related: f.related ?? [],
        });
      }
    }
    const coverage = rules === RULES ? notChecked(container, settings) : undefined; // a custom rule set (tests) asks for its rules only
    if (coverage) findings.push(coverage);
  }
  const resources = rules === RULES && mayHoldResource(text) ? extractResources(chunk) : [];
  if (rules === RULES) {
    findings.push(...unparsable(chunk, settings));
    for (const resource of resources) findings.push(...checkResource(resource, text, settings));
  }
  // Manifests and Helm values inside block scalars: linted in place, one level deep below a file.
  const embedded = depth < MAX_EMBEDDING ? embeddedRegions(chunk) : [];
  for (const { region, chartVersion } of embedded) {
    const inner = mapResult(analyzeText(region.text, { ...context, chartVersion }, depth + 1), regionMapper(region));
    containers.push(...inner.containers);
    resources.push(...inner.resources);
    findings.push(...inner.findings);
  }
  if (containers.length === 0 && resources.length === 0 && findings.length === 0) return EMPTY;
  return { containers, resources, findings: sortFindings(findings) };
}

/** The resource rules for one extracted object. */
function checkResource(resource: ResourceFact, text: string, settings: Settings, rules: readonly AnyResourceRule[] = RESOURCE_RULES): Finding[] {
  const findings: Finding[] = [];
  for (const rule of rules) {
    const configured = settings.rules?.[rule.id];
    if (configured === 'off' || !(rule.kinds as readonly string[]).includes(resource.kind)) continue;
    for (const f of rule.check({ resource: resource as never, text })) {
      findings.push({ rule: rule.id, messageId: f.messageId, severity: configured ?? f.severity ?? rule.defaultSeverity, message: boundMessage(f.message), ...(f.detail && { detail: boundMessage(f.detail) }), span: f.span, fixes: f.fixes ?? [], related: f.related ?? [] });
    }
  }
  return findings;
}

/** The engine checks what a rule requires of a container, so that rules do not repeat the guards. */
function meets(rule: Rule, container: KubeVipContainer): boolean {
  const requires = rule.requires;
  if (!requires) return true;
  if (requires.wholeEnv && container.conditional) return false;
  if (requires.researchedVersion && predatesFacts(container)) return false;
  return true;
}

/** Messages quote values; longer ones are cut so that a huge value (a 4 MB line) does not make a huge diagnostic. */
const MAX_MESSAGE = 2000;

function boundMessage(message: string): string {
  if (message.length <= MAX_MESSAGE) return message;
  const elided = message.replace(/\S{200,}/g, (run) => `${cut(run, 0, 100)}…${cut(run, run.length - 20, run.length)}`);
  return elided.length <= MAX_MESSAGE ? elided : `${cut(elided, 0, MAX_MESSAGE - 200)} … ${cut(elided, elided.length - 199, elided.length)}`;
}

/** text.slice(start, end), moved inwards so as not to split a surrogate pair. */
function cut(text: string, start: number, end: number): string {
  const low = (i: number) => i > 0 && i < text.length && /[\uDC00-\uDFFF]/.test(text[i]) && /[\uD800-\uDBFF]/.test(text[i - 1]);
  return text.slice(low(start) ? start + 1 : start, low(end) ? end - 1 : end);
}

/** A block scalar holds a manifest or values one level deep; deeper nesting is not linted. */
const MAX_EMBEDDING = 1;

/** Kinds whose block scalars hold Helm values, and where the chart version is written. */
const CHART_VERSION_PATHS: Readonly<Record<string, readonly string[]>> = {
  HelmChart: ['spec', 'version'], // k3s / RKE2 helm-controller: spec.valuesContent
  Application: ['spec', 'source', 'targetRevision'], // Argo CD: spec.source.helm.values
};

/** Literal block scalars whose content looks like a kube-vip manifest or kube-vip Helm values. */
function embeddedRegions(chunk: ParsedChunk): { region: Region; chartVersion?: string }[] {
  const out: { region: Region; chartVersion?: string }[] = [];
  if (!BLOCK_SCALAR_HEADER.test(chunk.text)) return out; // no literal block scalar: no node walk
  for (const document of chunk.documents) {
    if (document.hasErrors) continue;
    const root = document.doc.contents;
    const kind = getString(root, 'kind');
    const versionPath = kind ? CHART_VERSION_PATHS[kind] : undefined;
    let chartVersion: string | undefined;
    if (versionPath) {
      let node: unknown = root;
      for (const key of versionPath) node = get(node, key);
      chartVersion = isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number') ? String(node.value) : undefined;
    }
    visit(document.doc, {
      Scalar(_, node) {
        if (node.type !== 'BLOCK_LITERAL' || typeof node.value !== 'string' || !node.range) return;
        if (!mayHoldKubeVip(node.value) || !EMBEDDED_YAML.test(node.value)) return;
        const region = blockScalarRegion(chunk.text, node.range);
        if (region) out.push({ region, chartVersion });
      },
    });
  }
  return out;
}

const BLOCK_SCALAR_HEADER = /\|[-+1-9]*[ \t]*(?:#[^\n]*)?\r?\n/;

/** A line that starts a manifest or kube-vip values: `kind:`, `apiVersion:`, `image:`, `env:`. */
const EMBEDDED_YAML = /^[ \t]*(?:-[ \t]+)?(?:kind|apiVersion|image|env|containers):/m;

/** A container the linter could only partly check (templated image, too old): an info finding on its image. */
function notChecked(container: KubeVipContainer, settings: Settings): Finding | undefined {
  const coverage = container.coverage;
  const severity = settings.rules?.[NOT_CHECKED];
  if (!coverage || severity === 'off') return undefined;
  return { rule: NOT_CHECKED, messageId: coverage.reason, severity: severity ?? 'info', message: boundMessage(coverage.message), detail: boundMessage(coverage.detail), span: container.imageSpan, fixes: [], related: [] };
}

/** Documents that configure kube-vip but do not parse, even with templates masked: said, not skipped silently. */
function unparsable(chunk: ParsedChunk, settings: Settings): Finding[] {
  const severity = settings.rules?.[NOT_CHECKED];
  if (severity === 'off') return [];
  const out: Finding[] = [];
  for (const document of chunk.documents) {
    if (!document.hasErrors) continue;
    const [from, , to] = document.doc.range;
    const mention = kubeVipEvidence(chunk.text.slice(from, to));
    if (!mention) continue;
    const error = document.doc.errors[0];
    const why = error ? `: ${error.message.split('\n')[0].slice(0, 160)}` : '';
    out.push({
      rule: NOT_CHECKED,
      messageId: 'unparsable',
      severity: severity ?? 'info',
      message: 'kube-vip-lint did not check this YAML document: it does not parse. Fix the YAML, or lint the rendered manifest.',
      detail: `It does not parse even with template syntax masked${why}. To check a template, lint what it renders (helm template, kustomize build).`,
      span: shift(mention, from),
      fixes: [],
      related: [],
    });
  }
  return out;
}


/**
 * The `kube-vip.io/*` annotations of a Service (pitfalls.md §35): keys kube-vip does not read, and
 * values it reads differently from what they say. Most switches act only on the exact string "true",
 * two act on any non-empty value ("false" included), `ddns` goes through ParseBool and refuses the
 * Service on an error, and `loadbalancerIPs` is a comma list that wins over spec.loadBalancerIP.
 * The Service does not show which kube-vip release serves it, so messages name the releases.
 */
import * as ipaddr from 'ipaddr.js';
import { ANNOTATION_PREFIX, ANNOTATIONS, NOT_ANNOTATIONS, lookupAnnotation } from '../catalog/annotations';
import type { AnnotationSpec } from '../catalog/annotations';
import { GO_FALSE, GO_TRUE } from '../env';
import { replaceScalar } from '../fixes';
import type { ServiceFact, KeyValue } from '../resources';
import type { Span } from '../span';
import { fit, named, shown } from '../headline';
import type { Fix, TextEdit } from '../types';
import { ipFamily, isDnsName } from '../values';
import { defineResourceRule } from './rule';
import type { RuleFinding } from './rule';
import { editDistance } from '../suggest';

const messages = {
  unknownKey: 'a kube-vip.io/ annotation key that kube-vip does not read (wrong case, misspelt, or newer than v1.2.3): no effect',
  notAnnotation: 'a kube-vip.io/ name that is a loadBalancerClass value or a node label, used as a Service annotation: no effect',
  notString: 'an unquoted boolean or number as an annotation value: the Kubernetes API rejects the Service',
  notExactTrue: 'a switch kube-vip turns on only for the string "true", spelt another way ("True", "1", "yes"): it stays off',
  falseIsOn: 'an annotation that any non-empty value turns on, set to "false" or "0": it is on',
  onlyFalseIsOff: 'egress-no-internal-traffic set to an off spelling other than "false": it is on',
  ddnsNotBool: 'kube-vip.io/ddns with a value Go\'s ParseBool rejects: kube-vip refuses the Service',
  invalidIp: 'an entry of kube-vip.io/loadbalancerIPs that is not an IP address (or DNS name)',
  listWhitespace: 'spaces in kube-vip.io/loadbalancerIPs: kube-vip trims them, the kube-vip-cloud-provider fails on them',
  loadBalancerIPIgnored: 'spec.loadBalancerIP is not among the kube-vip.io/loadbalancerIPs addresses: kube-vip uses the annotation',
  invalidValue: 'rp_filter, upnp-lease-duration or serviceVLAN with a value kube-vip cannot use',
} as const;
type MessageId = keyof typeof messages;
type Finding = RuleFinding<MessageId>;

/** "v0.5.5" as "v0.5.5+" for a headline. */
const since = (spec: AnnotationSpec) => `${spec.since}+`;

export const rule = defineResourceRule({
  id: 'service-annotations',
  scope: 'resource',
  kinds: ['Service'],
  defaultSeverity: 'warning',
  description: 'kube-vip.io/* Service annotations: unknown keys, "True" where only "true" works, "false" that means on, ddns booleans, loadbalancerIPs addresses.',
  messages,
  check({ resource, text }) {
    const findings: Finding[] = [];
    for (const kv of resource.annotations) {
      if (kv.templated || !isKubeVipKey(kv.key)) continue;
      const spec = lookupAnnotation(kv.key);
      if (!spec) {
        const finding = unknownKey(kv, text);
        if (finding) findings.push(finding);
        continue;
      }
      if (kv.nonString) {
        const finding = notString(kv, spec, text);
        if (finding) findings.push(finding);
      } else if (kv.value !== undefined) findings.push(...checkValue(kv, spec, text));
    }
    const ignored = loadBalancerIPIgnored(resource);
    if (ignored) findings.push(ignored);
    return findings;
  },
});

// ------------------------------------------------------------------ keys

/** kube-vip.io/ keys, and keys whose prefix is a near miss of it (kubevip.io/, kube-vip/). */
function isKubeVipKey(key: string): boolean {
  return key.startsWith(ANNOTATION_PREFIX) || /^kube-?vip(\.io)?\//i.test(key);
}

/** The key part after the slash, lower case without `-`/`_`: "egress_ipv6" and "egressIPv6" meet. */
function normalise(key: string): string {
  return key.slice(key.indexOf('/') + 1).toLowerCase().replace(/[-_]/g, '');
}

/**
 * The catalog keys closest to an unknown one: same letters in another case, then the same letters
 * without separators, then a small edit distance on the part after the slash. Only the best tie comes back.
 */
export function suggestAnnotations(key: string): AnnotationSpec[] {
  const name = key.slice(key.indexOf('/') + 1).toLowerCase();
  const limit = name.length >= 6 ? 2 : 1;
  const scored: { spec: AnnotationSpec; score: number }[] = [];
  for (const spec of ANNOTATIONS) {
    const candidate = spec.key.slice(ANNOTATION_PREFIX.length).toLowerCase();
    if (candidate === name) scored.push({ spec, score: 0 });
    else if (normalise(spec.key) === normalise(key)) scored.push({ spec, score: 1 });
    else {
      const distance = editDistance(name, candidate, limit);
      if (distance <= limit) scored.push({ spec, score: 10 + distance });
    }
  }
  const best = Math.min(...scored.map((s) => s.score));
  return scored.filter((s) => s.score === best).map((s) => s.spec);
}

function unknownKey(kv: KeyValue, text: string): Finding | undefined {
  const other = NOT_ANNOTATIONS.find((n) => n.key === kv.key);
  if (other) {
    return {
      messageId: 'notAnnotation',
      span: kv.keySpan,
      message: fit(
        `${kv.key} is ${other.short}, not a Service annotation. ${other.fix}`,
        `${kv.key} is ${other.short}, not an annotation. ${other.fix}`,
        `${kv.key} does nothing as a Service annotation. ${other.fix}`,
      ),
      detail: `It does nothing as a Service annotation: it is ${other.what}.`,
    };
  }
  const suggestions = suggestAnnotations(kv.key);
  if (suggestions.length === 0) {
    // A later release may add keys: say what is known, without a squiggle of warning weight.
    if (!kv.key.startsWith(ANNOTATION_PREFIX)) return undefined;
    return {
      messageId: 'unknownKey',
      severity: 'info',
      span: kv.keySpan,
      message: fit(
        `${kv.key} is not an annotation kube-vip reads (none of v0.5.0 – v1.2.3 does). Check the spelling.`,
        `${named(kv.key, 60)} is not an annotation kube-vip v0.5.0 – v1.2.3 reads. Check the spelling.`,
        `${named(kv.key, 48)} is not read by kube-vip v0.5.0 – v1.2.3. Check the spelling.`,
      ),
      detail: 'Keys are case-sensitive, and kube-vip looks them up by exact name. A release newer than v1.2.3 may read it.',
    };
  }
  const names = suggestions.map((s) => s.key);
  const caseOnly = suggestions.length === 1 && kv.key.toLowerCase() === names[0].toLowerCase();
  const message = caseOnly
    ? fit(`${kv.key} has no effect: kube-vip reads keys case-sensitively. Use ${names[0]}.`, `${named(kv.key, 40)} has no effect: keys are case-sensitive. Use ${names[0]}.`)
    : fit(
        `${kv.key} is not an annotation kube-vip reads (no effect). Did you mean ${names.join(' or ')}?`,
        `${named(kv.key, 40)} is not an annotation kube-vip reads. Did you mean ${names.join(' or ')}?`,
        `${named(kv.key, 40)} is not an annotation kube-vip reads. Did you mean ${names.length > 1 ? `one of ${names.length} similar keys` : names[0]}?`,
      );
  const listed = message.includes(names[names.length - 1]) ? '' : ` Did you mean ${names.join(' or ')}?`;
  // One candidate is the fix, unless it differs only in a digit (egress-ipv4 is not a typo of egress-ipv6).
  const preferred = suggestions.length === 1 && !differsInDigitsOnly(kv.key, names[0]);
  const fixes: Fix[] = [];
  for (const target of names) {
    const edit = replaceScalar(kv.keySpan, quoteAt(text, kv.keySpan), target);
    if (edit) fixes.push({ title: `Rename to ${target}`, edits: [edit], preferred });
  }
  return {
    messageId: 'unknownKey',
    span: kv.keySpan,
    message,
    detail: `${kv.key} is not an annotation kube-vip reads, so it has no effect: kube-vip looks annotations up by their exact, case-sensitive name.${listed}`,
    fixes,
  };
}

function differsInDigitsOnly(a: string, b: string): boolean {
  return a.length === b.length && a !== b && [...a].every((c, i) => c === b[i] || (/\d/.test(c) && /\d/.test(b[i])));
}

function quoteAt(text: string, span: Span): 'double' | 'single' | 'plain' {
  const first = text[span.start];
  return first === '"' ? 'double' : first === "'" ? 'single' : 'plain';
}

// ------------------------------------------------------------------ values

const TRUTHY_WORDS = /^(y|yes|on|enable|enabled)$/i;
const FALSY_WORDS = /^(n|no|off|disable|disabled)$/i;
const isTrueLike = (v: string) => (GO_TRUE as readonly string[]).includes(v) || TRUTHY_WORDS.test(v);
const isFalseLike = (v: string) => v === '' || (GO_FALSE as readonly string[]).includes(v) || FALSY_WORDS.test(v);

function checkValue(kv: KeyValue, spec: AnnotationSpec, text: string): Finding[] {
  const value = kv.value!;
  switch (spec.value) {
    case 'exact-true':
    case 'true-any-case':
      return notExactTrue(kv, spec, value);
    case 'non-empty':
      return value !== '' && isFalseLike(value) ? [falseIsOn(kv, spec, value, text)] : [];
    case 'not-false':
      return value !== '' && value !== 'false' && isFalseLike(value) ? [onlyFalseIsOff(kv, spec, value)] : [];
    case 'parse-bool':
      return isGoBool(value) ? [] : [ddnsNotBool(kv, spec, value)];
    case 'ip-list':
      return checkIpList(kv, text);
    case 'rp-filter':
    case 'duration':
    case 'vlan':
      return invalidValue(kv, spec, value);
    default:
      return [];
  }
}

const isGoBool = (v: string) => (GO_TRUE as readonly string[]).includes(v) || (GO_FALSE as readonly string[]).includes(v);

/** Replace the value, keeping its quotes; a fix only where the quote style allows it. */
function setValue(kv: KeyValue, newValue: string, preferred: boolean): Fix[] {
  const edit = kv.valueSpan && kv.quote ? replaceScalar(kv.valueSpan, kv.quote, newValue) : undefined;
  return edit ? [{ title: `Set ${kv.key} to "${newValue}"`, edits: [edit], preferred }] : [];
}

function notExactTrue(kv: KeyValue, spec: AnnotationSpec, value: string): Finding[] {
  const anyCase = spec.value === 'true-any-case';
  if ((anyCase ? value.toLowerCase() === 'true' : value === 'true') || isFalseLike(value)) return [];
  const rule = anyCase ? 'the string "true" in any case' : 'the exact, lower-case string "true"';
  const meant = isTrueLike(value);
  const only = anyCase ? '"true" (any case)' : '"true"';
  return [
    {
      messageId: 'notExactTrue',
      span: kv.valueSpan!,
      message: fit(
        `${kv.key} ${shown(value, 16)} stays off: kube-vip ${since(spec)} turns it on only for ${only}. Use "true".`,
        `${kv.key} ${shown(value, 12)} stays off: kube-vip ${since(spec)} needs ${only}. Use "true".`,
        `${kv.key} ${shown(value, 12)} stays off: kube-vip turns it on only for ${only}. Use "true".`,
        `${kv.key} ${shown(value, 12)} stays off: only "true" turns it on. Use "true".`,
      ),
      detail: `kube-vip ignores ${JSON.stringify(value)}: from ${spec.since} it turns this on only for ${rule}${meant ? '' : ', and reads anything else as off'}.`,
      fixes: setValue(kv, 'true', meant),
    },
  ];
}

function falseIsOn(kv: KeyValue, spec: AnnotationSpec, value: string, text: string): Finding {
  const edit = removeLine(kv, text);
  return {
    messageId: 'falseIsOn',
    span: kv.valueSpan!,
    message: fit(
      `${kv.key} ${shown(value, 16)} turns it on, not off: kube-vip ${since(spec)} reads any value as on. Remove the annotation.`,
      `${kv.key} ${shown(value, 12)} turns it on: any value does (${since(spec)}). Remove the annotation.`,
      `${kv.key} ${shown(value, 12)} turns it on: any value does. Remove the annotation.`,
    ),
    detail: `kube-vip (${spec.since} and later) looks only at whether the value is empty, so ${JSON.stringify(value)} turns this on. Remove the annotation to leave it off.`,
    fixes: edit ? [{ title: `Remove ${kv.key}`, edits: [edit], preferred: true }] : [],
  };
}

function onlyFalseIsOff(kv: KeyValue, spec: AnnotationSpec, value: string): Finding {
  return {
    messageId: 'onlyFalseIsOff',
    span: kv.valueSpan!,
    message: fit(
      `${kv.key} ${shown(value, 16)} turns it on: kube-vip ${since(spec)} reads only "false" as off. Use "false".`,
      `${kv.key} ${shown(value, 12)} turns it on: only "false" is off. Use "false".`,
    ),
    detail: `kube-vip (${spec.since} and later) treats every value except "" and the exact "false" as on. Write "false" (or remove the annotation) to leave it off.`,
    fixes: setValue(kv, 'false', true),
  };
}

function ddnsNotBool(kv: KeyValue, spec: AnnotationSpec, value: string): Finding {
  const meant = isTrueLike(value) ? 'true' : value !== '' && isFalseLike(value) ? 'false' : undefined;
  const subject = value === '' ? `${kv.key} is empty, so it` : `${kv.key} ${shown(value, 16)}`;
  const use = meant ? `Use "${meant}".` : 'Use "true" or "false".';
  return {
    messageId: 'ddnsNotBool',
    severity: 'error',
    span: kv.valueSpan!,
    message: fit(`${subject} is not a Go boolean: kube-vip ${since(spec)} refuses the Service. ${use}`, `${kv.key} ${shown(value, 12)} is not a Go boolean, so kube-vip refuses the Service. ${use}`),
    detail:
      `kube-vip (${spec.since} and later) parses ${value === '' ? 'an empty value' : JSON.stringify(value)} with Go's strconv.ParseBool and, on an error, refuses the whole Service ` +
      '("Failed to add service"): its address is not advertised. Accepted: true, false, 1, 0, t, f, TRUE, FALSE, True, False.',
    fixes: meant ? setValue(kv, meant, true) : [],
  };
}

/**
 * Kubernetes decodes YAML with go-yaml v2, which keeps timestamps and base-60 numbers (`10:30`) as
 * strings although YAML 1.1 defines them: those are not reported.
 */
const GO_YAML_STRINGS = /^(\d{4}-\d\d?-\d\d?|[-+]?\d[\d_]*(:[0-5]?\d)+(\.[\d_]*)?)/;

function notString(kv: KeyValue, spec: AnnotationSpec, text: string): Finding | undefined {
  const source = text.slice(kv.valueSpan!.start, kv.valueSpan!.end);
  if (GO_YAML_STRINGS.test(source)) return undefined;
  const bool = /^(true|false|y|n|yes|no|on|off)$/i.test(source) ? (/^(true|y|yes|on)$/i.test(source) ? 'true' : 'false') : undefined;
  // The string a switch needs: a boolean word becomes the spelling kube-vip acts on.
  const switchLike = spec.value === 'exact-true' || spec.value === 'true-any-case' || spec.value === 'parse-bool' || spec.value === 'not-false';
  const quoted = bool && switchLike ? bool : source;
  const offStillOn = spec.value === 'non-empty' && bool === 'false';
  const tagged = text.slice(text.lastIndexOf(':', kv.valueSpan!.start - 1) + 1, kv.valueSpan!.start).includes('!');
  const fixes: Fix[] = [];
  if (offStillOn) {
    const edit = removeLine(kv, text);
    if (edit) fixes.push({ title: `Remove ${kv.key}`, edits: [edit], preferred: true });
  } else if (!tagged) {
    fixes.push({ title: `Quote the value: ${JSON.stringify(quoted)}`, edits: [{ ...kv.valueSpan!, newText: JSON.stringify(quoted) }], preferred: true });
  }
  const type = bool ? 'boolean' : 'number';
  const act = offStillOn ? 'Remove the annotation.' : `Quote it: ${JSON.stringify(quoted)}.`;
  return {
    messageId: 'notString',
    severity: 'error',
    span: kv.valueSpan!,
    message: fit(
      `${kv.key}: unquoted ${source} is a YAML ${type}; the Kubernetes API rejects the Service. ${act}`,
      `${kv.key}: unquoted ${named(source, 12)} is a YAML ${type}, so the Service is rejected. ${offStillOn ? act : 'Quote it.'}`,
      `${kv.key}: unquoted ${named(source, 12)} makes the API reject the Service. ${offStillOn ? act : 'Quote it.'}`,
    ),
    detail:
      `The unquoted value ${source} is ${bool ? 'a boolean' : 'a number'} in YAML, but annotation values must be strings: the Kubernetes API rejects the Service. ` +
      (offStillOn ? 'Quoted, "false" would still turn it on (kube-vip only checks that the value is not empty): remove the annotation instead.' : `Quoted: ${JSON.stringify(quoted)}.`),
    fixes,
  };
}

/**
 * Deletes a block-style `key: value` line (with its trailing comment and newline); undefined when the
 * entry shares its line with anything else or spans several lines.
 */
function removeLine(kv: KeyValue, text: string): TextEdit | undefined {
  const { start, end } = kv.itemSpan;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  if (!/^[ \t]*$/.test(text.slice(lineStart, start)) || text.slice(start, end).includes('\n')) return undefined;
  const rest = /^[ \t]*(#[^\n]*)?(\r?\n|$)/.exec(text.slice(end));
  return rest ? { start: lineStart, end: end + rest[0].length, newText: '' } : undefined;
}

// ------------------------------------------------------------------ loadbalancerIPs

interface ListEntry {
  readonly text: string;
  /** Offset of the entry within the value. */
  readonly offset: number;
}

/** The comma-separated entries of a value, with their offsets. */
function entries(value: string): ListEntry[] {
  const out: ListEntry[] = [];
  let offset = 0;
  for (const part of value.split(',')) {
    out.push({ text: part, offset });
    offset += part.length + 1;
  }
  return out;
}

/** Where the value's characters start in the file, when they are written unescaped (plain, or quoted without escapes). */
function valueStart(kv: KeyValue, text: string): number | undefined {
  const span = kv.valueSpan!;
  const raw = text.slice(span.start, span.end);
  if (kv.quote === 'plain' && raw === kv.value) return span.start;
  if ((kv.quote === 'double' || kv.quote === 'single') && raw.slice(1, -1) === kv.value) return span.start + 1;
  return undefined;
}

const isAddress = (entry: string) => ipFamily(entry) !== undefined || isDnsName(entry);

/** Why an entry (already trimmed) is not an address, with what to do, or undefined when it is one. */
function entryProblem(entry: string): { problem: string; fix: string } | undefined {
  if (entry === '') return { problem: 'an empty entry (a stray comma)', fix: 'Remove the extra comma.' };
  if (isAddress(entry)) return undefined;
  const slash = /^(.+)\/\d+$/.exec(entry);
  if (slash && ipFamily(slash[1])) return { problem: `${shown(entry)} has a prefix length`, fix: 'Write the bare address.' };
  if (/[\s;]/.test(entry)) return { problem: `${shown(entry)} holds several values`, fix: 'Separate addresses with commas.' };
  return { problem: `${shown(entry)} is not a valid IP address`, fix: 'Correct or remove it.' };
}

/** The list rewritten cleanly: commas only, no spaces or empty entries, host prefixes dropped; undefined when that still leaves a bad entry. */
function repairedList(value: string): string | undefined {
  const parts = value
    .split(/[\s,;]+/)
    .filter((p) => p !== '')
    .map((p) => p.replace(/^(.+)\/(32|128)$/, (whole, ip: string, len: string) => ((ipFamily(ip) === 'ipv4') === (len === '32') && ipFamily(ip) ? ip : whole)));
  return parts.length > 0 && parts.every(isAddress) ? parts.join(',') : undefined;
}

function checkIpList(kv: KeyValue, text: string): Finding[] {
  const value = kv.value!;
  if (value.trim() === '') return []; // empty: the cloud provider fills it in; nothing for kube-vip to parse
  const start = valueStart(kv, text);
  const repaired = repairedList(value);
  const fixes = repaired !== undefined && repaired !== value ? setValue(kv, repaired, true).map((f) => ({ ...f, title: `Write ${kv.key} as "${repaired}"` })) : [];
  const findings: Finding[] = [];
  for (const entry of entries(value)) {
    const trimmed = entry.text.trim();
    const problem = entryProblem(trimmed);
    if (!problem) continue;
    const lead = entry.text.length - entry.text.trimStart().length;
    const span = start !== undefined && entry.text.trim() !== '' ? { start: start + entry.offset + lead, end: start + entry.offset + lead + entry.text.trim().length } : kv.valueSpan!;
    findings.push({
      messageId: 'invalidIp',
      severity: 'error',
      span,
      message: fit(
        `${kv.key}: ${problem.problem}, so no address comes from it. ${problem.fix}`,
        `${kv.key}: ${problem.problem}. ${problem.fix}`,
      ),
      detail:
        `${trimmed !== '' && !problem.problem.includes(`"${trimmed}"`) ? `The entry is "${trimmed}". ` : ''}` +
        'kube-vip splits the value on commas and takes an entry that does not parse as an IP for a DNS name, ' +
        'so no address is configured from it as written. The kube-vip-cloud-provider (v0.0.10 – v0.0.12) fails to parse it too, and then ' +
        'allocates no address for other Services that share its pool.',
      fixes,
    });
  }
  if (findings.length === 0 && /\s/.test(value)) {
    findings.push({
      messageId: 'listWhitespace',
      span: kv.valueSpan!,
      message: fit(
        `${kv.key} has spaces: kube-vip trims them, but the cloud provider may fail on them. Remove the spaces.`,
        `${kv.key} has spaces, which the cloud provider may fail on. Remove the spaces.`,
      ),
      detail:
        'kube-vip trims them (v0.7.0 and later), but the kube-vip-cloud-provider (v0.0.10 – v0.0.12) ' +
        'does not: it fails to parse the annotation and then allocates no address for other Services that share its pool. ' +
        'Releases v0.5.12 – v0.6.4 of kube-vip read the whole value as one address.',
      fixes,
    });
  }
  return findings;
}

/** spec.loadBalancerIP set to an address the annotation does not list: kube-vip reads the annotation only. */
function loadBalancerIPIgnored(service: ServiceFact): Finding | undefined {
  const lbIP = service.loadBalancerIP;
  const annotation = service.annotations.find((a) => a.key === 'kube-vip.io/loadbalancerIPs');
  if (!lbIP || !annotation || service.templated || annotation.value === undefined || annotation.value.trim() === '') return undefined;
  const listed = annotation.value.split(',').map((e) => canonical(e.trim()));
  if (lbIP.value === '' || listed.includes(canonical(lbIP.value))) return undefined;
  return {
    messageId: 'loadBalancerIPIgnored',
    span: lbIP.span,
    message: fit(
      `spec.loadBalancerIP ${lbIP.value} is ignored: kube-vip v0.5.12+ uses loadbalancerIPs ${shown(annotation.value, 20)}. Put the one you want there.`,
      `spec.loadBalancerIP ${lbIP.value} is ignored: kube-vip v0.5.12+ uses kube-vip.io/loadbalancerIPs. Put the one you want there.`,
      'spec.loadBalancerIP is ignored: kube-vip v0.5.12+ uses kube-vip.io/loadbalancerIPs. Put the address you want there.',
    ),
    detail:
      `kube-vip uses the kube-vip.io/loadbalancerIPs annotation (${annotation.value}) whenever it is present. ` +
      'Put the address you want in the annotation, or remove one of the two. (This holds from v0.5.12; v0.5.0 – v0.5.11 read only spec.loadBalancerIP.)',
    related: [{ span: annotation.itemSpan, message: 'the annotation kube-vip reads instead' }],
  };
}

/** An address in one spelling ("fd00:0::1" and "FD00::1" meet); other text as is. */
function canonical(address: string): string {
  return ipFamily(address) ? ipaddr.parse(address).toString() : address;
}

// ------------------------------------------------------------------ other formats

function invalidValue(kv: KeyValue, spec: AnnotationSpec, value: string): Finding[] {
  const problem = spec.value === 'rp-filter' ? rpFilterProblem(value) : spec.value === 'duration' ? durationProblem(value) : vlanProblem(value);
  if (!problem) return [];
  // What kube-vip does, for the headline (with the release, and shorter without) and for the detail.
  const [short, shorter, outcome] =
    spec.value === 'rp-filter'
      ? [`kube-vip ${since(spec)} uses 0`, 'kube-vip uses 0', 'kube-vip logs an error and sets rp_filter 0 on the DHCP interface']
      : spec.value === 'duration'
        ? [`kube-vip ${since(spec)} asks for one hour`, 'kube-vip uses one hour', 'kube-vip logs a warning and asks for the default lease of one hour']
        : [
            `kube-vip ${since(spec)} may fail the Service`,
            'the Service may fail',
            'kube-vip logs an error, creates no VLAN interface, and then fails to add the Service unless an interface of exactly that name exists',
          ];
  return [
    {
      messageId: 'invalidValue',
      span: kv.valueSpan!,
      message: fit(
        `${kv.key}: ${problem.problem}, so ${short}. ${problem.fix}`,
        `${kv.key}: ${problem.problem}, so ${shorter}. ${problem.fix}`,
        `${kv.key}: ${problem.problem}. ${problem.fix}`,
      ),
      detail: `${problem.more ? `${problem.more} ` : ''}${outcome} (${spec.since} and later).`,
    },
  ];
}

/** A value kube-vip cannot use: the problem (for the headline), what to do, and more for the detail. */
interface ValueProblem {
  readonly problem: string;
  readonly fix: string;
  readonly more?: string;
}

function rpFilterProblem(value: string): ValueProblem | undefined {
  const more = 'Use 0 (off), 1 (strict) or 2 (loose).';
  if (!/^[+-]?\d+$/.test(value)) return { problem: `${shown(value, 16)} is not a number`, fix: 'Use 0, 1 or 2.', more };
  const n = Number(value);
  return n >= 0 && n <= 2 ? undefined : { problem: `${shown(value, 16).slice(1, -1)} is out of range`, fix: 'Use 0, 1 or 2.', more };
}

/** Go's time.ParseDuration, plus kube-vip's own refusal of negative and empty values. */
function durationProblem(value: string): ValueProblem | undefined {
  const more = 'Write a Go duration with a unit, e.g. "30s", "1h" or "1h30m" ("0s" for a permanent mapping).';
  if (value === '') return { problem: 'the value is empty', fix: 'Use a Go duration, e.g. "30s" or "1h".', more };
  const m = /^([+-]?)(0|(?:(?:\d+\.?\d*|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+)$/.exec(value);
  if (!m) return { problem: `${shown(value, 16)} is not a Go duration`, fix: 'Add a unit, e.g. "30s" or "1h".', more };
  return m[1] === '-' && /[1-9]/.test(m[2]) ? { problem: `${shown(value, 16)} is negative`, fix: 'Remove the minus sign.' } : undefined;
}

function vlanProblem(value: string): ValueProblem | undefined {
  const parts = value.split('.');
  const more = 'Write "<parent interface>.<VLAN id>", e.g. "eth0.200".';
  if (parts.length !== 2 || parts[0] === '') return { problem: `${shown(value, 16)} is not "<interface>.<id>"`, fix: 'Use e.g. "eth0.200".', more };
  if (!/^[+-]?\d+$/.test(parts[1])) return { problem: `the VLAN id ${shown(parts[1], 12)} is not a number`, fix: 'Use e.g. "eth0.200".', more };
  const id = Number(parts[1]);
  return id >= 1 && id <= 4094 ? undefined : { problem: `the VLAN id ${shown(parts[1], 12).slice(1, -1)} is outside 1 – 4094`, fix: 'Use an id from 1 to 4094.' };
}

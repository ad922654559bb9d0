/**
 * The kube-vip-cloud-provider ConfigMap as the provider reads it (v0.0.12, with the older releases'
 * differences noted in docs/rules/cloud-provider-config.md): which ConfigMap it is, the address pools
 * per key, which namespaces each pool serves, and how many addresses it really hands out. Pure: plain
 * facts from resources.ts in, plain data out.
 *
 * Parsing follows pkg/ipam/addressbuilder.go: a value is split on "," (and a range on "-") without
 * trimming; each CIDR goes through Go's netip.ParsePrefix and each range end through netip.ParseAddr,
 * then into a netipx.IPSet, which merges overlaps and rejects reversed or mixed-family ranges.
 */
import * as ipaddr from 'ipaddr.js';
import type { ConfigMapFact, KeyValue, ResourceFact } from './resources';
import type { Span } from './span';
import { shown } from './headline';
import { ipFamily } from './values';
import type { Family } from './values';

/** Addresses first..last (inclusive) of one family, as numbers. */
export interface IpRange {
  readonly family: Family;
  readonly first: bigint;
  readonly last: bigint;
}

export type ElementProblem =
  /** Whitespace anywhere: the provider does not trim, so netip rejects the entry. */
  | { readonly kind: 'whitespace' }
  /** `reason`: the problem, short, for a headline (long values shortened); `hint`: sentences for the detail. */
  | { readonly kind: 'invalid'; readonly reason: string; readonly hint?: string }
  /** netipx rejects a range whose start is after its end (v0.0.6+). */
  | { readonly kind: 'reversed' }
  | { readonly kind: 'mixedFamily' };

/** One comma-separated entry of a pool value. */
export interface PoolElement {
  readonly text: string;
  /** The entry in the source, or the whole value when the scalar's text differs from its value (escapes, folding). */
  readonly span: Span;
  /** Its addresses, when it parses. */
  readonly range?: IpRange;
  readonly problem?: ElementProblem;
  /** A CIDR written with host bits set: the provider masks it to this prefix. */
  readonly maskedTo?: string;
  /** An address with an IPv6 zone (fe80::1%eth0): Go parses it, but what a pool does with it is not modelled. */
  readonly unchecked?: boolean;
}

/** The exact value the provider treats as "use DHCP" (v0.0.4+): every Service gets 0.0.0.0. */
export const DHCP_POOL = '0.0.0.0/32';

export interface Pool {
  readonly entry: KeyValue;
  readonly key: string;
  /** The key's kind: cidr-* keys are looked up before range-* keys. */
  readonly keyKind: 'cidr' | 'range';
  /** `global` or the namespace name in the key. */
  readonly scope: string;
  readonly value: string;
  /** How the provider parses the value: a "/" anywhere makes it a CIDR list, whatever the key says (v0.0.4+). */
  readonly parse: 'cidr' | 'range' | 'dhcp' | 'empty';
  readonly elements: readonly PoolElement[];
  /** Every entry parses: the provider can allocate from it. */
  readonly ok: boolean;
  /** The pool's addresses, merged and sorted. */
  readonly ranges: readonly IpRange[];
  /** What the provider can hand out (end addresses skipped as configured); IPv4 x.x.x.0 and x.x.x.255 are removed by `handsOut`. */
  readonly usable: readonly IpRange[];
}

export interface ProviderConfig {
  readonly configMap: ConfigMapFact;
  readonly pools: readonly Pool[];
  /** `skip-end-ips-in-cidr` is exactly "true" (v0.0.10+). */
  readonly skipEndIps: boolean;
  /** No key is templated: the set of keys is what the provider will see. */
  readonly complete: boolean;
}

const POOL_KEY = /^(cidr|range)-(.*)$/s;
/** Kubernetes namespace names are RFC 1123 labels. */
const NAMESPACE = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** The provider's own defaults (KUBEVIP_CONFIG_MAP, KUBEVIP_NAMESPACE unset). */
export const DEFAULT_CONFIG_MAP = { name: 'kubevip', namespace: 'kube-system' } as const;

/**
 * Whether a ConfigMap is (very likely) the cloud provider's: `kubevip` in kube-system (the default), or
 * one with pool keys that is named after kube-vip (the Helm chart names it after the release) or holds
 * at least one parseable pool entry. An unrelated ConfigMap with a stray `range-x` key is left alone.
 */
export function isProviderConfigMap(cm: ConfigMapFact): boolean {
  const { name, namespace } = cm.resource;
  if (name === DEFAULT_CONFIG_MAP.name && (namespace === undefined || namespace === DEFAULT_CONFIG_MAP.namespace)) return true;
  const poolEntries = cm.data.filter((kv) => POOL_KEY.test(kv.key) && !kv.templated);
  if (poolEntries.length === 0) return false;
  if (/kube-?vip/i.test(name ?? '')) return true;
  return poolEntries.some((kv) => kv.value !== undefined && splitPool(kv.value).some((e) => e.range));
}

/** True when `scope` (the part after `cidr-`, `allow-share-`, ...) can match a Service's namespace. */
export function isScope(scope: string): boolean {
  return scope === 'global' || NAMESPACE.test(scope);
}

const memo = new WeakMap<ConfigMapFact, ProviderConfig>();

/** The provider's view of a ConfigMap; `text` is the file it is in (for entry spans). */
export function readProviderConfig(cm: ConfigMapFact, text: string): ProviderConfig {
  let config = memo.get(cm);
  if (!config) {
    const skipEndIps = cm.data.some((kv) => kv.key === 'skip-end-ips-in-cidr' && kv.value === 'true');
    const pools = cm.data.flatMap((kv) => {
      const m = POOL_KEY.exec(kv.key);
      return m && !kv.templated && kv.value !== undefined ? [readPool(kv, m[1] as 'cidr' | 'range', m[2], text, skipEndIps)] : [];
    });
    config = { configMap: cm, pools, skipEndIps, complete: !cm.data.some((kv) => kv.templated) };
    memo.set(cm, config);
  }
  return config;
}

function readPool(entry: KeyValue, keyKind: 'cidr' | 'range', scope: string, text: string, skipEndIps: boolean): Pool {
  const value = entry.value!;
  const base = { entry, key: entry.key, keyKind, scope, value };
  if (value === DHCP_POOL) return { ...base, parse: 'dhcp', elements: [], ok: true, ranges: [], usable: [] };
  if (value === '') return { ...base, parse: 'empty', elements: [], ok: false, ranges: [], usable: [] };
  const parse = value.includes('/') ? 'cidr' : 'range';
  const elements = locate(splitPool(value), entry, text);
  const ok = elements.every((e) => !e.problem);
  const ranges = merge(elements.flatMap((e) => (e.range ? [e.range] : [])));
  const usable = parse === 'cidr' ? ranges.flatMap((r) => cidrHosts(r, skipEndIps)) : ranges;
  return { ...base, parse, elements, ok, ranges, usable };
}

/** The entries of a value, parsed the way the provider does it; spans relative to the value. */
function splitPool(value: string): PoolElement[] {
  const asCidr = value.includes('/');
  let offset = 0;
  return value.split(',').map((part) => {
    const span = { start: offset, end: offset + part.length };
    offset += part.length + 1;
    return { text: part, span, ...(asCidr ? parsePrefix(part) : parseRange(part)) };
  });
}

type Parsed = Pick<PoolElement, 'range' | 'problem' | 'maskedTo' | 'unchecked'>;

/** Go's netip.ParsePrefix, then netipx.RangeOfPrefix (which masks the host bits). */
function parsePrefix(text: string): Parsed {
  if (/\s/.test(text)) return { problem: { kind: 'whitespace' } };
  if (text === '') return { problem: { kind: 'invalid', reason: 'an empty entry (a stray comma)' } };
  const slash = text.lastIndexOf('/');
  if (slash < 0) {
    if (text.includes('-')) {
      return { problem: { kind: 'invalid', reason: `${shown(text, 32)} is not a CIDR`, hint: 'It is a range, but the value holds a CIDR, so the provider parses every entry as a CIDR.' } };
    }
    return { problem: { kind: 'invalid', reason: `${shown(text, 32)} is not a CIDR: no prefix length` } };
  }
  const address = text.slice(0, slash);
  const bitsText = text.slice(slash + 1);
  if (address.includes('%')) return { problem: { kind: 'invalid', reason: `${shown(text, 32)} has an IPv6 zone`, hint: 'A prefix may not have one.' } };
  const family = ipFamily(address);
  if (!family) return { problem: { kind: 'invalid', reason: `${shown(address, 32)} is not an IP address` } };
  const width = family === 'ipv4' ? 32 : 128;
  if (!/^\d{1,3}$/.test(bitsText) || Number(bitsText) > width) return { problem: { kind: 'invalid', reason: `${shown(`/${bitsText}`, 12)} is not a prefix length for ${familyLabel(family)} (0–${width})` } };
  const bits = Number(bitsText);
  const value = toNumber(address, family);
  const hostMask = (1n << BigInt(width - bits)) - 1n;
  const first = value - (value & hostMask);
  const range = { family, first, last: first + hostMask };
  return first === value ? { range } : { range, maskedTo: `${formatIp(first, family)}/${bits}` };
}

/** `start-end` with both ends through netip.ParseAddr, then netipx.IPRangeFrom (which must be valid). */
function parseRange(text: string): Parsed {
  if (/\s/.test(text)) return { problem: { kind: 'whitespace' } };
  if (text === '') return { problem: { kind: 'invalid', reason: 'an empty entry (a stray comma)' } };
  const ends = text.split('-');
  if (ends.length !== 2) {
    const hint = ends.length === 1 && ipFamily(text) ? `A single address needs a prefix length, ${text}/${ipFamily(text) === 'ipv4' ? 32 : 128}, or a range ${text}-${text}.` : 'A range is start-end.';
    return { problem: { kind: 'invalid', reason: `${shown(text, 32)} is not a range`, hint } };
  }
  if (ends.some((e) => e.includes('%'))) return { unchecked: true };
  const [from, to] = ends.map((e) => ipFamily(e));
  const bad = !from ? ends[0] : !to ? ends[1] : undefined;
  if (bad !== undefined) return { problem: { kind: 'invalid', reason: `${shown(bad, 32)} is not an IP address` } };
  if (from !== to) return { problem: { kind: 'mixedFamily' } };
  const first = toNumber(ends[0], from!);
  const last = toNumber(ends[1], from!);
  if (first > last) return { problem: { kind: 'reversed' } };
  return { range: { family: from!, first, last } };
}

/** Moves element spans into the file when the scalar's source text is its value; else each covers the whole value. */
function locate(elements: PoolElement[], entry: KeyValue, text: string): PoolElement[] {
  const span = entry.valueSpan!;
  const inner = entry.quote === 'double' || entry.quote === 'single' ? span.start + 1 : span.start;
  const exact = entry.quote !== 'block' && text.slice(inner, inner + entry.value!.length) === entry.value;
  return elements.map((e) => ({ ...e, span: exact ? { start: inner + e.span.start, end: inner + e.span.end } : span }));
}

/**
 * The hosts of a CIDR pool's merged ranges, as buildHostsFromCidr makes them (v0.0.10+): per prefix of
 * the merged set, IPv6 whole; IPv4 /31 whole; otherwise without the first and last address only when
 * skip-end-ips-in-cidr is "true" (a /32 is kept).
 */
function cidrHosts(range: IpRange, skipEndIps: boolean): IpRange[] {
  if (range.family === 'ipv6' || !skipEndIps) return [range];
  return prefixesOf(range).flatMap(({ first, bits }) => {
    const last = first + (1n << BigInt(32 - bits)) - 1n;
    if (bits >= 31) return [{ family: range.family, first, last }];
    return [{ family: range.family, first: first + 1n, last: last - 1n }];
  });
}

/** The minimal list of prefixes covering a range (netipx IPRange.Prefixes). */
function prefixesOf(range: IpRange): { first: bigint; bits: number }[] {
  const width = range.family === 'ipv4' ? 32 : 128;
  const out: { first: bigint; bits: number }[] = [];
  let at = range.first;
  while (at <= range.last) {
    let size = at === 0n ? 1n << BigInt(width) : at & -at;
    while (size > range.last - at + 1n) size >>= 1n;
    out.push({ first: at, bits: width - (size.toString(2).length - 1) });
    at += size;
  }
  return out;
}

/** Sorted, with overlapping and adjacent ranges of a family joined (what an IPSet holds). */
export function merge(ranges: readonly IpRange[]): IpRange[] {
  const sorted = [...ranges].sort((a, b) => (a.family !== b.family ? (a.family < b.family ? -1 : 1) : a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
  const out: IpRange[] = [];
  for (const r of sorted) {
    const prev = out[out.length - 1];
    if (prev && prev.family === r.family && r.first <= prev.last + 1n) out[out.length - 1] = { ...prev, last: r.last > prev.last ? r.last : prev.last };
    else out.push(r);
  }
  return out;
}

/** Number of addresses in ranges. */
export function sizeOf(ranges: readonly IpRange[]): bigint {
  return ranges.reduce((sum, r) => sum + r.last - r.first + 1n, 0n);
}

/** IPv4 addresses ending in .0 or .255 within a range: FindFreeAddress never returns them (v0.0.6+). */
function zeroOr255(range: IpRange): bigint {
  if (range.family !== 'ipv4') return 0n;
  const below = (n: bigint, residue: bigint) => (n < residue ? 0n : (n - residue) / 256n + 1n); // count of x <= n with x % 256 == residue
  const count = (residue: bigint) => below(range.last, residue) - (range.first === 0n ? 0n : below(range.first - 1n, residue));
  return count(0n) + count(255n);
}

/** How many addresses the provider can hand out from a pool. */
export function handOutCount(pool: Pool): bigint {
  return pool.usable.reduce((sum, r) => sum + r.last - r.first + 1n - zeroOr255(r), 0n);
}

/** Whether the provider can hand out `ip` from this pool. */
export function handsOut(pool: Pool, ip: string): boolean {
  const family = ipFamily(ip);
  if (!family || !pool.ok) return false;
  const n = toNumber(ip, family);
  if (family === 'ipv4' && (n % 256n === 0n || n % 256n === 255n)) return false;
  return pool.usable.some((r) => r.family === family && r.first <= n && n <= r.last);
}

/** The entry of a pool whose addresses include `ip`. */
export function elementHolding(pool: Pool, ip: string): PoolElement | undefined {
  const family = ipFamily(ip);
  if (!family) return undefined;
  const n = toNumber(ip, family);
  return pool.elements.find((e) => e.range && e.range.family === family && e.range.first <= n && n <= e.range.last);
}

/** The addresses two ranges share, if any. */
export function overlapOf(a: IpRange, b: IpRange): IpRange | undefined {
  if (a.family !== b.family) return undefined;
  const first = a.first > b.first ? a.first : b.first;
  const last = a.last < b.last ? a.last : b.last;
  return first <= last ? { family: a.family, first, last } : undefined;
}

/** The pool key the provider takes for a namespace: cidr-<ns>, cidr-global, range-<ns>, range-global (loadBalancer.go discoverPool). */
export function poolFor(config: ProviderConfig, namespace: string): Pool | undefined {
  const byKey = (key: string) => config.pools.find((p) => p.key === key);
  return byKey(`cidr-${namespace}`) ?? byKey('cidr-global') ?? byKey(`range-${namespace}`) ?? byKey('range-global');
}

/** The cidr-* key found first whenever this range-* key would be, so that it is never read; undefined for a pool in use. */
export function shadowOf(config: ProviderConfig, pool: Pool): Pool | undefined {
  if (pool.keyKind === 'cidr') return undefined;
  const byKey = (key: string) => config.pools.find((p) => p.key === key);
  return byKey(`cidr-${pool.scope}`) ?? byKey('cidr-global');
}

/** Pools the provider may allocate from: in use (not shadowed), for a namespace that can exist, and parseable. */
export function activePools(config: ProviderConfig): Pool[] {
  return config.pools.filter((p) => p.ok && p.parse !== 'dhcp' && isScope(p.scope) && !shadowOf(config, p));
}

export function familyLabel(family: Family): string {
  return family === 'ipv4' ? 'IPv4' : 'IPv6';
}

/** Addresses as numbers, remembered: the workspace rules compare every Service address with every pool on each pass. */
const numbers = new Map<string, bigint>();

function toNumber(ip: string, family: Family): bigint {
  let n = numbers.get(ip);
  if (n === undefined) {
    const bytes = family === 'ipv4' ? ipaddr.IPv4.parse(ip).toByteArray() : ipaddr.IPv6.parse(ip).toByteArray();
    n = bytes.reduce((acc, b) => (acc << 8n) | BigInt(b), 0n);
    if (numbers.size >= 50_000) numbers.clear();
    numbers.set(ip, n);
  }
  return n;
}

export function formatIp(n: bigint, family: Family): string {
  const length = family === 'ipv4' ? 4 : 16;
  const bytes: number[] = [];
  for (let i = 0; i < length; i++) bytes.unshift(Number((n >> BigInt(8 * i)) & 255n));
  return ipaddr.fromByteArray(bytes).toString();
}

export function formatRange(r: IpRange): string {
  return r.first === r.last ? formatIp(r.first, r.family) : `${formatIp(r.first, r.family)}–${formatIp(r.last, r.family)}`;
}

/** A count, as 2^n when it is a large power of two (IPv6 prefixes). */
function formatCount(n: bigint): string {
  const bits = n.toString(2);
  return n > 1n << 20n && /^10*$/.test(bits) ? `2^${bits.length - 1}` : n.toString();
}

/** The pool whose key or value is at `offset` in the cloud provider's ConfigMap, with that ConfigMap. */
export function poolAt(resources: readonly ResourceFact[], text: string, offset: number): { config: ProviderConfig; pool: Pool } | undefined {
  for (const r of resources) {
    if (r.kind !== 'ConfigMap' || !r.dataSpan || offset < r.dataSpan.start || offset > r.dataSpan.end || !isProviderConfigMap(r)) continue;
    const config = readProviderConfig(r, text);
    const pool = config.pools.find((p) => offset >= p.entry.keySpan.start && offset <= (p.entry.valueSpan ?? p.entry.keySpan).end);
    if (pool) return { config, pool };
  }
  return undefined;
}

/** Hover markdown for a pool: size, what is handed out, family, the namespaces it serves, what shadows it. */
export function poolHover(config: ProviderConfig, pool: Pool): string {
  const lines = [`**${pool.key}**: kube-vip-cloud-provider address pool`, ''];
  if (pool.parse === 'dhcp') {
    lines.push('- **DHCP:** every Service this key serves gets `0.0.0.0`, and kube-vip requests its address by DHCP (cloud provider v0.0.4+).');
  } else if (!pool.ok) {
    lines.push('- **Does not parse:** the provider returns an error for every Service that draws from this key.');
  } else {
    for (const family of ['ipv4', 'ipv6'] as const) {
      const ranges = pool.ranges.filter((r) => r.family === family);
      if (ranges.length === 0) continue;
      const shown = ranges.slice(0, 4).map(formatRange).join(', ') + (ranges.length > 4 ? ', …' : '');
      lines.push(`- **${familyLabel(family)}:** ${formatCount(sizeOf(ranges))} addresses (${shown})`);
    }
    const masked = pool.elements.filter((e) => e.maskedTo).map((e) => `\`${e.text}\` is read as \`${e.maskedTo}\``);
    if (masked.length) lines.push(`- **Host bits:** ${masked.join(', ')}`);
    const ends = pool.parse === 'cidr' && config.skipEndIps ? 'skip-end-ips-in-cidr drops each prefix’s first and last address; ' : '';
    lines.push(`- **Handed out:** ${formatCount(handOutCount(pool))} (${ends}IPv4 addresses ending in .0 or .255 are never handed out)`);
    lines.push(`- **Parsed as:** ${pool.parse === 'cidr' ? 'CIDRs' : 'ranges'} (the value ${pool.parse === 'cidr' ? 'has' : 'has no'} "/"; the key does not decide)`);
  }
  lines.push(`- **Serves:** ${servesText(config, pool)}`);
  const shadowed = config.pools.filter((p) => p !== pool && shadowOf(config, p) === pool).map((p) => `\`${p.key}\``);
  if (shadowed.length) lines.push(`- **Shadows:** ${shadowed.join(', ')} (looked up after this key, so never used)`);
  return lines.join('\n');
}

function servesText(config: ProviderConfig, pool: Pool): string {
  const shadow = shadowOf(config, pool);
  if (shadow) return `nothing: \`${shadow.key}\` is looked up first, so this key is never read`;
  if (!isScope(pool.scope)) return `nothing: "${pool.scope}" cannot be a namespace name`;
  if (pool.scope !== 'global') return `namespace \`${pool.scope}\``;
  const own = config.pools.filter((p) => p.scope !== 'global' && (pool.keyKind === 'range' || p.keyKind === 'cidr')).map((p) => `\`${p.key}\``);
  const prefix = pool.keyKind === 'cidr' ? 'cidr-<ns>' : 'cidr-<ns> or range-<ns>';
  return `every namespace without its own ${prefix} key` + (own.length ? ` (these have one: ${own.join(', ')})` : '');
}

/**
 * Address-valued variables: bare IPs (bgp_sourceip, mpbgp_ipv4, ...), the IPv4 BGP router id, the
 * control-plane address (an IP, an "IPv4,IPv6" pair or DNS names, never a CIDR: pitfalls.md §5) and
 * the egress CIDR lists.
 */
import type { EnvVarSpec } from '../catalog';
import { isUnset, readLiteralEntries } from '../env';
import { replaceValue } from '../fixes';
import type { EnvEntry, KubeVipContainer } from '../model';
import type { Fix, Severity } from '../types';
import { cidrFamily, ipFamily, parseAddress } from '../values';
import { atLeast, inRange } from '../version';
import { versionLabel } from '../versionText';
import { mayBeSetOutsideEnv } from '../sources';
import { abortOutcome } from '../outcomes';
import type { Rule, RuleContext, RuleFinding } from './rule';

/** GoBGP v4 (kube-vip v1.2.1+) rejects a non-IPv4 router id: "router-id must be an IPv4 address" (pitfalls.md §19). */
const ROUTER_ID_IPV4_ONLY = 'v1.2.1';
/** v0.8.3–v1.0.0 derive the prefix from `address` with GenerateCidrRange, which takes IPs only (kube-vip#1248, commit 2074be2). */
const DNS_NEEDS_PREFIX = { from: 'v0.8.3', to: 'v1.0.0' } as const;
/** vip_cidr was replaced by vip_subnet in v0.9.0 (commit c5e854f). */
const SUBNET_LIST_FORM = 'v0.9.0';

interface Problem {
  readonly severity: Severity;
  readonly text: string;
  readonly fixed?: string;
}

export const rule: Rule = {
  id: 'invalid-ip',
  defaultSeverity: 'error',
  description: 'IP-valued kube-vip variables must hold valid addresses: no CIDR suffix in address, an IPv4 BGP router id, valid egress CIDRs.',
  check(context) {
    const findings: RuleFinding[] = [];
    for (const { entry, spec } of readLiteralEntries(context.container)) {
      const problem = problemOf(context, entry, spec);
      if (problem) findings.push(toFinding(entry, problem));
    }
    return findings;
  },
};

function problemOf(context: RuleContext, entry: EnvEntry, spec: EnvVarSpec): Problem | undefined {
  switch (spec.type) {
    case 'ip':
      return checkIp(context.container, entry);
    case 'ipv4':
      return checkRouterId(context.container, entry);
    case 'address':
      return checkAddress(context, entry);
    case 'cidr-list':
      return checkCidrList(entry);
    default:
      return undefined;
  }
}

/** A bare IP: kube-vip hands it to GoBGP or net.ParseIP when it sets up the BGP peers. */
function checkIp(container: KubeVipContainer, entry: EnvEntry): Problem | undefined {
  const value = entry.value!;
  if (ipFamily(value)) return undefined;
  return { severity: 'error', text: `not an IP address, so on ${versionLabel(container)} kube-vip cannot set up the BGP peers with it.`, fixed: repairIp(value) };
}

/** bgp_routerid: an IPv4 address. IPv6 is rejected by GoBGP v4 (v1.2.1+); garbage fails with "invalid router-id format". */
function checkRouterId(container: KubeVipContainer, entry: EnvEntry): Problem | undefined {
  const value = entry.value!;
  const family = ipFamily(value);
  if (family === 'ipv4') return undefined;
  const label = versionLabel(container);
  if (family === 'ipv6') {
    return atLeast(container.version, ROUTER_ID_IPV4_ONLY)
      ? { severity: 'error', text: `a BGP router id is a 32-bit IPv4-style identifier; on ${label} (v1.2.1 and later, GoBGP v4) BGP fails with "router-id must be an IPv4 address". Use the node's IPv4 address.` }
      : { severity: 'warning', text: `a BGP router id is a 32-bit IPv4-style identifier; ${label} passes an IPv6 value on, and from v1.2.1 (GoBGP v4) BGP fails with "router-id must be an IPv4 address". Use the node's IPv4 address.` };
  }
  const fixed = repairIp(value);
  return { severity: 'error', text: `not an IPv4 address, so on ${label} BGP cannot start ("invalid router-id format", kube-vip#163).`, fixed: fixed && ipFamily(fixed) === 'ipv4' ? fixed : undefined };
}

/** address / vip_address: IPs or DNS names, comma-separated; no prefix length. */
function checkAddress(context: RuleContext, entry: EnvEntry): Problem | undefined {
  const { container } = context;
  const value = entry.value!;
  const prefixVar = atLeast(container.version, SUBNET_LIST_FORM) ? 'vip_subnet' : 'vip_cidr';
  const parts = value.split(',');
  if (parts.some((p) => p.includes('/'))) {
    const fixed = parts.map((p) => p.trim().replace(/\/\d{1,3}$/, '')).join(',');
    return {
      severity: 'error',
      text: `kube-vip wants a bare address, never a CIDR: it cannot parse "${parts.find((p) => p.includes('/'))}" as an IP and its DNS lookup fails. ${abortOutcome(container)}. Drop the prefix length; put it in ${prefixVar} if you need one.`,
      fixed: parseAddress(fixed).ok ? fixed : undefined,
    };
  }
  const parsed = parseAddress(value);
  if (!parsed.ok) {
    const trimmed = parts.map((p) => p.trim()).join(',');
    if (trimmed !== value && parseAddress(trimmed).ok) {
      return { severity: 'warning', text: 'remove the spaces: kube-vip splits the list on "," without trimming, so each part must be an address exactly.', fixed: trimmed };
    }
    return { severity: 'error', text: `${parsed.problem}, so kube-vip cannot resolve it. ${abortOutcome(container)}.` };
  }
  if (entry.name === 'address' && parsed.dnsNames.length > 0) return dnsWithoutPrefix(context, prefixVar);
  return undefined;
}

/** A DNS name in `address` with no explicit prefix aborts v0.8.3–v1.0.0 (GenerateCidrRange accepts IPs only). */
function dnsWithoutPrefix(context: RuleContext, prefixVar: string): Problem | undefined {
  const { container } = context;
  if (!inRange(container.version, DNS_NEEDS_PREFIX.from, DNS_NEEDS_PREFIX.to)) return undefined;
  if (container.conditional || !isUnset(container.envByName.get(prefixVar)) || mayBeSetOutsideEnv(container, prefixVar)) return undefined;
  const log = atLeast(container.version, SUBNET_LIST_FORM) ? 'No interface is specified for kube-vip to bind to' : undefined;
  return {
    severity: 'error',
    text:
      `kube-vip v0.8.3–v1.0.0 derive the VIP's prefix from address and accept only IPs there, so a DNS name needs an explicit ${prefixVar}. ` +
      `${abortOutcome(container, log)}${log ? ' (a misleading message, kube-vip#1248)' : ''}. Set ${prefixVar} (e.g. "32"), or use v1.0.1 or later, which resolves the name.`,
  };
}

/** egress_podcidr / egress_servicecidr: comma-separated CIDRs, split without trimming. */
function checkCidrList(entry: EnvEntry): Problem | undefined {
  const value = entry.value!;
  const parts = value.split(',');
  const bad = parts.find((p) => !cidrFamily(p));
  if (!bad) return undefined;
  const trimmed = parts.map((p) => p.trim()).join(',');
  if (trimmed !== value && trimmed.split(',').every((p) => cidrFamily(p))) {
    return { severity: 'error', text: `remove the spaces: kube-vip splits the list on "," without trimming, so "${parts.find((p) => p !== p.trim())}" is not a CIDR in its egress rules.`, fixed: trimmed };
  }
  const what = ipFamily(bad.trim()) ? `"${bad}" is an address, not a CIDR (add the prefix length, e.g. "/16")` : `"${bad}" is not a CIDR`;
  return { severity: ipFamily(bad.trim()) ? 'warning' : 'error', text: `${what}; kube-vip builds the egress rules of Services from this list, so they cannot be set up correctly.` };
}

/** A bare IP hidden in a common wrapping: spaces, a "/32" suffix, IPv6 brackets. */
function repairIp(value: string): string | undefined {
  const candidate = value.trim().replace(/^\[(.*)\]$/, '$1').replace(/\/\d{1,3}$/, '');
  return candidate !== value && ipFamily(candidate) ? candidate : undefined;
}

function toFinding(entry: EnvEntry, problem: Problem): RuleFinding {
  const fixes: Fix[] = [];
  const edit = problem.fixed === undefined ? undefined : replaceValue(entry, problem.fixed);
  if (edit) fixes.push({ title: `Set ${entry.name} to "${problem.fixed}"`, edits: [edit], preferred: true });
  return { span: entry.valueSpan!, severity: problem.severity, message: `${entry.name} "${entry.value}": ${problem.text}`, fixes };
}

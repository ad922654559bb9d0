/**
 * Address-valued variables: bare IPs (bgp_sourceip, mpbgp_ipv4, ...), the IPv4 BGP router id, the
 * control-plane address (an IP, an "IPv4,IPv6" pair or DNS names, never a CIDR: pitfalls.md §5) and
 * the egress CIDR lists. None of the BGP ones is validated by ParseEnvironment (they are stored as
 * strings, e.g. v1.2.3:pkg/kubevip/config_environment.go:524-540), so a bad value matters only where
 * kube-vip uses it: in BGP mode, and for mpbgp_ipv4/mpbgp_ipv6 only with mpbgp_nexthop set.
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
import { configOf } from '../config';
import { defineRule } from './rule';
import type { RuleContext, RuleFinding } from './rule';

/** GoBGP v4 (kube-vip v1.2.1+) rejects a non-IPv4 router id: "router-id must be an IPv4 address" (pitfalls.md §19). */
const ROUTER_ID_IPV4_ONLY = 'v1.2.1';
/**
 * v0.8.3–v0.8.9 derive the prefix from `address` with GenerateCidrRange, which takes IPs only
 * (v0.8.9:cmd/kube-vip.go:437-446); from v0.8.10 it resolves names (v0.8.10:cmd/kube-vip.go:465-468).
 */
const DNS_NEEDS_PREFIX = { from: 'v0.8.3', to: 'v0.8.9' } as const;
/** vip_cidr was replaced by vip_subnet in v0.9.0 (commit c5e854f). */
const SUBNET_LIST_FORM = 'v0.9.0';

const MESSAGES = {
  bgpIp: 'bgp_sourceip / bgp_peeraddress not an IP address, in BGP mode',
  mpbgpIp: 'mpbgp_ipv4 / mpbgp_ipv6 not an IP address while mpbgp_nexthop is set',
  routerIdIpv6: 'An IPv6 bgp_routerid: GoBGP v4 (v1.2.1+) refuses it',
  routerIdIpv6Later: 'An IPv6 bgp_routerid before v1.2.1: accepted now, refused from v1.2.1',
  routerIdInvalid: 'bgp_routerid not an IP address: GoBGP refuses to start BGP',
  addressCidr: 'address / vip_address with a CIDR suffix: kube-vip refuses to start',
  addressSpaces: 'address with spaces after a comma',
  addressInvalid: 'address neither an IP address nor a DNS name: kube-vip refuses to start',
  dnsNeedsPrefix: 'v0.8.3–v0.8.9: a DNS name in address without vip_cidr: kube-vip refuses to start',
  cidrSpaces: 'Egress CIDR list with spaces after a comma',
  cidrAddress: 'Egress CIDR list entry without a prefix length',
  cidrInvalid: 'Egress CIDR list entry that is not a CIDR',
} as const;
type MessageId = keyof typeof MESSAGES;

interface Problem {
  readonly id: MessageId;
  readonly severity: Severity;
  readonly text: string;
  readonly fixed?: string;
}

/** Variables used only by the BGP server. */
const BGP_ONLY = ['bgp_sourceip', 'bgp_peeraddress', 'mpbgp_ipv4', 'mpbgp_ipv6', 'bgp_routerid'];

export const rule = defineRule({
  id: 'invalid-ip',
  defaultSeverity: 'error',
  description: 'IP-valued kube-vip variables must hold valid addresses: no CIDR suffix in address, an IPv4 BGP router id, valid egress CIDRs.',
  messages: MESSAGES,
  check(context) {
    const findings: RuleFinding<MessageId>[] = [];
    const config = configOf(context.container);
    for (const { entry, spec } of readLiteralEntries(context.container)) {
      if (config.notParsed(spec.name)) continue; // never parsed: the value cannot matter
      const bgp = BGP_ONLY.includes(spec.name) ? config.isMode('bgp') : 'on';
      if (bgp === 'off') continue; // never used outside BGP mode
      const problem = problemOf(context, entry, spec);
      if (problem) findings.push(toFinding(entry, bgp === 'unknown' ? maybeBgp(problem) : problem));
    }
    return findings;
  },
});

function problemOf(context: RuleContext, entry: EnvEntry, spec: EnvVarSpec): Problem | undefined {
  switch (spec.type) {
    case 'ip':
      return spec.name.startsWith('mpbgp_') ? checkMpbgpIp(context.container, entry) : checkIp(context.container, entry);
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

/** A BGP consequence where the manifest does not show that BGP mode runs: a warning that says so. */
function maybeBgp(problem: Problem): Problem {
  return { ...problem, severity: 'warning', text: `${problem.text} This applies only if kube-vip runs in BGP mode, which this manifest does not settle.` };
}

/** bgp_sourceip / bgp_peeraddress: kube-vip hands the text to GoBGP when it sets up the peers. */
function checkIp(container: KubeVipContainer, entry: EnvEntry): Problem | undefined {
  const value = entry.value!;
  if (ipFamily(value)) return undefined;
  return { id: 'bgpIp', severity: 'error', text: `not an IP address, so on ${versionLabel(container)} kube-vip cannot set up the BGP peers with it.`, fixed: repairIp(value) };
}

/**
 * mpbgp_ipv4 / mpbgp_ipv6 are read only inside AddPeer's `if MpbgpNexthop != ""` block
 * (v0.8.10:pkg/bgp/peers.go:48, v1.2.3:pkg/bgp/peers.go:78), and checked with net.ParseIP only for
 * a peer whose next hop is "fixed" and that has no value of its own (v1.2.3:pkg/kubevip/config_bgp.go:238-253,306-317).
 */
function checkMpbgpIp(container: KubeVipContainer, entry: EnvEntry): Problem | undefined {
  const value = entry.value!;
  if (ipFamily(value)) return undefined;
  const nexthop = container.envByName.get('mpbgp_nexthop');
  if (isUnset(nexthop) && !mayBeSetOutsideEnv(container, 'mpbgp_nexthop')) return undefined; // never used
  const family = entry.name === 'mpbgp_ipv4' ? 'IPv4' : 'IPv6';
  const failure = `kube-vip refuses it when it adds such a peer ("provided address '${value}' is not a valid ${family} address"), so the BGP server does not start`;
  const scope = `for every peer whose next hop is "fixed" and that has no ${entry.name} option of its own`;
  if (nexthop?.value === 'fixed') {
    return { id: 'mpbgpIp', severity: 'error', text: `not an IP address. With mpbgp_nexthop "fixed" it is the next hop ${scope}; on ${versionLabel(container)} ${failure}.`, fixed: repairIp(value) };
  }
  return { id: 'mpbgpIp', severity: 'warning', text: `not an IP address. It is used only ${scope} (mpbgp_nexthop, or a peer's own mpbgp_nexthop option); there ${failure}.`, fixed: repairIp(value) };
}

/** bgp_routerid: an IPv4 address. IPv6 is rejected by GoBGP v4 (v1.2.1+); garbage fails with "invalid router-id format". */
function checkRouterId(container: KubeVipContainer, entry: EnvEntry): Problem | undefined {
  const value = entry.value!;
  const family = ipFamily(value);
  if (family === 'ipv4') return undefined;
  const label = versionLabel(container);
  if (family === 'ipv6') {
    return atLeast(container.version, ROUTER_ID_IPV4_ONLY)
      ? { id: 'routerIdIpv6', severity: 'error', text: `a BGP router id is a 32-bit IPv4-style identifier; on ${label} (v1.2.1 and later, GoBGP v4) BGP fails with "router-id must be an IPv4 address". Use the node's IPv4 address.` }
      : { id: 'routerIdIpv6Later', severity: 'warning', text: `a BGP router id is a 32-bit IPv4-style identifier; ${label} passes an IPv6 value on, and from v1.2.1 (GoBGP v4) BGP fails with "router-id must be an IPv4 address". Use the node's IPv4 address.` };
  }
  const fixed = repairIp(value);
  return { id: 'routerIdInvalid', severity: 'error', text: `not an IPv4 address, so on ${label} BGP cannot start ("invalid router-id format", kube-vip#163).`, fixed: fixed && ipFamily(fixed) === 'ipv4' ? fixed : undefined };
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
      id: 'addressCidr',
      severity: 'error',
      text: `kube-vip wants a bare address, never a CIDR: it cannot parse "${parts.find((p) => p.includes('/'))}" as an IP and its DNS lookup fails. ${abortOutcome(container)}. Drop the prefix length; put it in ${prefixVar} if you need one.`,
      fixed: parseAddress(fixed).ok ? fixed : undefined,
    };
  }
  const parsed = parseAddress(value);
  if (!parsed.ok) {
    const trimmed = parts.map((p) => p.trim()).join(',');
    if (trimmed !== value && parseAddress(trimmed).ok) {
      return { id: 'addressSpaces', severity: 'warning', text: 'remove the spaces: kube-vip splits the list on "," without trimming, so each part must be an address exactly.', fixed: trimmed };
    }
    return { id: 'addressInvalid', severity: 'error', text: `${parsed.problem}, so kube-vip cannot resolve it. ${abortOutcome(container)}.` };
  }
  if (entry.name === 'address' && parsed.dnsNames.length > 0) return dnsWithoutPrefix(context, prefixVar);
  return undefined;
}

/** A DNS name in `address` with no explicit prefix aborts v0.8.3–v0.8.9 (GenerateCidrRange accepts IPs only). */
function dnsWithoutPrefix(context: RuleContext, prefixVar: string): Problem | undefined {
  const { container } = context;
  if (!inRange(container.version, DNS_NEEDS_PREFIX.from, DNS_NEEDS_PREFIX.to)) return undefined;
  if (container.conditional || !isUnset(container.envByName.get(prefixVar)) || mayBeSetOutsideEnv(container, prefixVar)) return undefined;
  const value = container.envByName.get('address')!.value!;
  const name = value.split(',').find((part) => !ipFamily(part))!;
  return {
    id: 'dnsNeedsPrefix',
    severity: 'error',
    text:
      `kube-vip v0.8.3–v0.8.9 derive the VIP's prefix from address and accept only IPs there, so a DNS name needs an explicit ${prefixVar}. ` +
      `${abortOutcome(container, `invalid IP address: ${name} from [${value}]`)}. Set ${prefixVar} (e.g. "32"), or use v0.8.10 or later, which resolves the name.`,
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
    return { id: 'cidrSpaces', severity: 'error', text: `remove the spaces: kube-vip splits the list on "," without trimming, so "${parts.find((p) => p !== p.trim())}" is not a CIDR in its egress rules.`, fixed: trimmed };
  }
  const what = ipFamily(bad.trim()) ? `"${bad}" is an address, not a CIDR (add the prefix length, e.g. "/16")` : `"${bad}" is not a CIDR`;
  return { id: ipFamily(bad.trim()) ? 'cidrAddress' : 'cidrInvalid', severity: ipFamily(bad.trim()) ? 'warning' : 'error', text: `${what}; kube-vip builds the egress rules of Services from this list, so they cannot be set up correctly.` };
}

/** A bare IP hidden in a common wrapping: spaces, a "/32" suffix, IPv6 brackets. */
function repairIp(value: string): string | undefined {
  const candidate = value.trim().replace(/^\[(.*)\]$/, '$1').replace(/\/\d{1,3}$/, '');
  return candidate !== value && ipFamily(candidate) ? candidate : undefined;
}

function toFinding(entry: EnvEntry, problem: Problem): RuleFinding<MessageId> {
  const fixes: Fix[] = [];
  const edit = problem.fixed === undefined ? undefined : replaceValue(entry, problem.fixed);
  if (edit) fixes.push({ title: `Set ${entry.name} to "${problem.fixed}"`, edits: [edit], preferred: true });
  return { messageId: problem.id, span: entry.valueSpan!, severity: problem.severity, message: `${entry.name} "${entry.value}": ${problem.text}`, fixes };
}

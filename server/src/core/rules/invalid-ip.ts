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
import { versionLabel, versionNote, versionShort } from '../versionText';
import { mayBeSetOutsideEnv } from '../sources';
import { abortOutcome, abortShort } from '../outcomes';
import { fit, shown } from '../headline';
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
  /** The headline after the subject ("name "value""): the problem, "what kube-vip does" and the fix. */
  readonly problem: string;
  /** What kube-vip does, longest first: the headline takes the first that fits. */
  readonly outcomes: readonly string[];
  /** The fix, as an imperative; alternatives longest first. */
  readonly fix: string | readonly string[];
  readonly detail?: string;
  /** The subject when not "name "value"", e.g. one entry of a list. */
  readonly subject?: string;
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
  return {
    ...problem,
    severity: 'warning',
    outcomes: problem.outcomes.flatMap((o) => [`${o} if it runs in BGP mode`, `${o} (if in BGP mode)`]),
    detail: `${problem.detail ? `${problem.detail} ` : ''}This applies only if kube-vip runs in BGP mode, which this manifest does not settle.`,
  };
}

/** detail + the version's source, when the headline names the version. */
function withNote(container: KubeVipContainer, detail: string): string {
  const note = versionNote(container);
  return note ? `${detail} ${note}` : detail;
}

/** bgp_sourceip / bgp_peeraddress: kube-vip hands the text to GoBGP when it sets up the peers. */
function checkIp(container: KubeVipContainer, entry: EnvEntry): Problem | undefined {
  const value = entry.value!;
  if (ipFamily(value)) return undefined;
  const fixed = repairIp(value);
  return {
    id: 'bgpIp',
    severity: 'error',
    problem: 'is not an IP address',
    outcomes: [`${versionShort(container)} cannot set up BGP peers with it`],
    fix: fixed ? [`Use "${fixed}".`, 'Use an IP address.'] : 'Use an IP address.',
    detail: withNote(container, 'kube-vip does not validate it when it reads the environment: it hands the text to GoBGP when it sets up the BGP peers.'),
    fixed,
  };
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
  const fixed = repairIp(value);
  const fix = fixed ? [`Use "${fixed}".`, `Use a bare ${family} address.`] : `Use a bare ${family} address.`;
  const v = versionShort(container);
  if (nexthop?.value === 'fixed') {
    return {
      id: 'mpbgpIp',
      severity: 'error',
      problem: 'is not an IP address',
      outcomes: [`the BGP server of ${v} does not start`],
      fix,
      detail: `With mpbgp_nexthop "fixed" it is the next hop ${scope}; on ${versionLabel(container)} ${failure}.`,
      fixed,
    };
  }
  return {
    id: 'mpbgpIp',
    severity: 'warning',
    problem: 'is not an IP address',
    outcomes: [`the BGP server of ${v} does not start if a peer's next hop is "fixed"`, `BGP on ${v} fails if a peer's next hop is "fixed"`, `BGP fails with next hop "fixed"`],
    fix,
    detail: withNote(container, `It is used only ${scope} (mpbgp_nexthop, or a peer's own mpbgp_nexthop option); there ${failure}.`),
    fixed,
  };
}

/** bgp_routerid: an IPv4 address. IPv6 is rejected by GoBGP v4 (v1.2.1+); garbage fails with "invalid router-id format". */
function checkRouterId(container: KubeVipContainer, entry: EnvEntry): Problem | undefined {
  const value = entry.value!;
  const family = ipFamily(value);
  if (family === 'ipv4') return undefined;
  const label = versionLabel(container);
  const v = versionShort(container);
  const fix = "Use the node's IPv4 address.";
  if (family === 'ipv6') {
    return atLeast(container.version, ROUTER_ID_IPV4_ONLY)
      ? {
          id: 'routerIdIpv6',
          severity: 'error',
          problem: 'is IPv6, but a router id is IPv4-style',
          outcomes: [`BGP fails on ${v}`],
          fix,
          detail: `A BGP router id is a 32-bit IPv4-style identifier; on ${label} (v1.2.1 and later, GoBGP v4) BGP fails with "router-id must be an IPv4 address".`,
        }
      : {
          id: 'routerIdIpv6Later',
          severity: 'warning',
          problem: 'is IPv6',
          outcomes: [`${v} accepts it, but BGP fails from v1.2.1 (GoBGP v4)`, `${v} accepts it, BGP fails from v1.2.1`],
          fix,
          detail: `A BGP router id is a 32-bit IPv4-style identifier; ${label} passes an IPv6 value on, and from v1.2.1 (GoBGP v4) BGP fails with "router-id must be an IPv4 address".`,
        };
  }
  const repaired = repairIp(value);
  const fixed = repaired && ipFamily(repaired) === 'ipv4' ? repaired : undefined;
  return {
    id: 'routerIdInvalid',
    severity: 'error',
    problem: 'is not an IPv4 address',
    outcomes: [`BGP cannot start on ${v}`],
    fix: fixed ? [`Use "${fixed}".`, fix] : fix,
    detail: `On ${label} BGP cannot start with it: GoBGP reports "invalid router-id format" (kube-vip#163).`,
    fixed,
  };
}

/** address / vip_address: IPs or DNS names, comma-separated; no prefix length. */
function checkAddress(context: RuleContext, entry: EnvEntry): Problem | undefined {
  const { container } = context;
  const value = entry.value!;
  const prefixVar = atLeast(container.version, SUBNET_LIST_FORM) ? 'vip_subnet' : 'vip_cidr';
  const parts = value.split(',');
  if (parts.some((p) => p.includes('/'))) {
    const fixed = parts.map((p) => p.trim().replace(/\/\d{1,3}$/, '')).join(',');
    const usable = parseAddress(fixed).ok ? fixed : undefined;
    return {
      id: 'addressCidr',
      severity: 'error',
      problem: 'has a prefix length',
      outcomes: [abortShort(container), `${versionShort(container)} refuses to start`],
      fix: usable ? [`Use "${usable}".`, 'Drop the prefix length.'] : 'Drop the prefix length.',
      detail:
        `kube-vip wants a bare address, never a CIDR: it cannot parse "${parts.find((p) => p.includes('/'))}" as an IP and its DNS lookup fails. ${abortOutcome(container)}. ` +
        `Drop the prefix length; put it in ${prefixVar} if you need one.`,
      fixed: usable,
    };
  }
  const parsed = parseAddress(value);
  if (!parsed.ok) {
    const trimmed = parts.map((p) => p.trim()).join(',');
    if (trimmed !== value && parseAddress(trimmed).ok) {
      return {
        id: 'addressSpaces',
        severity: 'warning',
        problem: 'has spaces',
        outcomes: ['kube-vip splits it on "," without trimming'],
        fix: 'Remove the spaces.',
        detail: 'Each part of the list must be an address exactly.',
        fixed: trimmed,
      };
    }
    return {
      id: 'addressInvalid',
      severity: 'error',
      problem: 'is not an IP address or DNS name',
      outcomes: [abortShort(container), `${versionShort(container)} refuses to start`],
      fix: 'Correct it.',
      detail: `${parsed.problem}, so kube-vip cannot resolve it. ${abortOutcome(container)}.`,
    };
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
    problem: `is a DNS name without ${prefixVar}`,
    outcomes: [abortShort(container), `${versionShort(container)} refuses to start`],
    fix: `Set ${prefixVar} (e.g. "32").`,
    detail:
      `kube-vip v0.8.3–v0.8.9 derive the VIP's prefix from address and accept only IPs there, so a DNS name needs an explicit ${prefixVar}. ` +
      `${abortOutcome(container, `invalid IP address: ${name} from [${value}]`)}. Set ${prefixVar}, or use v0.8.10 or later, which resolves the name.`,
  };
}

/** egress_podcidr / egress_servicecidr: comma-separated CIDRs, split without trimming. */
function checkCidrList(entry: EnvEntry): Problem | undefined {
  const value = entry.value!;
  const parts = value.split(',');
  const bad = parts.find((p) => !cidrFamily(p));
  if (!bad) return undefined;
  const trimmed = parts.map((p) => p.trim()).join(',');
  const rules = 'kube-vip builds the egress rules of Services from this list';
  if (trimmed !== value && trimmed.split(',').every((p) => cidrFamily(p))) {
    return {
      id: 'cidrSpaces',
      severity: 'error',
      problem: 'has spaces',
      outcomes: ['kube-vip does not trim them, so egress rules cannot be set up correctly', 'egress rules cannot be set up correctly', 'kube-vip does not trim them'],
      fix: 'Remove the spaces.',
      detail: `kube-vip splits the list on "," without trimming, so "${parts.find((p) => p !== p.trim())}" is not a CIDR in its egress rules.`,
      fixed: trimmed,
    };
  }
  const subject = parts.length > 1 ? `${entry.name} entry ${shown(bad)}` : undefined;
  if (ipFamily(bad.trim())) {
    return {
      id: 'cidrAddress',
      severity: 'warning',
      subject,
      problem: 'has no prefix length',
      outcomes: EGRESS_OUTCOMES,
      fix: 'Add one (e.g. "/16").',
      detail: `"${bad}" is an address, not a CIDR; ${rules}, so they cannot be set up correctly.`,
    };
  }
  return {
    id: 'cidrInvalid',
    severity: 'error',
    subject,
    problem: 'is not a CIDR',
    outcomes: EGRESS_OUTCOMES,
    fix: 'Correct it.',
    detail: `"${bad}" is not a CIDR; ${rules}, so they cannot be set up correctly.`,
  };
}

/** What a CIDR kube-vip cannot use does to egress, from the longest wording to the shortest (headlines). */
const EGRESS_OUTCOMES = ['the egress rules of Services cannot be set up correctly', 'Service egress rules cannot be set up correctly', 'egress rules cannot be set up correctly'];

/** A bare IP hidden in a common wrapping: spaces, a "/32" suffix, IPv6 brackets. */
function repairIp(value: string): string | undefined {
  const candidate = value.trim().replace(/^\[(.*)\]$/, '$1').replace(/\/\d{1,3}$/, '');
  return candidate !== value && ipFamily(candidate) ? candidate : undefined;
}

function toFinding(entry: EnvEntry, problem: Problem): RuleFinding<MessageId> {
  const fixes: Fix[] = [];
  const edit = problem.fixed === undefined ? undefined : replaceValue(entry, problem.fixed);
  if (edit) fixes.push({ title: `Set ${entry.name} to "${problem.fixed}"`, edits: [edit], preferred: true });
  const subjects = [problem.subject ?? `${entry.name} ${shown(entry.value!)}`, entry.name];
  const advice = typeof problem.fix === 'string' ? [problem.fix] : problem.fix;
  const message = fit(...subjects.flatMap((s) => problem.outcomes.flatMap((o) => advice.map((a) => `${s} ${problem.problem}: ${o}. ${a}`))));
  return { messageId: problem.id, span: entry.valueSpan!, severity: problem.severity, message, ...(problem.detail && { detail: problem.detail }), fixes };
}

/**
 * Variables with a fixed set of values (dns_mode, dhcp_mode, lb_fwdmethod, mpbgp_nexthop). What a
 * wrong value does differs per variable and per version, and often only matters when another setting
 * uses it: dns_mode only for a DNS-named control-plane address, dhcp_mode only with vip_ddns,
 * lb_fwdmethod only for the IPVS load balancer (lb_enable), mpbgp_nexthop only in BGP mode.
 * iptables_backend is an enum too, but no release reads it after parsing (no-effect-env-var).
 */
import type { EnvVarSpec } from '../catalog';
import { configOf } from '../config';
import { isUnset, readLiteralEntries } from '../env';
import { replaceValue } from '../fixes';
import type { EnvEntry, KubeVipContainer } from '../model';
import { shown } from '../headline';
import { abortOutcome, abortShort } from '../outcomes';
import { mayBeSetOutsideEnv } from '../sources';
import { HEADLINE_LIMIT } from '../types';
import type { Fix, Severity } from '../types';
import { atLeast, formatVersion } from '../version';
import { versionNote, versionShort } from '../versionText';
import { defineRule } from './rule';
import type { RuleFinding } from './rule';

const DNS_MODE = {
  /** v1.2.3 lower-cases dns_mode for the switch but not for the family filter (v1.2.3:pkg/utils/dns.go:28-50, kube-vip#1680). */
  caseBreaks: 'v1.2.3',
  /** From v1.0.3 a Service's DNSMode/DHCPMode come from its spec.ipFamilies (v1.0.3:pkg/instance/instance.go:328-352). */
  servicesUseIpFamilies: 'v1.0.3',
} as const;
/** The IPv4 masquerade iptables rules and the generator's privileged check compare the exact string (v0.8.0:pkg/vip/address.go:259). */
const FWD_EXACT_CHECKS_FROM = 'v0.8.0';

const messages = {
  dnsModeLikeFirst: 'dns_mode not spelled exactly: the lookup of a DNS-named address behaves like "first"',
  dnsModeCaseAborts: 'v1.2.3: a wrong-case dns_mode makes the lookup of a DNS-named address fail, so the prefix list cannot be generated and kube-vip refuses to start',
  dnsModeCaseControlPlane: 'v1.2.3: a wrong-case dns_mode makes the lookup of the DNS-named control-plane address fail, so kube-vip refuses to start',
  dnsModeCaseLatent: 'v1.2.3: a wrong-case dns_mode breaks the lookup of a DNS-named address; the manifest does not show one being resolved',
  dhcpModeUnknown: 'dhcp_mode outside ipv4/ipv6/dual: a control-plane VIP assigned by DHCP (vip_ddns) requests no lease',
  fwdMethodCaseExact: 'lb_fwdmethod "Masquerade": IPVS lower-cases it, but the IPv4 masquerade iptables rules need the exact string',
  fwdMethodCase: 'lb_fwdmethod in another case: kube-vip lower-cases it, so it works',
  fwdMethodUnknown: 'lb_fwdmethod unknown: the IPVS load balancer falls back to "local"',
  mpbgpNexthopUnknown: 'mpbgp_nexthop unknown: adding the BGP peers fails',
} as const;
type MessageId = keyof typeof messages;

interface Verdict {
  readonly messageId: MessageId;
  readonly severity: Severity;
  /** Headlines after `name "value" `, best first: the first that fits (with the advice) is used. */
  readonly headlines: readonly string[];
  /** The detail: how kube-vip reads the value, for which versions, what the manifest shows. */
  readonly text: string;
  /** The detail already names the version's source (abortOutcome): no versionNote. */
  readonly labelled?: boolean;
}

export const rule = defineRule({
  id: 'invalid-enum',
  defaultSeverity: 'error',
  description: 'A kube-vip variable with a fixed set of values (dns_mode, lb_fwdmethod, ...) must use one of them, spelled exactly.',
  messages,
  check({ container }) {
    const findings: RuleFinding<MessageId>[] = [];
    const config = configOf(container);
    for (const { entry, spec } of readEnumEntries(container)) {
      // Never parsed here (svc_enable gate, the v0.8.2–v0.8.4 table-id return): the value does nothing.
      if (!spec.values || spec.values.includes(entry.value!) || config.notParsed(spec.name)) continue;
      const finding = checkEntry(container, entry, spec);
      if (finding) findings.push(finding);
    }
    return findings;
  },
});

/** The enum entries to check; a variable that changes nothing (catalog `noEffect`) is no-effect-env-var's. */
function* readEnumEntries(container: KubeVipContainer): Generator<{ entry: EnvEntry; spec: EnvVarSpec }> {
  for (const item of readLiteralEntries(container, ['enum'])) if (!item.spec.noEffect) yield item;
}

function checkEntry(container: KubeVipContainer, entry: EnvEntry, spec: EnvVarSpec): RuleFinding<MessageId> | undefined {
  const value = entry.value!;
  const matches = spec.values!.filter((v) => v.toLowerCase() === value.trim().toLowerCase());
  const match = matches.length === 1 ? matches[0] : undefined;
  const verdict = verdictFor(container, spec.name, value, match);
  if (!verdict) return undefined;
  const fixes: Fix[] = [];
  const edit = match && replaceValue(entry, match);
  if (edit) fixes.push({ title: `Set ${spec.name} to "${match}"`, edits: [edit], preferred: true });
  const accepted = spec.values!.map((v) => `"${v}"`).join(', ');
  const advice = match ? `Use "${match}".` : `Use one of ${accepted}.`;
  const values = spec.values!;
  const plain = `Use ${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}.`;
  const advices = match ? [advice] : [advice, plain, `Use a valid value, e.g. "${values[0]}".`];
  const subject = `${spec.name} ${shown(value, 16)}`;
  let message: string | undefined;
  for (const headline of verdict.headlines) {
    message = advices.map((a) => `${subject} ${headline} ${a}`).find((m) => m.length <= HEADLINE_LIMIT);
    if (message) break;
  }
  message ??= `${subject} ${verdict.headlines[verdict.headlines.length - 1]} ${advices[advices.length - 1]}`;
  const note = verdict.labelled ? undefined : versionNote(container);
  const detail = [capitalise(verdict.text), message.endsWith(advice) || message.endsWith(plain) ? undefined : advice, note].filter((x) => x).join(' ');
  return { messageId: verdict.messageId, span: entry.valueSpan!, severity: verdict.severity, message, detail, fixes };
}

/** The verdict text as a sentence: "on v1.2.3 …" becomes "On v1.2.3 …"; "kube-vip" keeps its case. */
function capitalise(text: string): string {
  return text.startsWith('kube-vip') ? text : text.charAt(0).toUpperCase() + text.slice(1);
}

/** What this image does with a value outside the list; `match` is its case-insensitive twin, if any. */
function verdictFor(container: KubeVipContainer, name: string, value: string, match: string | undefined): Verdict | undefined {
  switch (name) {
    case 'dns_mode':
      return dnsMode(container, match);
    case 'dhcp_mode':
      // Compared with strings.EqualFold (v1.0.3:pkg/vip/address.go:158,177): only unknown values matter.
      return match ? undefined : dhcpMode(container);
    case 'lb_fwdmethod':
      return fwdMethod(container, match);
    case 'mpbgp_nexthop':
      return mpbgpNexthop(container, value);
    default:
      // An enum whose wrong values have no known consequence gets no claim.
      return undefined;
  }
}

/**
 * dns_mode. kube-vip resolves a DNS-named `address` (or vip_address) with it: for the control-plane
 * VIP, and at start-up to generate the prefix list from `address` when none is set (v1.1.0+). Up to
 * v1.0.2 DNS-named Service VIPs use it too; from v1.0.3 Services use their spec.ipFamilies.
 * ≤ v1.2.2 the switch is case-sensitive, so anything but the exact spellings behaves like "first";
 * v1.2.3 lower-cases the switch but not the family filter, so "IPv4"/"Dual" find no address.
 */
function dnsMode(container: KubeVipContainer, match: string | undefined): Verdict {
  const label = formatVersion(container.version);
  const short = versionShort(container);
  const caseOnly = match !== undefined && match !== 'first';
  const dns = dnsAddress(container);
  if (!caseOnly || !atLeast(container.version, DNS_MODE.caseBreaks)) {
    const how = atLeast(container.version, DNS_MODE.caseBreaks)
      ? `on ${label} kube-vip resolves anything but ipv4, ipv6 and dual`
      : `kube-vip compares it case-sensitively, so on ${label} it resolves this`;
    const later = caseOnly ? ` From ${DNS_MODE.caseBreaks} this spelling makes the lookup fail instead ("no addresses found", kube-vip#1680).` : '';
    const inert = dns.kind !== 'dns' && dns.kind !== 'unknown' && atLeast(container.version, DNS_MODE.servicesUseIpFamilies);
    const dhcp = caseOnly ? '' : dhcpCopy(container);
    const first = `is treated as "first" by ${short}`;
    const headlines = dhcp
      ? [`is copied to the unset dhcp_mode, so ${short} requests no DHCP lease for vip_ddns.`, `is copied to dhcp_mode: ${short} gets no vip_ddns lease.`]
      : inert
        ? [`${first}, which changes nothing here.`, `${first}.`]
        : [`${first}: a DNS name resolves to its first address only.`, `${first}.`];
    return {
      messageId: 'dnsModeLikeFirst',
      // "First" does what "first" does; only the dhcp_mode copy can hurt.
      severity: (inert || match === 'first') && !dhcp ? 'info' : 'warning',
      headlines,
      text: `${how} as "first": a DNS-named address gets its first address only.${inert ? ` ${inertReason(dns)}` : ''}${dhcp}${later}`,
    };
  }
  const broken = `on ${label} kube-vip lower-cases the mode for its switch but not for the address-family filter (kube-vip#1680), so resolving a DNS name fails with "no addresses found"`;
  if (dns.kind === 'dns' && dns.name === 'address' && prefixListUnset(container)) {
    return {
      messageId: 'dnsModeCaseAborts',
      severity: 'error',
      headlines: [`makes the DNS lookup of address fail: ${abortShort(container)}.`, `makes the DNS lookup of address fail: ${short} refuses to start.`],
      text: `${broken}: address "${dns.value}" is a DNS name and no prefix list is set, so kube-vip cannot generate one from it, and ${abortOutcome(container, 'No interface is specified for kube-vip to bind to')}.`,
      labelled: true,
    };
  }
  const config = configOf(container);
  if (dns.kind === 'dns' && config.controlPlane === 'on' && (config.mode === 'arp' || config.mode === 'bgp' || config.mode === 'table')) {
    return {
      messageId: 'dnsModeCaseControlPlane',
      severity: 'error',
      headlines: [`makes the DNS lookup of ${dns.name} fail: ${abortShort(container)}.`, `makes the DNS lookup of ${dns.name} fail: ${short} refuses to start.`],
      text: `${broken}: ${dns.name} "${dns.value}" is a DNS name, so the control-plane VIP cannot be set up, and ${abortOutcome(container)}.`,
      labelled: true,
    };
  }
  return {
    messageId: 'dnsModeCaseLatent',
    severity: 'warning',
    headlines: [`makes ${short} fail to resolve a DNS-named address, if one is used.`],
    text: `${broken}. ${latentReason(dns)}`,
  };
}

type DnsAddress =
  | { readonly kind: 'none' }
  | { readonly kind: 'literal' | 'dns'; readonly name: 'address' | 'vip_address'; readonly value: string }
  | { readonly kind: 'unknown' };

/** Whether the control-plane address (address, else vip_address) is a DNS name kube-vip resolves. */
function dnsAddress(container: KubeVipContainer): DnsAddress {
  const config = configOf(container);
  const address = config.address;
  if (address) return { kind: address.dnsNames.length > 0 ? 'dns' : 'literal', name: address.name, value: address.value };
  return config.addressUnknown ? { kind: 'unknown' } : { kind: 'none' };
}

/** No prefix list in the env and nowhere else: kube-vip generates it from `address` (v1.2.3:cmd/kube-vip.go:337-344). */
function prefixListUnset(container: KubeVipContainer): boolean {
  const { name } = configOf(container).prefixList;
  return isUnset(container.envByName.get(name)) && !mayBeSetOutsideEnv(container, name);
}

/**
 * v1.0.3+: an unset dhcp_mode copies any dns_mode but "first" (v1.0.3:pkg/kubevip/config_environment.go:383-393),
 * and a value that is no family makes a DDNS control-plane VIP request no lease.
 */
function dhcpCopy(container: KubeVipContainer): string {
  if (!atLeast(container.version, DNS_MODE.servicesUseIpFamilies) || configOf(container).flag('vip_ddns') === 'off') return '';
  if (!isUnset(container.envByName.get('dhcp_mode')) || mayBeSetOutsideEnv(container, 'dhcp_mode')) return '';
  return ' dhcp_mode is unset, so it copies this value, which names no address family: a control-plane VIP assigned by DHCP (vip_ddns) requests no lease.';
}

function inertReason(dns: DnsAddress): string {
  const where = dns.kind === 'literal' ? `${dns.name} is not a DNS name` : 'neither address nor vip_address is set';
  return `Here ${where}, and Services follow their spec.ipFamilies, so it changes nothing.`;
}

function latentReason(dns: DnsAddress): string {
  switch (dns.kind) {
    case 'none':
    case 'literal':
      return `${inertReason(dns).replace('so it changes nothing', 'so nothing is resolved with it yet')} It fails as soon as address is a DNS name.`;
    case 'unknown':
      return 'The address is not written literally here, so whether kube-vip resolves a DNS name with it depends on its value.';
    case 'dns':
      return `${dns.name} "${dns.value}" is a DNS name: kube-vip resolves it for the control-plane VIP (cp_enable) and, when no prefix list is set, at start-up; either fails.`;
  }
}

/**
 * dhcp_mode (v1.0.3+) only chooses which leases a DDNS control-plane VIP requests
 * (v1.0.3:pkg/vip/address.go:156-195); Services get theirs from spec.ipFamilies.
 */
function dhcpMode(container: KubeVipContainer): Verdict {
  const label = formatVersion(container.version);
  const short = versionShort(container);
  const ddnsOff = configOf(container).flag('vip_ddns') === 'off';
  return {
    messageId: 'dhcpModeUnknown',
    severity: ddnsOff ? 'info' : 'warning',
    headlines: ddnsOff
      ? [`is no address family (no effect on ${short} while vip_ddns is off).`, `is no address family (no effect while vip_ddns is off).`]
      : [`is no address family: ${short} gets no DHCP lease for a vip_ddns VIP.`, `is no address family: a vip_ddns VIP gets no lease.`],
    text:
      `kube-vip compares it (ignoring case) with ipv4, ipv6 and dual only, so on ${label} a control-plane VIP that gets its address by DHCP (vip_ddns) requests no lease at all; Services use their spec.ipFamilies instead.` +
      (ddnsOff ? ' vip_ddns is off here, so it changes nothing yet.' : ''),
  };
}

/** lb_fwdmethod: read by the IPVS control-plane load balancer (lb_enable), which lower-cases it. */
function fwdMethod(container: KubeVipContainer, match: string | undefined): Verdict {
  const label = formatVersion(container.version);
  const short = versionShort(container);
  const off = configOf(container).flag('lb_enable') === 'off';
  const unused = off ? ' lb_enable is off here, so nothing uses it yet.' : '';
  const offNote = off ? ' (lb_enable is off)' : '';
  if (match === 'masquerade' && atLeast(container.version, FWD_EXACT_CHECKS_FROM)) {
    return {
      messageId: 'fwdMethodCaseExact',
      severity: unused ? 'info' : 'warning',
      headlines: [
        `is lower-cased by IPVS, not by the masquerade iptables rules of ${short}${offNote}.`,
        `is lower-cased by IPVS, not by the iptables rules of ${short}${offNote}.`,
        `is lower-cased by IPVS, not by the iptables rules of ${short}.`,
      ],
      text: `the IPVS load balancer lower-cases the value, but on ${label} the IPv4 masquerade iptables rules and the manifest generator's privileged setting check the exact string "masquerade".${unused}`,
    };
  }
  if (match) {
    return {
      messageId: 'fwdMethodCase',
      severity: 'info',
      headlines: [`works on ${short}, which lower-cases it, but the documented spelling is lower case.`, `works on ${short}, but the documented spelling is lower case.`],
      text: `kube-vip lower-cases the method, so this works on ${label}; the documented spelling is lower case.`,
    };
  }
  return {
    messageId: 'fwdMethodUnknown',
    severity: unused ? 'info' : 'warning',
    headlines: [`is unknown: ${short} falls back to "local"${offNote}.`, `is unknown: ${short} uses "local"${offNote}.`, `is unknown: ${short} uses "local".`],
    text: `not a forwarding method kube-vip knows: on ${label} the IPVS load balancer logs "unknown forwarding method. Defaulting to Local" and uses "local".${unused}`,
  };
}

/** mpbgp_nexthop (v0.8.10+): a peer without its own nexthop option takes this one, and an unknown one fails AddPeer. */
function mpbgpNexthop(container: KubeVipContainer, value: string): Verdict {
  const label = formatVersion(container.version);
  const short = versionShort(container);
  const bgp = configOf(container).isMode('bgp');
  const fails = `kube-vip cannot add a BGP peer that has no nexthop option of its own: "option ${value} for MP-BPG nexthop is not supported"`;
  if (bgp === 'on') {
    return {
      messageId: 'mpbgpNexthopUnknown',
      severity: 'error',
      headlines: [`is not supported: ${short} fails to add BGP peers without their own nexthop.`, `is not supported: ${short} cannot add BGP peers.`, `is unsupported: ${short} cannot add BGP peers.`],
      text: `on ${label} ${fails}.`,
    };
  }
  return {
    messageId: 'mpbgpNexthopUnknown',
    severity: bgp === 'off' ? 'info' : 'warning',
    headlines:
      bgp === 'off'
        ? [`is not supported, but BGP mode does not run here (no effect on ${short}).`, `is not supported, but BGP mode does not run here.`]
        : [`is not supported: in BGP mode, ${short} fails to add peers without their own nexthop.`, `is not supported: in BGP mode, ${short} cannot add peers.`],
    text: `in BGP mode, ${label} ${fails}. ${bgp === 'off' ? 'BGP mode does not run here, so it changes nothing yet.' : 'Whether BGP mode runs is not visible here.'}`,
  };
}

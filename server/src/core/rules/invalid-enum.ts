/**
 * Variables with a fixed set of values (dns_mode, dhcp_mode, lb_fwdmethod, iptables_backend,
 * mpbgp_nexthop). What a wrong value does differs per variable: dns_mode silently falls back to
 * "first" (and on v1.2.3 a wrong case breaks resolution, kube-vip#1680), lb_fwdmethod falls back to
 * "local", an unknown mpbgp_nexthop makes adding the BGP peers fail.
 */
import type { EnvVarSpec } from '../catalog';
import { literalValue, readLiteralEntries } from '../env';
import { replaceValue } from '../fixes';
import type { EnvEntry, KubeVipContainer } from '../model';
import type { Fix, Severity } from '../types';
import { parseAddress } from '../values';
import { atLeast } from '../version';
import { versionLabel } from '../versionText';
import type { Rule, RuleFinding } from './rule';

/** v1.2.3 lower-cases dns_mode for the switch but not for the family filter: "IPv4" finds no address (kube-vip#1680). */
const DNS_MODE_CASE_BREAKS = 'v1.2.3';

interface Verdict {
  readonly severity: Severity;
  readonly text: string;
}

export const rule: Rule = {
  id: 'invalid-enum',
  defaultSeverity: 'error',
  description: 'A kube-vip variable with a fixed set of values (dns_mode, lb_fwdmethod, ...) must use one of them, spelled exactly.',
  check({ container }) {
    const findings: RuleFinding[] = [];
    for (const { entry, spec } of readLiteralEntries(container, ['enum'])) {
      if (!spec.values || spec.values.includes(entry.value!)) continue;
      const finding = checkEntry(container, entry, spec);
      if (finding) findings.push(finding);
    }
    return findings;
  },
};

function checkEntry(container: KubeVipContainer, entry: EnvEntry, spec: EnvVarSpec): RuleFinding | undefined {
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
  return { span: entry.valueSpan!, severity: verdict.severity, message: `${spec.name} "${value}": ${verdict.text} ${advice}`, fixes };
}

/** What this image does with a value outside the list; `match` is its case-insensitive twin, if any. */
function verdictFor(container: KubeVipContainer, name: string, value: string, match: string | undefined): Verdict | undefined {
  const label = versionLabel(container);
  switch (name) {
    case 'dns_mode':
      return dnsMode(container, match);
    case 'dhcp_mode':
      // Compared case-insensitively (strings.EqualFold / ToLower since v1.0.3): only unknown values matter.
      if (match) return undefined;
      return { severity: 'warning', text: `kube-vip compares it with ipv4, ipv6 and dual only, so on ${label} a VIP that gets its address by DHCP requests no lease at all.` };
    case 'lb_fwdmethod':
      if (match === 'masquerade') {
        return { severity: 'warning', text: `the IPVS load balancer lower-cases the value, but the IPv4 masquerade iptables rules and the manifest generator's privileged setting check the exact string "masquerade".` };
      }
      if (match) return { severity: 'info', text: 'kube-vip lower-cases the method, so this works; the documented spelling is lower case.' };
      return { severity: 'warning', text: `not a forwarding method kube-vip knows: on ${label} it logs "unknown forwarding method. Defaulting to Local" and uses "local".` };
    case 'mpbgp_nexthop':
      return { severity: 'error', text: `on ${label} kube-vip cannot add the BGP peers: "option ${value} for MP-BPG nexthop is not supported".` };
    case 'iptables_backend':
      return { severity: 'warning', text: `kube-vip knows only "nft" and "legacy" (leave it unset to auto-detect), so this does not select the backend you named.` };
    default:
      return { severity: 'warning', text: `kube-vip expects one of the documented values, spelled exactly.` };
  }
}

/** dns_mode: ≤ v1.2.2 a wrong value silently behaves like "first"; on v1.2.3 a wrong case breaks DNS resolution. */
function dnsMode(container: KubeVipContainer, match: string | undefined): Verdict {
  const label = versionLabel(container);
  const first = `kube-vip compares it case-sensitively, so on ${label} it silently behaves like "first" (the first address the name resolves to)`;
  if (!match || match === 'first' || !atLeast(container.version, DNS_MODE_CASE_BREAKS)) {
    return { severity: 'warning', text: `${first}${match && match !== 'first' ? '; from v1.2.3 this spelling makes DNS resolution fail ("no addresses found", kube-vip#1680)' : ''}.` };
  }
  const broken = `on ${label} kube-vip lower-cases the mode but not the address-family filter, so resolving a DNS name fails with "no addresses found" (kube-vip#1680)`;
  return usesDns(container) ? { severity: 'error', text: `${broken}.` } : { severity: 'warning', text: `${broken} as soon as address is a DNS name.` };
}

/** False only when the control-plane address is known to be literal IPs (no DNS lookup needed). */
function usesDns(container: KubeVipContainer): boolean {
  const address = literalValue(container, 'address') ?? literalValue(container, 'vip_address');
  if (address === undefined) return true;
  const parsed = parseAddress(address);
  return !parsed.ok || parsed.dnsNames.length > 0;
}

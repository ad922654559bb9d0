/**
 * vip_cidr (up to v0.8.10) and vip_subnet (v0.9.0+) are positional prefix lists: entry 1 is the
 * IPv4 prefix, entry 2 the IPv6 prefix. A lone "128" is applied to IPv4 addresses and crashes
 * kube-vip (kube-vip#1052). Before v0.9.0, vip_subnet was a literal "/NN" suffix instead.
 */
import { PREFIX_LIST } from '../catalog/behaviour';
import { isReadBy, lookup } from '../catalog';
import { boolState, isArpMode, mayServeIpv4 } from '../env';
import { renameEntry, replaceValue } from '../fixes';
import type { EnvEntry, KubeVipContainer } from '../model';
import type { Fix, Severity } from '../types';
import { atLeast } from '../version';
import { versionLabel } from '../versionText';
import type { Rule, RuleContext, RuleFinding } from './rule';

const NAMES = ['vip_cidr', 'vip_subnet'] as const;
const POSITIONS = 'kube-vip reads this list by position (IPv4 prefix first, IPv6 second)';

export const rule: Rule = {
  id: 'vip-prefix-list',
  defaultSeverity: 'error',
  description: 'vip_cidr / vip_subnet must list the IPv4 prefix first, then the IPv6 prefix, in the format the image reads.',
  check(context) {
    const findings: RuleFinding[] = [];
    for (const name of NAMES) {
      const entry = context.container.envByName.get(name);
      const spec = lookup(name);
      if (!entry || entry.value === undefined || entry.value === '' || !spec) continue;
      if (!isReadBy(spec, context.container.version)) continue; // the env-var-version rule reports it
      const finding =
        name === 'vip_subnet' && !atLeast(context.container.version, PREFIX_LIST.subnetListForm)
          ? checkLegacySubnet(context, entry)
          : checkPrefixList(context, entry);
      if (finding) findings.push(finding);
    }
    return findings;
  },
};

/** v0.5.6–v0.8.10: vip_subnet is appended to the control-plane address as written ("/24"). */
function checkLegacySubnet(context: RuleContext, entry: EnvEntry): RuleFinding | undefined {
  const { container } = context;
  const value = entry.value!;
  if (/^\/\d+$/.test(value) && Number(value.slice(1)) <= 128) return undefined;
  const label = versionLabel(container);
  const severity: Severity = boolState(container, 'cp_enable') === 'true' ? 'error' : 'warning';
  const fixes: Fix[] = [];
  let message = `On ${label}, vip_subnet is a suffix that kube-vip appends to the control-plane address as written, so it must look like "/32"; "${value}" gives an address kube-vip cannot parse (e.g. "192.168.0.40${value}").`;
  if (/^\d+$/.test(value) && Number(value) <= 128) {
    addFix(fixes, `Set vip_subnet to "/${value}"`, replaceValue(entry, `/${value}`), true);
  } else if (value.includes(',')) {
    message += ` The IPv4,IPv6 prefix list is read from vip_cidr up to v0.8.10, and from vip_subnet only from v0.9.0.`;
    // Only a list that vip_cidr reads as written: otherwise the rename trades this finding for another.
    const [v4, v6, ...more] = value.split(',');
    const prefix = (p: string, max: number) => (p === 'auto' ? atLeast(container.version, PREFIX_LIST.autoInCidr) : /^\d+$/.test(p) && Number(p) <= max);
    const valid = more.length === 0 && prefix(v4, 32) && prefix(v6, 128);
    if (valid && !container.envByName.has('vip_cidr')) addFix(fixes, 'Rename vip_subnet to vip_cidr', renameEntry(entry, 'vip_cidr', context.text), true);
  }
  return { span: entry.valueSpan!, message, severity, fixes };
}

function checkPrefixList(context: RuleContext, entry: EnvEntry): RuleFinding | undefined {
  const { container } = context;
  const name = entry.name;
  const raw = entry.value!;
  const cleaned = raw.replace(/[\s/]/g, '');
  const parts = cleaned.split(',');
  const label = versionLabel(container);
  const sentences: string[] = [];
  let severity: Severity = 'warning';
  let fixed: string | undefined = cleaned !== raw ? cleaned : undefined;
  const raise = (s: Severity) => {
    if (s === 'error') severity = 'error';
  };

  if (parts.length > 2) {
    return {
      span: entry.valueSpan!,
      severity: 'error',
      message: `${name} "${raw}" lists ${parts.length} prefixes, but ${POSITIONS} and accepts at most two: on ${label} kube-vip rejects it ("invalid subnetMasks provided") and the VIP is not configured. Use "32" for IPv4 only or "32,128" for dual stack.`,
    };
  }
  for (const part of parts) {
    if (part === 'auto') {
      if (name === 'vip_cidr' && !atLeast(container.version, PREFIX_LIST.autoInCidr)) {
        return { span: entry.valueSpan!, severity: 'error', message: `${name} "auto" is understood from v0.8.5; ${label} reads it as a number and cannot build the VIP's prefix.` };
      }
    } else if (!/^\d+$/.test(part)) {
      return {
        span: entry.valueSpan!,
        severity: 'error',
        message: `${name} "${raw}": "${part}" is not a prefix length. ${POSITIONS}; each entry is a plain number (IPv4 0–32, IPv6 0–128)${name === 'vip_subnet' || atLeast(container.version, PREFIX_LIST.autoInCidr) ? ' or "auto"' : ''}, e.g. "32,128". On ${label} kube-vip fails to configure the VIP.`,
      };
    }
  }
  const [first, second] = parts.map((p) => (p === 'auto' ? undefined : Number(p)));

  if (first !== undefined && first > 32) {
    const reversed = parts.length === 2 && second !== undefined && second <= 32 && first <= 128;
    const ipv4 = mayServeIpv4(container);
    if (first > 128) {
      return { span: entry.valueSpan!, severity: 'error', message: `${name} "${raw}": ${parts[0]} is not a valid prefix length (IPv4 0–32, IPv6 0–128). ${POSITIONS}. Use "32,128" for dual stack.` };
    }
    if (reversed) {
      fixed = `${second},${first}`;
      if (ipv4) {
        const c = ipv4Consequence(container, first);
        raise(c.severity);
        sentences.push(`${name} "${raw}" is in the wrong order: ${POSITIONS}, so /${first} is applied to IPv4 addresses and /${second} to IPv6 ones. ${c.text} Swap the entries: "${fixed}".`);
      } else {
        sentences.push(`${name} "${raw}" is in the wrong order: ${POSITIONS}, so an IPv6 VIP gets /${second}. Swap the entries: "${fixed}".`);
      }
    } else if (parts.length === 1) {
      if (!ipv4) return fixed ? whitespaceOnly(context, entry, raw, fixed) : undefined; // IPv6-only control plane: one value applies to it
      fixed = `32,${first}`;
      const c = ipv4Consequence(container, first);
      raise(c.severity);
      sentences.push(`${name} "${raw}" puts an IPv6-sized prefix first, but ${POSITIONS}, so /${first} is applied to IPv4 addresses. ${c.text} For dual stack use "${fixed}".`);
    } else {
      raise('error');
      sentences.push(`${name} "${raw}": the first entry is the IPv4 prefix and must be 0–32. ${POSITIONS}.`);
      fixed = undefined;
    }
  } else if (second !== undefined && second > 128) {
    return { span: entry.valueSpan!, severity: 'error', message: `${name} "${raw}": ${parts[1]} is not a valid IPv6 prefix length (0–128). ${POSITIONS}. Use "32,128" for dual stack.` };
  }

  if (sentences.length === 0) return fixed ? whitespaceOnly(context, entry, raw, fixed) : undefined;
  const fixes: Fix[] = [];
  if (fixed) addFix(fixes, `Set ${name} to "${fixed}"`, replaceValue(entry, fixed), true);
  const extra = formatProblems(context, entry, raw);
  if (extra) {
    raise(extra.severity);
    sentences.push(extra.text);
  }
  return { span: entry.valueSpan!, severity, message: sentences.join(' '), fixes };
}

/** Spaces and slashes: the list is otherwise fine. */
function whitespaceOnly(context: RuleContext, entry: EnvEntry, raw: string, fixed: string): RuleFinding {
  const problem = formatProblems(context, entry, raw)!;
  const fixes: Fix[] = [];
  addFix(fixes, `Set ${entry.name} to "${fixed}"`, replaceValue(entry, fixed), true);
  return { span: entry.valueSpan!, severity: problem.severity, message: `${entry.name} "${raw}": ${problem.text}`, fixes };
}

function formatProblems(context: RuleContext, entry: EnvEntry, raw: string): { severity: Severity; text: string } | undefined {
  const { container } = context;
  const label = versionLabel(container);
  if (raw.includes('/')) {
    return {
      severity: 'error',
      text: `Write prefix lengths without a slash: kube-vip builds "<ip>/<value>", so "${raw}" becomes "<ip>//…" and on ${label} kube-vip aborts with an invalid CIDR.`,
    };
  }
  if (/\s/.test(raw)) {
    const cp = boolState(container, 'cp_enable') === 'true';
    if (entry.name === 'vip_subnet' && cp) {
      return { severity: 'error', text: `Remove the spaces: on ${label} the control-plane path splits this list without trimming, so kube-vip cannot parse the prefix and the control-plane VIP is not configured.` };
    }
    return { severity: 'warning', text: `Remove the spaces: kube-vip trims them for Services, but the control-plane path does not, so the same value breaks the control-plane VIP.` };
  }
  return undefined;
}

/** What kube-vip does when an IPv4 address gets a prefix longer than 32, by version. */
function ipv4Consequence(container: KubeVipContainer, prefix: number): { severity: Severity; text: string } {
  const version = container.version;
  const label = versionLabel(container);
  const services = boolState(container, 'svc_enable') !== 'false' && boolState(container, 'svc_enable') !== 'unset';
  const when = services ? 'as soon as a LoadBalancer Service gets an IPv4 address' : 'when it configures the IPv4 control-plane VIP';
  const maskError = `"provided CIDR mask '${prefix}' is greater than the highest mask value for the IPv4 family (32)"`;
  if (!atLeast(version, PREFIX_LIST.splitByFamily)) {
    if (isArpMode(container)) {
      return { severity: 'warning', text: `On ${label} (v0.8.4 and earlier) kube-vip uses this prefix only for BGP, so in ARP mode it has no effect yet; from v0.8.5 the same value crashes kube-vip ${when}.` };
    }
    return { severity: 'error', text: `On ${label} kube-vip advertises IPv4 VIPs as "<ip>/${prefix}", which is not a valid IPv4 prefix, so BGP cannot announce them.` };
  }
  if (!atLeast(version, PREFIX_LIST.maskErrorThenPanic)) {
    return { severity: 'error', text: `On ${label} (v0.8.5–v0.8.9) kube-vip panics with "index out of range" ${when}.` };
  }
  if (!atLeast(version, PREFIX_LIST.maskErrorNotFatal)) {
    return { severity: 'error', text: `On ${label} (v0.8.10–v1.0.3) kube-vip logs ${maskError} and then panics ${when}.` };
  }
  return services
    ? { severity: 'error', text: `On ${label} (v1.0.4 and later) kube-vip logs ${maskError} and leaves the Service without its VIP.` }
    : { severity: 'error', text: `On ${label} kube-vip logs ${maskError} and fails to start the control-plane VIP.` };
}

function addFix(fixes: Fix[], title: string, edit: ReturnType<typeof replaceValue>, preferred: boolean): void {
  if (edit) fixes.push({ title, edits: [edit], preferred });
}

/**
 * vip_cidr (up to v0.8.10) and vip_subnet (v0.9.0+) are positional prefix lists: entry 1 is the
 * IPv4 prefix, entry 2 the IPv6 prefix. A lone "128" becomes the IPv4 prefix (kube-vip#1052).
 * What each version and mode does with the list is modelled in prefixes.ts; this rule says what
 * that model proves for the VIPs the manifest shows, and nothing more. Before v0.9.0, vip_subnet
 * was a literal "/NN" suffix instead.
 */
import { PREFIX_LIST } from '../catalog/behaviour';
import { isReadBy, lookup } from '../catalog';
import { configOf, MODE_LABEL } from '../config';
import type { EffectiveConfig } from '../config';
import { renameEntry, replaceValue } from '../fixes';
import type { EnvEntry } from '../model';
import { fit, shown } from '../headline';
import { abortOutcome, abortShort } from '../outcomes';
import { arpOutcome, failure, failureShort } from '../prefixOutcome';
import { acceptsLegacySubnet, acceptsPrefixList, appliedPrefix, arpMaskRuns, legacySubnetFamilies, validPrefix } from '../prefixes';
import type { Severity, TextEdit } from '../types';
import { atLeast } from '../version';
import { noted, versionLabel, versionShort } from '../versionText';
import { defineRule } from './rule';
import type { RuleContext, RuleFinding } from './rule';

const POSITIONS = 'kube-vip reads this list by position (IPv4 prefix first, IPv6 second)';

type Id =
  | 'ipv4GetsIpv6Prefix'
  | 'ipv4GetsIpv6PrefixIfIpv4Services'
  | 'noEffectInMode'
  | 'modeUnknown'
  | 'bgpWholeValue'
  | 'ipv6ControlPlaneGetsIpv4Prefix'
  | 'implicitIpv6Prefix'
  | 'implicitReversed'
  | 'spacesControlPlane'
  | 'spacesHarmless'
  | 'slash'
  | 'tooMany'
  | 'notANumber'
  | 'outOfRange'
  | 'autoTooEarly'
  | 'legacySuffix'
  | 'legacyList';

type Finding = RuleFinding<Id>;

export const rule = defineRule<Id>({
  id: 'vip-prefix-list',
  defaultSeverity: 'error',
  description: 'vip_cidr / vip_subnet must list the IPv4 prefix first, then the IPv6 prefix, in the format the image and mode read.',
  messages: {
    ipv4GetsIpv6Prefix: 'An IPv4 VIP gets an IPv6-sized prefix (a lone "128", or the entries reversed): crash, refused start or no VIP, by version and mode',
    ipv4GetsIpv6PrefixIfIpv4Services: 'The same with an IPv6-only address: it fails only if the cluster also hands out IPv4 LoadBalancer addresses',
    noEffectInMode: 'The value is wrong for IPv4 but this version reads the list only in other modes: no effect yet, breaks after an upgrade',
    modeUnknown: 'The value is wrong for IPv4 in ARP or BGP mode, and the manifest does not show the mode',
    bgpWholeValue: 'BGP mode up to v0.8.10 appends the whole value to the VIP: a list (or a prefix of the wrong family) is not a valid CIDR, so nothing is announced',
    ipv6ControlPlaneGetsIpv4Prefix: 'A single prefix with an IPv6 control-plane address: the IPv6 VIP silently gets it (e.g. /32)',
    implicitIpv6Prefix: 'No list and an IPv6-only address: kube-vip generates "128", which IPv4 Services would get',
    implicitReversed: 'No list and an IPv6-first dual-stack address: v0.8.3–v1.0.0 generate "128,32", so the IPv4 VIP gets /128',
    spacesControlPlane: 'Spaces around the entry the control-plane VIP takes: SelectSubnet does not trim them',
    spacesHarmless: 'Spaces that this version and mode trim: harmless today, fragile',
    slash: 'A slash in the list form: "<ip>//N" is not a CIDR',
    tooMany: 'More than two entries',
    notANumber: 'An entry that is not a prefix length',
    outOfRange: 'A prefix length above 128, or an IPv6 entry above 128',
    autoTooEarly: '"auto" before v0.8.5, in BGP mode: "<ip>/auto" is not a CIDR',
    legacySuffix: 'vip_subnet before v0.9.0 is a "/N" suffix appended to every VIP address',
    legacyList: 'vip_subnet before v0.9.0 with the list form, which those versions read from vip_cidr',
  },
  check(context) {
    const { container } = context;
    const config = configOf(container);
    const findings: Finding[] = [];
    for (const name of ['vip_cidr', 'vip_subnet'] as const) {
      const entry = container.envByName.get(name);
      const spec = lookup(name);
      if (!entry || entry.value === undefined || entry.value === '' || !spec || !entry.valueSpan) continue;
      if (!isReadBy(spec, container.version) || config.notParsed(name)) continue; // other rules say why it is ignored
      const finding =
        name === 'vip_subnet' && !atLeast(container.version, PREFIX_LIST.subnetListForm)
          ? checkLegacySubnet(context, config, entry)
          : checkList(context, config, entry);
      if (finding) findings.push(finding);
    }
    if (config.prefixList.source === 'derived') {
      const finding = checkDerived(config);
      if (finding) findings.push(finding);
    }
    return findings;
  },
});

/** A VIP family that the manifest shows, with where it comes from. */
interface Exposure {
  readonly cp: boolean;
  /** The control-plane address proves an IPv4 VIP (control plane on, or the address says the cluster has IPv4). */
  readonly ipv4Proven: boolean;
  /** The only literal address is IPv6: IPv4 VIPs would come from Services alone, if the cluster has any. */
  readonly ipv6Only: boolean;
  readonly services: boolean;
}

function exposure(config: EffectiveConfig): Exposure {
  const families = config.address?.families ?? [];
  const cp = config.controlPlane !== 'off';
  return {
    cp,
    ipv4Proven: families.includes('ipv4'),
    ipv6Only: families.length > 0 && families.every((f) => f === 'ipv6') && config.address!.dnsNames.length === 0,
    services: config.services !== 'off',
  };
}

function checkList(context: RuleContext, config: EffectiveConfig, entry: EnvEntry): Finding | undefined {
  const { container } = context;
  const name = entry.name;
  const raw = entry.value!;
  const v = versionShort(container);
  const span = entry.valueSpan!;
  const parts = raw.split(',').map((p) => p.trim());
  const v09 = atLeast(container.version, PREFIX_LIST.subnetListForm);
  const nm = `${name} ${shown(raw)}`;

  // Shape problems that no version reads as intended.
  if (parts.length > 2) {
    const cpRejected = v09 && config.controlPlane !== 'off';
    return {
      messageId: 'tooMany',
      span,
      severity: cpRejected ? 'error' : 'warning',
      message: cpRejected
        ? `${nm} lists ${parts.length} prefixes: ${v} rejects the control-plane VIP. Use "32" or "32,128".`
        : `${nm} lists ${parts.length} prefixes, but ${v} uses at most two. Use "32" or "32,128".`,
      detail: noted(
        `${POSITIONS} and uses at most two${cpRejected ? `: on ${v} the control-plane VIP is rejected ("invalid subnetMasks provided")` : '; the rest is ignored or makes the value invalid'}. Use "32" for IPv4 only or "32,128" for dual stack.`,
        container,
      ),
    };
  }
  const bad = parts.find((p) => p !== 'auto' && !/^\/?\d+$/.test(p));
  if (bad !== undefined) {
    const fix = 'Write numbers, e.g. "32,128".';
    return {
      messageId: 'notANumber',
      span,
      message:
        bad === ''
          ? `${nm} has an empty entry: ${v} configures no VIP. ${fix}`
          : parts.length === 1
            ? fit(`${nm} is not a prefix length: ${v} configures no VIP. ${fix}`, `${name} ${shown(raw, 12)} is not a prefix length: ${v} configures no VIP. ${fix}`)
            : fit(
                `${nm}: ${shown(bad, 16)} is not a prefix length: ${v} configures no VIP. ${fix}`,
                `${name} entry ${shown(bad, 12)} is not a prefix length: ${v} configures no VIP. ${fix}`,
                `${name} entry ${shown(bad, 10)} is not a prefix length: ${v} configures no VIP. Write e.g. "32,128".`,
              ),
      detail: noted(
        `"${bad}" is not a prefix length. ${POSITIONS}; each entry is a plain number (IPv4 0–32, IPv6 0–128)${atLeast(container.version, PREFIX_LIST.autoInCidr) ? ' or "auto"' : ''}, e.g. "32,128". kube-vip ${v} cannot build a CIDR from it, so the VIP is not configured.`,
        container,
      ),
    };
  }
  const numbers = parts.map((p) => (p === 'auto' ? undefined : Number(p.replace('/', ''))));
  if (numbers.some((n) => n !== undefined && n > 128)) {
    const index = numbers.findIndex((n) => (n ?? 0) > 128);
    const kind = index === 1 ? 'IPv6 prefix length (0–128)' : 'prefix length (IPv4 0–32, IPv6 0–128)';
    const fix = 'Use "32,128" for dual stack.';
    return {
      messageId: 'outOfRange',
      span,
      message:
        parts.length === 1
          ? `${nm} is not a valid prefix length. ${fix}`
          : `${nm}: ${shown(parts[index], 12)} is not a valid ${index === 1 ? 'IPv6 prefix length' : 'prefix length'}. ${fix}`,
      detail: `${parts[index]} is not a valid ${kind}. ${POSITIONS}.`,
    };
  }
  if (parts.includes('auto') && !atLeast(container.version, PREFIX_LIST.autoInCidr)) {
    if (config.isMode('bgp') === 'off') return undefined; // ≤ v0.8.4 reads vip_cidr only in BGP mode: no effect (audit M8)
    const bgp = config.isMode('bgp') === 'on';
    return {
      messageId: 'autoTooEarly',
      span,
      severity: bgp ? 'error' : 'warning',
      message: fit(
        `${nm} needs v0.8.5+: ${v} cannot announce the VIP ${bgp ? 'in BGP mode' : 'if BGP mode is on'}. Use a prefix length, e.g. "32".`,
        `${name} ${shown(raw, 10)} needs v0.8.5+: ${v} cannot announce the VIP ${bgp ? 'in BGP mode' : 'if BGP mode is on'}. Use e.g. "32".`,
      ),
      detail: noted(
        `"auto" is understood from v0.8.5; ${v} uses vip_cidr only in BGP mode, where it advertises "<ip>/auto", which is not a valid CIDR, so BGP cannot announce the VIP${bgp ? '' : ' (this manifest does not show whether BGP mode is on)'}.`,
        container,
      ),
    };
  }

  // BGP up to v0.8.10 appends the whole value (audit H2). With the vip_arp flag on too, SetMask reads the
  // list by position first, and what it accepts is then advertised whole.
  if (!v09 && config.isMode('bgp') === 'on') {
    if (arpMaskRuns(config) === 'off') return checkBgpWhole(context, config, entry);
    return checkSplit(context, config, entry, parts, numbers) ?? checkBgpWhole(context, config, entry);
  }
  return checkSplit(context, config, entry, parts, numbers);
}

/** The list read by position (SetMask, SelectSubnet, the Service path): slashes, the IPv4 entry, an IPv6 control plane, spaces. */
function checkSplit(context: RuleContext, config: EffectiveConfig, entry: EnvEntry, parts: string[], numbers: (number | undefined)[]): Finding | undefined {
  const raw = entry.value!;
  const name = entry.name;
  const span = entry.valueSpan!;
  const v = versionShort(config.container);
  if (raw.includes('/')) {
    const fixed = raw.replace(/\//g, '');
    return withFix(
      {
        messageId: 'slash',
        span,
        message: fit(
          `${name} ${shown(raw)} has a slash: "<ip>//…" is not a CIDR, so ${v} configures no VIP. Use "${fixed}".`,
          `${name} ${shown(raw)} has a slash: ${v} configures no VIP. Use "${fixed}".`,
        ),
        detail: noted(`Prefix lengths are written without a slash: kube-vip builds "<ip>/<value>", so "${raw}" gives "<ip>//…", which is not a CIDR: on ${v} the VIP is not configured.`, config.container),
      },
      entry,
      fixed,
      acceptsPrefixList(config, fixed),
    );
  }

  const ipv4Wrong = numbers[0] !== undefined && numbers[0] > 32;
  if (ipv4Wrong) return ipv4Finding(context, config, entry, parts);

  const ipv6Cp = ipv6ControlPlane(context, config, entry, parts);
  if (ipv6Cp) return ipv6Cp;
  if (/\s/.test(raw)) return spaces(context, config, entry);
  return undefined;
}

/** The first entry is > 32: an IPv4 VIP gets an impossible mask. */
function ipv4Finding(context: RuleContext, config: EffectiveConfig, entry: EnvEntry, parts: string[]): Finding | undefined {
  const { container } = context;
  const name = entry.name;
  const raw = entry.value!;
  const span = entry.valueSpan!;
  const first = parts[0];
  const v = versionShort(container);
  const reversed = parts.length === 2 && /^\d+$/.test(parts[1]) && Number(parts[1]) <= 32;
  const fixed = reversed ? `${parts[1]},${first}` : `32,${first}`;
  const subject = `${name} ${shown(raw)} ${reversed ? 'is in the wrong order' : 'has no IPv4 prefix'}`;
  const headline = (outcome: string) => `${subject}: ${outcome}. Use "${fixed}".`;
  const shape = reversed
    ? `${name} is in the wrong order: ${POSITIONS}, so /${first} is applied to IPv4 addresses and /${parts[1]} to IPv6 ones.`
    : `The first entry is an IPv6-sized prefix, but ${POSITIONS}, so /${first} is applied to IPv4 addresses.`;
  const advice = reversed ? `Swap the entries: "${fixed}".` : `For dual stack use "${fixed}".`;
  const e = exposure(config);
  const applied = appliedPrefix(config, raw, e.cp && e.ipv4Proven ? 'control-plane' : 'services', 'ipv4');

  if (applied.used === false) {
    const split = atLeast(container.version, PREFIX_LIST.splitByFamily);
    return withFix(
      {
        messageId: 'noEffectInMode',
        span,
        severity: 'warning',
        message: headline(`${v} ignores it in ${modeName(config)} mode, for now`),
        detail: noted(
          `${shape} On ${v} kube-vip uses ${name} only in ${split ? 'ARP and BGP mode' : 'BGP mode'}, so in ${modeName(config)} mode it has no effect yet; it breaks IPv4 VIPs once ${split ? 'you upgrade to v0.9.0 (as vip_subnet) or switch modes' : 'you upgrade to v0.8.5 in ARP mode or switch to BGP'}. ${advice}`,
          container,
        ),
      },
      entry,
      fixed,
      true,
    );
  }
  if (applied.used === 'unknown') {
    const split = atLeast(container.version, PREFIX_LIST.splitByFamily);
    return withFix(
      {
        messageId: 'modeUnknown',
        span,
        severity: 'warning',
        message: headline(split ? `${v} may panic (ARP mode) or not announce IPv4 VIPs (BGP)` : `${v} may not announce IPv4 VIPs (BGP mode)`),
        detail: noted(
          `${shape} What that does on ${v} depends on the mode, which this manifest does not show (a flag, envFrom or a template may set it): in ARP mode ${arpOutcome(container)}; in BGP mode IPv4 VIPs are advertised as "<ip>/${first}", which is not a valid IPv4 prefix. ${advice}`,
          container,
        ),
      },
      entry,
      fixed,
      false,
    );
  }
  const cpIpv4 = e.cp && e.ipv4Proven && config.controlPlane === 'on';
  // v0.9.0+ refuses to start over the control plane, the stronger consequence; before, both paths panic alike.
  const cpFirst = cpIpv4 && (atLeast(container.version, PREFIX_LIST.subnetListForm) || !e.services);
  const target = cpFirst ? 'control-plane' : 'services';
  const outcome = failure(config, first, target);
  if (!cpIpv4 && !e.services) return undefined; // no IPv4 VIP in sight: control plane off or IPv6-only, Services off
  if (e.ipv6Only && !cpIpv4) {
    return withFix(
      {
        messageId: 'ipv4GetsIpv6PrefixIfIpv4Services',
        span,
        severity: 'warning',
        message: headline(failureShort(config, 'services', { ifAny: true })),
        detail: noted(
          `${shape} The control-plane address is IPv6 only, so this is fine on an IPv6-only cluster (it is what kube-vip's own manifest generator writes); but if this cluster also hands out IPv4 LoadBalancer addresses, ${outcome} ${advice}`,
          container,
        ),
      },
      entry,
      fixed,
      acceptsPrefixList(config, fixed),
    );
  }
  return withFix(
    { messageId: 'ipv4GetsIpv6Prefix', span, severity: 'error', message: headline(failureShort(config, target)), detail: noted(`${shape} As a result, ${outcome} ${advice}`, container) },
    entry,
    fixed,
    acceptsPrefixList(config, fixed),
  );
}

/** BGP up to v0.8.10: the control plane and Services without election advertise "<ip>/<whole value>". */
function checkBgpWhole(context: RuleContext, config: EffectiveConfig, entry: EnvEntry): Finding | undefined {
  const { container } = context;
  const raw = entry.value!;
  const e = exposure(config);
  const families = config.address?.families ?? [];
  const cpFamilies = config.controlPlane === 'on' ? [...new Set(families)] : [];
  const cpBroken = cpFamilies.filter((f) => !validPrefix(raw, f));
  const list = raw.includes(',');
  const servicesBroken = e.services && (list || !validPrefix(raw, 'ipv4'));
  if (cpBroken.length === 0 && !servicesBroken) return undefined;
  const v = versionShort(container);
  const split = atLeast(container.version, PREFIX_LIST.splitByFamily);
  const who =
    cpBroken.length > 0
      ? `the ${cpBroken.map((f) => (f === 'ipv4' ? 'IPv4' : 'IPv6')).join(' and ')} control-plane VIP`
      : split && list
        ? 'LoadBalancer Services without svc_election'
        : 'IPv4 LoadBalancer Services';
  const whoShort =
    cpBroken.length > 1
      ? 'the control-plane VIPs'
      : cpBroken.length === 1
        ? who
        : split && list
          ? 'Services without svc_election'
          : 'IPv4 Services';
  const what = list
    ? `${v} in BGP mode does not split ${entry.name}: it advertises "<ip>/${raw}", which is not a valid CIDR`
    : `${v} in BGP mode advertises IPv4 VIPs as "<ip>/${raw}", which is not a valid IPv4 prefix`;
  // BGP only parses "<ip>/<value>" and always announces a host route (/32 or /128, v0.8.9:pkg/bgp/peers.go:66-90),
  // so a single "32" parses for both families; "128" is the natural value for an IPv6-only control plane.
  const ipv6Only = cpFamilies.length > 0 && cpFamilies.every((f) => f === 'ipv6') && !e.services;
  const single = ipv6Only ? '128' : '32';
  const singleOk = acceptsPrefixList(config, single);
  const advice = `In BGP mode up to v0.8.10 kube-vip only checks that "<ip>/${entry.name}" parses and always announces a host route (/32 or /128), so use a single value: "${single}"${single === '32' ? ' parses for IPv4 and IPv6 VIPs alike' : ''}. The IPv4,IPv6 list works in BGP mode from v0.9.0 (kube-vip PR #1123), as vip_subnet.`;
  const nm = `${entry.name} ${shown(raw)}`;
  const problem = list
    ? `is not split in BGP mode: ${v}`
    : /^\d+$/.test(raw) && Number(raw) > 32
      ? `has no IPv4 prefix: ${v} in BGP mode`
      : `is not a valid prefix in BGP mode: ${v}`;
  const finding: Finding = {
    messageId: list ? 'bgpWholeValue' : 'ipv4GetsIpv6Prefix',
    span: entry.valueSpan!,
    severity: cpBroken.length > 0 || !list ? 'error' : 'warning',
    message: fit(
      `${nm} ${problem} never announces ${whoShort}. Use "${single}".`,
      `${entry.name} ${shown(raw, 12)} ${problem} never announces ${whoShort}. Use "${single}".`,
      `${entry.name} ${shown(raw, 12)} is invalid in BGP mode: ${v} never announces ${whoShort}. Use "${single}".`,
    ),
    detail: noted(`${what}, so BGP never announces ${who}. ${advice}`, container),
  };
  return withFix(finding, entry, single, singleOk);
}

/** A single entry with an IPv6 control-plane address: the IPv6 VIP takes entry 1 (audit "missed" §4). */
function ipv6ControlPlane(context: RuleContext, config: EffectiveConfig, entry: EnvEntry, parts: string[]): Finding | undefined {
  if (parts.length !== 1 || config.controlPlane !== 'on' || !config.address?.families.includes('ipv6')) return undefined;
  const prefix = parts[0];
  if (prefix === 'auto' || Number(prefix) > 32) return undefined; // an IPv6-sized single value is right for an IPv6 control plane
  const applied = appliedPrefix(config, entry.value!, 'control-plane', 'ipv6');
  if (applied.used !== true) return undefined;
  const dual = config.address.families.includes('ipv4');
  const fixed = `${prefix},128`;
  return withFix(
    {
      messageId: 'ipv6ControlPlaneGetsIpv4Prefix',
      span: entry.valueSpan!,
      severity: 'warning',
      message: `${entry.name} ${shown(entry.value!)} has one entry: ${versionShort(config.container)} silently gives the IPv6 control-plane VIP /${prefix} too. Use "${fixed}".`,
      detail: noted(
        `${versionShort(config.container)} gives a lone entry to IPv6 VIPs too, so the IPv6 control-plane VIP ${config.address.value.split(',').find((a) => a.includes(':'))} silently gets /${prefix} instead of /128${dual ? '' : ' (it is an IPv6-only address)'}. ${POSITIONS}.`,
        config.container,
      ),
    },
    entry,
    fixed,
    acceptsPrefixList(config, fixed),
  );
}

/** Whitespace: the v0.9.0+ control-plane path does not trim (audit H8); Services and v0.8.5–v0.8.10 ARP do. */
function spaces(context: RuleContext, config: EffectiveConfig, entry: EnvEntry): Finding {
  const raw = entry.value!;
  const fixed = raw.replace(/\s/g, '');
  const label = versionLabel(config.container);
  const v = versionShort(config.container);
  const nm = `${entry.name} ${shown(raw)}`;
  const broken = (config.controlPlane === 'on' ? config.address?.families ?? [] : []).filter((f) => {
    const applied = appliedPrefix(config, raw, 'control-plane', f);
    return applied.used === true && !validPrefix(applied.prefix, f);
  });
  if (broken.length > 0) {
    const family = broken.map((f) => (f === 'ipv4' ? 'IPv4' : 'IPv6')).join(' and ');
    return withFix(
      {
        messageId: 'spacesControlPlane',
        span: entry.valueSpan!,
        message: fit(
          `${nm} has spaces the control plane keeps: ${abortShort(config.container)}. Remove them.`,
          `${nm} has spaces: ${abortShort(config.container)}. Remove them.`,
        ),
        detail: noted(
          `On ${v} the control-plane path splits this list without trimming, so the ${family} control-plane VIP gets a prefix with a space, which is not a valid CIDR; kube-vip then ${abortOutcome(config.container).slice(`kube-vip ${label} `.length)}.`,
          config.container,
        ),
      },
      entry,
      fixed,
      true,
    );
  }
  return withFix(
    {
      messageId: 'spacesHarmless',
      span: entry.valueSpan!,
      severity: 'warning',
      message: fit(
        `${nm} has spaces: ${v} trims them here, but a control-plane VIP would break. Remove them.`,
        `${nm} has spaces: harmless on ${v} here, but fragile. Remove them.`,
      ),
      detail: noted(`${v} trims them where this manifest uses the list, but the v0.9.0+ control-plane path does not, so the same value breaks a control-plane VIP.`, config.container),
    },
    entry,
    fixed,
    true,
  );
}

/** No list in the env: kube-vip generated one from `address` (v0.8.3+). */
function checkDerived(config: EffectiveConfig): Finding | undefined {
  if (config.prefixList.source !== 'derived') return undefined;
  const { value, from } = config.prefixList;
  const { container } = config;
  const name = config.prefixList.name;
  const v = versionShort(container);
  const span = from.entry.valueSpan ?? from.entry.nameSpan;
  if (value === '128,32') {
    const applied = appliedPrefix(config, value, 'control-plane', 'ipv4');
    if (applied.used !== true || applied.whole) return undefined; // BGP: the derived list breaks either way; mode rules cover it
    const v4 = from.value.split(',').find((a) => !a.includes(':'));
    const v6 = from.value.split(',').find((a) => a.includes(':'));
    const reordered = `${v4},${v6}`;
    const target = config.controlPlane === 'on' ? 'control-plane' : 'services';
    const outcome = failure(config, '128', target);
    const certain = config.controlPlane === 'on' || config.services !== 'off';
    const short = failureShort(config, target, { may: !certain });
    const finding: Finding = {
      messageId: 'implicitReversed',
      span,
      severity: certain ? 'error' : 'warning',
      message: fit(
        `address ${shown(from.value)} lists IPv6 first: ${short}. Put the IPv4 address first.`,
        `address ${shown(from.value)} lists IPv6 first: ${short}. Put IPv4 first.`,
        `address ${shown(from.value, 16)} lists IPv6 first: ${short}. Put IPv4 first.`,
      ),
      detail: noted(
        `${name} is not set, so ${v} (v0.8.3–v1.0.0) generates ${name} "128,32" in the address's order ("${from.value}"); ${POSITIONS}, so the IPv4 VIP gets /128: ${outcome} Write the IPv4 address first ("${reordered}"), or set ${name} to "32,128". v1.0.1 and later sort the generated list.`,
        container,
      ),
    };
    const edit = from.entry.valueSpan && replaceValue(from.entry, reordered);
    return edit ? { ...finding, fixes: [{ title: `Put the IPv4 address first: "${reordered}"`, edits: [edit], preferred: true }] } : finding;
  }
  if (value === '128' && config.services !== 'off') {
    const applied = appliedPrefix(config, value, 'services', 'ipv4');
    if (applied.used !== true) return undefined;
    if (applied.whole) {
      // BGP up to v0.8.10 advertises "<ip>/128" for IPv4 Services: not announced, nothing crashes.
      return {
        messageId: 'implicitIpv6Prefix',
        span,
        severity: 'warning',
        message: fit(
          `address ${shown(from.value)} makes ${name} "128": ${v} in BGP mode never announces IPv4 Services, if any. Add ${name} "32".`,
          `IPv6-only address, no ${name}: ${v} in BGP mode never announces IPv4 Services, if any. Add ${name} "32".`,
        ),
        detail: noted(
          `The address is IPv6 only and ${name} is not set, so ${v} generates ${name} "128". In BGP mode ${v} advertises IPv4 VIPs as "<ip>/128", which is not a valid IPv4 prefix, so BGP would never announce an IPv4 LoadBalancer Service. This is fine on an IPv6-only cluster. In BGP mode up to v0.8.10 kube-vip only checks that "<ip>/${name}" parses and always announces a host route (/32 or /128), so a single "32" parses for IPv4 and IPv6 VIPs alike.`,
          container,
        ),
      };
    }
    const short = failureShort(config, 'services', { ifAny: true });
    return {
      messageId: 'implicitIpv6Prefix',
      span,
      severity: 'warning',
      message: fit(
        `address ${shown(from.value)} makes ${name} "128": ${short}. Add ${name} "32,128".`,
        `address ${shown(from.value, 16)} makes ${name} "128": ${short}. Add ${name} "32,128".`,
        `IPv6-only address, no ${name}: ${short}. Add ${name} "32,128".`,
        `No ${name}, IPv6-only address: ${short}. Add "32,128".`,
      ),
      detail: noted(
        `The address is IPv6 only and ${name} is not set, so ${v} generates ${name} "128" and applies /128 to IPv4 VIPs too. This is fine on an IPv6-only cluster; but if this cluster also hands out IPv4 LoadBalancer addresses, ${failure(config, '128', 'services')} Set ${name} to "32,128" for dual stack.`,
        container,
      ),
    };
  }
  return undefined;
}

/** v0.5.6–v0.8.10: vip_subnet is a suffix appended to every VIP address, control plane and Services alike (audit H7). */
function checkLegacySubnet(context: RuleContext, config: EffectiveConfig, entry: EnvEntry): Finding | undefined {
  const { container } = context;
  const value = entry.value!;
  const span = entry.valueSpan!;
  const e = exposure(config);
  const families = legacySubnetFamilies(config);
  const ok = (text: string) => acceptsLegacySubnet(config, text);
  if (ok(value)) return undefined;
  const label = versionShort(container);
  const severity: Severity = config.controlPlane === 'on' || e.services ? 'error' : 'warning';
  const where = e.services ? 'every VIP address (the control plane\'s and each LoadBalancer Service\'s)' : 'the control-plane address';
  const suffix = `On ${label}, vip_subnet is a suffix that kube-vip appends, as written, to ${where}, so it must look like "/32"`;
  const nm = `vip_subnet ${shown(value, 16)}`;
  if (/^\/?\d+$/.test(value) && !value.includes(',')) {
    const n = value.replace('/', '');
    const candidate = `/${n}`;
    const sample = families.includes('ipv4') ? '192.168.0.40' : 'fd00::10';
    const family = families.includes('ipv4') ? 'IPv4' : 'IPv6';
    const why = value.startsWith('/') ? `"${sample}${value}" is not a valid ${family} prefix` : `"${value}" gives an address kube-vip cannot parse (e.g. "${sample}${value}")`;
    const problem = value.startsWith('/') ? `is too long for ${family} addresses` : 'lacks the "/"';
    const fix = ok(candidate) ? `Use "${candidate}".` : `Use "/N" with N ≤ ${families.includes('ipv4') ? 32 : 128}.`;
    const finding: Finding = {
      messageId: 'legacySuffix',
      span,
      severity,
      message: fit(`${nm} ${problem}: ${label} appends it as written, so no VIP works. ${fix}`, `${nm} ${problem}: ${label} configures no VIP. ${fix}`),
      detail: noted(
        `${suffix}${families.includes('ipv4') ? ' (at most /32 for IPv4 addresses)' : ''}; ${why}, so those VIPs are not configured.${ok(candidate) ? '' : ` The list form "32,128" is read from vip_cidr on this version.`}`,
        container,
      ),
    };
    return ok(candidate) ? withFix(finding, entry, candidate, true) : finding;
  }
  const list = value.includes(',');
  // Only a list that vip_cidr accepts on this image and mode: otherwise the rename trades this finding for another.
  const edit = list && !container.envByName.has('vip_cidr') ? renameEntry(entry, 'vip_cidr', context.text) : undefined;
  const [v4, v6, ...more] = value.split(',');
  const prefix = (p: string | undefined, max: number) =>
    p !== undefined && (p === 'auto' ? atLeast(container.version, PREFIX_LIST.autoInCidr) : /^\d+$/.test(p) && Number(p) <= max);
  const accepted = list && more.length === 0 && prefix(v4, 32) && prefix(v6, 128) && acceptsPrefixList(config, value);
  const finding: Finding = {
    messageId: list ? 'legacyList' : 'legacySuffix',
    span,
    severity,
    message: list
      ? `${nm} is a list: ${label} appends it as a "/N" suffix, and no VIP works. ${edit && accepted ? 'Rename it to vip_cidr.' : 'Lists go in vip_cidr.'}`
      : `${nm} is not a "/N" suffix: ${label} appends it as written, and no VIP works. Use e.g. "/32".`,
    detail: noted(
      `${suffix}; "${value}" gives an address kube-vip cannot parse.${list ? ' The IPv4,IPv6 prefix list is read from vip_cidr up to v0.8.10, and from vip_subnet only from v0.9.0.' : ''}`,
      container,
    ),
  };
  return edit && accepted ? { ...finding, fixes: [{ title: 'Rename vip_subnet to vip_cidr', edits: [edit], preferred: true }] } : finding;
}

function withFix(finding: Finding, entry: EnvEntry, value: string, preferred: boolean): Finding {
  const edit: TextEdit | undefined = replaceValue(entry, value);
  return edit ? { ...finding, fixes: [{ title: `Set ${entry.name} to "${value}"`, edits: [edit], preferred }] } : finding;
}

function modeName(config: EffectiveConfig): string {
  return config.mode === 'none' || config.mode === 'unknown' ? 'this' : MODE_LABEL[config.mode];
}

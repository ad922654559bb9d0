/**
 * The seed crash, across files: a LoadBalancer Service asks for an IPv4 address, and the kube-vip
 * instance that serves it has no usable IPv4 prefix (a lone "128", a reversed list, or "128"
 * generated from an IPv6-only address). vip-prefix-list can only say "if the cluster hands out IPv4
 * addresses"; with the Service in the workspace this rule says which Service, on both ends.
 */
import { PREFIX_LIST } from '../catalog/behaviour';
import { addEntryAfter, replaceValue } from '../fixes';
import { configOf } from '../config';
import type { EffectiveConfig } from '../config';
import type { KubeVipContainer } from '../model';
import { fit, fitted, shown } from '../headline';
import { failure, failureShort } from '../prefixOutcome';
import { acceptsPrefixList, appliedPrefix, validPrefix } from '../prefixes';
import type { ServiceFact } from '../resources';
import { serves, serviceFamilies, serviceLabel } from '../serving';
import type { ServiceFamily } from '../serving';
import type { Fix } from '../types';
import { containersOf, instanceLabel, nearest, servicesOf } from '../workspaceIndex';
import type { IndexedFile } from '../workspaceIndex';
import { atLeast } from '../version';
import { noted, versionShort } from '../versionText';
import { defineWorkspaceRule } from './rule';
import type { WorkspaceRuleFinding } from './rule';

type Id = 'noIpv4Prefix' | 'servedWithoutIpv4Prefix';

/** Services listed as related information; the message counts the rest. */
const MAX_RELATED = 10;

/**
 * The per-file vip-prefix-list findings this one makes definite (or names the Service for). Where the
 * per-file finding is about an IPv4 control-plane VIP (v0.9.0+ refuses to start; BGP up to v0.8.10
 * never announces it), that stronger consequence stays, and only the conditional ones give way.
 */
const REFINES = { rule: 'vip-prefix-list', messageIds: ['ipv4GetsIpv6Prefix', 'ipv4GetsIpv6PrefixIfIpv4Services', 'implicitIpv6Prefix', 'bgpWholeValue'] };
const REFINES_CONDITIONAL = { rule: 'vip-prefix-list', messageIds: ['ipv4GetsIpv6PrefixIfIpv4Services', 'implicitIpv6Prefix'] };

export const rule = defineWorkspaceRule<Id>({
  id: 'service-prefix',
  scope: 'workspace',
  defaultSeverity: 'error',
  description: 'An IPv4 LoadBalancer Service served by a kube-vip instance whose prefix list has no usable IPv4 prefix.',
  messages: {
    noIpv4Prefix: 'On the prefix list (or the address it is generated from): an IPv4 Service in the workspace is served with an IPv6-sized prefix',
    servedWithoutIpv4Prefix: 'On the Service: the kube-vip instance that serves it gives its IPv4 address an IPv6-sized prefix',
  },
  check(index) {
    const findings: WorkspaceRuleFinding<Id>[] = [];
    const instances = containersOf(index);
    if (!instances.some((c) => ipv4Problem(configOf(c.item)))) return findings;
    // Per IPv4 Service, the instances that may serve it; with several, the nearest ones (another
    // cluster's folder is farther away), and when those are several too, it is not certain which.
    const services = servicesOf(index).flatMap(({ file, item }) => {
      const ipv4 = serviceFamilies(item).filter((f) => f.family === 'ipv4');
      if (ipv4.length === 0) return [];
      const servers = nearest(file, instances.filter((c) => serves(c.item, item) !== 'off'));
      return ipv4.map((family) => ({ file, service: item, family, servers }));
    });
    if (services.length === 0) return findings;
    for (const { file, item: container } of instances) {
      const config = configOf(container);
      const problem = ipv4Problem(config);
      if (!problem) continue;
      const served = services
        .filter((s) => s.servers.some((c) => c.item === container))
        .map((s) => ({ ...s, serving: s.servers.length > 1 ? ('unknown' as const) : serves(container, s.service) }));
      if (served.length === 0) continue;
      const certain = served.filter((s) => s.serving === 'on');
      const shown = certain.length > 0 ? certain : served;
      const why = uncertainty(container, Math.max(...shown.map((s) => s.servers.length)));
      findings.push(onPrefix(file, config, problem, shown, certain.length > 0, why));
      // The Service end only where its instance is known: a Service that any of several instances may
      // serve is not where the fix goes, and would get one warning per broken instance anywhere.
      for (const s of shown) if (s.servers.length === 1) findings.push(onService(s.file, s.service, s.family, file, config, problem, s.serving === 'on', why));
    }
    return findings;
  },
});

/** What an IPv4 Service VIP of this instance gets, when it is not a valid IPv4 prefix. */
interface Problem {
  readonly value: string;
  readonly prefix: string;
  /** Where the value is written: the env entry, or the address it is generated from. */
  readonly span: { start: number; end: number };
  readonly what: string;
  /** The same for a headline: `vip_cidr "128"`, `generated vip_cidr "128"`; `brief` where that does not fit. */
  readonly short: string;
  readonly brief: string;
  /** The list is generated from this address value (no entry in the env). */
  readonly address?: string;
  /** vip_cidr or vip_subnet, as this version reads it. */
  readonly name: string;
  readonly fix?: (text: string) => Fix | undefined;
}

function ipv4Problem(config: EffectiveConfig): Problem | undefined {
  const list = config.prefixList;
  if (config.services === 'off' || (list.source !== 'env' && list.source !== 'derived')) return undefined;
  const applied = appliedPrefix(config, list.value, 'services', 'ipv4');
  if (applied.used !== true || applied.prefix === 'auto' || validPrefix(applied.prefix, 'ipv4')) return undefined;
  // BGP up to v0.8.10 advertises "<ip>/<whole value>": an IPv4 Service is then not announced rather than
  // crashing anything, and the fix is a single "32", not a list. vip-prefix-list says so on the value.
  if (applied.whole) return undefined;
  const fixed = list.source === 'env' ? fixedValue(list.value) : '32,128';
  const safe = acceptsPrefixList(config, fixed);
  if (list.source === 'env') {
    const entry = list.entry;
    return {
      value: list.value,
      prefix: applied.prefix,
      span: entry.valueSpan!,
      what: `${list.name} "${list.value}"`,
      short: `${list.name} ${shown(list.value)}`,
      brief: `${list.name} ${shown(list.value, 10)}`,
      name: list.name,
      fix: () => {
        const edit = replaceValue(entry, fixed);
        return edit && { title: `Set ${list.name} to "${fixed}"`, edits: [edit], preferred: safe };
      },
    };
  }
  const entry = list.from.entry;
  return {
    value: list.value,
    prefix: applied.prefix,
    span: entry.valueSpan ?? entry.nameSpan,
    what: `${list.name} (unset, so generated as "${list.value}" from the IPv6-only address "${list.from.value}")`,
    short: `generated ${list.name} "${list.value}"`,
    brief: `${list.name} "${list.value}"`,
    address: list.from.value,
    name: list.name,
    fix: (text) => {
      const edit = addEntryAfter(entry, list.name, fixed, text);
      return edit && { title: `Add ${list.name}: "${fixed}"`, edits: [edit], preferred: safe };
    },
  };
}

/** True when vip-prefix-list speaks of the IPv4 control-plane VIP rather than of Services. */
function aboutControlPlane(config: EffectiveConfig): boolean {
  if (config.controlPlane !== 'on' || !config.address?.families.includes('ipv4')) return false;
  return atLeast(config.container.version, PREFIX_LIST.subnetListForm) || config.isMode('bgp') === 'on';
}

/** "128" → "32,128"; a reversed "128,32" → "32,128". */
function fixedValue(value: string): string {
  const parts = value.split(',').map((p) => p.trim());
  return parts.length === 2 && Number(parts[1]) <= 32 ? `${parts[1]},${parts[0]}` : `32,${parts[0]}`;
}

interface Served {
  readonly file: IndexedFile;
  readonly service: ServiceFact;
  readonly family: ServiceFamily;
}

function onPrefix(file: IndexedFile, config: EffectiveConfig, problem: Problem, served: readonly Served[], certain: boolean, why: string): WorkspaceRuleFinding<Id> {
  const first = served[0];
  const others = served.length > 1 ? ` (and ${served.length - 1} more)` : '';
  const condition = certain ? '' : ` if this instance serves it (${why})`;
  const fix = problem.fix?.(file.text);
  const preview = problem.fix ? fixedPreview(problem) : '32,128';
  const fixText = headlineFix(preview, problem);
  const name = problem.name;
  // The headline names the Service (or how many), shortened to fit; "may" when serving is not certain.
  const headline = (services: string, brief: boolean) => {
    const outcome = failureShort(config, 'services', { services, may: !certain });
    return problem.address === undefined
      ? `${brief ? problem.brief : problem.short} has no IPv4 prefix: ${outcome}. ${fixText}`
      : `address ${shown(problem.address, brief ? 12 : 20)} makes ${name} "${problem.value}": ${outcome}. ${fixText}`;
  };
  const named = (brief: boolean) => (label: string) => headline(served.length > 1 ? `${served.length} IPv4 Services (${label}, …)` : `IPv4 Service ${label}`, brief);
  const label = serviceLabel(first.service);
  const message = fit(fitted(named(false), label), fitted(named(true), label), headline(served.length > 1 ? `${served.length} IPv4 Services` : 'an IPv4 Service', true));
  return {
    uri: file.uri,
    messageId: 'noIpv4Prefix',
    span: problem.span,
    severity: certain ? 'error' : 'warning',
    message,
    detail: noted(
      `${problem.what} has no IPv4 prefix, but the IPv4 Service ${serviceLabel(first.service)}${others} gets its VIP from this kube-vip${condition}: ` +
        `${failure(config, problem.prefix, 'services')} Use "${preview}".`,
      config.container,
    ),
    fixes: fix ? [fix] : [],
    related: served.slice(0, MAX_RELATED).map((s) => ({ uri: s.file.uri, span: s.family.evidence.span, message: `IPv4 Service ${serviceLabel(s.service)} (${s.family.via} "${s.family.evidence.value}")` })),
    replaces: aboutControlPlane(config) ? REFINES_CONDITIONAL : REFINES,
  };
}

function onService(file: IndexedFile, service: ServiceFact, family: ServiceFamily, kubeVipFile: IndexedFile, config: EffectiveConfig, problem: Problem, certain: boolean, why: string): WorkspaceRuleFinding<Id> {
  const v = versionShort(config.container);
  const subnetList = atLeast(config.container.version, PREFIX_LIST.subnetListForm);
  const outcome = (kubeVip: string) => (subnetList ? `${certain ? 'gets' : 'may get'} no VIP from ${kubeVip}` : `${certain ? 'crashes' : 'may crash'} ${kubeVip}`);
  const fix = headlineFix(fixedPreview(problem), problem, ' there');
  return {
    uri: file.uri,
    messageId: 'servedWithoutIpv4Prefix',
    span: family.evidence.span,
    severity: certain ? 'error' : 'warning',
    message: fit(
      `This IPv4 Service ${outcome(`kube-vip ${v}`)}: its ${problem.short} has no IPv4 prefix. ${fix}`,
      `This IPv4 Service ${outcome(v)}: its ${problem.brief} has no IPv4 prefix. ${fix}`,
      `This IPv4 Service ${outcome(v)}: its prefix list has no IPv4 prefix. ${fix}`,
      `This IPv4 Service ${outcome(v)}: its prefix list has no IPv4 prefix. Fix it there.`,
    ),
    detail: noted(
      `It ${certain ? 'is' : 'may be'} served by kube-vip ${v} (${instanceLabel(config.container)}), whose ${problem.what} has no IPv4 prefix: ${failure(config, problem.prefix, 'services')} ` +
        `Fix the prefix list there ("${fixedPreview(problem)}").${certain ? '' : ` Whether it serves this Service is not certain: ${why}.`}`,
      config.container,
    ),
    fixes: [],
    related: [
      {
        uri: kubeVipFile.uri,
        span: problem.span,
        message: fit(`${problem.what} of kube-vip (${instanceLabel(config.container)})`, `${problem.short} of kube-vip (${instanceLabel(config.container)})`),
      },
    ],
  };
}

/** The fix for a headline: `Use "32,128".`, `Add vip_cidr "32,128".`; a value too long to quote is described instead. */
function headlineFix(preview: string, problem: Problem, where = ''): string {
  if (preview.length > 12) return `Put an IPv4 prefix first${where}.`;
  return problem.address === undefined ? `${where ? 'Set it to' : 'Use'} "${preview}"${where}.` : `Add ${problem.name} "${preview}"${where}.`;
}

function fixedPreview(problem: Problem): string {
  return problem.what.includes('generated') ? '32,128' : fixedValue(problem.value);
}

/** Why serving is not certain, in a few words. */
function uncertainty(container: KubeVipContainer, servers: number): string {
  if (servers > 1) return `${servers} kube-vip instances in this workspace may serve it, and the linter cannot see which cluster a file is applied to`;
  if (configOf(container).services !== 'on') return 'the manifest does not show that Services are enabled';
  return 'svc_namespace, the Service\'s namespace or the load-balancer class settings are not literal';
}

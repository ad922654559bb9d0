/**
 * Two kube-vip instances that elect their leaders from one Lease (pitfalls.md §12, §13). A Lease has
 * one holder, so the two deployments get one leader between them instead of one each. (The holder
 * identity is the node name, v1.2.3:pkg/election/election.go:80-90, or the host name on older
 * releases: an instance whose Pod runs on the holder's node leads too, the others do not.)
 *
 * Which Lease an instance uses, as checked in the source:
 * - control plane, ARP (always) or BGP with vip_leaderelection (v0.6.1+) (config.electionReason):
 *   vip_leasename (v0.6.1+, before that the fixed "plndr-cp-lock", v0.5.0:pkg/cluster/clusterLeaderElection.go:33);
 * - Services in ARP mode without svc_election: svc_leasename (v0.6.3+, before that the fixed
 *   "plndr-svcs-lock", v0.5.0:pkg/manager/manager.go:22), v1.2.3:pkg/manager/worker/arp.go:61-67.
 * Its namespace: up to v1.0.4 the control-plane Lease is in cp_namespace
 * (v1.0.4:pkg/cluster/clusterLeaderElection.go:311-313), and so is the Services Lease while the control
 * plane is on (v1.0.3:pkg/manager/manager_arp.go:83); otherwise, and for both from v1.1.0-rc.0, the
 * Pod's own namespace from its service-account token, with cp_namespace as the fallback, unless the
 * name is written "namespace/name" (v1.1.0-rc.0:pkg/lease/lease.go:149-165).
 * One instance whose svc_leasename equals its vip_leasename (v1.1.0-rc.0+) shares one in-process
 * lease on purpose (v1.2.3:pkg/lease/lease.go:37-49): the rule compares different instances only.
 * Table and WireGuard modes, etcd election and settings the manifest cannot show are not checked.
 */
import { configOf } from '../config';
import { isUnset } from '../env';
import { replaceValue } from '../fixes';
import type { EnvEntry, KubeVipContainer } from '../model';
import type { Span } from '../span';
import { mayBeSetOutsideEnv } from '../sources';
import { atLeast } from '../version';
import { HEADLINE_LIMIT } from '../types';
import { versionLabel, versionShort } from '../versionText';
import { containersOf, folderOf, groupBy, instanceLabel, sameFolder } from '../workspaceIndex';
import type { InFile } from '../workspaceIndex';
import { defineWorkspaceRule } from './rule';
import type { WorkspaceRuleFinding } from './rule';

export type LeaseRole = 'control-plane' | 'services';

const ROLES: Readonly<Record<LeaseRole, { variable: 'vip_leasename' | 'svc_leasename'; fixedName: string; suffix: string; owns: string }>> = {
  'control-plane': { variable: 'vip_leasename', fixedName: 'plndr-cp-lock', suffix: 'cp-lock', owns: 'control-plane VIP' },
  services: { variable: 'svc_leasename', fixedName: 'plndr-svcs-lock', suffix: 'svcs-lock', owns: 'Service VIPs' },
};
/** "namespace/name" lease names, and the service-account namespace for the control-plane Lease. */
const NAMESPACED_LEASES = 'v1.1.0-rc.0';
/** The ARP Services Lease moves to the Pod's namespace even with the control plane on. */
const SVC_LEASE_IN_POD_NAMESPACE = 'v1.0.4';
/** BGP elects a control-plane leader with vip_leaderelection from v0.6.1. */
const BGP_CP_ELECTION = 'v0.6.1';

/** Where a Lease object lives: certain, or the Pod's namespace, which the manifest may not name. */
export interface LeaseNamespace {
  readonly value?: string;
  /** True for cp_namespace or a pinned "namespace/"; false when it is the Pod's namespace. */
  readonly fixed: boolean;
}

export interface LeaseUse {
  readonly role: LeaseRole;
  readonly variable: 'vip_leasename' | 'svc_leasename';
  /** The env entry that names the Lease; undefined when the default name applies. */
  readonly entry?: EnvEntry;
  readonly name: string;
  readonly namespace: LeaseNamespace;
}

/** The Leases an instance certainly elects from; empty when none or unknown. */
export function leasesOf(container: KubeVipContainer): LeaseUse[] {
  const config = configOf(container);
  if (container.conditional || config.leaderElectionType !== 'kubernetes') return [];
  const roles: LeaseRole[] = [];
  const bgpElects = config.mode === 'bgp' && config.flag('vip_leaderelection') === 'on' && atLeast(container.version, BGP_CP_ELECTION);
  if (config.controlPlane === 'on' && (config.mode === 'arp' || bgpElects)) roles.push('control-plane');
  if (config.services === 'on' && config.servicesElection === 'off' && config.mode === 'arp') roles.push('services');
  return roles.flatMap((role) => {
    const lease = leaseOf(container, role);
    return lease ? [lease] : [];
  });
}

/** The Lease name and namespace of one role, or undefined when the manifest does not show them. */
export function leaseOf(container: KubeVipContainer, role: LeaseRole): LeaseUse | undefined {
  const named = leaseName(container, role);
  if (!named) return undefined;
  const { variable } = ROLES[role];
  const pinned = atLeast(container.version, NAMESPACED_LEASES) ? /^([^/]+)\/(.+)$/.exec(named.name) : null;
  if (pinned) return { role, variable, entry: named.entry, name: pinned[2], namespace: { value: pinned[1], fixed: true } };
  const cpNamespace = literalSetting(container, 'cp_namespace', 'kube-system');
  const inCpNamespace =
    !atLeast(container.version, NAMESPACED_LEASES) &&
    (role === 'control-plane' || (!atLeast(container.version, SVC_LEASE_IN_POD_NAMESPACE) && configOf(container).controlPlane === 'on'));
  if (inCpNamespace) return cpNamespace.known ? { role, variable, entry: named.entry, name: named.name, namespace: { value: cpNamespace.value, fixed: true } } : undefined;
  return { role, variable, entry: named.entry, name: named.name, namespace: { value: podNamespace(container, cpNamespace), fixed: false } };
}

function leaseName(container: KubeVipContainer, role: LeaseRole): { name: string; entry?: EnvEntry } | undefined {
  const { variable, fixedName } = ROLES[role];
  const entry = container.envByName.get(variable);
  const parsed = configOf(container).notParsed(variable) === undefined;
  if (parsed && !isUnset(entry)) return entry!.value === undefined ? undefined : { name: entry!.value, entry };
  return mayBeSetOutsideEnv(container, variable) ? undefined : { name: fixedName };
}

/** A string setting's literal value, its default when unset, or unknown. */
function literalSetting(container: KubeVipContainer, name: string, fallback: string): { known: true; value: string } | { known: false } {
  const entry = container.envByName.get(name);
  if (!isUnset(entry)) return entry!.value === undefined ? { known: false } : { known: true, value: entry!.value };
  return mayBeSetOutsideEnv(container, name) ? { known: false } : { known: true, value: fallback };
}

/**
 * The namespace kube-vip reads from the service-account token: the Pod's. A bare Pod may be a static
 * Pod, which gets no token, so kube-vip falls back to cp_namespace: certain only when both agree.
 */
function podNamespace(container: KubeVipContainer, cpNamespace: ReturnType<typeof literalSetting>): string | undefined {
  const namespace = container.resource?.namespace;
  if (container.resourceKind !== 'Pod') return namespace;
  return cpNamespace.known && cpNamespace.value === namespace ? namespace : undefined;
}

/**
 * Whether two kube-vip containers run side by side in one cluster, as far as the files show: 'yes' in
 * one manifest file (its documents are applied together); 'maybe' in two files of one folder (the
 * message then says "if both files are deployed to one cluster": a folder may hold alternatives); 'no'
 * in different folders (a repository often keeps one folder per cluster, and the linter cannot see
 * which cluster a file is applied to) or for two copies of one object (same kind, name and namespace:
 * overlays or per-cluster variants, since one cluster cannot hold both).
 */
export function sideBySide(a: InFile<KubeVipContainer>, b: InFile<KubeVipContainer>): 'yes' | 'maybe' | 'no' {
  if (!sameFolder(a.file, b.file)) return 'no';
  const [x, y] = [a.item.resource, b.item.resource];
  const oneDocument = a.file.uri === b.file.uri && x !== undefined && y !== undefined && x.span.start === y.span.start;
  if (x?.name && y?.name && !oneDocument && x.kind === y.kind && x.name === y.name && x.namespace === y.namespace) return 'no';
  return a.file.uri === b.file.uri ? 'yes' : 'maybe';
}

/** The condition a 'maybe' of sideBySide adds to a message. */
export const DEPLOYED_TOGETHER = 'if both files are deployed to one cluster';

/** Whether two Lease namespaces are the same: certainly, possibly (with the condition), or not. */
function sameNamespace(a: LeaseNamespace, b: LeaseNamespace, aLabel: string, bLabel: string): { same: 'yes' } | { same: 'maybe'; condition: string } | { same: 'no' } {
  if (a.value !== undefined && b.value !== undefined) return a.value === b.value ? { same: 'yes' } : { same: 'no' };
  if (a.value !== undefined) return { same: 'maybe', condition: `if ${bLabel} runs in namespace ${a.value}` };
  if (b.value !== undefined) return { same: 'maybe', condition: `if ${aLabel} runs in namespace ${b.value}` };
  return { same: 'maybe', condition: 'if both run in one namespace' };
}

const MESSAGES = {
  sharedLease: 'Two kube-vip instances elect their leaders from the same Lease (same name and namespace)',
  sharedLeaseIfSameNamespace: 'Two kube-vip instances use the same Lease name; they share the Lease if they run in one namespace',
};
type Id = keyof typeof MESSAGES;

interface Use {
  readonly at: InFile<KubeVipContainer>;
  readonly lease: LeaseUse;
}

export const rule = defineWorkspaceRule<Id>({
  id: 'shared-lease',
  scope: 'workspace',
  defaultSeverity: 'error',
  description: 'Two kube-vip deployments that use one Lease (vip_leasename or svc_leasename in one namespace) get one leader between them.',
  messages: MESSAGES,
  check(index) {
    const uses: Use[] = containersOf(index).flatMap((at) => leasesOf(at.item).map((lease) => ({ at, lease })));
    const taken = new Set(uses.map((u) => u.lease.name));
    const findings: WorkspaceRuleFinding<Id>[] = [];
    // Only uses of one Lease name in one folder can pair (sideBySide is 'no' across folders).
    for (const group of groupBy(uses, (u) => `${folderOf(u.at.file)}\0${u.lease.name}`)) group.forEach((second, i) => {
      for (const first of group.slice(0, i)) {
        const together = sideBySide(first.at, second.at);
        if (first.at.item === second.at.item || first.lease.name !== second.lease.name || together === 'no') continue;
        const namespace = sameNamespace(first.lease.namespace, second.lease.namespace, instanceLabel(first.at.item), instanceLabel(second.at.item));
        if (namespace.same === 'no') continue;
        const conditions = [together === 'maybe' ? DEPLOYED_TOGETHER : undefined, namespace.same === 'yes' ? undefined : namespace.condition].filter((c) => c !== undefined);
        findings.push(finding(first, second, conditions.length ? conditions.join(' and ').replace(' and if ', ' and ') : undefined, taken));
        return; // one finding per Lease use, against the first instance it shares with
      }
    });
    return findings;
  },
});

function finding(first: Use, second: Use, condition: string | undefined, taken: ReadonlySet<string>): WorkspaceRuleFinding<Id> {
  const { lease, at } = second;
  const container = at.item;
  const label = instanceLabel(first.at.item);
  const where = lease.namespace.value ?? first.lease.namespace.value;
  const leaseText = where ? `${where}/${lease.name}` : lease.name;
  const suggestion = freeName(container, lease.role, taken);
  const readsVariable = configOf(container).notParsed(lease.variable)?.reason !== 'version';
  const fix = readsVariable ? ` Give ${lease.variable} a name of its own, e.g. "${suggestion}".` : ` kube-vip ${versionLabel(container)} uses the fixed name "${lease.name}": upgrade it, or run it in another namespace.`;
  const shortFix = readsVariable ? ` Set ${lease.variable} to "${suggestion}".` : ` ${versionShort(container)} fixes the name: upgrade, or use another namespace.`;
  const shares = (lease: string, other: string, fixText = shortFix) =>
    condition ? `May share Lease ${lease} with ${other}: one leader for both.${fixText}` : `Shares Lease ${lease} with ${other}: one leader for both.${fixText}`;
  const candidates = [
    shares(condition ? `"${lease.name}"` : leaseText, label),
    shares(`"${lease.name}"`, label),
    shares(`"${lease.name}"`, 'another instance'),
    shares(`"${lease.name}"`, 'another instance', readsVariable ? ` Give ${lease.variable} its own name.` : ' Upgrade, or use another namespace.'),
  ];
  const lead = condition
    ? `It may share the Lease "${lease.name}" with ${label} (${condition}).${fix}`
    : `It shares the Lease ${leaseText} with ${label}.${fix}`;
  const detail =
    ` A Lease has one holder, so the two instances elect one leader between them instead of one each: ` +
    `${label}'s ${ROLES[first.lease.role].owns} and this instance's ${ROLES[lease.role].owns} no longer get a leader of their own. ` +
    `kube-vip ${versionLabel(container)} ${leaseWhere(lease)}.`;
  const edit = readsVariable && lease.entry ? replaceValue(lease.entry, lease.entry.value?.includes('/') ? `${where}/${suggestion}` : suggestion) : undefined;
  return {
    uri: at.file.uri,
    messageId: condition ? 'sharedLeaseIfSameNamespace' : 'sharedLease',
    severity: condition ? 'warning' : undefined,
    span: spanOf(container, lease),
    message: candidates.find((c) => c.length <= HEADLINE_LIMIT) ?? candidates[candidates.length - 1],
    detail: lead + detail,
    fixes: edit ? [{ title: `Set ${lease.variable} to "${suggestion}"`, edits: [edit] }] : [],
    related: [{ uri: first.at.file.uri, span: spanOf(first.at.item, first.lease), message: `${label} uses the same Lease (${first.lease.variable})` }],
  };
}

/** Where this version looks for the Lease, for the message. */
function leaseWhere(lease: LeaseUse): string {
  const kind = lease.role === 'control-plane' ? 'control-plane' : 'Services';
  if (lease.namespace.fixed) return `keeps its ${kind} Lease "${lease.name}" in namespace ${lease.namespace.value}`;
  return `keeps its ${kind} Lease "${lease.name}" in the Pod's own namespace${lease.namespace.value ? ` (${lease.namespace.value})` : ', which the manifest does not name'}`;
}

/** The lease name's value, or the container's anchor when the default name applies. */
function spanOf(container: KubeVipContainer, lease: LeaseUse): Span {
  return lease.entry?.valueSpan ?? container.anchorSpan;
}

/** "<resource>-cp-lock", numbered until no instance in the workspace uses it. */
function freeName(container: KubeVipContainer, role: LeaseRole, taken: ReadonlySet<string>): string {
  const base = `${container.resource?.name ?? 'kube-vip'}-${ROLES[role].suffix}`;
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}-${n}`;
  return name;
}

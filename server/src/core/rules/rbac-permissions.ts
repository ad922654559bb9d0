/**
 * The ClusterRole or Role bound to kube-vip's ServiceAccount must grant what that kube-vip version and
 * configuration call (pitfall 28: a role generated for v0.8.x has no EndpointSlices rule, which v1.0+
 * watches by default). Reported on the role, with the kube-vip containers that need the permission as
 * related information; the fix appends the rule `kube-vip manifest rbac` writes for that resource.
 *
 * Silent unless the workspace proves it: the ServiceAccount is bound here, every role it is bound to is
 * found once and is complete (no templates, no aggregation), and the container runs with its
 * ServiceAccount (no kubeconfig mounted, no etcd election). RBAC is additive, so a binding outside the
 * workspace could still grant the permission: warnings, not errors.
 */
import { ENDPOINTS, ENDPOINT_SLICES, ENDPOINT_WATCH, LEASES, SERVICES_READ, SERVICES_STATUS, SERVICES_UPDATE, SERVICE_UPDATE } from '../catalog/rbac';
import type { ApiPermission } from '../catalog/rbac';
import { configOf, electionReason } from '../config';
import type { EffectiveConfig } from '../config';
import { isUnset } from '../env';
import type { KubeVipContainer } from '../model';
import type { BindingFact, PolicyRuleFact, RoleFact } from '../resources';
import { flagArg } from '../sources';
import type { Fix, Related } from '../types';
import { atLeast, inRange } from '../version';
import { fit, shown } from '../headline';
import { versionLabel, versionShort } from '../versionText';
import { bindingsOf, containersOf, namespaceOf, rolesOf } from '../workspaceIndex';
import type { InFile } from '../workspaceIndex';
import { defineWorkspaceRule } from './rule';
import type { WorkspaceRuleFinding } from './rule';

type Id = 'leaseDenied' | 'servicesDenied' | 'endpointSlicesDenied' | 'endpointsDenied';

/** A permission one container needs, and why (for the message). */
interface Need {
  readonly id: Id;
  readonly permission: ApiPermission;
  readonly why: string;
}

export const rule = defineWorkspaceRule<Id>({
  id: 'rbac-permissions',
  scope: 'workspace',
  defaultSeverity: 'warning',
  description: 'The role bound to the kube-vip ServiceAccount must allow what that version and configuration call: Leases, Services and their status, EndpointSlices or Endpoints.',
  messages: {
    leaseDenied: 'a leader election runs, but the bound roles do not allow get, create and update on leases.coordination.k8s.io',
    servicesDenied: 'svc_enable: the bound roles do not allow watching and updating Services and their status',
    endpointSlicesDenied: 'the version watches EndpointSlices for the Services it serves, but the bound roles do not allow watch on endpointslices.discovery.k8s.io',
    endpointsDenied: 'the configuration watches Endpoints for the Services it serves, but the bound roles do not allow watch on endpoints',
  },
  check(index) {
    const roles = rolesOf(index);
    const bindings = bindingsOf(index);
    const byRole = new Map<RoleFact, Report>();
    for (const container of containersOf(index)) {
      const bound = boundRoles(container.item, bindings, roles);
      if (!bound) continue;
      const target = bound.find((b) => b.role.item.rulesSpan && b.role.item.resource.nameSpan) ?? bound[0];
      for (const need of needsOf(container.item)) {
        const verbs = need.permission.verbs.filter((verb) => !bound.some((b) => grants(b.role.item.rules, need.permission, verb)));
        if (verbs.length === 0) continue;
        let report = byRole.get(target.role.item);
        if (!report) byRole.set(target.role.item, (report = { role: target.role, binding: target.binding, needs: new Map() }));
        const byId = report.needs.get(need.id) ?? new Map<string, Missing>();
        report.needs.set(need.id, byId);
        const key = `${need.permission.group}/${need.permission.resource}`;
        const missing = byId.get(key) ?? { permission: need.permission, verbs: new Set<string>(), whys: new Set<string>(), containers: [] };
        byId.set(key, missing);
        verbs.forEach((v) => missing.verbs.add(v));
        missing.whys.add(need.why);
        if (!missing.containers.includes(container)) missing.containers.push(container);
      }
    }
    return [...byRole.values()].flatMap((report) => [...report.needs].map(([id, missing]) => finding(id, report, [...missing.values()])));
  },
});

interface Missing {
  readonly permission: ApiPermission;
  readonly verbs: Set<string>;
  readonly whys: Set<string>;
  readonly containers: InFile<KubeVipContainer>[];
}

interface Bound {
  readonly role: InFile<RoleFact>;
  readonly binding: InFile<BindingFact>;
}

interface Report extends Bound {
  readonly needs: Map<Id, Map<string, Missing>>;
}

// ---------------------------------------------------------------- what the container needs

/** The permissions the container certainly uses, or none when it may not use its ServiceAccount. */
function needsOf(container: KubeVipContainer): Need[] {
  const config = configOf(container);
  const needs: Need[] = [];
  const reason = electionReason(config);
  if (reason) needs.push({ id: 'leaseDenied', permission: LEASES, why: reason });
  if (config.services !== 'on') return needs;
  needs.push({ id: 'servicesDenied', permission: SERVICES_READ, why: 'svc_enable is "true": it watches Services and reads each one it serves' });
  needs.push({ id: 'servicesDenied', permission: SERVICES_STATUS, why: 'it writes each Service\'s address into status.loadBalancer' });
  if (config.flag('vip_arp') === 'on' || (config.flag('bgp_enable') === 'on' && atLeast(container.version, SERVICE_UPDATE.bgpFrom))) {
    needs.push({ id: 'servicesDenied', permission: SERVICES_UPDATE, why: `with ${config.flag('vip_arp') === 'on' ? 'vip_arp' : 'bgp_enable'} on it annotates each Service with kube-vip.io/vipHost before writing the status` });
  }
  const endpoints = endpointNeed(container, config);
  if (endpoints) needs.push(endpoints);
  return needs;
}

/** The per-Service endpoint watch, when this configuration runs it (catalog ENDPOINT_WATCH). */
function endpointNeed(container: KubeVipContainer, config: EffectiveConfig): Need | undefined {
  const { version } = container;
  if (!atLeast(version, ENDPOINT_WATCH.since)) return undefined;
  const switchVar = atLeast(version, ENDPOINT_WATCH.slicesDefaultFrom) ? 'enable_endpoints' : 'enable_endpointslices';
  const state = config.flag(switchVar);
  if (state === 'unknown') return undefined;
  const slices = switchVar === 'enable_endpoints' ? state === 'off' : state === 'on';
  const api = slices
    ? switchVar === 'enable_endpoints' ? 'EndpointSlices (the default from v1.0.0; enable_endpoints "true" switches to Endpoints)' : 'EndpointSlices (enable_endpointslices is "true")'
    : switchVar === 'enable_endpoints' ? 'Endpoints (enable_endpoints is "true")' : 'Endpoints (the default before v1.0.0)';
  const which = watchedServices(container, config);
  if (!which) return undefined;
  return { id: slices ? 'endpointSlicesDenied' : 'endpointsDenied', permission: slices ? ENDPOINT_SLICES : ENDPOINTS, why: `it watches the ${api} of ${which}` };
}

/** Which Services get an endpoint watch, in words; undefined when none certainly do. */
function watchedServices(container: KubeVipContainer, config: EffectiveConfig): string | undefined {
  const { version } = container;
  if (atLeast(version, ENDPOINT_WATCH.everyServiceFrom)) return 'every LoadBalancer Service it serves';
  if (inRange(version, ENDPOINT_WATCH.wireguard.from, ENDPOINT_WATCH.wireguard.to) && config.flag('vip_wireguard') === 'on') return 'every LoadBalancer Service it serves (WireGuard)';
  const routed = config.flag('bgp_enable') === 'on' || config.flag('vip_routingtable') === 'on';
  if (routed && config.flag('vip_leaderelection') === 'off' && config.servicesElection === 'off') {
    return 'every LoadBalancer Service it serves (BGP or routing table, without vip_leaderelection and svc_election)';
  }
  if (config.servicesElection === 'on') return 'the Services with externalTrafficPolicy: Local (svc_election is "true")';
  return undefined;
}

// ---------------------------------------------------------------- who grants it

/**
 * The roles bound to the container's ServiceAccount, or undefined when that cannot be known: the
 * container may not use its ServiceAccount, no binding here names it, or a bound role is missing,
 * ambiguous or not literal.
 */
function boundRoles(container: KubeVipContainer, bindings: InFile<BindingFact>[], roles: InFile<RoleFact>[]): Bound[] | undefined {
  if (!usesServiceAccount(container)) return undefined;
  const namespace = namespaceOf(container.resource!.namespace);
  const account = container.pod!.serviceAccountName ?? 'default';
  const out: Bound[] = [];
  for (const binding of bindings) {
    if (!binding.item.subjects.some((s) => namesAccount(s, binding.item, account, namespace))) continue;
    const ref = binding.item.roleRef;
    if (!ref) return undefined;
    const found = roles.filter((r) => referencedBy(r.item, ref, binding.item));
    // One role by that name, all literal (resources.ts marks templated values, aliases and aggregation).
    if (found.length !== 1 || found[0].item.incomplete) return undefined;
    out.push({ role: found[0], binding });
  }
  return out.length ? out : undefined;
}

/**
 * kube-vip uses the in-cluster ServiceAccount only when no kubeconfig is found (k8s_config_file,
 * /etc/kubernetes/admin.conf, ~/.kube/config) and a Kubernetes client is built at all (not with
 * --leaderElectionType etcd): v1.2.3:pkg/manager/manager.go:118-171.
 */
function usesServiceAccount(container: KubeVipContainer): boolean {
  const { pod, resource } = container;
  if (!pod || !resource || pod.serviceAccountUnknown || container.conditional) return false;
  if (container.coverage?.reason === 'templated-image' || container.coverage?.reason === 'too-old') return false;
  if (configOf(container).leaderElectionType !== 'kubernetes') return false;
  if (!isUnset(container.envByName.get('k8s_config_file')) || flagArg(container, 'k8sConfigPath')) return false;
  return !pod.mounts.some((m) => /^\/etc\/kubernetes(\/|$)|\.kube|kubeconfig/i.test(m.mountPath));
}

/** A binding subject that names the ServiceAccount: itself, its user name, or a group of service accounts. */
function namesAccount(subject: BindingFact['subjects'][number], binding: BindingFact, account: string, namespace: string): boolean {
  switch (subject.kind) {
    case 'ServiceAccount': {
      // A RoleBinding's ServiceAccount subject without a namespace is in the binding's namespace.
      const ns = subject.namespace ?? (binding.kind === 'RoleBinding' ? namespaceOf(binding.resource.namespace) : undefined);
      return subject.name === account && ns === namespace;
    }
    case 'User':
      return subject.name === `system:serviceaccount:${namespace}:${account}`;
    case 'Group':
      return subject.name === 'system:serviceaccounts' || subject.name === `system:serviceaccounts:${namespace}`;
    default:
      return false;
  }
}

/** A ClusterRole by name; a Role by name in the RoleBinding's namespace. */
function referencedBy(role: RoleFact, ref: NonNullable<BindingFact['roleRef']>, binding: BindingFact): boolean {
  if (role.kind !== ref.kind || role.resource.name !== ref.name) return false;
  if (role.kind === 'ClusterRole') return true;
  return binding.kind === 'RoleBinding' && namespaceOf(role.resource.namespace) === namespaceOf(binding.resource.namespace);
}

/** Whether some rule allows `verb` on the permission's resource, with RBAC's wildcards (`*`, and `*` before a subresource). */
function grants(rules: readonly PolicyRuleFact[], permission: ApiPermission, verb: string): boolean {
  const [, sub] = permission.resource.split('/');
  return rules.some(
    (r) =>
      (r.apiGroups.includes('*') || r.apiGroups.includes(permission.group)) &&
      (r.verbs.includes('*') || r.verbs.includes(verb)) &&
      r.resources.some((res) => res === '*' || res === permission.resource || (sub !== undefined && res === `*/${sub}`)),
  );
}

// ---------------------------------------------------------------- the finding

const OUTCOME: Record<Id, string> = {
  leaseDenied: 'Every attempt to get or take the Lease is forbidden, so no instance ever becomes leader and the addresses it guards are never announced.',
  servicesDenied: 'The calls are forbidden: without watch kube-vip never sees a Service; without get/update it cannot record the address, so status.loadBalancer stays empty (EXTERNAL-IP <pending>).',
  endpointSlicesDenied: 'The watch is forbidden, so kube-vip never sees the Services\' endpoints. Roles written for v0.8.x and older lack this rule. Instead of adding it, you can set enable_endpoints "true".',
  endpointsDenied: 'The watch is forbidden, so kube-vip never sees the Services\' endpoints.',
};

function finding(id: Id, report: Report, missing: Missing[]): WorkspaceRuleFinding<Id> {
  const role = report.role.item;
  const roleName = `${role.kind} ${role.resource.name ?? '(unnamed)'}`;
  const wanted = missing.map((m) => `${[...m.verbs].join(', ')} on ${resourceLabel(m.permission)}`).join('; ');
  const containers = unique(missing.flatMap((m) => m.containers));
  const versions = unique(containers.map((c) => versionLabel(c.item))).join(', ');
  const shortVersions = unique(containers.map((c) => versionShort(c.item))).join(', ');
  const whys = unique(missing.flatMap((m) => [...m.whys])).join('; ');
  const resources = missing.map((m) => resourceLabel(m.permission)).join(' and ');
  const rules = missing.length > 1 ? 'rules' : 'a rule';
  const fix = appendRules(report.role.file.text, role, missing.map((m) => m.permission), roleName);
  const related: Related[] = containers.map((c) => ({
    uri: c.file.uri,
    span: c.item.imageSpan,
    message: `kube-vip ${versionLabel(c.item)} runs as ServiceAccount ${namespaceOf(c.item.resource!.namespace)}/${c.item.pod!.serviceAccountName ?? 'default'}`,
  }));
  if (report.binding.item.roleRef) related.push({ uri: report.binding.file.uri, span: report.binding.item.roleRef.span, message: `${report.binding.item.kind} ${report.binding.item.resource.name ?? ''} binds the ServiceAccount to this role` });
  return {
    uri: report.role.file.uri,
    messageId: id,
    span: role.resource.nameSpan ?? role.rulesSpan ?? role.resource.span,
    message: fit([
      `${roleName} lacks ${wanted}, which kube-vip ${shortVersions} needs. Add ${rules} for ${resources}.`,
      `${roleName} lacks ${wanted} (kube-vip ${shortVersions} needs it). Add ${rules}.`,
      `${roleName} lacks ${wanted}. Add ${rules} for ${missing.length > 1 ? 'them' : 'it'}.`,
      `${roleName} lacks access to ${resources}, needed by kube-vip. Add ${rules}.`,
      `${role.kind} ${shown(role.resource.name ?? '(unnamed)')} lacks access to ${resources}. Add ${rules}.`,
    ]),
    detail:
      `Why kube-vip ${versions} needs ${wanted}: ${whys}. ${OUTCOME[id]} ` +
      `Add ${rules} for ${resources} to ${roleName}. A binding outside these files could still grant it.`,
    fixes: fix ? [fix] : [],
    related,
  };
}

function resourceLabel(p: ApiPermission): string {
  return p.group ? `${p.resource}.${p.group}` : p.resource;
}

// ---------------------------------------------------------------- the fix

/** How the role's last rule item is written, to write new items the same way. */
interface ItemStyle {
  /** Text from the line start to the item's first key ("  - "). */
  readonly prefix: string;
  /** The column of the item's keys. */
  readonly keyIndent: number;
  /** `{apiGroups: [...], ...}` on one line. */
  readonly flowMap: boolean;
  /** Lists as `[a, b]` rather than block sequences. */
  readonly flowLists: boolean;
  /** Extra indentation of block-list items under their key ("" when `- x` sits at the key's column). */
  readonly listIndent: string;
  readonly quote: '"' | "'" | '';
  readonly separator: string;
}

/** Appends one rule item per permission after the role's last rule, in the items' own style. */
function appendRules(text: string, role: RoleFact, permissions: readonly ApiPermission[], roleName: string): Fix | undefined {
  const last = role.rules[role.rules.length - 1];
  if (!role.rulesSpan || !last) return undefined;
  const style = itemStyle(text, last);
  if (!style) return undefined;
  let end = last.span.end;
  while (end > last.span.start && /\s/.test(text[end - 1])) end--;
  let at = text.indexOf('\n', end);
  if (at < 0) at = text.length;
  const eol = text[at - 1] === '\r' ? '\r\n' : '\n';
  if (eol === '\r\n') at--;
  const items = permissions.map((p) => writeItem(p, style).join(eol)).join(eol);
  return {
    title: `Add ${permissions.map(resourceLabel).join(' and ')} to ${roleName}`,
    edits: [{ start: at, end: at, newText: eol + items }],
    preferred: true,
  };
}

function itemStyle(text: string, item: PolicyRuleFact): ItemStyle | undefined {
  const lineStart = text.lastIndexOf('\n', item.span.start - 1) + 1;
  const prefix = text.slice(lineStart, item.span.start);
  if (!/^[ \t]*-[ \t]+$/.test(prefix)) return undefined;
  const sample = text.slice(item.span.start, item.span.end);
  const flowMap = sample.startsWith('{');
  const flowLists = flowMap || /^[ \t]*(?:apiGroups|resources|verbs)[ \t]*:[ \t]*\[/m.test(sample);
  const listIndent = /\n([ \t]*)-[ \t]/.exec(sample)?.[1] ?? ' '.repeat(prefix.length);
  const value = /(?:resources|verbs)[ \t]*:[ \t]*(?:\[[ \t]*|\r?\n[ \t]*-[ \t]+)(["']?)/.exec(sample);
  const quote = (value?.[1] ?? '"') as ItemStyle['quote'];
  const separator = /\[[^\]\n]*,[^ \]\n]/.test(sample) && !/\[[^\]\n]*, /.test(sample) ? ',' : ', ';
  return { prefix, keyIndent: prefix.length, flowMap, flowLists, listIndent: ' '.repeat(Math.max(0, listIndent.length - prefix.length)), quote, separator };
}

function writeItem(p: ApiPermission, style: ItemStyle): string[] {
  const scalar = (s: string) => (s === '' ? (style.quote === "'" ? "''" : '""') : `${style.quote}${s}${style.quote}`);
  const fields: [string, readonly string[]][] = [['apiGroups', [p.group]], ['resources', [p.resource]], ['verbs', p.generated]];
  const flow = (values: readonly string[]) => `[${values.map(scalar).join(style.separator)}]`;
  if (style.flowMap) return [`${style.prefix}{${fields.map(([k, v]) => `${k}: ${flow(v)}`).join(', ')}}`];
  const pad = ' '.repeat(style.keyIndent);
  const lines: string[] = [];
  fields.forEach(([key, values], i) => {
    const head = i === 0 ? style.prefix : pad;
    if (style.flowLists) lines.push(`${head}${key}: ${flow(values)}`);
    else lines.push(`${head}${key}:`, ...values.map((v) => `${pad}${style.listIndent}- ${scalar(v)}`));
  });
  return lines;
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

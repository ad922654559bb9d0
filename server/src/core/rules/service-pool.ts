/**
 * The kube-vip-cloud-provider pools against the rest of the workspace: addresses the provider can hand
 * to a LoadBalancer Service although something else already owns them. The provider's view of what is
 * taken (pkg/provider/loadBalancer.go mapImplementedServices) is the `kube-vip.io/loadbalancerIPs`
 * annotation of the Services it labelled `implementation=kube-vip`, in the namespace of a
 * namespace-scoped pool or everywhere for a global one. It does not know kube-vip's control-plane
 * address, nor Services whose address came from spec.loadBalancerIP.
 *
 * A Service address outside every pool is not reported: the provider keeps an address the Service
 * already names and never compares it with the pools.
 */
import { configOf } from '../config';
import { activePools, elementHolding, handsOut, isProviderConfigMap, readProviderConfig } from '../pools';
import type { Pool, PoolElement } from '../pools';
import type { KubeVipContainer } from '../model';
import { fit, named } from '../headline';
import type { ServiceFact } from '../resources';
import { ipFamily } from '../values';
import { configMapsOf, containersOf, servicesOf } from '../workspaceIndex';
import type { IndexedFile, WorkspaceIndex } from '../workspaceIndex';
import { defineWorkspaceRule } from './rule';
import type { WorkspaceRuleFinding } from './rule';

const messages = {
  poolHoldsControlPlane: 'a cloud-provider pool holds the kube-vip control-plane address: the provider can give it to a Service',
  staticIpNotReserved: 'spec.loadBalancerIP inside a pool: the provider never counts that address as taken',
  ipInOtherNamespacePool: 'a Service address inside another namespace\'s pool: allocations there do not see it',
} as const;
type MessageId = keyof typeof messages;
type Finding = WorkspaceRuleFinding<MessageId>;

/** A pool the provider allocates from, with the file of its ConfigMap. */
interface PlacedPool {
  readonly file: IndexedFile;
  readonly pool: Pool;
}

const ANNOTATION = 'kube-vip.io/loadbalancerIPs';
/** The label the provider sets on the Services it handled; their annotation addresses count as taken. */
const IMPLEMENTATION = { key: 'implementation', value: 'kube-vip' } as const;

export const rule = defineWorkspaceRule({
  id: 'service-pool',
  scope: 'workspace',
  defaultSeverity: 'warning',
  description: 'Across files: a kube-vip-cloud-provider pool that can hand out an address the control plane or a Service already owns.',
  messages,
  check(index) {
    const pools: PlacedPool[] = configMapsOf(index).flatMap(({ file, item }) => {
      if (!isProviderConfigMap(item)) return [];
      const config = readProviderConfig(item, file.text);
      // A templated key may shadow others: which pools are in use is unknown.
      return config.complete ? activePools(config).map((pool) => ({ file, pool })) : [];
    });
    if (pools.length === 0) return [];
    return [...controlPlane(index, pools), ...services(index, pools)];
  },
});

function controlPlane(index: WorkspaceIndex, pools: readonly PlacedPool[]): Finding[] {
  const findings: Finding[] = [];
  for (const { file, item: container } of containersOf(index)) {
    if (container.conditional) continue; // an if/else may hold another address
    const config = configOf(container);
    if (config.controlPlane === 'off' || !config.address?.entry.valueSpan) continue;
    for (const ip of config.address.value.split(',').filter((part) => ipFamily(part))) {
      for (const placed of pools) {
        const element = handsOut(placed.pool, ip) ? elementHolding(placed.pool, ip) : undefined;
        if (!element) continue;
        const key = placed.pool.key;
        const whose = config.controlPlane === 'unknown' ? 'the control-plane VIP if cp_enable is on' : "kube-vip's control-plane VIP";
        findings.push({
          messageId: 'poolHoldsControlPlane',
          uri: placed.file.uri,
          span: element.span,
          message: fit(
            `${key} holds ${ip}, ${whose}: a Service may get it too. Take it out of the pool.`,
            `${key} holds ${ip}, ${whose}: a Service may get it. Take it out.`,
            `${named(key, 40)} holds ${whose}: a Service may get it too. Take it out of the pool.`,
          ),
          detail:
            `The entry "${element.text}" holds ${ip}, the control-plane address of ${who(container)}. ` +
            `The cloud provider does not know the control-plane VIP, so it can hand ${ip} to a LoadBalancer Service, and two owners answer for one IP` +
            `${config.controlPlane === 'unknown' ? ' (if cp_enable is on)' : ''}, when both run in the same cluster.`,
          related: [{ uri: file.uri, span: config.address.entry.valueSpan, message: `control-plane address ${ip} of ${who(container)}` }],
        });
      }
    }
  }
  return findings;
}

function services(index: WorkspaceIndex, pools: readonly PlacedPool[]): Finding[] {
  const findings: Finding[] = [];
  for (const { file, item: svc } of servicesOf(index)) {
    if (svc.templated || svc.type?.value !== 'LoadBalancer') continue;
    const finding = svc.loadBalancerIP ? staticIp(svc, pools) : annotated(svc, pools);
    if (finding) findings.push({ ...finding, uri: file.uri });
  }
  return findings;
}

/** spec.loadBalancerIP: the provider copies it to the annotation but never labels the Service, so the address is never in use to it. */
function staticIp(svc: ServiceFact, pools: readonly PlacedPool[]): Omit<Finding, 'uri'> | undefined {
  const ip = svc.loadBalancerIP!.value;
  if (svc.resource.labels[IMPLEMENTATION.key] === IMPLEMENTATION.value) return undefined; // handled by the provider before: counted
  const hit = firstHolding(pools, ip, () => true);
  if (!hit) return undefined;
  const key = hit.placed.pool.key;
  const name = svc.resource.name;
  return {
    messageId: 'staticIpNotReserved',
    span: svc.loadBalancerIP!.span,
    message: fit(
      `${name ? `Service ${name}: ` : ''}${ip} is in pool ${key} but not counted as taken. Move it to ${ANNOTATION}.`,
      `${ip} is in pool ${key} but not counted as taken. Move it to ${ANNOTATION}.`,
      `This address is in pool ${named(key, 32)} but not counted as taken. Move it to ${ANNOTATION}.`,
    ),
    detail:
      `${name ? `Service ${name}: ` : ''}${ip} is in the cloud provider's pool ${key}. ` +
      `Move it to the ${ANNOTATION} annotation and drop spec.loadBalancerIP, or pick an address outside the pools. ` +
      `A Service with spec.loadBalancerIP is "legacy" to the provider: it gets the annotation but not the ${IMPLEMENTATION.key}=${IMPLEMENTATION.value} label, ` +
      `and only labelled Services count as taken, so the provider can hand ${ip} to another Service.`,
    related: [related(hit.placed, hit.element)],
  };
}

/** The annotation alone (v0.0.7+): labelled and counted, but only where the provider looks for that pool. */
function annotated(svc: ServiceFact, pools: readonly PlacedPool[]): Omit<Finding, 'uri'> | undefined {
  const namespace = svc.resource.namespace;
  const entry = svc.annotations.find((a) => a.key === ANNOTATION);
  if (namespace === undefined || !entry?.value || !entry.valueSpan) return undefined; // unknown namespace: cannot tell
  for (const ip of entry.value.split(',').filter((part) => ipFamily(part))) {
    const hit = firstHolding(pools, ip, (pool) => pool.scope !== 'global' && pool.scope !== namespace);
    if (!hit) continue;
    const scope = hit.placed.pool.scope;
    const key = hit.placed.pool.key;
    const name = svc.resource.name;
    return {
      messageId: 'ipInOtherNamespacePool',
      span: entry.valueSpan,
      message: fit(
        `${name ? `Service ${name}: ` : ''}${ip} is in ${key}, another namespace's pool, which may reuse it. Pick another address.`,
        `${ip} is in ${key}, another namespace's pool, which may reuse it. Pick another address.`,
        `This address is in ${named(key, 40)}, another namespace's pool, which may reuse it. Pick another address.`,
      ),
      detail:
        `${key} is the pool of namespace ${scope}, and Service ${name ?? ''} is in namespace ${namespace}. ` +
        `When it allocates from ${key}, the provider counts only the Services in ${scope} as taken, so it can hand ${ip} to a second Service there.`,
      related: [related(hit.placed, hit.element)],
    };
  }
  return undefined;
}

function firstHolding(pools: readonly PlacedPool[], ip: string, accept: (pool: Pool) => boolean): { placed: PlacedPool; element: PoolElement } | undefined {
  if (!ipFamily(ip)) return undefined;
  for (const placed of pools) {
    if (!accept(placed.pool) || !handsOut(placed.pool, ip)) continue;
    const element = elementHolding(placed.pool, ip);
    if (element) return { placed, element };
  }
  return undefined;
}

function related(placed: PlacedPool, element: PoolElement) {
  return { uri: placed.file.uri, span: element.span, message: `${placed.pool.key}: ${element.text}` };
}

function who(container: KubeVipContainer): string {
  const name = container.resource?.name;
  return name ? `${container.resourceKind} ${name}` : container.resourceKind;
}

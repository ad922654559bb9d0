/**
 * Which kube-vip instance serves which LoadBalancer Service, and which address families a Service
 * shows: the join behind the cross-resource rules. Three-valued, like config.ts: "maybe" where a
 * setting is not literal or the Service does not say enough.
 *
 * kube-vip (v0.8.9:pkg/manager/watch_services.go:63-74, 113-130; v1.2.3:pkg/services/watch_services.go:141-175)
 * watches Services in svc_namespace (all when unset), skips `kube-vip.io/ignore: "true"`, then filters
 * on the load-balancer class: the legacy filter (the only one before v0.8.1, the default after) takes a
 * Service whose class is lb_class_name or, unless lb_class_only, one without a class; the strict filter
 * (lb_class_legacy_handling "false") takes only class == lb_class_name, or no class when that is "".
 * Its addresses come from the `kube-vip.io/loadbalancerIPs` annotation, else the status, else
 * spec.loadBalancerIP (v0.8.9:pkg/manager/services.go:451-479).
 */
import { lookup, defaultFor } from './catalog';
import { configOf } from './config';
import type { Tri } from './config';
import { boolState, literalValue } from './env';
import type { KubeVipContainer } from './model';
import type { Located, ServiceFact } from './resources';
import { mayBeSetOutsideEnv } from './sources';
import type { Family } from './values';
import { ipFamily } from './values';
import { atLeast } from './version';
import { namespaceOf } from './workspaceIndex';

export const LOADBALANCER_IPS = 'kube-vip.io/loadbalancerIPs';
const IGNORE = 'kube-vip.io/ignore';
/** lb_class_legacy_handling exists from v0.8.1; before, the legacy filter is the only one. */
const STRICT_FILTER_FROM = 'v0.8.1';

/** What decides which Services a container serves, read once per container. */
interface ServiceFilter {
  readonly services: Tri;
  /** svc_namespace in effect: '' for all namespaces, undefined when not literal. */
  readonly namespace: string | undefined;
  /** lb_class_name in effect, undefined when not literal. */
  readonly className: string | undefined;
  /** The legacy class filter runs ('on'), the strict one ('off'), or unknown. */
  readonly legacy: Tri;
  readonly classOnly: Tri;
}

const filters = new WeakMap<KubeVipContainer, ServiceFilter>();

function filterOf(container: KubeVipContainer): ServiceFilter {
  let filter = filters.get(container);
  if (!filter) {
    filter = {
      services: configOf(container).services,
      namespace: setting(container, 'svc_namespace'),
      className: setting(container, 'lb_class_name'),
      legacy: atLeast(container.version, STRICT_FILTER_FROM) ? flag(container, 'lb_class_legacy_handling') : 'on',
      classOnly: flag(container, 'lb_class_only'),
    };
    filters.set(container, filter);
  }
  return filter;
}

/** Whether `container` serves `service`: 'on' certainly, 'off' certainly not, 'unknown' when the manifests do not say. */
export function serves(container: KubeVipContainer, service: ServiceFact): Tri {
  const filter = filterOf(container);
  if (filter.services === 'off') return 'off';
  if (service.templated) return 'unknown';
  if (service.type?.value !== 'LoadBalancer') return 'off';
  if (service.annotations.some((a) => a.key === IGNORE && a.value === 'true')) return 'off';
  const answers: Tri[] = [filter.services, inNamespace(filter, service), classMatches(filter, service)];
  if (answers.includes('off')) return 'off';
  return answers.every((a) => a === 'on') ? 'on' : 'unknown';
}

function inNamespace(filter: ServiceFilter, service: ServiceFact): Tri {
  if (filter.namespace === undefined) return 'unknown';
  if (filter.namespace === '') return 'on';
  if (service.resource.namespace === undefined) return 'unknown'; // applied with `-n`, or into "default"
  return filter.namespace === namespaceOf(service.resource.namespace) ? 'on' : 'off';
}

function classMatches(filter: ServiceFilter, service: ServiceFact): Tri {
  const serviceClass = service.loadBalancerClass?.value;
  if (filter.className === undefined || filter.legacy === 'unknown') return 'unknown';
  if (serviceClass !== undefined) return serviceClass === filter.className ? 'on' : 'off';
  if (filter.legacy === 'off') return filter.className === '' ? 'on' : 'off';
  return filter.classOnly === 'unknown' ? 'unknown' : filter.classOnly === 'on' ? 'off' : 'on';
}

/** A string setting's value in effect ('' when empty or unset with no default), undefined when not literal. */
function setting(container: KubeVipContainer, name: string): string | undefined {
  const config = configOf(container);
  const entry = container.envByName.get(name);
  if (mayBeSetOutsideEnv(container, name)) return undefined;
  if (entry && config.notParsed(name) === undefined) return entry.value === undefined ? undefined : literalValue(container, name) ?? '';
  const spec = lookup(name);
  const fallback = spec && defaultFor(spec, container.version);
  return fallback && /^".*"$/.test(fallback) ? fallback.slice(1, -1) : '';
}

function flag(container: KubeVipContainer, name: string): Tri {
  const config = configOf(container);
  const entry = container.envByName.get(name);
  if (entry && config.notParsed(name) === undefined) {
    const state = boolState(container, name);
    if (state === 'true') return 'on';
    if (state === 'false') return 'off';
    if (state === 'unknown') return 'unknown';
  }
  if (mayBeSetOutsideEnv(container, name)) return 'unknown';
  const spec = lookup(name);
  return spec && defaultFor(spec, container.version) === 'true' ? 'on' : 'off';
}

/** An address family a Service shows, and where. */
export interface ServiceFamily {
  readonly family: Family;
  /** The annotation value, spec.loadBalancerIP or the ipFamilies item that shows it. */
  readonly evidence: Located;
  /** How it shows it, for messages. */
  readonly via: string;
}

/**
 * The families a Service's VIPs have, as far as its manifest shows: the addresses kube-vip reads (the
 * annotation wins over spec.loadBalancerIP), else spec.ipFamilies (the cloud provider allocates from
 * the pool of each). Empty when it shows none (the cluster's default family and the pool decide).
 */
export function serviceFamilies(service: ServiceFact): ServiceFamily[] {
  const annotation = service.annotations.find((a) => a.key === LOADBALANCER_IPS);
  if (annotation) {
    if (annotation.value === undefined || annotation.templated || !annotation.valueSpan) return [];
    const families = annotation.value.split(',').map((ip) => ipFamily(ip.trim())).filter((f): f is Family => f !== undefined);
    return [...new Set(families)].map((family) => ({ family, evidence: { value: annotation.value!, span: annotation.valueSpan! }, via: `annotation ${LOADBALANCER_IPS}` }));
  }
  const ip = service.loadBalancerIP;
  const family = ip && ipFamily(ip.value);
  if (ip && family) return [{ family, evidence: ip, via: 'spec.loadBalancerIP' }];
  const out: ServiceFamily[] = [];
  for (const item of service.ipFamilies) {
    const f = item.value === 'IPv4' ? 'ipv4' : item.value === 'IPv6' ? 'ipv6' : undefined;
    if (f && !out.some((o) => o.family === f)) out.push({ family: f, evidence: item, via: 'spec.ipFamilies' });
  }
  return out;
}

/** "namespace/name" of a Service, for messages. */
export function serviceLabel(service: ServiceFact): string {
  return `${service.resource.namespace ?? 'default'}/${service.resource.name ?? '(unnamed)'}`;
}

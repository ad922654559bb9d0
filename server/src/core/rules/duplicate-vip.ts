/**
 * One IP with two owners (pitfalls.md §12): a kube-vip control-plane `address` that is also a
 * LoadBalancer Service's IP, or the control-plane address of two instances that elect from different
 * Leases. Each owner adds and announces the IP on its own leader node, so it can be answered from two
 * nodes at once (kube-vip#947, #464):
 * - the control plane elects from its Lease (v1.2.3:pkg/cluster/clusterLeaderElection.go:21-28);
 * - a Service is announced under the Services Lease (v1.2.3:pkg/manager/worker/arp.go:61-67) or its
 *   own "kubevip-<name>" Lease with svc_election (v1.2.3:pkg/lease/lease.go:160-175).
 * A Service's IP is the `kube-vip.io/loadbalancerIPs` annotation when present (v0.5.12+; split on
 * commas from v0.7.0), else spec.loadBalancerIP (v0.5.12:pkg/service/util.go:10-17,
 * v1.2.3:pkg/instance/instance.go:688-737), and kube-vip reads only type LoadBalancer.
 * Not flagged: a Service that names its Lease (`kube-vip.io/leaseName`, v1.0.1+), and an instance with
 * the common lease (svc_leasename == vip_leasename, v1.1.0-rc.0+): one leader may be intended.
 */
import * as ipaddr from 'ipaddr.js';
import { configOf } from '../config';
import type { KubeVipContainer } from '../model';
import type { ServiceFact } from '../resources';
import { LOADBALANCER_IPS, serves, serviceLabel } from '../serving';
import type { Span } from '../span';
import { ipFamily } from '../values';
import { atLeast } from '../version';
import { versionLabel } from '../versionText';
import { containersOf, folderOf, groupBy, instanceLabel, servicesOf } from '../workspaceIndex';
import type { InFile } from '../workspaceIndex';
import { defineWorkspaceRule } from './rule';
import type { WorkspaceRuleFinding } from './rule';
import { DEPLOYED_TOGETHER, leaseOf, leasesOf, sideBySide } from './shared-lease';
import type { LeaseUse } from './shared-lease';
import { fit } from '../headline';

const SERVICE_LEASE = 'kube-vip.io/leaseName';
/** The in-process lease manager that lets one instance's control plane and Services share a Lease. */
const COMMON_LEASE = 'v1.1.0-rc.0';

const MESSAGES = {
  serviceIp: "A LoadBalancer Service's IP is also a kube-vip control-plane address: two owners announce it",
  twoInstances: 'Two kube-vip instances have the same control-plane address and elect from different Leases',
};
type Id = keyof typeof MESSAGES;

/** A literal IP with where it is written. */
interface Address {
  readonly ip: string;
  readonly span: Span;
}

interface ControlPlane {
  readonly at: InFile<KubeVipContainer>;
  readonly addresses: readonly Address[];
  /** Its control-plane Lease, when it elects one. */
  readonly lease?: LeaseUse;
}

export const rule = defineWorkspaceRule<Id>({
  id: 'duplicate-vip',
  scope: 'workspace',
  defaultSeverity: 'error',
  description: 'One IP used as a kube-vip control-plane address and as a Service IP, or by two instances with different Leases, is announced from two nodes.',
  messages: MESSAGES,
  check(index) {
    const planes = containersOf(index).flatMap((at) => {
      const addresses = controlPlaneAddresses(at.item, at.file.text);
      return addresses.length ? [{ at, addresses, lease: leasesOf(at.item).find((l) => l.role === 'control-plane') }] : [];
    });
    if (!planes.length) return [];
    const instances = containersOf(index).map((c) => c.item);
    // Two instances pair only within one folder (sideBySide is 'no' across folders).
    const pairs = groupBy(planes, (p) => folderOf(p.at.file)).flatMap((group) => group.flatMap((plane, i) => twoInstances(plane, group.slice(0, i))));
    return [...pairs, ...servicesOf(index).flatMap((svc) => serviceFindings(svc, planes, instances))];
  },
});

/** The literal IPs of a container's control-plane address, when the control plane is (or may be) on. */
function controlPlaneAddresses(container: KubeVipContainer, text: string): Address[] {
  const config = configOf(container);
  const address = config.address;
  if (container.conditional || config.controlPlane === 'off' || !address?.entry.valueSpan) return [];
  return address.value.split(',').flatMap((part) => inScalar(part.trim(), address.entry.valueSpan!, text));
}

function twoInstances(second: ControlPlane, earlier: readonly ControlPlane[]): WorkspaceRuleFinding<Id>[] {
  const lease = second.lease;
  if (!lease) return [];
  for (const first of earlier) {
    const firstLease = first.lease;
    // Without a Lease on both sides, or possibly one Lease for both (shared-lease reports that), there may be one owner.
    const together = sideBySide(first.at, second.at);
    if (!firstLease || !differentLeases(firstLease, lease) || together === 'no') continue;
    const shared = second.addresses.find((a) => first.addresses.some((b) => b.ip === a.ip));
    if (!shared) continue;
    const other = first.addresses.find((b) => b.ip === shared.ip)!;
    const label = instanceLabel(first.at.item);
    const container = second.at.item;
    const both = configOf(container).controlPlane === 'on' && configOf(first.at.item).controlPlane === 'on' && together === 'yes';
    return [
      {
        uri: second.at.file.uri,
        messageId: 'twoInstances',
        severity: both ? undefined : 'warning',
        span: shared.span,
        message: fit([
          `Control-plane VIP ${shared.ip} is also ${label}'s: two nodes ${both ? 'can' : 'may'} answer for it. Keep one instance per VIP.`,
          `Control-plane VIP ${shared.ip} is also another instance's: two nodes ${both ? 'can' : 'may'} answer for it. Keep one instance per VIP.`,
          `Control-plane VIP ${shared.ip} is also another instance's. Keep one instance per VIP.`,
        ]),
        detail:
          `Control-plane address ${shared.ip} is also the address of ${label}${together === 'maybe' ? ` (${DEPLOYED_TOGETHER})` : ''}: keep one kube-vip instance per control-plane VIP, or give this one another address. ` +
          `They elect from different Leases (${leaseText(lease)} and ${leaseText(firstLease)}), so each one's leader node adds and announces ${shared.ip}, and two nodes can answer for it. ` +
          `This instance is kube-vip ${versionLabel(container)}.`,
        related: [{ uri: first.at.file.uri, span: other.span, message: `${label} announces ${shared.ip} as its control-plane address` }],
      },
    ];
  }
  return [];
}

function serviceFindings({ file, item: service }: InFile<ServiceFact>, planes: readonly ControlPlane[], instances: readonly KubeVipContainer[]): WorkspaceRuleFinding<Id>[] {
  if (service.templated || service.type?.value !== 'LoadBalancer' || service.annotations.some((a) => a.key === SERVICE_LEASE)) return [];
  const ips = serviceAddresses(service, file.text);
  const findings: WorkspaceRuleFinding<Id>[] = [];
  for (const address of ips) {
    const plane = planes.find((p) => p.addresses.some((a) => a.ip === address.ip) && !commonLease(p.at.item));
    if (!plane) continue;
    const cp = plane.addresses.find((a) => a.ip === address.ip)!;
    const label = instanceLabel(plane.at.item);
    const served = instances.some((c) => serves(c, service) === 'on');
    const certain = served && configOf(plane.at.item).controlPlane === 'on';
    findings.push({
      uri: file.uri,
      messageId: 'serviceIp',
      severity: certain ? undefined : 'warning',
      span: address.span,
      message: fit([
        `Service ${serviceLabel(service)} takes control-plane VIP ${address.ip}: ${plane.lease ? 'two nodes' : 'several nodes'} ${certain ? 'can' : 'may'} answer for it. Give the Service another IP.`,
        `This Service takes control-plane VIP ${address.ip}: ${plane.lease ? 'two nodes' : 'several nodes'} ${certain ? 'can' : 'may'} answer for it. Give it another IP.`,
        `This Service takes control-plane VIP ${address.ip}. Give the Service another IP.`,
      ]),
      detail: `Service ${serviceLabel(service)} asks for ${address.ip}, the control-plane address of ${label}: give the Service another IP. ${announcement(plane, address.ip, served)}`,
      related: [{ uri: plane.at.file.uri, span: cp.span, message: `${label} (kube-vip ${versionLabel(plane.at.item)}) announces ${address.ip} as its control-plane address` }],
    });
  }
  return findings;
}

/**
 * The IPs kube-vip takes from a Service: the annotation's comma-separated list when it is present,
 * else spec.loadBalancerIP. Each with its own span inside the annotation value.
 */
function serviceAddresses(service: ServiceFact, text: string): Address[] {
  const annotation = service.annotations.find((a) => a.key === LOADBALANCER_IPS);
  if (annotation) {
    if (annotation.value === undefined || annotation.templated || !annotation.valueSpan) return [];
    return annotation.value.split(',').flatMap((part) => inScalar(part.trim(), annotation.valueSpan!, text));
  }
  const ip = service.loadBalancerIP;
  return ip ? inScalar(ip.value.trim(), ip.span, text) : [];
}

/**
 * An IP written inside a scalar, with the span of its own characters when they can be found: a whole
 * comma-separated item, so that 10.0.0.1 is not found inside 10.0.0.10.
 */
function inScalar(ip: string, scalar: Span, text: string): Address[] {
  if (!ipFamily(ip)) return [];
  const written = text.slice(scalar.start, scalar.end);
  const escaped = ip.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const at = new RegExp(`(?<=^["']?|,\\s*)${escaped}(?=\\s*(?:,|["']?$))`).exec(written)?.index ?? -1;
  const span = at < 0 ? scalar : { start: scalar.start + at, end: scalar.start + at + ip.length };
  return [{ ip: ipaddr.parse(ip).toNormalizedString(), span }];
}

/**
 * Why two nodes answer: the control plane is announced by the leader of its Lease or, without an
 * election (BGP without vip_leaderelection, the routing-table control plane), by every node that runs
 * the instance (v1.2.3:pkg/manager/worker/bgp.go:93-99, v1.2.3:pkg/manager/worker/table.go:55-56).
 */
function announcement(plane: ControlPlane, ip: string, served: boolean): string {
  const maybe = served ? '' : '(if a load balancer serves it) ';
  if (plane.lease) {
    return `The control-plane VIP is announced by the leader of its own Lease and the Service independently of it, so the control-plane leader and the node that announces the Service ${maybe}each add ${ip}, and two nodes can answer for it.`;
  }
  return `The control-plane VIP is announced by every node that runs this instance (no leader election in this mode) and the Service independently of it, so those nodes and the node that announces the Service ${maybe}each add ${ip}, and more than one node can answer for it.`;
}

/** Two Leases for certain: different names, or one name in two known namespaces. */
function leaseText(lease: LeaseUse): string {
  return lease.namespace.value ? `${lease.namespace.value}/${lease.name}` : `"${lease.name}"`;
}

function differentLeases(a: LeaseUse, b: LeaseUse): boolean {
  if (a.name !== b.name) return true;
  return a.namespace.value !== undefined && b.namespace.value !== undefined && a.namespace.value !== b.namespace.value;
}

/** One instance's control plane and Services on one Lease on purpose (svc_leasename == vip_leasename). */
function commonLease(container: KubeVipContainer): boolean {
  if (!atLeast(container.version, COMMON_LEASE) || configOf(container).services === 'off') return false;
  const cp = leaseOf(container, 'control-plane');
  const svc = leaseOf(container, 'services');
  return cp !== undefined && svc !== undefined && cp.name === svc.name && cp.namespace.value === svc.namespace.value;
}

/**
 * The Kubernetes API permissions kube-vip's own calls need, by version and configuration: the facts
 * behind the rbac-permissions rule. Each entry cites the call at a tag (docs/rules/rbac-permissions.md
 * has the full evidence). Only calls that a configuration certainly makes are listed here; calls that
 * depend on a Service's annotations (egress lists Pods) or on opt-in features are left out.
 */

/** One permission: a verb set on a resource ("services/status" for a subresource) of an API group ("" = core). */
export interface ApiPermission {
  readonly group: string;
  readonly resource: string;
  /** The verbs kube-vip's calls need. */
  readonly verbs: readonly string[];
  /**
   * The verbs `kube-vip manifest rbac` grants for it at v1.2.3 (v1.2.3:pkg/kubevip/config_generator.go:96-125):
   * what the quick fix writes, so that a fixed role matches the generated one.
   */
  readonly generated: readonly string[];
}

/**
 * Every leader election is a client-go LeaseLock, which gets, creates and updates a Lease
 * (v0.8.9:pkg/cluster/clusterLeaderElection.go:261-271, v0.8.9:pkg/manager/servicesLeader.go:43-52,
 * v1.2.3:pkg/election/election.go:80-90).
 */
export const LEASES: ApiPermission = {
  group: 'coordination.k8s.io',
  resource: 'leases',
  verbs: ['get', 'create', 'update'],
  generated: ['list', 'get', 'watch', 'update', 'create'],
};

/**
 * svc_enable: a retrying watch on Services (v0.5.0:pkg/manager/watch_services.go:31-35,
 * v0.8.9:pkg/manager/watch_services.go:72-76, v1.2.3:pkg/services/watch_services.go:49-55), and per
 * Service updateStatus: get the Service, update it when an annotation changed, then update its status
 * (v0.8.9:pkg/manager/services.go:354-388 and 433, v1.2.3:pkg/services/services.go:820-860 and 907).
 */
export const SERVICES_READ: ApiPermission = { group: '', resource: 'services', verbs: ['get', 'watch'], generated: ['list', 'get', 'watch', 'update'] };
export const SERVICES_STATUS: ApiPermission = { group: '', resource: 'services/status', verbs: ['update'], generated: ['update'] };
/** The Service update that writes the kube-vip.io/vipHost annotation (see SERVICE_UPDATE). */
export const SERVICES_UPDATE: ApiPermission = { group: '', resource: 'services', verbs: ['update'], generated: ['list', 'get', 'watch', 'update'] };

/**
 * When updateStatus always changes the Service (so `update` on services is needed): it sets
 * kube-vip.io/vipHost when vip_arp is on (v0.8.9:pkg/manager/services.go:369-372), and from v1.0.3 also
 * when bgp_enable is on (v1.0.3:pkg/services/services.go:597; v1.0.2 still ARP only).
 */
export const SERVICE_UPDATE = { bgpFrom: 'v1.0.3' } as const;

/**
 * The per-Service endpoint watch: a retrying watch on EndpointSlices (labelled with the Service name)
 * or on Endpoints (v0.8.9:pkg/manager/watch_endpointslices.go:33-37, v0.8.9:pkg/manager/watch_endpoints.go:50,
 * v1.2.3:pkg/endpoints/providers/endpointslices.go:43-47, v1.2.3:pkg/endpoints/providers/endpoints.go:42).
 */
export const ENDPOINT_SLICES: ApiPermission = { group: 'discovery.k8s.io', resource: 'endpointslices', verbs: ['watch'], generated: ['list', 'get', 'watch', 'update'] };
export const ENDPOINTS: ApiPermission = { group: '', resource: 'endpoints', verbs: ['watch'], generated: ['list', 'get', 'watch', 'update'] };

/** Which Services get an endpoint watch, and through which API, by version. */
export const ENDPOINT_WATCH = {
  /**
   * From v0.7.0 (both providers) to v1.1.2 the watch runs for every Service in BGP or routing-table
   * mode without vip_leaderelection and svc_election, and with svc_election only for Services with
   * externalTrafficPolicy Local (v0.8.9:pkg/manager/watch_services.go:165-216, v1.0.0:pkg/services/processor.go:176-230).
   */
  since: 'v0.7.0',
  /** v0.7.0–v0.9.2 watch Endpoints unless enable_endpointslices is true (v0.7.0:pkg/kubevip/config_environment.go:546-550). */
  slicesOptInUntil: 'v0.9.2',
  /** v1.0.0+ watch EndpointSlices unless enable_endpoints is true (v1.0.0:pkg/kubevip/config_environment.go:610-616). */
  slicesDefaultFrom: 'v1.0.0',
  /** v1.1.0-rc.0–v1.1.2: WireGuard mode watches the endpoints of every Service (v1.1.0:pkg/services/processor.go:215-242). */
  wireguard: { from: 'v1.1.0-rc.0', to: 'v1.1.2' },
  /** v1.2.0-rc.0+: every Service kube-vip handles gets the watch (v1.2.0:pkg/services/processor.go:229-241, v1.2.3:pkg/services/processor.go:250-262). */
  everyServiceFrom: 'v1.2.0-rc.0',
} as const;

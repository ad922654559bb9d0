/**
 * Catalog of the Service annotations under `kube-vip.io/` that kube-vip (v0.5.0 to v1.2.3) and the
 * kube-vip-cloud-provider read or write. Data only: `since` is the first release whose code holds the
 * key (none has been removed up to v1.2.3); `source` cites the line where the value is interpreted.
 * The prose is our own.
 */

/** How a value is interpreted; the service-annotations rule dispatches on this. */
export type AnnotationValue =
  | 'exact-true' // on only for the exact string "true"; "True", "1", "yes" are ignored
  | 'true-any-case' // strings.EqualFold(value, "true"): "TRUE" works, "1" and "yes" do not
  | 'non-empty' // any non-empty value means on, "false" included
  | 'not-false' // on for any value except "" and the exact string "false"
  | 'parse-bool' // strconv.ParseBool; an invalid value fails the Service
  | 'ip-list' // comma-separated IPs (one per family); an entry that is not an IP is taken for a DNS name
  | 'rp-filter' // 0, 1 or 2 (strconv.Atoi)
  | 'duration' // Go time.ParseDuration, not negative
  | 'vlan' // "<parent>.<vlan id>", id 1–4094
  | 'string';

export interface AnnotationSpec {
  /** Exact, case-sensitive key. */
  readonly key: string;
  /** What kube-vip does with it: read it from the user, write it as status, or both. */
  readonly access: 'read' | 'written' | 'read-written';
  readonly value: AnnotationValue;
  /** First kube-vip release that uses it. */
  readonly since: string;
  /** The kube-vip-cloud-provider's use, when it has one. */
  readonly cloudProvider?: { readonly since: string; readonly access: 'read' | 'written' | 'read-written'; readonly source: string };
  /** One sentence, our own words. */
  readonly summary: string;
  /** Traps and version history, our own words. */
  readonly details?: string;
  /** A valid value. */
  readonly example: string;
  /** Where kube-vip interprets the value (TAG:path:line). */
  readonly source: string;
}

export const ANNOTATION_PREFIX = 'kube-vip.io/';

export const ANNOTATIONS: readonly AnnotationSpec[] = [
  // ---------------------------------------------------------------- addresses
  {
    key: 'kube-vip.io/loadbalancerIPs',
    access: 'read',
    value: 'ip-list',
    since: 'v0.5.12',
    cloudProvider: { since: 'v0.0.5', access: 'read-written', source: 'kube-vip-cloud-provider@v0.0.12:pkg/provider/loadBalancer.go:126-139' },
    summary: 'The address(es) kube-vip advertises for the Service, one per family ("10.0.0.5,fd00::5"); the cloud provider writes it.',
    details:
      'When the key is present kube-vip takes the addresses from it and ignores spec.loadBalancerIP. Entries are split on ","; ' +
      'from v0.7.0 spaces around them are trimmed, v0.5.12–v0.6.4 read the whole value as one address. An entry that is not an IP ' +
      'is taken for a DNS name. "0.0.0.0" and "::" ask kube-vip to get the address by DHCP. The kube-vip-cloud-provider (v0.0.10+) ' +
      'parses the annotation of every Service it manages without trimming, and an entry it cannot parse stops its allocations.',
    example: '192.168.0.220',
    source: 'v1.2.3:pkg/instance/instance.go:692-706',
  },
  {
    key: 'kube-vip.io/loadbalancerHostname',
    access: 'read',
    value: 'string',
    since: 'v0.6.4',
    summary: 'The host name kube-vip sends in the DHCP requests of this Service.',
    example: 'web-lb',
    source: 'v1.2.3:pkg/instance/instance.go:307',
  },
  {
    key: 'kube-vip.io/requestedIP',
    access: 'read-written',
    value: 'string',
    since: 'v0.5.0',
    summary: 'The address a DHCP Service last leased; kube-vip writes it and asks for it again after a restart.',
    details: 'At most one IPv4 and one IPv6 address, comma-separated: from v1.0.3 a third entry fails the Service.',
    example: '192.168.0.221',
    source: 'v1.2.3:pkg/instance/instance.go:292-305',
  },
  {
    key: 'kube-vip.io/hwaddr',
    access: 'read-written',
    value: 'string',
    since: 'v0.5.0',
    summary: 'The MAC address of the macvlan interface kube-vip creates for a DHCP Service; kept so that the lease survives restarts.',
    example: '00:00:6c:12:34:56',
    source: 'v1.2.3:pkg/instance/instance.go:291',
  },
  {
    key: 'kube-vip.io/vipHost',
    access: 'written',
    value: 'string',
    since: 'v0.5.0',
    summary: 'Written by kube-vip: the node that currently holds the Service address.',
    example: 'node-1',
    source: 'v1.2.3:pkg/services/services.go:833',
  },
  // ---------------------------------------------------------------- which Services, which instance
  {
    key: 'kube-vip.io/ignore',
    access: 'read',
    value: 'exact-true',
    since: 'v0.5.0',
    summary: 'The exact string "true" makes kube-vip leave this LoadBalancer Service alone.',
    example: 'true',
    source: 'v1.2.3:pkg/services/processor.go:114',
  },
  {
    key: 'kube-vip.io/forcePerServiceElection',
    access: 'read',
    value: 'exact-true',
    since: 'v1.2.2',
    summary: 'With per_service_election_on_demand, "true" gives this Service its own leader election instead of the shared one.',
    example: 'true',
    source: 'v1.2.3:pkg/services/processor.go:103-104',
  },
  {
    key: 'kube-vip.io/leaseName',
    access: 'read',
    value: 'string',
    since: 'v1.0.1',
    summary: 'A lease name ("name" or "namespace/name") shared by several Services, so that one leader serves them all.',
    details: 'Only for externalTrafficPolicy: Cluster; with Local kube-vip refuses the Service.',
    example: 'shared-vip',
    source: 'v1.2.3:pkg/lease/lease.go:161-172',
  },
  {
    key: 'kube-vip.io/allow-reconcile-without-endpoints',
    access: 'read',
    value: 'true-any-case',
    since: 'v1.2.1',
    summary: '"true" (any case) lets kube-vip configure the Service before it has endpoints (externalTrafficPolicy: Cluster).',
    example: 'true',
    source: 'v1.2.3:pkg/endpoints/endpoints.go:316',
  },
  {
    key: 'kube-vip.io/ignore-service-security',
    access: 'read',
    value: 'exact-true',
    since: 'v0.6.0',
    summary: '"true" exempts this Service from the port filtering that enable_service_security applies to VIPs.',
    example: 'true',
    source: 'v1.2.3:pkg/vip/address.go:1463',
  },
  // ---------------------------------------------------------------- interfaces, DHCP, DNS
  {
    key: 'kube-vip.io/serviceInterface',
    access: 'read',
    value: 'string',
    since: 'v0.8.0',
    cloudProvider: { since: 'v0.0.10', access: 'written', source: 'kube-vip-cloud-provider@v0.0.12:pkg/provider/loadBalancer.go:319-322' },
    summary: 'The interface that carries this Service\'s address, instead of vip_interface / services_interface; from v0.8.3 "auto" picks the one whose subnet holds it.',
    details: 'The cloud provider copies its `interface-<namespace>` / `interface-global` setting here.',
    example: 'eth1',
    source: 'v1.2.3:pkg/instance/instance.go:106-109',
  },
  {
    key: 'kube-vip.io/serviceVLAN',
    access: 'read',
    value: 'vlan',
    since: 'v1.2.0',
    summary: 'A VLAN sub-interface `<parent>.<id>` (e.g. `eth0.200`) that kube-vip creates and puts the Service address on.',
    details: 'The id must be 1–4094. A malformed value is logged, no VLAN is created, and the value is then looked up as an interface name.',
    example: 'eth0.200',
    source: 'v1.2.3:pkg/instance/instance.go:96-109',
  },
  {
    key: 'kube-vip.io/macvlanName',
    access: 'read',
    value: 'string',
    since: 'v1.2.0',
    summary: 'A fixed name for the macvlan interface of a DHCP Service, so that Services can share it.',
    example: 'vip-dhcp0',
    source: 'v1.2.3:pkg/instance/instance.go:308',
  },
  {
    key: 'kube-vip.io/dhcp-broadcast',
    access: 'read',
    value: 'exact-true',
    since: 'v1.2.1',
    summary: '"true" sets the BROADCAST flag in the DHCP requests of this Service.',
    example: 'true',
    source: 'v1.2.3:pkg/instance/instance.go:309',
  },
  {
    key: 'kube-vip.io/rp_filter',
    access: 'read',
    value: 'rp-filter',
    since: 'v1.0.0',
    summary: 'The rp_filter setting (0, 1 or 2) of the DHCP interface for this Service; kube-vip uses 0 otherwise.',
    details: 'A value that is not 0, 1 or 2 is logged and 0 is used.',
    example: '2',
    source: 'v1.2.3:pkg/instance/instance.go:600-611',
  },
  {
    key: 'kube-vip.io/ddns',
    access: 'read',
    value: 'parse-bool',
    since: 'v1.0.3',
    summary: 'Turns dynamic DNS registration of the Service address on or off; parsed with Go\'s strconv.ParseBool.',
    details: 'Any value ParseBool rejects ("yes", "on", "") makes kube-vip refuse the whole Service.',
    example: 'true',
    source: 'v1.2.3:pkg/instance/instance.go:369-377',
  },
  // ---------------------------------------------------------------- UPnP
  {
    key: 'kube-vip.io/forwardUPNP',
    access: 'read',
    value: 'exact-true',
    since: 'v0.8.4',
    summary: '"true" asks the UPnP gateway to forward the Service ports; needs enable_upnp (enableUPNP up to v0.9.2) on kube-vip too.',
    example: 'true',
    source: 'v1.2.3:pkg/services/services.go:933',
  },
  {
    key: 'kube-vip.io/upnp-lease-duration',
    access: 'read',
    value: 'duration',
    since: 'v1.0.3',
    summary: 'How long the UPnP port mapping lasts, as a Go duration ("30s", "1h"); "0s" asks for a permanent mapping.',
    details: 'An empty, unparsable or negative value is logged and the default of one hour is used.',
    example: '1h',
    source: 'v1.2.3:pkg/services/services.go:690-712',
  },
  // ---------------------------------------------------------------- egress
  {
    key: 'kube-vip.io/egress',
    access: 'read',
    value: 'exact-true',
    since: 'v0.5.5',
    summary: '"true" makes the traffic the Service\'s Pod sends out leave with the Service address (SNAT).',
    example: 'true',
    source: 'v1.2.3:pkg/services/services.go:291',
  },
  {
    key: 'kube-vip.io/egress-ipv6',
    access: 'read',
    value: 'exact-true',
    since: 'v0.8.3',
    summary: '"true" does the egress SNAT with the IPv6 address of the Service.',
    example: 'true',
    source: 'v1.2.3:pkg/services/services.go:314',
  },
  {
    key: 'kube-vip.io/egress-internal',
    access: 'read',
    value: 'non-empty',
    since: 'v1.0.0',
    summary: 'Any non-empty value selects kube-vip\'s built-in nftables egress instead of iptables.',
    details: 'The value itself is never looked at: "false" turns it on as well. Remove the annotation to turn it off.',
    example: 'true',
    source: 'v1.2.3:pkg/services/services.go:310',
  },
  {
    key: 'kube-vip.io/egress-destination-ports',
    access: 'read',
    value: 'string',
    since: 'v0.5.5',
    summary: 'Restricts the egress SNAT to these destination ports, a comma list of "protocol:port" (e.g. "tcp:443,udp:53").',
    example: 'tcp:443',
    source: 'v1.2.3:pkg/services/egress.go:158',
  },
  {
    key: 'kube-vip.io/egress-source-ports',
    access: 'read',
    value: 'string',
    since: 'v0.5.5',
    summary: 'Source ports ("protocol:port" comma list) whose sessions are flushed along with the destination ports.',
    example: 'tcp:8080',
    source: 'v1.2.3:pkg/services/services.go:279',
  },
  {
    key: 'kube-vip.io/egress-allowed-networks',
    access: 'read',
    value: 'string',
    since: 'v0.8.8',
    summary: 'Comma list of CIDRs: only traffic to these networks leaves with the Service address.',
    example: '10.10.0.0/16',
    source: 'v1.2.3:pkg/services/egress.go:160',
  },
  {
    key: 'kube-vip.io/egress-denied-networks',
    access: 'read',
    value: 'string',
    since: 'v0.8.8',
    summary: 'Comma list of CIDRs whose traffic keeps the node\'s own address.',
    example: '10.20.0.0/16',
    source: 'v1.2.3:pkg/services/egress.go:159',
  },
  {
    key: 'kube-vip.io/egress-no-internal-traffic',
    access: 'read',
    value: 'not-false',
    since: 'v1.2.2',
    summary: 'In nftables egress, drops the exemption of Pod and Service CIDRs from the SNAT: internal traffic is rewritten too.',
    details: 'Off only when empty or exactly "false": "False", "0" and "no" turn it on.',
    example: 'true',
    source: 'v1.2.3:pkg/services/egress.go:245',
  },
  {
    key: 'kube-vip.io/egress-detect-api-server',
    access: 'read',
    value: 'non-empty',
    since: 'v1.2.2',
    summary: 'Any non-empty value adds the API server address (KUBERNETES_SERVICE_HOST, IPv4 only) to the denied egress networks.',
    details: 'The value itself is never looked at: "false" turns it on as well.',
    example: 'true',
    source: 'v1.2.3:pkg/services/egress.go:166',
  },
  {
    key: 'kube-vip.io/flush-conntrack',
    access: 'read',
    value: 'exact-true',
    since: 'v0.5.7',
    summary: '"true" deletes the existing connection-tracking entries of the Service address once it is configured.',
    example: 'true',
    source: 'v1.2.3:pkg/services/services.go:275',
  },
  {
    key: 'kube-vip.io/active-endpoint',
    access: 'read-written',
    value: 'string',
    since: 'v0.5.5',
    summary: 'Written by kube-vip: the Pod IPv4 address egress is currently set up for.',
    example: '10.42.0.7',
    source: 'v1.2.3:pkg/endpoints/endpoints.go:235',
  },
  {
    key: 'kube-vip.io/active-endpoint-ipv6',
    access: 'read-written',
    value: 'string',
    since: 'v0.7.0',
    summary: 'Written by kube-vip: the Pod IPv6 address egress is currently set up for.',
    example: 'fd00:42::7',
    source: 'v1.2.3:pkg/endpoints/endpoints.go:236',
  },
  {
    key: 'kube-vip.io/egress-nftables-table',
    access: 'read-written',
    value: 'string',
    since: 'v1.2.2',
    summary: 'Written by kube-vip: the nftables table that holds this Service\'s egress chain.',
    example: 'kube_vip',
    source: 'v1.2.3:pkg/services/egress.go:437',
  },
];

/**
 * Names under kube-vip.io/ that are not Service annotations: what they are (`what`, for a detail),
 * the same in a few words (`short`, for a headline), and what to do (`fix`, an imperative sentence).
 */
export const NOT_ANNOTATIONS: readonly { readonly key: string; readonly what: string; readonly short: string; readonly fix: string; readonly source: string }[] = [
  {
    key: 'kube-vip.io/kube-vip-class',
    what: 'the default loadBalancerClass value (lb_class_name): kube-vip compares it with spec.loadBalancerClass, not with an annotation',
    short: 'a class name',
    fix: 'Remove it; a class goes in spec.loadBalancerClass.',
    source: 'v1.2.3:pkg/kubevip/constants.go:4',
  },
  {
    key: 'kube-vip.io/has-ip',
    what: 'a node label kube-vip writes with enable_node_labeling, not a Service annotation',
    short: 'a node label kube-vip writes',
    fix: 'Remove it.',
    source: 'v1.2.3:pkg/kubevip/labels.go:12',
  },
];

const BY_KEY: ReadonlyMap<string, AnnotationSpec> = new Map(ANNOTATIONS.map((a) => [a.key, a]));

/** The catalog entry of an exact annotation key. */
export function lookupAnnotation(key: string): AnnotationSpec | undefined {
  return BY_KEY.get(key);
}

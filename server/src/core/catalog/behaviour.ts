/**
 * Version boundaries of kube-vip behaviour that rules depend on. One place for each fact;
 * the evidence is in docs/rules and in the kube-vip history cited next to each entry.
 */
export const PREFIX_LIST = {
  /** vip_cidr split into IPv4/IPv6 positions and applied with SetMask (kube-vip PR#961). */
  splitByFamily: 'v0.8.5',
  /** `auto` accepted as a vip_cidr element (same PR). */
  autoInCidr: 'v0.8.5',
  /** Nil-mask guard: the index-out-of-range panic became an error followed by panic("") (PR#1072). */
  maskErrorThenPanic: 'v0.8.10',
  /** vip_cidr no longer read; vip_subnet takes the list form (commit c5e854f). */
  subnetListForm: 'v0.9.0',
  /** The mask error is logged and the Service is left without its VIP; no panic. */
  maskErrorNotFatal: 'v1.0.4',
  /** An unset list is generated from `address` (commit a5d6846; v0.8.3:cmd/kube-vip.go:212-213). */
  derivedFromAddress: 'v0.8.3',
  /** The generated list is sorted IPv4 first (v1.0.1:cmd/kube-vip.go:506-508); before, it kept the address order. */
  derivedSorted: 'v1.0.1',
} as const;

/** v0.8.2–v0.8.4 return from ParseEnvironment right after a valid vip_routingtableid (v0.8.2:pkg/kubevip/config_environment.go:320-328). */
export const TABLE_ID_EARLY_RETURN = { from: 'v0.8.2', to: 'v0.8.4' } as const;

/**
 * The variables ParseEnvironment reads after vip_routingtableid on v0.8.2–v0.8.4, in source order
 * (identical at the three tags; v0.8.2:pkg/kubevip/config_environment.go:337-613).
 */
export const DROPPED_AFTER_TABLE_ID: readonly string[] = [
  'vip_routingtabletype', 'vip_routingprotocol', 'vip_cleanroutingtable', 'dns_mode', 'disable_service_updates',
  'bgp_enable', 'bgp_routerinterface', 'bgp_routerid', 'bgp_as', 'bgp_peeras', 'bgp_peers', 'bgp_multihop', 'bgp_peerpass',
  'bgp_sourceif', 'bgp_sourceip', 'bgp_peeraddress', 'bgp_hold_time', 'bgp_keepalive_interval',
  'vip_packet', 'vip_packetproject', 'vip_packetprojectid', 'lb_enable', 'lb_port', 'lb_fwdmethod',
  'enable_service_security', 'enable_node_labeling', 'prometheus_server', 'egress_podcidr', 'egress_servicecidr',
  'egress_withnftables', 'k8s_config_file', 'enable_endpointslices', 'mirror_dest_interface', 'iptables_backend',
  'backend_health_check_interval',
];

/**
 * Variables the VIP code reads with its own os.Getenv, so the table-id early return does not drop them:
 * `enable_service_security == "true"` (v0.8.3:pkg/vip/address.go:253,412).
 */
export const READ_OUTSIDE_PARSE_ENVIRONMENT: readonly string[] = ['enable_service_security'];

/**
 * The oldest release the catalog was researched against. A `since` equal to it means "at least
 * since then": older images may read the variable too, so no rule claims they do not.
 */
export const RESEARCHED_FROM = 'v0.5.0';

/**
 * How kube-vip refuses to start (failure legend of pitfalls.md): up to v0.8.9 log.Fatal (exit 1);
 * from v0.8.10 to the newest release the command logs the error and returns, so the exit code is 0
 * and the Pod looks Completed (e.g. v1.2.3:cmd/kube-vip.go:310-314). Unreleased HEAD exits 1 again.
 */
export const ABORT = {
  exitZeroFrom: 'v0.8.10',
  exitZeroUntil: 'v1.2.3',
} as const;

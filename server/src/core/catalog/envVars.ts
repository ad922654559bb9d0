/**
 * Catalog of the environment variables kube-vip reads, or once read (v0.5.0 to v1.2.3).
 * Data only. Facts come from kube-vip's source at the release tags (since/until are checked at every
 * tag by `node scripts/check-catalog.mjs <kube-vip clone>`) and from the project's research notes
 * (env-vars.json, pitfalls.md); the prose is our own.
 */
import type { EnvVarSpec } from './types';

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
const UINT32_MAX = 4294967295;

/** Note shared by the four mode switches. */
const ONE_MODE =
  'Exactly one of vip_arp, bgp_enable, vip_routingtable and vip_wireguard should be "true". ' +
  'v1.2.2+ refuses to start otherwise. Older releases silently pick one mode (the precedence changed in v1.1.0), ' +
  'and v1.1.0–v1.2.1 panic when none is set.';

/** Every environment variable kube-vip reads (or once read), by exact name. */
export const ENV_VARS: readonly EnvVarSpec[] = [
  // ---------------------------------------------------------------- logging
  {
    name: 'vip_loglevel',
    cliFlag: '--log',
    goField: 'Logging',
    type: 'int',
    min: INT32_MIN,
    max: INT32_MAX,
    default: [
      { from: 'v0.5.0', to: 'v0.8.9', value: '4 (logrus info)' },
      { from: 'v0.8.10', value: '0 (slog info)' },
    ],
    since: 'v0.5.0',
    mode: 'logging',
    summary: 'Sets how much kube-vip logs, as a numeric level whose scale depends on the release.',
    details:
      'Up to v0.8.9 this is a logrus level, where higher means chattier (4 info, 5 debug, 6 trace).\n' +
      'From v0.8.10 it is a Go slog level, where **lower** means chattier: -4 debug, 0 info, 4 warn, 8 error. ' +
      'An old "5" therefore shows errors only, and debug output needs "-4". Docs that say "default 4" describe the old scale.\n' +
      'Negative values are rejected before v0.8.8. A non-number panics up to v1.0.3 and aborts start-up from v1.0.4.',
    example: '0',
    evidence: ['kube-vip#1110', 'kube-vip#1389'],
  },

  // ---------------------------------------------------------------- egress instance naming
  {
    name: 'instance_name',
    cliFlag: '--instanceName',
    goField: 'InstanceName',
    type: 'string',
    default: [{ value: 'unset (egress tables are shared)' }],
    since: 'v1.2.2',
    mode: 'egress',
    summary:
      'Names this kube-vip deployment so that its nftables egress tables do not collide with those of another kube-vip on the same node.',
    details:
      'At most 243 bytes, made of letters, digits, ".", "_" and "-". Anything else fails validation and start-up aborts.\n' +
      'The upper-case INSTANCE_NAME is consulted only when this one is empty.',
    example: 'kube-vip-services',
  },
  {
    name: 'INSTANCE_NAME',
    cliFlag: '--instanceName',
    goField: 'InstanceName',
    type: 'string',
    default: [{ value: 'unset' }],
    since: 'v1.2.2',
    aliasOf: 'instance_name',
    mode: 'egress',
    summary: 'Upper-case fallback for instance_name, looked at only when instance_name is unset or empty.',
    details: 'Same rules as instance_name: at most 243 bytes of letters, digits, ".", "_" and "-".',
    example: 'kube-vip-services',
  },

  // ---------------------------------------------------------------- network interface
  {
    name: 'vip_interface',
    cliFlag: '--interface',
    goField: 'Interface',
    type: 'interface',
    default: [{ value: 'unset (auto-detect the default-route interface; "wg0" in WireGuard mode)' }],
    since: 'v0.5.0',
    mode: 'network-interface',
    summary:
      'The host interface where the control-plane VIP is added and announced, and where Service VIPs go unless vip_servicesinterface says otherwise.',
    details:
      'The link must exist when kube-vip starts, or start-up aborts with "<name> is not valid interface". "auto" is not accepted here.\n' +
      'In a DaemonSet over nodes with different NIC names, leave it unset: the interface of the default route is used (IPv4 first). ' +
      'On multi-NIC hosts that may be the wrong segment.\n' +
      'A link that is down aborts start-up unless vip_allow_interface_not_up is "true" (v1.2.2+).',
    example: 'eth0',
    evidence: ['kube-vip#559', 'kube-vip#903'],
  },
  {
    name: 'vip_interfaceloglobal',
    cliFlag: '--loInterfaceGlobalScope',
    goField: 'LoInterfaceGlobalScope',
    type: 'bool',
    default: [{ value: 'false' }],
    since: 'v0.8.4',
    mode: 'network-interface',
    summary: 'Switches the address scope of a loopback-bound VIP from host to global.',
    example: 'true',
  },
  {
    name: 'vip_loseleadership',
    cliFlag: '--loseLeadership',
    goField: 'LoseLeadership',
    type: 'bool',
    default: [{ value: 'false' }],
    since: 'v1.2.2',
    mode: 'leader-election',
    summary: 'Releases this node\'s leader lease once the VIP interface is down, letting a healthy node take the VIP.',
    details:
      'The grace period is vip_loseleadership_timeout_seconds.\n' +
      '`kube-vip manifest --loseLeadership` (v1.2.2+) also writes the timeout under this same name (e.g. "30"). ' +
      'The later duplicate wins, ParseBool fails and start-up aborts. Rename that entry to vip_loseleadership_timeout_seconds.',
    example: 'true',
  },
  {
    name: 'vip_loseleadership_timeout_seconds',
    cliFlag: '--loseLeadershiptTimeoutSeconds',
    goField: 'LoseLeadershipTimeoutSeconds',
    type: 'seconds',
    min: INT32_MIN,
    max: INT32_MAX,
    default: [{ value: '30' }],
    since: 'v1.2.2',
    mode: 'leader-election',
    summary: 'Grace period, in seconds, that a downed VIP interface gets before vip_loseleadership hands the lease over.',
    details:
      'A plain number of seconds, without a unit suffix.\n' +
      'The v1.2.2+ manifest generator wrongly emits this value as a second vip_loseleadership entry.',
    example: '30',
  },
  {
    name: 'vip_servicesinterface',
    cliFlag: '--serviceInterface',
    goField: 'ServicesInterface',
    type: 'interface',
    default: [{ value: 'unset (uses vip_interface)' }],
    since: 'v0.5.0',
    mode: 'services',
    summary:
      'A separate host interface for LoadBalancer Service VIPs, or "auto" to pick, for each VIP, the interface whose subnet contains it.',
    details:
      'Besides an interface name, the literal "auto" is accepted (v0.8.3+). It suits DaemonSets on nodes with different NIC names.\n' +
      'A named interface must exist at start-up or kube-vip aborts.\n' +
      'The Service annotation kube-vip.io/serviceInterface overrides it per Service.',
    example: 'eth1',
  },
  {
    name: 'vip_allow_interface_not_up',
    cliFlag: '--allowInterfaceNotUp',
    goField: 'AllowInterfaceNotUp',
    type: 'bool',
    default: [{ value: 'false' }],
    since: 'v1.2.2',
    mode: 'network-interface',
    summary: 'Lets kube-vip start even when the configured interface is not up yet.',
    example: 'true',
  },

  // ---------------------------------------------------------------- leader election
  {
    name: 'vip_leaderelection',
    cliFlag: '--leaderElection',
    goField: 'EnableLeaderElection',
    type: 'bool',
    default: [{ value: 'false' }],
    since: 'v0.5.0',
    mode: 'leader-election',
    summary: 'Elects a single owner for the control-plane VIP through a Kubernetes Lease.',
    details:
      'In ARP mode the control plane runs leader election whether or not this is set. ' +
      'It matters for BGP and routing-table modes, and for Services in table mode.\n' +
      'Timings: vip_leaseduration, vip_renewdeadline, vip_retryperiod. Lease: vip_leasename in cp_namespace.',
    example: 'true',
  },
  {
    name: 'vip_leasename',
    cliFlag: '--leaseName',
    goField: 'LeaseName',
    type: 'string',
    default: [{ value: '"plndr-cp-lock"' }],
    since: 'v0.6.1',
    mode: 'leader-election',
    summary: 'Name of the Lease object that the control-plane leader election uses.',
    details:
      'From v1.1.0-rc.0 it may be written "namespace/name" to pin the namespace of the lease.\n' +
      'Give each independent kube-vip deployment its own lease name: instances that share one steal leadership from each other. ' +
      'Setting svc_leasename to the same value (v1.1.0-rc.0+) deliberately shares one leader.',
    example: 'plndr-cp-lock',
    evidence: ['kube-vip#947', 'kube-vip#464'],
  },
  {
    name: 'vip_leaseduration',
    cliFlag: '--leaseDuration',
    goField: 'LeaseDuration',
    type: 'seconds',
    min: 1,
    max: INT32_MAX,
    default: [
      { from: 'v0.5.0', to: 'v1.0.4', value: '5' },
      { from: 'v1.1.0-rc.0', value: '15' },
    ],
    since: 'v0.5.0',
    mode: 'leader-election',
    summary: 'How many seconds a leader lease stays valid without a renewal.',
    details:
      'Whole seconds, without a unit ("15", not "15s").\n' +
      'Must be strictly greater than vip_renewdeadline, which must exceed 1.2 x vip_retryperiod. Otherwise client-go panics at start-up.\n' +
      'The default triple moved from 5/3/1 to 15/10/2 in v1.1.0-rc.0, so manifests that omit these fail over more slowly after an upgrade.',
    example: '15',
    evidence: ['kube-vip#924', 'kube-vip PR#1429'],
  },
  {
    name: 'vip_renewdeadline',
    cliFlag: '--leaseRenewDuration',
    goField: 'RenewDeadline',
    type: 'seconds',
    min: 1,
    max: INT32_MAX,
    default: [
      { from: 'v0.5.0', to: 'v1.0.4', value: '3' },
      { from: 'v1.1.0-rc.0', value: '10' },
    ],
    since: 'v0.5.0',
    mode: 'leader-election',
    summary: 'How many seconds the current leader keeps trying to renew its lease before it steps down.',
    details:
      'Whole seconds, without a unit.\n' +
      'Must be below vip_leaseduration and above 1.2 x vip_retryperiod, or client-go panics ' +
      '("renewDeadline must be greater than retryPeriod*JitterFactor"). For example, 15/6/5 fails because 6 <= 6.\n' +
      'The default was 3 up to v1.0.4 and is 10 from v1.1.0-rc.0.',
    example: '10',
    evidence: ['kube-vip#924', 'kube-vip PR#1429'],
  },
  {
    name: 'vip_retryperiod',
    cliFlag: '--leaseRetry',
    goField: 'RetryPeriod',
    type: 'seconds',
    min: 1,
    max: INT32_MAX,
    default: [
      { from: 'v0.5.0', to: 'v1.0.4', value: '1' },
      { from: 'v1.1.0-rc.0', value: '2' },
    ],
    since: 'v0.5.0',
    mode: 'leader-election',
    summary: 'Seconds to wait between two attempts to acquire or renew the leader lease.',
    details:
      'Whole seconds, at least 1: "0" makes client-go panic.\n' +
      'vip_renewdeadline must stay above 1.2 times this value.',
    example: '2',
    evidence: ['kube-vip#924', 'kube-vip PR#1429'],
  },
  {
    name: 'vip_leaseannotations',
    goField: 'LeaseAnnotations',
    type: 'json-object',
    default: [{ value: 'unset (no extra annotations)' }],
    since: 'v0.6.1',
    mode: 'leader-election',
    summary: 'Extra annotations, written as a JSON object of strings, that kube-vip stamps on the Lease objects it manages.',
    details:
      'Must be a JSON object whose values are all strings, e.g. `{"owner":"platform"}`. Invalid JSON aborts start-up.',
    example: '{"owner":"platform-team"}',
  },
  {
    name: 'vip_nodename',
    cliFlag: '--nodeName',
    goField: 'NodeName',
    type: 'string',
    default: [{ value: 'unset (the container hostname, with a warning)' }],
    since: 'v0.8.0',
    mode: 'leader-election',
    summary: 'The node identity that kube-vip writes into leases and node labels, normally taken from the Pod\'s spec.nodeName.',
    details:
      'Fill it with `valueFrom.fieldRef.fieldPath: spec.nodeName`, as generated manifests do.\n' +
      'From v1.2.0-rc.0 kube-vip lower-cases it (and the host-name fallback) before use.',
    example: 'control-plane-1',
  },

  // ---------------------------------------------------------------- control plane
  {
    name: 'vip_address',
    cliFlag: '--vip',
    goField: 'VIP',
    type: 'address',
    default: [{ value: 'unset' }],
    since: 'v0.5.0',
    mode: 'control-plane',
    summary: 'Legacy control-plane VIP variable that kube-vip falls back to when address is empty.',
    details:
      'Unlike address, it is never used to derive the prefix length, so pair it with vip_subnet (vip_cidr up to v0.8.10).\n' +
      'Without a prefix: v0.8.1–v0.8.10 advertise an invalid "<ip>/" over BGP (from v0.8.3 the prefix is derived from address only), ' +
      'v0.8.5–v0.8.10 in ARP mode crash with "no subnet provided" (log.Fatalf, a panic on v0.8.10), v0.9.0–v1.1.x fail to configure the VIP, ' +
      'and v1.2.0-rc.0+ refuse to start when cp_enable is set.\n' +
      'Prefer address.',
    example: '192.168.0.40',
    evidence: ['kube-vip#891', 'kube-vip PR#1500'],
  },
  {
    name: 'address',
    cliFlag: '--address',
    goField: 'Address',
    type: 'address',
    default: [{ value: 'unset' }],
    since: 'v0.5.0',
    mode: 'control-plane',
    summary:
      'The control-plane virtual IP, given as a single IP, a dual-stack "IPv4,IPv6" pair, or a host name to be looked up in DNS.',
    details:
      'Never add a prefix ("10.0.0.5/24" aborts start-up). The prefix comes from vip_subnet (vip_cidr up to v0.8.10), ' +
      'or is derived as 32/128.\n' +
      'A DNS name without an explicit prefix aborts on v0.8.3–v1.0.0, with the misleading message "No interface is specified". ' +
      'v1.0.1+ resolves it, and dns_mode picks which answers to use.\n' +
      'Takes precedence over vip_address.',
    example: '192.168.0.40',
    evidence: ['kube-vip#1248'],
  },
  {
    name: 'port',
    cliFlag: '--port',
    goField: 'Port',
    type: 'port',
    min: 1,
    max: 65535,
    default: [{ value: '6443' }],
    since: 'v0.5.0',
    mode: 'control-plane',
    summary:
      'API server port that kube-vip dials locally, also used as the backend port when lb_enable balances control-plane traffic.',
    details: 'From v0.8.8 it must fit in 16 bits. Older releases accepted out-of-range numbers such as 70000.',
    example: '6443',
  },
  {
    name: 'vip_ddns',
    cliFlag: '--ddns',
    goField: 'DDNS',
    type: 'bool',
    default: [{ value: 'false' }],
    since: 'v0.5.0',
    mode: 'dns-dhcp',
    summary:
      'Obtains the control-plane VIP from DHCP and publishes it through dynamic DNS under the host name given in address.',
    details: 'With this on, address holds the FQDN to register, not an IP.',
    example: 'true',
  },
  {
    name: 'cp_namespace',
    cliFlag: '--namespace',
    goField: 'Namespace',
    type: 'string',
    default: [{ value: '"kube-system"' }],
    since: 'v0.5.0',
    mode: 'control-plane',
    summary: 'Namespace that holds the control-plane leader Lease (and, in WireGuard mode, the "wireguard" Secret).',
    details:
      'From v1.1.0-rc.0 the lease namespace is taken from the Pod\'s own service-account namespace, and this value is only a fallback. ' +
      'Up to v1.0.4 it was always used.\n' +
      'A mixed fleet (or an upgrade across v1.1.0) can end up with two leases. Pin it with vip_leasename "namespace/name".',
    example: 'kube-system',
  },
  {
    name: 'cp_enable',
    cliFlag: '--controlplane',
    goField: 'EnableControlPlane',
    type: 'bool',
    default: [{ value: 'false' }],
    since: 'v0.5.0',
    mode: 'control-plane',
    summary: 'Turns on the highly available VIP in front of the Kubernetes control plane.',
    details: 'At least one of cp_enable and svc_enable must be "true", or kube-vip refuses to start.',
    example: 'true',
  },
  {
    name: 'cp_detect',
    cliFlag: '--autodetectcp',
    goField: 'DetectControlPlane',
    type: 'bool',
    default: [{ value: 'false' }],
    since: 'v0.7.0',
    mode: 'control-plane',
    summary:
      'On control-plane nodes that use admin.conf, lets kube-vip find a working local API server endpoint itself instead of going through the "kubernetes" hostAliases entry.',
    example: 'true',
  },
  {
    name: 'kubernetes_addr',
    goField: 'KubernetesAddr',
    type: 'host-port',
    default: [{ value: 'unset (the server from the kubeconfig)' }],
    since: 'v0.8.0',
    mode: 'kubernetes-client',
    summary: 'Overrides the API server endpoint that kube-vip connects to when it uses a kubeconfig file.',
    details:
      'The value is handed to the Kubernetes client as its host, so a full URL such as `https://127.0.0.1:6443` works too.\n' +
      'Useful when the generated `kubernetes` host alias is missing.',
    example: '127.0.0.1:6443',
  },

  // ---------------------------------------------------------------- services
  {
    name: 'svc_enable',
    cliFlag: '--services',
    goField: 'EnableServices',
    type: 'bool',
    default: [{ value: 'false' }],
    since: 'v0.5.0',
    mode: 'services',
    summary: 'Turns on LoadBalancer Services: kube-vip watches Services of type LoadBalancer and announces their addresses.',
    details:
      'svc_election, svc_namespace, svc_leasename and the lb_class_* variables are read only when svc_enable is present in the environment. ' +
      'If Services are enabled through the --services arg or config_file instead, those variables are silently ignored.',
    example: 'true',
  },
  {
    name: 'svc_election',
    cliFlag: '--servicesElection',
    goField: 'EnableServicesElection',
    type: 'bool',
    default: [{ value: 'false' }],
    since: 'v0.5.0',
    mode: 'services',
    summary:
      'Runs a separate leader election for each Service, spreading Service VIPs across nodes instead of giving them all to one leader.',
    details: 'WireGuard mode reconciles Services only with per-Service election, so set it to "true" there.',
    example: 'true',
    requiresEnv: 'svc_enable',
  },
  {
    name: 'lb_class_only',
    cliFlag: '--lbClassOnly',
    goField: 'LoadBalancerClassOnly',
    type: 'bool',
    default: [{ value: 'false' }],
    since: 'v0.5.5',
    mode: 'services',
    summary: 'Ignores every Service whose spec.loadBalancerClass is anything other than lb_class_name.',
    details: 'With "true", Services that have no loadBalancerClass are ignored.',
    example: 'true',
    requiresEnv: 'svc_enable',
  },
  {
    name: 'lb_class_name',
    cliFlag: '--lbClassName',
    goField: 'LoadBalancerClassName',
    type: 'string',
    default: [{ value: '"kube-vip.io/kube-vip-class"' }],
    since: 'v0.6.0',
    mode: 'services',
    summary: 'The spec.loadBalancerClass value that kube-vip treats as its own.',
    details:
      'An explicitly empty value is honoured. Together with lb_class_legacy_handling "false", it makes kube-vip handle Services that have no class.',
    example: 'kube-vip.io/kube-vip-class',
    requiresEnv: 'svc_enable',
  },
  {
    name: 'lb_class_legacy_handling',
    cliFlag: '--lbClassNameLegacyHandling',
    goField: 'LoadBalancerClassLegacyHandling',
    type: 'bool',
    default: [{ value: 'true' }],
    since: 'v0.8.1',
    mode: 'services',
    summary:
      'Chooses between the original class matching, which also takes Services without a loadBalancerClass, and strict matching on lb_class_name.',
    details:
      'With "false" and the default lb_class_name, every Service without spec.loadBalancerClass is silently ignored. ' +
      'Set the class on those Services, or set lb_class_name to "".',
    example: 'true',
    requiresEnv: 'svc_enable',
  },
  {
    name: 'svc_namespace',
    goField: 'ServiceNamespace',
    type: 'string',
    default: [{ value: 'unset (all namespaces)' }],
    since: 'v0.5.5',
    mode: 'services',
    summary: 'Limits the Service watcher to a single namespace, for kube-vip deployments that serve one tenant each.',
    example: 'tenant-a',
    requiresEnv: 'svc_enable',
  },
  {
    name: 'svc_leasename',
    cliFlag: '--servicesLeaseName',
    goField: 'ServicesLeaseName',
    type: 'string',
    default: [{ value: '"plndr-svcs-lock"' }],
    since: 'v0.6.3',
    mode: 'services',
    summary: 'Lease name used to elect the one leader that announces all Service VIPs when svc_election is off.',
    details:
      '"namespace/name" is accepted from v1.1.0-rc.0.\n' +
      'Use the same value as vip_leasename (v1.1.0-rc.0+) to have one leader serve both the control plane and Services. ' +
      'Otherwise keep the name distinct for each deployment.',
    example: 'plndr-svcs-lock',
    requiresEnv: 'svc_enable',
    evidence: ['kube-vip#947'],
  },

  // ---------------------------------------------------------------- prefix lengths
  {
    name: 'vip_cidr',
    cliFlag: '--cidr',
    goField: 'VIPCIDR',
    type: 'prefix-list',
    default: [
      { from: 'v0.5.0', to: 'v0.8.0', value: '"32"' },
      { from: 'v0.8.1', to: 'v0.8.2', value: 'empty (BGP advertises an invalid "<ip>/")' },
      {
        from: 'v0.8.3',
        to: 'v0.8.10',
        value: 'derived from address only: "32" or "128" per address, in the order written (so "128,32" is possible); empty without address',
      },
    ],
    since: 'v0.5.0',
    until: 'v0.9.0',
    replacedBy: 'vip_subnet',
    mode: 'control-plane',
    summary: 'Prefix length(s) applied to VIPs by position: the first for IPv4, the second for IPv6.',
    details:
      'Not read from v0.9.0 on: rename it to vip_subnet and keep the value.\n' +
      'Format "<v4>[,<v6>]", each element 0–32 or 0–128, or (v0.8.5+) "auto". The position decides the family, so a lone "128" ' +
      'is applied to IPv4 Service VIPs: in ARP mode v0.8.5–v0.8.9 panic, and v0.8.10 logs a mask error and then panics. Use "32,128" for dual stack.\n' +
      'Before v0.8.5 it only affected BGP advertisements.',
    example: '32,128',
    evidence: ['kube-vip#1052', 'kube-vip PR#1072', 'kube-vip PR#961', 'kube-vip#891', 'kube-vip#1132'],
  },
  {
    name: 'vip_subnet',
    cliFlag: '--vipSubnet',
    goField: 'VIPSubnet',
    type: 'prefix-list',
    default: [
      { from: 'v0.5.6', to: 'v0.8.10', value: 'unset (no suffix)' },
      {
        from: 'v0.9.0',
        to: 'v1.0.0',
        value: 'derived from address only: "32" or "128" per address, in the order written (so "128,32" is possible); empty without address',
      },
      { from: 'v1.0.1', value: 'derived from address only: "32", "128" or "32,128" (IPv4 first); empty without address' },
    ],
    since: 'v0.5.6',
    mode: 'control-plane',
    summary: 'Positional list of VIP prefix lengths: the IPv4 length first, then the IPv6 one.',
    details:
      'v0.9.0+: "<v4>[,<v6>]" with no spaces, each element 0–32 or 0–128, or "auto" (only for Services in ARP mode with no address set).\n' +
      'The control plane applies a single value to both families, but Services apply it to IPv4 only. A lone "128" therefore breaks IPv4 Service VIPs: write "32,128".\n' +
      'v0.5.6–v0.8.10: a literal suffix with a slash ("/24"), appended as written to the control-plane VIP and to every Service IP. ' +
      'That form aborts start-up on v0.9.0+.',
    example: '32,128',
    evidence: ['kube-vip#1052', 'kube-vip PR#1072', 'kube-vip#1132'],
  },
  {
    name: 'vip_singlenode',
    goField: 'SingleNode',
    type: 'bool',
    default: [{ value: 'false' }],
    since: 'v0.5.0',
    mode: 'control-plane',
    summary: 'Leftover single-node switch from the retired `start` command.',
    details: 'Still parsed, so a value ParseBool rejects still aborts start-up. Safe to delete.',
    example: 'false',
    noEffect: 'Only the `start` command (removed in v0.8.0) used it; `manager` parses it and ignores it.',
  },
  {
    name: 'annotation',
    cliFlag: '--annotations',
    goField: 'Annotations',
    type: 'string',
    default: [{ value: 'unset (no Node annotations are read)' }],
    since: 'v0.5.0',
    mode: 'bgp',
    summary:
      'A Node-annotation prefix, such as a provider domain, under which kube-vip finds per-node BGP settings; start-up waits until those annotations exist.',
    details:
      'The name is singular: the plural "annotations" in the docs is never read.\n' +
      'Keys looked up: `<prefix>/node-asn`, `peer-asn`, `peer-ip`, `src-ip`, `bgp-pass`, `peer-multi-hop`, optionally numbered as `<prefix>/bgp-peers-N-<key>`.',
    example: 'metal.equinix.com',
  },
  {
    name: 'vip_startleader',
    goField: 'StartAsLeader',
    type: 'bool',
    default: [{ value: 'false' }],
    since: 'v0.5.0',
    mode: 'control-plane',
    summary: 'Leftover "start as leader" switch from the retired `start` command.',
    details: 'Still parsed, so a value ParseBool rejects still aborts start-up. Safe to delete.',
    example: 'false',
    noEffect: 'Only the `start` command (removed in v0.8.0) used it; `manager` parses it and ignores it.',
  },

  // ---------------------------------------------------------------- ARP
  {
    name: 'vip_arp',
    cliFlag: '--arp',
    goField: 'EnableARP',
    type: 'bool',
    default: [{ value: 'false' }],
    since: 'v0.5.0',
    mode: 'arp',
    summary:
      'Selects layer-2 mode, where VIPs are announced with gratuitous ARP (IPv4) and unsolicited neighbour advertisements (IPv6).',
    details: ONE_MODE,
    example: 'true',
    evidence: ['kube-vip#1640'],
  },
  {
    name: 'vip_arpRate',
    goField: 'ArpBroadcastRate',
    type: 'milliseconds',
    min: INT32_MIN,
    max: INT32_MAX,
    default: [{ value: '3000' }],
    since: 'v0.5.6',
    mode: 'arp',
    summary: 'Milliseconds between repeated gratuitous ARP/NDP announcements of the VIPs.',
    details:
      'Mind the capital R: "vip_arprate" is not read.\n' +
      'A plain number without "ms". Values below 500 are replaced with 3000, logged as an error up to v1.0.0 and as a warning from v1.0.1.',
    example: '3000',
  },
  {
    name: 'vip_preserve_on_leadership_loss',
    cliFlag: '--preserveVipOnLeadershipLoss',
    goField: 'PreserveVIPOnLeadershipLoss',
    type: 'bool',
    default: [{ value: 'false' }],
    since: 'v1.0.2',
    mode: 'arp',
    summary: 'When this instance loses leadership, keeps the VIP on the interface and only stops announcing it.',
    example: 'true',
  },

  // ---------------------------------------------------------------- WireGuard
  {
    name: 'vip_wireguard',
    cliFlag: '--wireguard',
    goField: 'EnableWireguard',
    type: 'bool',
    default: [{ value: 'false' }],
    since: 'v0.5.0',
    mode: 'wireguard',
    summary:
      'Selects WireGuard mode, exposing Service VIPs through a WireGuard tunnel configured from a Secret named "wireguard" in cp_namespace.',
    details: ONE_MODE + '\nServices are reconciled in this mode only when svc_election is "true".',
    example: 'true',
    evidence: ['kube-vip#1640'],
  },

  // ---------------------------------------------------------------- routing table
  {
    name: 'vip_routingtable',
    cliFlag: '--table',
    goField: 'EnableRoutingTable',
    type: 'bool',
    default: [{ value: 'false' }],
    since: 'v0.5.0',
    mode: 'routing-table',
    summary:
      'Selects routing-table mode, where VIPs are installed as routes in a dedicated kernel table for a routing daemon to pick up.',
    details: ONE_MODE,
    example: 'true',
    evidence: ['kube-vip#1640'],
  },
  {
    name: 'vip_routingtableid',
    cliFlag: '--tableID',
    goField: 'RoutingTableID',
    type: 'int',
    min: 0,
    max: UINT32_MAX,
    default: [{ value: '198' }],
    since: 'v0.6.4',
    mode: 'routing-table',
    summary: 'Number of the kernel routing table that receives the VIP routes.',
    details:
      'A non-negative integer; negative values abort start-up (v0.8.2+).\n' +
      '**v0.8.2–v0.8.4 bug:** any valid value makes kube-vip stop reading the environment right after it. Every later variable ' +
      '(vip_routingtabletype, dns_mode, all bgp_*, lb_*, egress_*, prometheus_server, ...) is then silently ignored. ' +
      'Use v0.8.5+ or the --tableID arg.',
    example: '198',
    evidence: ['kube-vip PR#889'],
  },
  {
    name: 'vip_routingtabletype',
    cliFlag: '--tableType',
    goField: 'RoutingTableType',
    type: 'int',
    min: 0,
    max: 11,
    default: [
      { from: 'v0.6.4', to: 'v0.9.0', value: '0 (RTN_UNSPEC)' },
      { from: 'v0.9.1', value: '1 (RTN_UNICAST)' },
    ],
    since: 'v0.6.4',
    mode: 'routing-table',
    summary: 'Numeric Linux route type (1 unicast, 2 local, ...) given to the routes that kube-vip adds.',
    details:
      'Only the number is accepted: names such as "RTN_LOCAL" abort start-up.\n' +
      '0 unspec, 1 unicast, 2 local, 3 broadcast, 4 anycast, 5 multicast, 6 blackhole, 7 unreachable, 8 prohibit, 9 throw, 10 nat, 11 xresolve.',
    example: '1',
  },
  {
    name: 'vip_routingprotocol',
    cliFlag: '--routingProtocol',
    goField: 'RoutingProtocol',
    type: 'int',
    min: INT32_MIN,
    max: INT32_MAX,
    default: [{ value: '248' }],
    since: 'v0.7.1',
    mode: 'routing-table',
    summary:
      'Value of the route "protocol" field on kube-vip\'s routes, which is how kube-vip recognises its own routes when cleaning the table.',
    details:
      'The kernel keeps this field in one byte, so use 0–255. From v0.9.1 a value of 0 is turned into 1.\n' +
      'The name is vip_routingprotocol: "vip_routingtableprotocol" is never read.',
    example: '248',
  },
  {
    name: 'vip_cleanroutingtable',
    cliFlag: '--cleanRoutingTable',
    goField: 'CleanRoutingTable',
    type: 'bool',
    default: [{ value: 'false' }],
    since: 'v0.7.1',
    mode: 'routing-table',
    summary:
      'On start, purges stale routes from the kube-vip table: those carrying the vip_routingprotocol tag that belong to no Service.',
    example: 'true',
  },
  {
    name: 'vip_skipdad',
    goField: 'SkipDAD',
    type: 'bool',
    default: [{ value: 'false' }],
    since: 'v1.2.3',
    mode: 'network-interface',
    summary: 'Adds IPv6 VIPs without Duplicate Address Detection, so that they are usable immediately.',
    example: 'true',
  },

  // ---------------------------------------------------------------- DNS / DHCP
  {
    name: 'dns_mode',
    cliFlag: '--dnsMode',
    goField: 'DNSMode',
    type: 'enum',
    values: ['first', 'ipv4', 'ipv6', 'dual'],
    default: [{ value: '"first"' }],
    since: 'v0.7.0',
    mode: 'dns-dhcp',
    summary:
      'Picks which addresses of a DNS-named VIP are used: whatever resolves first, IPv4 only, IPv6 only, or one per family.',
    details:
      'Write it in lower case. Up to v1.2.2 anything else (e.g. "IPv4") silently behaves like "first". ' +
      'On v1.2.3, "IPv4"/"IPv6" make resolution of a DNS-named control-plane address fail with "no addresses found" (fixed after v1.2.3). ' +
      'From v1.0.3 Services take their DNS mode from spec.ipFamilies, not from this variable.\n' +
      'Also provides the default for dhcp_mode.',
    example: 'first',
    evidence: ['kube-vip#1680'],
  },
  {
    name: 'dhcp_mode',
    cliFlag: '--dhcpMode',
    goField: 'DHCPMode',
    type: 'enum',
    values: ['ipv4', 'ipv6', 'dual'],
    default: [{ value: 'dns_mode when it is not "first", else "ipv4"' }],
    since: 'v1.0.3',
    mode: 'dns-dhcp',
    summary: 'Which address families kube-vip requests over DHCP for VIPs assigned by DHCP or DDNS.',
    details: 'When it is unset, the value derived from dns_mode also overrides any --dhcpMode arg.',
    example: 'ipv4',
  },
  {
    name: 'dhcp_backoff_attempts',
    cliFlag: '--dhcpBackoffAttempts',
    goField: 'DHCPBackoffAttempts',
    type: 'int',
    min: INT32_MIN,
    max: INT32_MAX,
    default: [{ value: '3' }],
    since: 'v1.0.4',
    mode: 'dns-dhcp',
    summary: 'Retry budget of the DHCP client when it cannot get a lease; "0" retries without end.',
    details: 'Negative values are silently ignored, and the default is kept.',
    example: '3',
  },
  {
    name: 'disable_service_updates',
    cliFlag: '--disableServiceUpdates',
    goField: 'DisableServiceUpdates',
    type: 'bool',
    default: [{ value: 'false' }],
    since: 'v0.7.0',
    mode: 'services',
    summary:
      'Stops kube-vip from writing the address into status.loadBalancer.ingress of Services, for setups where another controller owns that field.',
    example: 'true',
  },

  // ---------------------------------------------------------------- BGP
  {
    name: 'bgp_enable',
    cliFlag: '--bgp',
    goField: 'EnableBGP',
    type: 'bool',
    default: [{ value: 'false' }],
    since: 'v0.5.0',
    mode: 'bgp',
    summary: 'Selects BGP mode, in which an embedded GoBGP speaker announces the VIPs to the configured neighbours.',
    details:
      ONE_MODE +
      '\nBGP also needs a unique IPv4 router ID (bgp_routerid or bgp_routerinterface) and at least one peer (bgp_peers, bgp_peeraddress or annotation).',
    example: 'true',
    evidence: ['kube-vip#1640', 'kube-vip#163'],
  },
  {
    name: 'bgp_attach_ip_to_interface',
    cliFlag: '--bgpAttachIPToInterface',
    goField: 'BGPAttachIPToInterface',
    type: 'bool',
    default: [{ value: 'false' }],
    since: 'v1.2.2',
    mode: 'bgp',
    summary: 'In BGP mode, also adds Service VIPs to the local interface instead of only advertising them.',
    example: 'true',
  },
  {
    name: 'bgp_routerinterface',
    type: 'interface',
    default: [{ value: 'unset' }],
    since: 'v0.5.0',
    mode: 'bgp',
    summary:
      'Interface whose first address becomes the BGP router ID, handy in DaemonSets that need a distinct ID per node.',
    details:
      'bgp_routerid wins when both are set. If the interface or its address is missing, start-up aborts.\n' +
      'Not to be confused with "bgp_interface", which kube-vip never reads.',
    example: 'eth0',
  },
  {
    name: 'bgp_routerid',
    cliFlag: '--bgpRouterID',
    goField: 'BGPConfig.RouterID',
    type: 'ipv4',
    default: [{ value: 'unset (BGP fails with "invalid router-id format")' }],
    since: 'v0.5.0',
    mode: 'bgp',
    summary: 'The router identifier of this node\'s BGP speaker, an IPv4 address that must differ on every node.',
    details:
      'v1.2.1+ (GoBGP v4) rejects IPv6 values.\n' +
      'A single static value copied into every replica breaks sessions on the peer. In a DaemonSet, use bgp_routerinterface ' +
      'or `valueFrom.fieldRef.fieldPath: status.podIP` with host networking.',
    example: '192.168.0.11',
    evidence: ['kube-vip#163'],
  },
  {
    name: 'bgp_as',
    cliFlag: '--localAS',
    goField: 'BGPConfig.AS',
    type: 'asn',
    min: 0,
    max: UINT32_MAX,
    default: [{ value: '65000' }],
    since: 'v0.5.0',
    mode: 'bgp',
    summary: 'Autonomous-system number of kube-vip\'s own BGP speaker.',
    details: 'A plain decimal number; asdot notation such as "1.10" is rejected.',
    example: '65000',
  },
  {
    name: 'bgp_peeras',
    cliFlag: '--peerAS',
    goField: 'BGPPeerConfig.AS',
    type: 'asn',
    min: 0,
    max: UINT32_MAX,
    default: [{ value: '65000' }],
    since: 'v0.5.0',
    mode: 'bgp',
    summary: 'Remote AS number of the single neighbour given in bgp_peeraddress.',
    example: '65000',
  },
  {
    name: 'bgp_peers',
    cliFlag: '--bgppeers',
    goField: 'BGPConfig.Peers',
    type: 'bgp-peers',
    default: [{ value: 'unset' }],
    since: 'v0.5.0',
    mode: 'bgp',
    summary:
      'BGP neighbours separated by commas, where each neighbour is a colon-separated record of address, AS number and optional settings.',
    details:
      'v1.2.2+: `address:AS[:password[:multihop[:port[:mpbgp(k=v;...)[:bfd(...)]]]]]`. IPv6 goes in `[brackets]` (v0.5.8+), and `unnumbered:<iface>:AS...` works from v1.2.0-rc.0.\n' +
      'The port field (v0.8.10+) is parsed but never used: every peer is dialled on 179. Per-peer MP-BGP options are used only when mpbgp_nexthop is set.\n' +
      'v0.5.0–v0.5.7 need exactly `address:AS:password:multihop`. The `/mpbgp_nexthop=...` suffix of v0.8.10–v1.2.1 aborts on v1.2.2+. ' +
      'An empty multihop field aborts before v1.2.0, and an empty port field before v1.2.2.\n' +
      'Passwords cannot contain ":" or "," (nor "/" on v0.8.10–v1.2.1). The arg is --bgppeers, but the variable is bgp_peers.',
    example: '192.168.0.10:65000::false,192.168.0.11:65000::false',
    evidence: ['kube-vip PR#1551'],
  },
  {
    name: 'mpbgp_nexthop',
    goField: 'BGPConfig.MpbgpNexthop',
    type: 'enum',
    values: ['fixed', 'auto_sourceip', 'auto_sourceif'],
    default: [{ value: 'unset' }],
    since: 'v0.8.10',
    mode: 'bgp',
    summary:
      'Chooses where the cross-family next hop on multiprotocol BGP sessions comes from: fixed addresses, the BGP source IP, or the source interface.',
    details: 'With "fixed", give the addresses in mpbgp_ipv4 and mpbgp_ipv6. An unknown value fails when the peers are added.',
    example: 'auto_sourceif',
  },
  {
    name: 'mpbgp_ipv4',
    goField: 'BGPConfig.MpbgpIPv4',
    type: 'ip',
    default: [{ value: 'unset' }],
    since: 'v0.8.10',
    mode: 'bgp',
    summary: 'The IPv4 next hop to announce over IPv6 sessions when mpbgp_nexthop is "fixed".',
    example: '192.168.0.11',
  },
  {
    name: 'mpbgp_ipv6',
    goField: 'BGPConfig.MpbgpIPv6',
    type: 'ip',
    default: [{ value: 'unset' }],
    since: 'v0.8.10',
    mode: 'bgp',
    summary: 'The IPv6 next hop to announce over IPv4 sessions when mpbgp_nexthop is "fixed".',
    example: 'fd00::11',
  },
  {
    name: 'bgp_multihop',
    cliFlag: '--multihop',
    goField: 'BGPPeerConfig.MultiHop',
    type: 'bool',
    default: [{ value: 'false' }],
    since: 'v0.5.0',
    mode: 'bgp',
    summary: 'Turns on eBGP multihop for the single neighbour given in bgp_peeraddress.',
    example: 'true',
  },
  {
    name: 'bgp_peerpass',
    cliFlag: '--peerPass',
    goField: 'BGPPeerConfig.Password',
    type: 'string',
    default: [{ value: 'unset (no password)' }],
    since: 'v0.5.0',
    mode: 'bgp',
    summary: 'Session password (TCP-MD5) for the neighbour configured through bgp_peeraddress.',
    details: 'Prefer `valueFrom.secretKeyRef` over a literal value.',
    example: 's3cr3t',
  },
  {
    name: 'bgp_sourceif',
    cliFlag: '--sourceIF',
    goField: 'BGPConfig.SourceIF',
    type: 'interface',
    default: [{ value: 'unset' }],
    since: 'v0.5.0',
    mode: 'bgp',
    summary: 'Interface from which BGP sessions are opened; not to be combined with bgp_sourceip.',
    details: 'Setting both bgp_sourceif and bgp_sourceip aborts start-up ("mutually exclusive").',
    example: 'eth0',
  },
  {
    name: 'bgp_sourceip',
    cliFlag: '--sourceIP',
    goField: 'BGPConfig.SourceIP',
    type: 'ip',
    default: [{ value: 'unset' }],
    since: 'v0.5.0',
    mode: 'bgp',
    summary: 'Local address from which BGP sessions are opened; not to be combined with bgp_sourceif.',
    details: 'Setting both bgp_sourceif and bgp_sourceip aborts start-up ("mutually exclusive").',
    example: '192.168.0.11',
  },
  {
    name: 'bgp_peeraddress',
    cliFlag: '--peerAddress',
    goField: 'BGPPeerConfig.Address',
    type: 'ip',
    default: [{ value: 'unset' }],
    since: 'v0.5.0',
    mode: 'bgp',
    summary: 'Address of one BGP neighbour, configured together with bgp_peeras, bgp_peerpass and bgp_multihop.',
    details: 'It is added on top of any bgp_peers entries, so setting both creates an extra peer, possibly a duplicate.',
    example: '192.168.0.1',
  },
  {
    name: 'bgp_hold_time',
    cliFlag: '--bgpHoldTimer',
    goField: 'BGPConfig.HoldTime',
    type: 'seconds',
    min: 0,
    max: UINT32_MAX,
    default: [{ value: '30' }],
    since: 'v0.7.0',
    mode: 'bgp',
    summary: 'BGP hold time, in seconds, proposed to every neighbour.',
    example: '30',
  },
  {
    name: 'bgp_keepalive_interval',
    cliFlag: '--bgpKeepAliveInterval',
    goField: 'BGPConfig.KeepaliveInterval',
    type: 'seconds',
    min: 0,
    max: UINT32_MAX,
    default: [{ value: '10' }],
    since: 'v0.7.0',
    mode: 'bgp',
    summary: 'Seconds between BGP keepalive messages sent to every neighbour.',
    example: '10',
  },

  // ---------------------------------------------------------------- control-plane health check
  {
    name: 'control_plane_health_check_address',
    cliFlag: '--controlPlaneHealthCheckAddress',
    goField: 'ControlPlaneHealthCheck.Address',
    type: 'url',
    default: [{ value: 'unset (health check off)' }],
    since: 'v1.2.0-rc.0',
    mode: 'health-check',
    summary:
      'An http(s) endpoint, typically the local API server\'s /livez, whose health decides if this node keeps announcing the control-plane route.',
    details:
      'Used in BGP and routing-table modes without leader election.\n' +
      'It must parse as a request URI with scheme http or https, or start-up aborts.',
    example: 'https://localhost:6443/livez',
  },
  {
    name: 'control_plane_health_check_period_seconds',
    cliFlag: '--controlPlaneHealthCheckPeriodSeconds',
    goField: 'ControlPlaneHealthCheck.PeriodSeconds',
    type: 'seconds',
    min: INT32_MIN,
    max: INT32_MAX,
    default: [{ value: '5' }],
    since: 'v1.2.0-rc.0',
    mode: 'health-check',
    summary: 'Interval, in seconds, between two probes of control_plane_health_check_address.',
    example: '5',
  },
  {
    name: 'control_plane_health_check_timeout_seconds',
    cliFlag: '--controlPlaneHealthCheckTimeoutSeconds',
    goField: 'ControlPlaneHealthCheck.TimeoutSeconds',
    type: 'seconds',
    min: INT32_MIN,
    max: INT32_MAX,
    default: [{ value: '3' }],
    since: 'v1.2.0-rc.0',
    mode: 'health-check',
    summary: 'How many seconds one control-plane health probe may take before it counts as failed.',
    example: '3',
  },
  {
    name: 'control_plane_health_check_failure_threshold',
    cliFlag: '--controlPlaneHealthCheckFailureThreshold',
    goField: 'ControlPlaneHealthCheck.FailureThreshold',
    type: 'int',
    min: INT32_MIN,
    max: INT32_MAX,
    default: [{ value: '3' }],
    since: 'v1.2.0-rc.0',
    mode: 'health-check',
    summary: 'Number of failed probes in a row after which this node withdraws the control-plane route.',
    example: '3',
  },
  {
    name: 'control_plane_health_check_ca_path',
    cliFlag: '--controlPlaneHealthCheckCAPath',
    goField: 'ControlPlaneHealthCheck.CAPath',
    type: 'path',
    default: [{ value: 'unset' }],
    since: 'v1.2.0-rc.0',
    mode: 'health-check',
    summary: 'CA bundle file used to verify the certificate of an https health-check URL.',
    example: '/etc/kubernetes/pki/ca.crt',
  },

  // ---------------------------------------------------------------- zebra (FRR)
  {
    name: 'zebra_enable',
    cliFlag: '--zebra',
    goField: 'BGPConfig.Zebra.Enabled',
    type: 'bool',
    default: [{ value: 'false' }],
    since: 'v1.0.0',
    mode: 'bgp',
    summary: 'Connects the embedded GoBGP to an FRR zebra daemon, so that routes are exchanged with the host\'s routing stack.',
    example: 'true',
  },
  {
    name: 'zebra_url',
    cliFlag: '--zebraUrl',
    goField: 'BGPConfig.Zebra.URL',
    type: 'url',
    default: [{ value: '"unix:/var/run/frr/zserv.api"' }],
    since: 'v1.0.0',
    mode: 'bgp',
    summary: 'Address of the zebra API socket that GoBGP connects to.',
    details: 'Usually a `unix:` socket path rather than an http URL.',
    example: 'unix:/var/run/frr/zserv.api',
  },
  {
    name: 'zebra_version',
    cliFlag: '--zebraVersion',
    goField: 'BGPConfig.Zebra.Version',
    type: 'int',
    min: 0,
    max: UINT32_MAX,
    default: [{ value: '6' }],
    since: 'v1.0.0',
    mode: 'bgp',
    summary: 'Version of the zebra API protocol that GoBGP speaks to FRR.',
    example: '6',
  },
  {
    name: 'zebra_software_name',
    cliFlag: '--zebraSoftwareName',
    goField: 'BGPConfig.Zebra.SoftwareName',
    type: 'string',
    default: [{ value: '"frr8.3"' }],
    since: 'v1.0.0',
    mode: 'bgp',
    summary: 'The FRR release identifier passed to GoBGP\'s zebra client.',
    example: 'frr8.3',
  },

  // ---------------------------------------------------------------- IPVS load balancer
  {
    name: 'lb_enable',
    cliFlag: '--enableLoadBalancer',
    goField: 'EnableLoadBalancer',
    type: 'bool',
    default: [{ value: 'false' }],
    since: 'v0.5.0',
    mode: 'load-balancer',
    summary: 'Balances API requests over all control-plane nodes with an IPVS virtual service bound to the control-plane VIP.',
    details:
      'Needs the ip_vs kernel modules. Without them the load balancer cannot start: log.Fatalf up to v0.8.9, panic on v0.8.10–v1.0.3, ' +
      'and from v1.0.4 an error that shuts the manager down.\n' +
      'Clashes with kube-proxy in IPVS mode, which keeps deleting and recreating the virtual service.',
    example: 'true',
    evidence: ['kube-vip#1448', 'kube-vip#745'],
  },
  {
    name: 'lb_port',
    cliFlag: '--lbPort',
    goField: 'LoadBalancerPort',
    type: 'port',
    min: 1,
    max: 65535,
    default: [{ value: '6443' }],
    since: 'v0.5.0',
    mode: 'load-balancer',
    summary: 'Port the IPVS virtual service listens on at the VIP when lb_enable is on.',
    details: 'From v0.8.8 it must fit in 16 bits. Older releases accepted out-of-range numbers.',
    example: '6443',
  },
  {
    name: 'lb_fwdmethod',
    cliFlag: '--lbForwardingMethod',
    goField: 'LoadBalancerForwardingMethod',
    type: 'enum',
    values: ['local', 'masquerade', 'tunnel', 'directroute', 'bypass'],
    default: [{ value: '"local"' }],
    since: 'v0.5.0',
    mode: 'load-balancer',
    summary: 'How IPVS forwards packets to the control-plane backends.',
    details:
      'The IPVS code lower-cases the value, and an unknown method only logs a warning and falls back to "local". ' +
      'From v0.8.0 the masquerade rule for the control-plane VIP is written only for the exact string "masquerade", ' +
      'and `kube-vip manifest` adds `privileged: true` only for that spelling.\n' +
      'Masquerade needs the ghcr.io/kube-vip/kube-vip-iptables image before v1.2.2, and on v1.2.2+ only with egress_withnftables "false".',
    example: 'local',
    evidence: ['kube-vip#874', 'kube-vip#1065'],
  },
  {
    name: 'enable_service_security',
    cliFlag: '--onlyAllowTrafficServicePorts',
    goField: 'EnableServiceSecurity',
    type: 'bool',
    default: [{ value: 'false' }],
    since: 'v0.6.0',
    mode: 'services',
    summary: 'Drops traffic to Service VIPs unless it targets a port the Service exposes.',
    details:
      'Before v1.2.2 (and on v1.2.2+ with egress_withnftables "false") it uses iptables, so it needs the ghcr.io/kube-vip/kube-vip-iptables image; v1.2.2+ writes the rules with nftables by default.\n' +
      'On v0.6.0–v0.9.2 the rules were applied only for the exact value "true": "1" or "True" parsed but did nothing.',
    example: 'true',
    evidence: ['kube-vip#602', 'kube-vip#808', 'kube-vip#1057'],
  },
  {
    name: 'enable_node_labeling',
    cliFlag: '--enableNodeLabeling',
    goField: 'EnableNodeLabeling',
    type: 'bool',
    default: [{ value: 'false' }],
    since: 'v0.6.3',
    mode: 'arp',
    summary: 'Marks whichever node holds a VIP with the label kube-vip.io/has-ip=<vip>.',
    example: 'true',
  },

  // ---------------------------------------------------------------- Prometheus
  {
    name: 'prometheus_server',
    cliFlag: '--prometheusHTTPServer',
    goField: 'PrometheusHTTPServer',
    type: 'host-port',
    default: [{ value: '":2112"' }],
    since: 'v0.5.0',
    mode: 'prometheus',
    summary: 'Address on which the Prometheus metrics HTTP server listens.',
    details:
      'An empty value counts as unset, so "" keeps :2112. To turn metrics off, pass the arg `--prometheusHTTPServer=` instead.\n' +
      'Two host-network kube-vip Pods on one node need different ports. A bind failure kills the Pod up to v0.8.9; ' +
      'later releases keep running without metrics.',
    example: ':2112',
    evidence: ['kube-vip#630', 'kube-vip#269', 'kube-vip#711'],
  },

  // ---------------------------------------------------------------- egress
  {
    name: 'egress_podcidr',
    goField: 'EgressPodCidr',
    type: 'cidr-list',
    default: [{ value: 'auto-discovered (fallback 10.0.0.0/16)' }],
    since: 'v0.5.6',
    mode: 'egress',
    summary: 'Pod network range(s), one per address family, that egress SNAT leaves untouched.',
    example: '10.244.0.0/16',
  },
  {
    name: 'egress_servicecidr',
    goField: 'EgressServiceCidr',
    type: 'cidr-list',
    default: [{ value: 'auto-discovered (fallback 10.96.0.0/12)' }],
    since: 'v0.5.6',
    mode: 'egress',
    summary: 'Service network range(s), one per address family, excluded from egress SNAT.',
    example: '10.96.0.0/12',
  },
  {
    name: 'egress_withnftables',
    cliFlag: '--egressWithNftables',
    goField: 'EgressWithNftables',
    type: 'bool',
    default: [
      { from: 'v0.5.12', to: 'v1.2.1', value: 'false' },
      { from: 'v1.2.2', value: 'true' },
    ],
    since: 'v0.5.12',
    mode: 'egress',
    summary: 'Implements egress rules with nftables rather than iptables.',
    details:
      'The default flipped to true in v1.2.2. On upgrade, egress Services silently move to nftables unless this is set to "false".\n' +
      'The iptables path needs the -iptables image.',
    example: 'true',
    evidence: ['kube-vip#1255'],
  },
  {
    name: 'per_service_election_on_demand',
    cliFlag: '--perServiceElectionOnDemand',
    goField: 'PerServiceElectionOnDemand',
    type: 'bool',
    default: [{ value: 'false' }],
    since: 'v1.2.2',
    mode: 'services',
    summary:
      'Honours the kube-vip.io/forcePerServiceElection annotation, so single Services can get their own leader election.',
    details: 'The annotation acts only on the exact value "true".',
    example: 'true',
  },
  {
    name: 'egress_enableinternalsnat',
    goField: 'EnableInternalSNAT',
    type: 'bool',
    default: [{ value: 'false' }],
    since: 'v1.2.2',
    mode: 'egress',
    summary: 'Installs, for every egress Service, the rule that exempts in-cluster destinations from SNAT.',
    example: 'true',
  },

  // ---------------------------------------------------------------- Kubernetes client
  {
    name: 'k8s_config_file',
    cliFlag: '--k8sConfigPath',
    goField: 'K8sConfigFile',
    type: 'path',
    default: [{ value: '"/etc/kubernetes/admin.conf"' }],
    since: 'v0.7.0',
    mode: 'kubernetes-client',
    summary: 'Path of the kubeconfig file kube-vip uses to reach the API server (honoured from v1.2.2).',
    details:
      'Up to v1.2.1 the manager ignores the value: it always tries /etc/kubernetes/admin.conf, then $HOME/.kube/config, then the in-cluster config. ' +
      'A custom path takes effect from v1.2.2, when the file exists.\n' +
      'With kubeadm 1.29+, the first control-plane node needs super-admin.conf mounted at /etc/kubernetes/admin.conf during `kubeadm init` ' +
      '(from v1.2.2, mounting it at this path works too).',
    example: '/etc/kubernetes/admin.conf',
    noEffect: [
      {
        to: 'v1.2.1',
        value:
          'The manager ignores it and always tries /etc/kubernetes/admin.conf, then $HOME/.kube/config, then the in-cluster config. ' +
          'Mount the kubeconfig at /etc/kubernetes/admin.conf, or use kube-vip v1.2.2 or later, which honours this path.',
      },
    ],
    evidence: ['kube-vip#684', 'kube-vip#938'],
  },
  {
    name: 'enable_endpoints',
    cliFlag: '--enableEndpoints',
    goField: 'EnableEndpoints',
    type: 'bool',
    default: [{ value: 'false' }],
    since: 'v1.0.0',
    mode: 'services',
    summary: 'Makes kube-vip watch the legacy Endpoints API instead of EndpointSlices.',
    details:
      'From v1.0.0, EndpointSlices are the default and need RBAC on discovery.k8s.io/endpointslices. ' +
      'ClusterRoles generated by v0.8.x and earlier fail with "forbidden"; regenerate them or set this to "true".',
    example: 'true',
    evidence: ['kube-vip PR#1215', 'kube-vip PR#1697'],
  },
  {
    name: 'enable_endpointslices',
    cliFlag: '--enableEndpointSlices',
    goField: 'EnableEndpointSlices',
    type: 'bool',
    default: [{ value: 'false' }],
    since: 'v0.7.0',
    until: 'v1.0.0',
    replacedBy: 'enable_endpoints',
    replacementDiffers:
      'enable_endpoints has the opposite meaning: EndpointSlices are the default from v1.0.0, so delete this variable instead of renaming it.',
    mode: 'services',
    summary: 'Opt-in switch that made kube-vip watch EndpointSlices before they became the default.',
    details:
      'Ignored from v1.0.0, where EndpointSlices are always used unless enable_endpoints is "true". ' +
      'That is the **opposite** sense: delete this variable rather than renaming it.',
    example: 'true',
    evidence: ['kube-vip PR#1215', 'kube-vip#1678'],
  },
  {
    name: 'mirror_dest_interface',
    cliFlag: '--mirrorDestInterface',
    goField: 'MirrorDestInterface',
    type: 'interface',
    default: [{ value: 'unset (no mirroring)' }],
    since: 'v0.8.0',
    mode: 'traffic-mirror',
    summary: 'Interface that receives a copy of all traffic that passes through the services interface.',
    example: 'eth2',
  },
  {
    name: 'iptables_backend',
    goField: 'IptablesBackend',
    type: 'enum',
    values: ['nft', 'legacy'],
    default: [{ value: 'unset' }],
    since: 'v0.8.0',
    mode: 'egress',
    summary: 'Meant to force the iptables flavour (nft or legacy), but no release uses the value: kube-vip always detects it.',
    details:
      'Parsed and passed along into each VIP\'s network configuration, where nothing reads it. ' +
      'The iptables code always asks the installed iptables binary which backend it uses.',
    example: 'nft',
    noEffect: 'Parsed, but no release uses it: kube-vip always detects the iptables backend from the iptables binary.',
  },
  {
    name: 'backend_health_check_interval',
    goField: 'BackendHealthCheckInterval',
    type: 'seconds',
    min: INT32_MIN,
    max: INT32_MAX,
    default: [{ value: '5' }],
    since: 'v0.8.0',
    mode: 'load-balancer',
    summary: 'Seconds between health checks of the control-plane backends behind the IPVS load balancer.',
    details: 'Zero or negative values are silently replaced with 5.',
    example: '5',
  },
  {
    name: 'health_check_port',
    cliFlag: '--healthCheckPort',
    goField: 'HealthCheckPort',
    type: 'port',
    min: 1024,
    max: 65535,
    default: [{ value: 'unset (no health endpoint)' }],
    since: 'v0.8.10',
    mode: 'health-check',
    summary: 'Port on which kube-vip serves its own HTTP /healthz endpoint.',
    details:
      'Values below 1024 abort start-up, although the message says "should be > 1024". 1024 itself is allowed.\n' +
      'Leave it unset to keep the endpoint off.',
    example: '8080',
  },

  // ---------------------------------------------------------------- UPnP
  {
    name: 'enable_upnp',
    goField: 'EnableUPNP',
    type: 'bool',
    default: [{ value: 'false' }],
    since: 'v1.0.0',
    mode: 'upnp',
    summary:
      'Allows kube-vip to request port forwards from a UPnP/IGD gateway; each Service opts in with kube-vip.io/forwardUPNP.',
    details:
      'Port forwarding needs both this variable and the Service annotation with the exact value "true".\n' +
      'Up to v0.9.2 the variable was called enableUPNP.',
    example: 'true',
  },
  {
    name: 'enableUPNP',
    type: 'bool',
    default: [{ value: 'false' }],
    since: 'v0.5.0',
    until: 'v1.0.0',
    replacedBy: 'enable_upnp',
    mode: 'upnp',
    summary: 'Former camel-case name of the UPnP port-forwarding switch.',
    details:
      'Ignored from v1.0.0: rename it to enable_upnp.\n' +
      'Before that, a value ParseBool rejects was silently treated as false instead of aborting start-up.',
    example: 'true',
  },

  // ---------------------------------------------------------------- egress cleanup
  {
    name: 'egress_clean',
    goField: 'EgressClean',
    type: 'bool',
    default: [{ value: 'false' }],
    since: 'v1.0.0',
    mode: 'egress',
    summary: 'When the Services engine starts, removes egress rules and tables that an earlier kube-vip left behind.',
    details: 'The upper-case EGRESS_CLEAN is still accepted as a fallback.',
    example: 'true',
  },
  {
    name: 'EGRESS_CLEAN',
    goField: 'EgressClean',
    type: 'bool',
    default: [{ value: 'false' }],
    since: 'v0.5.6',
    aliasOf: 'egress_clean',
    mode: 'egress',
    summary:
      'Capitalised name of the egress cleanup switch, the only one before v1.0.0 and a fallback for egress_clean afterwards.',
    details:
      'Up to v0.9.2 only ARP mode and (from v0.8.5) routing-table mode read it; BGP and WireGuard never do. ' +
      'In ARP mode **any non-empty value, "false" included,** triggers the cleanup. ' +
      'Table mode (v0.8.5–v0.9.2) parses it with ParseBool and only warns on an invalid value.\n' +
      'From v1.0.0 it is a strict boolean, as an alias of egress_clean.',
    example: 'true',
  },

  // ---------------------------------------------------------------- config
  {
    name: 'config_file',
    cliFlag: '--config-file',
    goField: 'ConfigFile',
    type: 'path',
    default: [{ value: 'unset' }],
    since: 'v1.0.1',
    mode: 'config',
    summary: 'Path to a JSON or YAML file whose settings fill in whatever flags and environment variables leave unset.',
    details:
      'The extension (.json, .yaml or .yml) selects the parser.\n' +
      'File values only fill fields that are still zero, so a boolean can be switched on there but never off. ' +
      'Enabling Services only in this file leaves the svc_* and lb_class_* variables unread.',
    example: '/etc/kube-vip/config.yaml',
  },
  {
    name: 'vip_configmap',
    type: 'string',
    default: [{ value: '"plndr"' }],
    since: 'v0.5.0',
    mode: 'config',
    summary: 'Name of a legacy kube-vip ConfigMap, still accepted so that old manifests keep parsing.',
    example: 'plndr',
    noEffect: 'Parsed, but the manager has not used it in any release since v0.5.0.',
  },

  // ---------------------------------------------------------------- Equinix Metal (removed in v0.9.0)
  {
    name: 'provider_config',
    cliFlag: '--provider-config',
    goField: 'ProviderConfig',
    type: 'path',
    default: [{ value: 'unset' }],
    since: 'v0.5.0',
    until: 'v0.9.0',
    mode: 'equinix-metal',
    summary:
      'File with Equinix Metal credentials (API key and project), in the cloud-provider JSON format, used for Elastic IP and BGP look-ups.',
    details: 'Ignored from v0.9.0, when the Equinix Metal integration was removed.',
    example: '/etc/cloud-sa/cloud-sa.json',
  },
  {
    name: 'vip_packet',
    cliFlag: '--metal',
    goField: 'EnableMetal',
    type: 'bool',
    default: [{ value: 'false' }],
    since: 'v0.5.0',
    until: 'v0.9.0',
    mode: 'equinix-metal',
    summary: 'Turned on the Equinix Metal (formerly Packet) API integration.',
    details: 'Ignored from v0.9.0, when the Equinix Metal integration was removed.',
    example: 'true',
  },
  {
    name: 'vip_packetproject',
    cliFlag: '--metalProject',
    goField: 'MetalProject',
    type: 'string',
    default: [{ value: 'unset' }],
    since: 'v0.5.0',
    until: 'v0.9.0',
    mode: 'equinix-metal',
    summary: 'Name of the Equinix Metal project the API integration works in.',
    details: 'Ignored from v0.9.0, when the Equinix Metal integration was removed.',
    example: 'my-metal-project',
  },
  {
    name: 'vip_packetprojectid',
    cliFlag: '--metalProjectID',
    goField: 'MetalProjectID',
    type: 'string',
    default: [{ value: 'unset' }],
    since: 'v0.5.0',
    until: 'v0.9.0',
    mode: 'equinix-metal',
    summary: 'UUID of the Equinix Metal project the API integration works in.',
    details: 'Ignored from v0.9.0, when the Equinix Metal integration was removed.',
    example: '6b1a5f5c-3e9d-4c1e-9a0a-2f1f0c7b8d11',
  },
  {
    name: 'PACKET_AUTH_TOKEN',
    type: 'string',
    default: [{ value: 'unset' }],
    since: 'v0.5.0',
    until: 'v0.9.0',
    mode: 'equinix-metal',
    summary: 'Equinix Metal API token, read by the packngo client library that kube-vip embedded rather than by kube-vip itself.',
    details:
      'Manifests generated with --metal took it from a Secret, and kube-vip also set it from provider_config.\n' +
      'Ignored from v0.9.0, when the Equinix Metal integration was removed.',
    example: 'Wz9c2mT7pK4qL1xV8nR3bY6dF0hJ5sA2',
  },

  // ---------------------------------------------------------------- set by the runtime
  {
    name: 'HOSTNAME',
    type: 'string',
    default: [{ value: 'set by the container runtime' }],
    since: 'v0.8.4',
    until: 'v1.2.0-rc.0',
    mode: 'runtime',
    summary: 'Container host name, which one control-plane code path consulted as a fallback node name.',
    example: 'node-1',
    noEffect: 'vip_nodename is always filled in earlier, so this fallback is never reached.',
    implicit: true,
  },
  {
    name: 'HOME',
    type: 'path',
    default: [{ value: 'set by the container runtime' }],
    since: 'v0.5.0',
    mode: 'runtime',
    summary: 'Home directory, used to look for $HOME/.kube/config when no other kubeconfig is found.',
    example: '/root',
    implicit: true,
  },
  {
    name: 'KUBERNETES_SERVICE_HOST',
    type: 'ip',
    default: [{ value: 'injected by the kubelet' }],
    since: 'v1.0.4',
    mode: 'runtime',
    summary:
      'In-cluster API server address injected by the kubelet; kube-vip uses it in WireGuard mode and to detect the API server for egress.',
    example: '10.96.0.1',
    implicit: true,
  },
  {
    name: 'KUBERNETES_SERVICE_PORT_HTTPS',
    type: 'port',
    min: 1,
    max: 65535,
    default: [{ value: 'injected by the kubelet' }],
    since: 'v1.0.4',
    mode: 'runtime',
    summary: 'In-cluster API server port injected by the kubelet, used by the WireGuard worker.',
    example: '443',
    implicit: true,
  },
];

/** Names people write that kube-vip never reads, with what to use instead. */
export interface IgnoredName {
  readonly name: string;
  readonly reason: string;
  readonly use?: string;
  readonly useArg?: string;
  readonly evidence?: readonly string[];
}

export const IGNORED_NAMES: readonly IgnoredName[] = [
  {
    name: 'debounce_time',
    reason:
      '`kube-vip manifest --debounceTime` writes it (v1.2.2+), but kube-vip never reads it from the environment. Only the --debounceTime arg and the config_file key take effect.',
    useArg: '--debounceTime=<duration>',
  },
  {
    name: 'annotations',
    reason: 'The docs table spells it in the plural, but kube-vip reads the singular "annotation".',
    use: 'annotation',
  },
  {
    name: 'bgppeers',
    reason: 'This is the spelling of the CLI flag (--bgppeers). The environment variable is bgp_peers.',
    use: 'bgp_peers',
    evidence: ['k3s-ansible PR#614'],
  },
  {
    name: 'vip_addpeerstolb',
    reason: 'Appears in old Helm charts and docs, but no kube-vip release from v0.5.0 on reads it.',
    evidence: ['kube-vip#163', 'kube-vip PR#500'],
  },
  {
    name: 'vip_localpeer',
    reason: 'Appears in old Helm charts and docs, but no kube-vip release from v0.5.0 on reads it.',
    evidence: ['kube-vip#163', 'kube-vip PR#500'],
  },
  {
    name: 'bgp_interface',
    reason:
      'Never read. To take the router ID from an interface use bgp_routerinterface; to source BGP sessions from an interface use bgp_sourceif.',
    use: 'bgp_routerinterface',
    evidence: ['kube-vip#1389'],
  },
  {
    name: 'vip_routingtableprotocol',
    reason: 'Never read. The route protocol tag is set with vip_routingprotocol.',
    use: 'vip_routingprotocol',
    evidence: ['openshift/machine-config-operator PR#6326'],
  },
  {
    name: 'vip_autointerface',
    reason:
      'Never read. To pick the interface automatically, leave vip_interface unset (default-route interface) or set vip_servicesinterface to "auto" for Services.',
  },
];

/** The shape of one fact sheet about a kube-vip environment variable. */

/** How kube-vip parses a value; rules and completion dispatch on this. */
export type ValueType =
  | 'bool' // strconv.ParseBool
  | 'int' // plain decimal integer, see min/max
  | 'port' // decimal 1..65535
  | 'seconds' // plain decimal integer, unit seconds
  | 'milliseconds' // plain decimal integer, unit milliseconds
  | 'go-duration' // Go time.ParseDuration ("500ms")
  | 'asn' // BGP AS number, uint32
  | 'string'
  | 'enum' // exact, case-sensitive, one of `values`
  | 'interface' // a network interface name
  | 'ip' // one IPv4 or IPv6 address
  | 'ipv4' // one IPv4 address
  | 'address' // an IP, an "IPv4,IPv6" pair, or a DNS name; never a CIDR
  | 'prefix-list' // "<v4 prefix>[,<v6 prefix>]"
  | 'bgp-peers' // comma-separated peers, colon-separated fields
  | 'cidr-list' // comma-separated CIDRs
  | 'host-port' // "host:port" or ":port"
  | 'url'
  | 'path'
  | 'json-object';

/** The feature area a variable belongs to. */
export type Mode =
  | 'arp'
  | 'bgp'
  | 'routing-table'
  | 'wireguard'
  | 'control-plane'
  | 'services'
  | 'leader-election'
  | 'load-balancer'
  | 'network-interface'
  | 'dns-dhcp'
  | 'egress'
  | 'health-check'
  | 'kubernetes-client'
  | 'logging'
  | 'prometheus'
  | 'traffic-mirror'
  | 'upnp'
  | 'config'
  | 'equinix-metal'
  | 'runtime';

/** A value that holds for a range of kube-vip versions (both ends inclusive; open when absent). */
export interface Versioned<T> {
  readonly from?: string;
  readonly to?: string;
  readonly value: T;
}

export interface EnvVarSpec {
  /** Exact, case-sensitive name kube-vip looks up. */
  readonly name: string;
  /** The `kube-vip manager` flag that sets the same field (e.g. "--arp"); an env value set wins over it. */
  readonly cliFlag?: string;
  /**
   * The kubevip.Config field it fills (pkg/kubevip/config_types.go), e.g. "EnableServicesElection"; nested
   * fields are written with their path ("BGPConfig.AS"). People write this name, or the flag's, as an env name.
   */
  readonly goField?: string;
  readonly type: ValueType;
  /** For enums: the exact accepted spellings. */
  readonly values?: readonly string[];
  /** For integers: the inclusive range kube-vip accepts. */
  readonly min?: number;
  readonly max?: number;
  /** What kube-vip uses when the variable is unset, per version range (human-readable text). */
  readonly default: readonly Versioned<string>[];
  /** First release that reads it. */
  readonly since: string;
  /** First release that no longer reads it. */
  readonly until?: string;
  /** The name to use instead, once `until` is reached. */
  readonly replacedBy?: string;
  /** When the replacement does not take the same value (so a rename is unsafe): what to do instead. */
  readonly replacementDiffers?: string;
  /** This name is a fallback spelling of another variable. */
  readonly aliasOf?: string;
  readonly mode: Mode;
  /** One sentence, our own words: what it does. */
  readonly summary: string;
  /** Optional longer markdown, our own words: format, traps, version history. */
  readonly details?: string;
  /** A valid value, shown in hover and used in snippets. */
  readonly example: string;
  /**
   * Present when kube-vip reads the variable but it changes nothing: why. A plain string holds for every
   * version that reads it; a versioned list only for the ranges it names (use `noEffectFor`).
   */
  readonly noEffect?: string | readonly Versioned<string>[];
  /** Read only when this other variable is set in the env (e.g. svc_* need svc_enable). */
  readonly requiresEnv?: string;
  /** Set by the container runtime or kubelet, not by users. */
  readonly implicit?: boolean;
  /** kube-vip issues / PRs that document its behaviour, e.g. "kube-vip#1052". */
  readonly evidence?: readonly string[];
}

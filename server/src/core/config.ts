/**
 * The effective configuration of one kube-vip container: what this version, in this mode, actually
 * reads and does. Computed once per container (memoised) and asked by every rule and by hover, so
 * there is one interpretation of a manifest, not one per rule.
 *
 * Three-valued where the manifest cannot prove a thing: a flag in `args`, `envFrom`, a config file
 * or a template may set what the env list leaves unset, so "unset" is not always "off".
 */
import { DROPPED_AFTER_TABLE_ID, PREFIX_LIST, READ_OUTSIDE_PARSE_ENVIRONMENT, TABLE_ID_EARLY_RETURN } from './catalog/behaviour';
import { isReadBy, lookup } from './catalog';
import { boolState, isUnset } from './env';
import { isTemplated } from './model';
import type { EnvEntry, KubeVipContainer } from './model';
import { flagArg, mayBeSetOutsideEnv } from './sources';
import { parseAddress } from './values';
import type { Family } from './values';
import { atLeast, inRange } from './version';

export type Tri = 'on' | 'off' | 'unknown';
export type ModeName = 'arp' | 'bgp' | 'table' | 'wireguard';

export const MODE_VAR: Readonly<Record<ModeName, string>> = {
  arp: 'vip_arp',
  bgp: 'bgp_enable',
  table: 'vip_routingtable',
  wireguard: 'vip_wireguard',
};
export const MODE_LABEL: Readonly<Record<ModeName, string>> = { arp: 'ARP', bgp: 'BGP', table: 'routing table', wireguard: 'WireGuard' };

/** Which mode runs when several are on, strongest first (v0.8.9/v1.0.4 and v1.2.0 pkg/manager). */
export const MODE_PRECEDENCE = {
  /** v0.5.0–v1.0.4: `if BGP … else if ARP … else if WireGuard … else if table`. */
  old: ['bgp', 'arp', 'wireguard', 'table'] as readonly ModeName[],
  /** v1.1.0-rc.0 and later (the worker refactor). */
  new: ['arp', 'bgp', 'table', 'wireguard'] as readonly ModeName[],
  newFrom: 'v1.1.0-rc.0',
  /** v1.2.2 refuses to start unless exactly one mode is on. */
  exactlyOneFrom: 'v1.2.2',
};

/** Why a variable that the env sets is not parsed by this image. */
export type NotParsed =
  | { readonly reason: 'version' }
  /** Parsed only inside `if <gate> != ""`, and the gate is unset (svc_* and lb_class_* need svc_enable). */
  | { readonly reason: 'gate'; readonly gate: string }
  /** v0.8.2–v0.8.4 stop reading the env after a valid vip_routingtableid. */
  | { readonly reason: 'table-id'; readonly tableId: EnvEntry };

export interface AddressInfo {
  readonly name: 'address' | 'vip_address';
  readonly entry: EnvEntry;
  readonly value: string;
  /** Families of the literal IPs, in the order written. */
  readonly families: readonly Family[];
  readonly dnsNames: readonly string[];
}

/** The prefix list kube-vip applies to its VIPs, and where it comes from. */
export type PrefixList =
  | { readonly source: 'env'; readonly name: 'vip_cidr' | 'vip_subnet'; readonly entry: EnvEntry; readonly value: string }
  /** v0.8.3+: generated from `address` when the list is unset (cmd/kube-vip.go GenerateCidrRange). */
  | { readonly source: 'derived'; readonly name: 'vip_cidr' | 'vip_subnet'; readonly value: string; readonly from: AddressInfo }
  | { readonly source: 'none'; readonly name: 'vip_cidr' | 'vip_subnet' }
  /** A reference, a template, envFrom or a flag may set it. */
  | { readonly source: 'unknown'; readonly name: 'vip_cidr' | 'vip_subnet' };

export interface EffectiveConfig {
  readonly container: KubeVipContainer;
  /** A boolean variable as kube-vip ends up with it: env, or unknown when set elsewhere may apply. */
  flag(name: string): Tri;
  /** Modes whose variable is on. */
  readonly modesOn: readonly ModeName[];
  /** The mode that runs ('none' when no mode is on, 'unknown' when that cannot be known). */
  readonly mode: ModeName | 'none' | 'unknown';
  /** True when `mode` is certain to be m; 'unknown' when it may be. */
  isMode(m: ModeName): Tri;
  readonly controlPlane: Tri;
  readonly services: Tri;
  readonly servicesElection: Tri;
  /** `--leaderElectionType` (v0.7.0+): etcd skips client-go's lease checks. */
  readonly leaderElectionType: 'kubernetes' | 'etcd' | 'unknown';
  /** The literal control-plane address (`address`, else `vip_address`); undefined when unset or unknown. */
  readonly address?: AddressInfo;
  /** The address may be set but is not literal here (reference, template, flag, envFrom). */
  readonly addressUnknown: boolean;
  readonly prefixList: PrefixList;
  /** Why the env entry of `name` is not parsed by this image, or undefined when it is (or may be). */
  notParsed(name: string): NotParsed | undefined;
  /** Entries that v0.8.2–v0.8.4 skip after a valid vip_routingtableid. */
  readonly droppedByTableId: readonly EnvEntry[];
}

const memo = new WeakMap<KubeVipContainer, EffectiveConfig>();

/** The effective configuration of a container, computed once. */
export function configOf(container: KubeVipContainer): EffectiveConfig {
  let config = memo.get(container);
  if (!config) memo.set(container, (config = compute(container)));
  return config;
}

function compute(container: KubeVipContainer): EffectiveConfig {
  const flag = (name: string): Tri => {
    const state = boolState(container, name);
    if (state === 'true') return 'on';
    if (state === 'false') return 'off';
    if (state === 'unset' && !mayBeSetOutsideEnv(container, name)) return 'off';
    return 'unknown';
  };
  const droppedByTableId = dropped(container);
  const droppedNames = new Set(droppedByTableId.map((e) => e.name));
  // A variable dropped after the table id keeps its default, whatever the env says.
  const effectiveFlag = (name: string): Tri => (droppedNames.has(name) ? 'off' : flag(name));

  const order = atLeast(container.version, MODE_PRECEDENCE.newFrom) ? MODE_PRECEDENCE.new : MODE_PRECEDENCE.old;
  const states = new Map(order.map((m) => [m, effectiveFlag(MODE_VAR[m])]));
  const modesOn = order.filter((m) => states.get(m) === 'on');
  let mode: EffectiveConfig['mode'] = 'unknown';
  for (const m of order) {
    const s = states.get(m)!;
    if (s === 'unknown') break;
    if (s === 'on') {
      mode = m;
      break;
    }
  }
  if (mode === 'unknown' && order.every((m) => states.get(m) === 'off')) mode = 'none';
  const isMode = (m: ModeName): Tri => {
    if (mode === m) return 'on';
    if (mode !== 'unknown') return 'off';
    return states.get(m) === 'off' ? 'off' : 'unknown';
  };

  const address = readAddress(container);
  const addressEntry = container.envByName.get('address') ?? container.envByName.get('vip_address');
  const addressUnknown = !address && ((addressEntry !== undefined && !isUnset(addressEntry)) || mayBeSetOutsideEnv(container, 'address'));

  const gateUnset = (gate: string) => isUnset(container.envByName.get(gate)) && !container.hasEnvFrom && !container.env.some((e) => isTemplated(e.name));
  const notParsed = (name: string): NotParsed | undefined => {
    const spec = lookup(name);
    if (spec && !isReadBy(spec, container.version)) return { reason: 'version' };
    if (spec?.requiresEnv && gateUnset(spec.requiresEnv)) return { reason: 'gate', gate: spec.requiresEnv };
    if (droppedNames.has(name)) return { reason: 'table-id', tableId: container.envByName.get('vip_routingtableid')! };
    return undefined;
  };

  return {
    container,
    flag: effectiveFlag,
    modesOn,
    mode,
    isMode,
    controlPlane: effectiveFlag('cp_enable'),
    services: effectiveFlag('svc_enable'),
    servicesElection: notParsed('svc_election') ? 'off' : effectiveFlag('svc_election'),
    leaderElectionType: electionType(container),
    address,
    addressUnknown,
    prefixList: prefixList(container, address, addressUnknown),
    notParsed,
    droppedByTableId,
  };
}

function readAddress(container: KubeVipContainer): AddressInfo | undefined {
  for (const name of ['address', 'vip_address'] as const) {
    const entry = container.envByName.get(name);
    if (isUnset(entry)) continue;
    if (entry!.value === undefined) return undefined; // reference or template: unknown
    const parsed = parseAddress(entry!.value);
    if (!parsed.ok) return undefined;
    return { name, entry: entry!, value: entry!.value, families: parsed.families, dnsNames: parsed.dnsNames };
  }
  return undefined;
}

/**
 * The list in effect: vip_cidr up to v0.8.10, vip_subnet from v0.9.0. When unset, v0.8.3+ generates
 * it from `address` only (not from vip_address): "32" or "128" per address, in the address's order
 * up to v1.0.0 and IPv4 first from v1.0.1 (v0.9.0:cmd/kube-vip.go:435-453, v1.0.1:cmd/kube-vip.go:506-508).
 */
function prefixList(container: KubeVipContainer, address: AddressInfo | undefined, addressUnknown: boolean): PrefixList {
  const name = atLeast(container.version, PREFIX_LIST.subnetListForm) ? 'vip_subnet' : 'vip_cidr';
  const entry = container.envByName.get(name);
  if (!isUnset(entry)) return entry!.value === undefined ? { source: 'unknown', name } : { source: 'env', name, entry: entry!, value: entry!.value };
  if (mayBeSetOutsideEnv(container, name)) return { source: 'unknown', name };
  if (!atLeast(container.version, PREFIX_LIST.derivedFromAddress)) return { source: 'none', name };
  if (address?.name === 'address') {
    if (address.dnsNames.length > 0) return { source: 'unknown', name }; // the families come from DNS at start-up
    const sizes = address.families.map((f) => (f === 'ipv4' ? '32' : '128'));
    const unique = [...new Set(sizes)];
    const value = (atLeast(container.version, PREFIX_LIST.derivedSorted) ? [...unique].sort((a, b) => Number(a) - Number(b)) : unique).join(',');
    return { source: 'derived', name, value, from: address };
  }
  return addressUnknown ? { source: 'unknown', name } : { source: 'none', name };
}

function electionType(container: KubeVipContainer): EffectiveConfig['leaderElectionType'] {
  const arg = flagArg(container, 'leaderElectionType');
  if (!arg) return 'kubernetes';
  const inline = /=(.*)$/.exec(arg.value)?.[1];
  const value = inline ?? container.args[container.args.indexOf(arg) + 1]?.value;
  if (value === 'etcd') return 'etcd';
  if (value === 'kubernetes') return 'kubernetes';
  return 'unknown';
}

/**
 * v0.8.2–v0.8.4: ParseEnvironment returns right after a valid, non-negative vip_routingtableid
 * (v0.8.2:pkg/kubevip/config_environment.go:320-328), so nothing listed in DROPPED_AFTER_TABLE_ID
 * is read. Empty when the bug does not apply.
 */
function dropped(container: KubeVipContainer): EnvEntry[] {
  if (!inRange(container.version, TABLE_ID_EARLY_RETURN.from, TABLE_ID_EARLY_RETURN.to)) return [];
  const entry = container.envByName.get('vip_routingtableid');
  const id = entry?.value !== undefined && /^\+?\d+$/.test(entry.value) ? Number(entry.value) : undefined;
  if (id === undefined) return []; // invalid values abort instead (invalid-number)
  const skipped = (name: string) => DROPPED_AFTER_TABLE_ID.includes(name) && !READ_OUTSIDE_PARSE_ENVIRONMENT.includes(name);
  return container.env.filter((e) => skipped(e.name) && container.envByName.get(e.name) === e && !isUnset(e));
}

/** BGP elects a control-plane leader with vip_leaderelection from v0.6.1; before, it runs the VIP without election. */
const BGP_CP_ELECTION = 'v0.6.1';

/**
 * Why a client-go leader election certainly runs, or undefined when it may not (then the timings
 * are unused). Only the paths checked in the source at every researched tag:
 * - ARP: the control plane always elects (v0.5.0:pkg/manager/manager_arp.go:53, v1.2.3:pkg/manager/worker/arp.go:45-46),
 *   and Services elect one leader, or one per Service with svc_election (v0.8.9:pkg/manager/manager_arp.go:89-112,
 *   v1.2.3:pkg/manager/worker/arp.go:58-67);
 * - BGP: the control plane elects with vip_leaderelection from v0.6.1 (v0.6.4:pkg/manager/manager_bgp.go:112-113,
 *   v1.2.3:pkg/manager/worker/bgp.go:93-96), and Services elect per Service with svc_election (v1.2.3:pkg/manager/worker/bgp.go:111-115).
 * - routing table: the control plane never elects (v1.2.3:pkg/manager/worker/table.go:55-56); Services elect per
 *   Service with svc_election (v0.5.0:pkg/manager/manager_table.go:47), and from v0.7.0 one leader with
 *   vip_leaderelection (v0.8.9:pkg/manager/manager_table.go:92-114, v1.2.3:pkg/manager/worker/table.go:69-80).
 */
/** Routing-table mode elects a global Services leader with vip_leaderelection from this release. */
const TABLE_SERVICES_ELECTION = 'v0.7.0';

export function electionReason(config: EffectiveConfig): string | undefined {
  const { container } = config;
  if (config.mode === 'arp' && config.controlPlane === 'on') return 'in ARP mode the control plane always elects a leader';
  if (config.mode === 'arp' && config.services === 'on') return 'in ARP mode Services always elect a leader';
  if (config.mode === 'table' && config.services === 'on') {
    if (config.servicesElection === 'on') return 'svc_election is "true", so every LoadBalancer Service elects a leader';
    if (config.servicesElection === 'off' && config.flag('vip_leaderelection') === 'on' && atLeast(container.version, TABLE_SERVICES_ELECTION)) {
      return 'vip_leaderelection is "true", so routing-table mode elects one leader for the Services';
    }
    return undefined;
  }
  if (config.mode !== 'bgp') return undefined;
  if (config.controlPlane === 'on' && config.flag('vip_leaderelection') === 'on' && atLeast(container.version, BGP_CP_ELECTION)) {
    return 'vip_leaderelection is "true", so the BGP control plane elects a leader';
  }
  if (config.services === 'on' && config.servicesElection === 'on') return 'svc_election is "true", so every LoadBalancer Service elects a leader';
  return undefined;
}

/**
 * v0.8.2–v0.8.4: after parsing a valid vip_routingtableid, ParseEnvironment returns early
 * (v0.8.2:pkg/kubevip/config_environment.go:320-334, PR#889), so every variable it parses later is
 * silently ignored (pitfall 9). Fixed in v0.8.5 (commit 1f089fe).
 */
import { isReadBy, lookup } from '../catalog';
import { isUnset, parseInteger } from '../env';
import type { EnvEntry, KubeVipContainer } from '../model';
import { inRange } from '../version';
import type { Version } from '../version';
import { versionLabel } from '../versionText';
import type { Rule } from './rule';

const NAME = 'vip_routingtableid';
/** Parsed after vip_routingtableid in v0.8.2–v0.8.4: the list in pitfalls.md §9. */
const DROPPED = [
  'vip_routingtabletype',
  'vip_routingprotocol',
  'vip_cleanroutingtable',
  'dns_mode',
  'disable_service_updates',
  'prometheus_server',
  'k8s_config_file',
  'enable_endpointslices',
  'mirror_dest_interface',
  'iptables_backend',
  'backend_health_check_interval',
];
/** "all bgp_*, lb_*, egress_*"; lb_class_* sit in the svc_enable block, parsed before the table id. */
const DROPPED_PREFIXES = /^(bgp_|egress_|lb_(?!class_))/;

export const rule: Rule = {
  id: 'routing-table-id-drops-env',
  defaultSeverity: 'error',
  description: 'On v0.8.2–v0.8.4, setting vip_routingtableid makes kube-vip ignore every variable parsed after it.',
  needsWholeEnv: true,
  check({ container }) {
    const dropped = droppedEntries(container);
    if (dropped.length === 0) return [];
    const entry = container.envByName.get(NAME)!;
    const id = parseInteger(entry.value!)!;
    const names = dropped.map((e) => e.name);
    const list = names.length === 1 ? `${names[0]} is` : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]} are`;
    return [
      {
        span: entry.nameSpan,
        message:
          `On ${versionLabel(container)} (v0.8.2–v0.8.4) a valid vip_routingtableid makes kube-vip stop reading the environment right after it, ` +
          `so ${list} silently ignored. Upgrade to v0.8.5 or later, or remove vip_routingtableid and pass --tableID=${id} as a container arg.`,
        related: dropped.map((e) => ({ span: e.nameSpan, message: `${e.name} is ignored because it is parsed after vip_routingtableid` })),
      },
    ];
  },
};

/**
 * The env entries this container sets that kube-vip never reads because of the bug; empty when it
 * does not apply. Other combination rules skip such containers: their env is not read as written.
 */
export function droppedEntries(container: KubeVipContainer): EnvEntry[] {
  if (!inRange(container.version, 'v0.8.2', 'v0.8.4')) return [];
  const entry = container.envByName.get(NAME);
  const id = entry?.value === undefined ? undefined : parseInteger(entry.value);
  if (id === undefined || id < 0) return []; // invalid values abort instead (invalid-number)
  return container.env.filter((e) => isDropped(e, container.version) && container.envByName.get(e.name) === e);
}

/** A set variable that this version parses after vip_routingtableid. */
function isDropped(entry: EnvEntry, version: Version): boolean {
  const spec = lookup(entry.name);
  if (!spec || !isReadBy(spec, version) || isUnset(entry)) return false;
  return DROPPED.includes(entry.name) || DROPPED_PREFIXES.test(entry.name);
}

/**
 * v0.8.2–v0.8.4: after parsing a valid vip_routingtableid, ParseEnvironment returns early
 * (v0.8.2:pkg/kubevip/config_environment.go:320-334, PR#889), so every variable it parses later is
 * silently ignored (pitfall 9). Fixed in v0.8.5 (commit 1f089fe). The effective config computes the
 * dropped entries (config.ts, catalog/behaviour.ts DROPPED_AFTER_TABLE_ID).
 */
import { TABLE_ID_EARLY_RETURN } from '../catalog/behaviour';
import { configOf } from '../config';
import { isUnset } from '../env';
import { HEADLINE_LIMIT } from '../types';
import { versionLabel, versionShort } from '../versionText';
import { defineRule } from './rule';

const NAME = 'vip_routingtableid';
/** Skipped by the parser like the others, but read by the VIP code itself (READ_OUTSIDE_PARSE_ENVIRONMENT). */
const READ_AGAIN = 'enable_service_security';

export const rule = defineRule({
  id: 'routing-table-id-drops-env',
  defaultSeverity: 'error',
  description: 'On v0.8.2–v0.8.4, setting vip_routingtableid makes kube-vip ignore every variable parsed after it.',
  messages: {
    droppedAfterTableId: 'v0.8.2–v0.8.4: the variables parsed after a valid vip_routingtableid are silently ignored',
  },
  requires: { wholeEnv: true },
  check({ container }) {
    const lost = configOf(container).droppedByTableId;
    if (lost.length === 0) return []; // nothing is lost
    const config = configOf(container);
    const entry = container.envByName.get(NAME)!;
    const names = lost.map((e) => e.name);
    // The worst case: the mode switch itself is dropped, so no mode runs and kube-vip stops (mode-count stays quiet here).
    const modeStops = lost.some((e) => e.name === 'bgp_enable') && config.mode === 'none';
    const modeLost = modeStops
      ? ' With bgp_enable ignored no load-balancing mode is on, so kube-vip logs that it is exiting prematurely and stops.'
      : '';
    const readAgain = !isUnset(container.envByName.get(READ_AGAIN))
      ? ` (${READ_AGAIN} is skipped by the parser too, but the VIP code of this version reads the variable itself (the exact "true"), so it still takes effect.)`
      : '';
    const tableId = Number(entry.value);
    const stops = modeStops ? '; with no mode on, it stops' : '';
    const headline = (what: string, fix = ` Upgrade to v0.8.5+ or use --tableID=${tableId}.`) => `vip_routingtableid makes ${versionShort(container)} ignore ${what}${stops}.${fix}`;
    const counted = names.length === 1 ? 'the variable parsed after it' : `the ${names.length} variables parsed after it`;
    const candidates = [headline(`${list(names)}, parsed after it`), headline(list(names)), headline(counted), headline(counted, ' Upgrade to v0.8.5+.')];
    return [
      {
        messageId: 'droppedAfterTableId',
        span: entry.nameSpan,
        message: candidates.find((c) => c.length <= HEADLINE_LIMIT) ?? candidates[candidates.length - 1],
        detail:
          `On ${versionLabel(container)} (${TABLE_ID_EARLY_RETURN.from}–${TABLE_ID_EARLY_RETURN.to}) a valid vip_routingtableid makes kube-vip stop reading the environment right after it, ` +
          `so ${list(names)} ${names.length === 1 ? 'is' : 'are'} silently ignored.${modeLost}${readAgain} Upgrade to v0.8.5 or later, or remove vip_routingtableid and pass --tableID=${tableId} as a container arg.`,
        related: lost.map((e) => ({ span: e.nameSpan, message: `${e.name} is ignored because it is parsed after vip_routingtableid` })),
      },
    ];
  },
});

/** "a", "a and b", "a, b and c". */
function list(names: readonly string[]): string {
  return names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * Exactly one of vip_arp, bgp_enable, vip_routingtable and vip_wireguard must be "true" (pitfall 14).
 * v1.2.2+ refuses to start otherwise (commit 2e4b92a); older releases silently pick one mode, or
 * stop when none is set. Which mode runs, by version, is the effective config's (config.ts).
 */
import { configOf, MODE_LABEL, MODE_PRECEDENCE, MODE_VAR } from '../config';
import type { ModeName } from '../config';
import { MODE_VARS } from '../env';
import type { EnvEntry, KubeVipContainer } from '../model';
import { abortOutcome, abortShort } from '../outcomes';
import { isOff } from '../sources';
import type { Severity } from '../types';
import { atLeast } from '../version';
import { HEADLINE_LIMIT } from '../types';
import { versionLabel, versionShort } from '../versionText';
import { defineRule } from './rule';
import type { RuleFinding } from './rule';

type Id = 'multipleModes' | 'noMode';

export const rule = defineRule<Id>({
  id: 'mode-count',
  defaultSeverity: 'error',
  description: 'Exactly one of vip_arp, bgp_enable, vip_routingtable and vip_wireguard must be "true".',
  messages: {
    multipleModes: 'several mode variables are "true": refused start on v1.2.2+, one mode silently wins before',
    noMode: 'no mode variable is "true": refused start, nil-pointer panic or premature exit, by version',
  },
  requires: { wholeEnv: true, researchedVersion: true },
  check({ container }) {
    const config = configOf(container);
    // The modes the image really reads: a mode variable dropped after vip_routingtableid is off.
    const on = config.modesOn.map((m) => container.envByName.get(MODE_VAR[m])!).sort((a, b) => a.index - b.index);
    if (on.length > 1) return multipleModes(container, on);
    if (on.length === 0 && config.mode === 'none' && MODE_VARS.every((name) => isOff(container, name))) return [noMode(container)];
    return [];
  },
});

/** One finding on each later "true" mode entry. */
function multipleModes(container: KubeVipContainer, on: EnvEntry[]): RuleFinding<Id>[] {
  const names = on.map((e) => e.name);
  const list = `${names.join(' and ')} are ${names.length === 2 ? 'both' : 'all'} "true"`;
  const label = versionLabel(container);
  let severity: Severity = 'error';
  let outcome: string;
  let short: string;
  if (atLeast(container.version, MODE_PRECEDENCE.exactlyOneFrom)) {
    outcome = `${abortOutcome(container, 'multiple kube-vip modes detected')}.`;
    short = abortShort(container);
  } else {
    severity = 'warning';
    const newer = atLeast(container.version, MODE_PRECEDENCE.newFrom);
    const order = newer ? MODE_PRECEDENCE.new : MODE_PRECEDENCE.old;
    const range = newer ? 'v1.1.0–v1.2.1' : 'v0.5.0–v1.0.4';
    const mode = configOf(container).mode;
    const wins = isModeName(mode) ? `, so ${MODE_VAR[mode]} wins` : '';
    short = `${versionShort(container)} silently runs ${isModeName(mode) ? `${MODE_LABEL[mode]} only` : 'one of them'}`;
    outcome =
      `kube-vip ${label} silently runs one mode: on ${range} it prefers ${order.map((m) => MODE_LABEL[m]).join(' over ')}${wins} ` +
      `(code outside the mode switch still sees the other flag). From ${MODE_PRECEDENCE.exactlyOneFrom} kube-vip refuses to start with this setting.`;
  }
  const headline = (subject: string) => `${subject}: ${short}. Keep exactly one mode "true".`;
  const named = headline(list);
  return on.slice(1).map((entry) => ({
    messageId: 'multipleModes',
    span: entry.valueSpan ?? entry.nameSpan,
    severity,
    message: named.length <= HEADLINE_LIMIT ? named : headline(`${names.length} mode variables are "true"`),
    detail: `kube-vip supports exactly one mode at a time, and ${list}. ${outcome}`,
    related: on.filter((e) => e !== entry).map((e) => ({ span: e.valueSpan ?? e.nameSpan, message: `${e.name} is also "true"` })),
  }));
}

/** No mode: on the first mode entry that is present (false or empty), else on the container name. */
function noMode(container: KubeVipContainer): RuleFinding<Id> {
  const present = container.env.find((e) => (MODE_VARS as readonly string[]).includes(e.name));
  const label = versionLabel(container);
  const version = versionShort(container);
  let outcome: string;
  let short: string;
  if (atLeast(container.version, MODE_PRECEDENCE.exactlyOneFrom)) {
    outcome = `${abortOutcome(container, 'no valid kube-vip mode detected')}.`;
    short = abortShort(container);
  } else if (atLeast(container.version, MODE_PRECEDENCE.newFrom)) {
    outcome = `kube-vip ${label} (v1.1.0–v1.2.1) panics with a nil pointer dereference at start-up (kube-vip#1640).`;
    short = `${version} panics at start-up`;
  } else {
    outcome = `kube-vip ${label} (v1.0.4 and earlier) starts no mode: it logs that it is exiting prematurely and stops.`;
    short = `${version} exits prematurely`;
  }
  return {
    messageId: 'noMode',
    span: present?.nameSpan ?? container.anchorSpan,
    message: [`No mode variable is "true": ${short}. Set vip_arp or bgp_enable to "true".`, `No mode variable is "true": ${short}. Set one, e.g. vip_arp, to "true".`].find(
      (c, i, all) => c.length <= HEADLINE_LIMIT || i === all.length - 1,
    )!,
    detail: `None of vip_arp, bgp_enable, vip_routingtable or vip_wireguard is "true", so no load-balancing mode is enabled. ${outcome} Set one of them to "true" (vip_arp for layer 2, bgp_enable for BGP).`,
  };
}

function isModeName(mode: string): mode is ModeName {
  return mode in MODE_VAR;
}

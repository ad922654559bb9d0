/**
 * BGP mode needs a router ID and at least one peer, and refuses bgp_sourceif together with
 * bgp_sourceip (pitfalls §19–20, v1.2.3:pkg/bgp/server.go:32-38). A literal router ID in a
 * DaemonSet is the same on every node, which breaks the sessions on the peer (kube-vip#163).
 *
 * NewBGPServer's checks run whenever bgp_enable is on: from v1.1.0-rc.0 manager.New creates the
 * server before any mode is chosen (v1.2.3:pkg/manager/manager.go:233-248), and before that BGP
 * wins over every other mode; from v1.2.2 a second mode stops start-up before manager.New
 * (v1.2.2:cmd/kube-vip.go:395-398). The router ID is used only when the BGP mode starts the server.
 */
import * as ipaddr from 'ipaddr.js';
import { isFatal, parseBgpPeers } from '../bgpPeers';
import { isReadBy, lookup } from '../catalog';
import { boolState, effectiveInt, isUnset, literalValue } from '../env';
import type { EnvEntry, KubeVipContainer } from '../model';
import { configOf, MODE_PRECEDENCE } from '../config';
import { shown } from '../headline';
import { abortOutcome, abortShort } from '../outcomes';
import { atLeast } from '../version';
import { versionLabel, versionShort } from '../versionText';
import { flagArg, mayBeSetOutsideEnv } from '../sources';
import { HEADLINE_LIMIT } from '../types';
import { defineRule } from './rule';
import type { RuleFinding } from './rule';

const ROUTER_ID = { vars: ['bgp_routerid', 'bgp_routerinterface', 'annotation'], flags: ['bgpRouterID', 'annotations'] };
const PEERS = { vars: ['bgp_peers', 'bgp_peeraddress', 'annotation'], flags: ['bgppeers', 'peerAddress', 'annotations'] };

/** NewBGPServer's error texts were capitalised up to v0.8.9 (v0.8.9:pkg/bgp/server.go:15-24) and lower-cased in v0.8.10 (v0.8.10:pkg/bgp/server.go:16-25). */
const LOWER_CASE_ERRORS_FROM = 'v0.8.10';

/** NewBGPServer's error `text` as this version spells it. */
export function bgpServerError(container: KubeVipContainer, text: 'you need to provide AS' | 'you need to provide at least one peer' | 'sourceIP and SourceIF are mutually exclusive'): string {
  return atLeast(container.version, LOWER_CASE_ERRORS_FROM) ? text : text[0].toUpperCase() + text.slice(1);
}

/** True when kube-vip certainly runs NewBGPServer (and its AS, peer and source checks). */
export function bgpServerCreated(container: KubeVipContainer): boolean {
  const config = configOf(container);
  if (config.flag('bgp_enable') !== 'on') return false;
  return !atLeast(container.version, MODE_PRECEDENCE.exactlyOneFrom) || (config.isMode('bgp') === 'on' && config.modesOn.length === 1);
}

const MESSAGES = {
  missingRouterId: 'BGP mode without a router ID: GoBGP refuses to start ("invalid router-id format")',
  missingPeer: 'bgp_enable without any peer: NewBGPServer fails and kube-vip refuses to start',
  sourceConflict: 'bgp_sourceif and bgp_sourceip both set: NewBGPServer fails and kube-vip refuses to start',
  duplicatePeer: 'bgp_peeraddress repeats a bgp_peers address: GoBGP refuses the second copy',
  extraPeer: 'bgp_peeraddress is added as one more peer after bgp_peers',
  sharedRouterId: 'A literal bgp_routerid in a DaemonSet: the same router ID on every node',
  unusedPeerAs: 'bgp_peeras without bgp_peeraddress has no effect',
} as const;
type MessageId = keyof typeof MESSAGES;

export const rule = defineRule({
  id: 'bgp-config',
  defaultSeverity: 'error',
  description: 'BGP mode needs a router ID (unique per node) and at least one peer, and only one of bgp_sourceif and bgp_sourceip.',
  messages: MESSAGES,
  requires: { wholeEnv: true, researchedVersion: true },
  check({ container }) {
    const enable = container.envByName.get('bgp_enable');
    if (!enable || !bgpServerCreated(container)) return [];
    const bgpMode = configOf(container).isMode('bgp') === 'on';
    // NewBGPServer stops at its first failing check (AS, then sources, then peers), so only that error is printed.
    const asZero = /^0+$/.test(literalValue(container, 'bgp_as') ?? ''); // reported by invalid-number
    const source = asZero ? undefined : sourceConflict(container);
    return [
      bgpMode ? missingRouterId(container, enable) : undefined,
      asZero || source ? undefined : missing(container, enable, PEERS, 'missingPeer', 'no BGP peer', `NewBGPServer fails with "${bgpServerError(container, 'you need to provide at least one peer')}"`,
        'Add bgp_peers, e.g. "192.168.0.1:65000::false".', 'Add bgp_peers, e.g. "192.168.0.1:65000::false".'),
      source,
      bgpMode ? peerAddressToo(container) : undefined,
      bgpMode ? sharedRouterId(container) : undefined,
      bgpMode ? unusedPeerAs(container) : undefined,
    ].filter((f): f is RuleFinding<MessageId> => f !== undefined);
  },
});

/** The router ID is handed to GoBGP's StartBgp (v1.2.3:pkg/bgp/server.go:55-58), which rejects "". */
function missingRouterId(container: KubeVipContainer, enable: EnvEntry): RuleFinding<MessageId> | undefined {
  return missing(container, enable, ROUTER_ID, 'missingRouterId', 'no BGP router ID', 'GoBGP refuses to start BGP ("invalid router-id format: ")',
    'In a DaemonSet take it from valueFrom.fieldRef.fieldPath: status.podIP (with hostNetwork) or set bgp_routerinterface; in a static Pod use the node\'s IPv4 address.',
    'Set bgp_routerid or bgp_routerinterface.');
}

/** A required setting none of whose sources is set: on the empty entry if there is one, else on bgp_enable. */
function missing(container: KubeVipContainer, enable: EnvEntry, need: typeof PEERS, messageId: MessageId, what: string, failure: string, advice: string, fix: string): RuleFinding<MessageId> | undefined {
  if (need.vars.some((name) => !blank(container, name)) || need.flags.some((f) => flagArg(container, f))) return undefined;
  if (mayBeSetOutsideEnv(container, need.vars[0]) || fromEquinix(container)) return undefined;
  const empty = need.vars.map((name) => container.envByName.get(name)).find((e) => e !== undefined);
  const others = need.vars.filter((name) => name !== empty?.name);
  const state = empty?.value ? `${empty.name} "${empty.value}" holds no peer, only commas` : `${empty?.name} is empty`;
  const sources = empty ? `${state}, and ${others.join(' and ')} are not set` : `none of ${others.join(', ')} is set`;
  const subject = empty?.value ? `${empty.name} ${shown(empty.value, 12)} holds no peer` : `${what.charAt(0).toUpperCase()}${what.slice(1)} is set`;
  return {
    messageId,
    span: (empty ?? enable).nameSpan,
    // Only bgp_peers can hold a value and no peer (commas): it is there, so the fix is its peers.
    message: refusedStart(container, (outcome) => `${subject}: ${outcome}. ${empty?.value ? fix.replace(/^Add bgp_peers/, 'Write the peers') : fix}`),
    detail: `bgp_enable is "true" but there is ${what}: ${sources}. ${failure}: ${abortOutcome(container)}. ${advice}`,
    related: empty ? [{ span: enable.nameSpan, message: 'BGP mode is enabled here' }] : [],
  };
}

/** A headline with abortShort, or without its "(exit 0, restart loop)" when that does not fit (the detail has it). */
function refusedStart(container: KubeVipContainer, headline: (outcome: string) => string): string {
  const full = headline(abortShort(container));
  return full.length <= HEADLINE_LIMIT ? full : headline(`${versionShort(container)} refuses to start`);
}

/** Unset or empty; for bgp_peers also a list of commas, from which kube-vip reads no peer (bgpPeers.ts `noPeer`). */
function blank(container: KubeVipContainer, name: string): boolean {
  const entry = container.envByName.get(name);
  if (isUnset(entry)) return true;
  if (name !== 'bgp_peers' || entry!.value === undefined) return false;
  return parseBgpPeers(entry!.value, container.version).entries.every((e) => e.skipped);
}

/** While kube-vip reads provider_config / vip_packet (to v0.9.0), Equinix Metal metadata supplies peers, AS and router ID. */
export function fromEquinix(container: KubeVipContainer): boolean {
  if (!isReadBy(lookup('provider_config')!, container.version)) return false;
  const packet = boolState(container, 'vip_packet');
  return !isUnset(container.envByName.get('provider_config')) || (packet !== 'false' && packet !== 'unset') || !!flagArg(container, 'provider-config') || !!flagArg(container, 'metal');
}

/** bgp_sourceif and bgp_sourceip both set: "sourceIP and SourceIF are mutually exclusive". */
function sourceConflict(container: KubeVipContainer): RuleFinding<MessageId> | undefined {
  const [a, b] = ['bgp_sourceif', 'bgp_sourceip'].map((name) => container.envByName.get(name));
  if (!a || !b || !literalValue(container, a.name) || !literalValue(container, b.name)) return undefined;
  const [first, later] = a.index < b.index ? [a, b] : [b, a];
  return {
    messageId: 'sourceConflict',
    span: later.nameSpan,
    message: refusedStart(container, (outcome) => `bgp_sourceif and bgp_sourceip are both set: ${outcome}. Remove one of them.`),
    detail: `kube-vip accepts only one of them: NewBGPServer fails with "${bgpServerError(container, 'sourceIP and SourceIF are mutually exclusive')}": ${abortOutcome(container)}.`,
    related: [{ span: first.nameSpan, message: `${first.name} is also set` }],
  };
}

/** bgp_peeraddress is appended to the bgp_peers list: an extra peer, or a duplicate GoBGP refuses. */
function peerAddressToo(container: KubeVipContainer): RuleFinding<MessageId> | undefined {
  const single = container.envByName.get('bgp_peeraddress');
  const peers = container.envByName.get('bgp_peers');
  const address = literalValue(container, 'bgp_peeraddress');
  if (!single?.valueSpan || !peers || isUnset(peers) || address === undefined) return undefined;
  const list = peers.value === undefined ? undefined : parseBgpPeers(peers.value, container.version);
  const same = list?.entries.find((p) => p.address !== undefined && sameIp(p.address, address));
  const related = [{ span: peers.valueSpan ?? peers.nameSpan, message: 'bgp_peers is set too' }];
  if (same) {
    return {
      messageId: 'duplicatePeer',
      span: single.valueSpan,
      message: `bgp_peeraddress ${shown(address, 20)} repeats bgp_peers peer ${same.index}: ${versionShort(container)} cannot add it twice, so BGP does not start. Remove one.`,
      detail:
        `kube-vip adds bgp_peeraddress as one more peer after the bgp_peers list: GoBGP refuses the same neighbour twice ("can't overwrite the existing peer"), ` +
        `so on ${versionLabel(container)} kube-vip cannot add the second copy and the BGP server does not start. Remove bgp_peeraddress (and bgp_peeras, bgp_peerpass, bgp_multihop) or that bgp_peers entry.`,
      related,
    };
  }
  return {
    messageId: 'extraPeer',
    span: single.valueSpan,
    severity: 'info',
    message: `bgp_peeraddress ${shown(address, 20)} is added as a peer after bgp_peers. Remove it if bgp_peers lists every neighbour.`,
    detail: `kube-vip adds bgp_peeraddress "${address}" as one more peer after the bgp_peers list, with bgp_peeras, bgp_peerpass and bgp_multihop.`,
    related,
  };
}

/** Pitfall 19: one literal router ID for every node of a DaemonSet. */
function sharedRouterId(container: KubeVipContainer): RuleFinding<MessageId> | undefined {
  const entry = container.envByName.get('bgp_routerid');
  const id = literalValue(container, 'bgp_routerid');
  if (!entry?.valueSpan || id === undefined || container.resourceKind !== 'DaemonSet') return undefined;
  const iface = literalValue(container, 'bgp_routerinterface');
  const overrides = iface ? ` It also overrides bgp_routerinterface "${iface}", which would give each node its own ID.` : '';
  return {
    messageId: 'sharedRouterId',
    span: entry.valueSpan,
    severity: 'warning',
    message: `bgp_routerid ${shown(id, 18)} is the same on every DaemonSet node: the BGP sessions break. Take it from status.podIP.`,
    detail:
      `A fixed bgp_routerid in a DaemonSet makes kube-vip use the same BGP router ID on every node; the peer sees duplicate router IDs and the sessions break.${overrides} ` +
      `Take it from valueFrom.fieldRef.fieldPath: status.podIP (the node IP with hostNetwork), or remove it and set bgp_routerinterface.`,
  };
}

/**
 * bgp_peeras only describes the bgp_peeraddress peer. Set to a value no bgp_peers entry uses while
 * bgp_peeraddress is empty, it hints at peers written with the wrong AS (e.g. the cluster's own).
 */
function unusedPeerAs(container: KubeVipContainer): RuleFinding<MessageId> | undefined {
  const entry = container.envByName.get('bgp_peeras');
  const peerAs = literalValue(container, 'bgp_peeras');
  const peersValue = literalValue(container, 'bgp_peers');
  if (!entry?.valueSpan || peerAs === undefined || peersValue === undefined || !isUnset(container.envByName.get('bgp_peeraddress'))) return undefined;
  const peers = parseBgpPeers(peersValue, container.version).entries.filter((p) => !p.skipped);
  if (peers.length === 0 || peers.some((p) => p.as === undefined || p.problems.some((q) => isFatal(q.outcome)))) return undefined;
  if (!/^\d+$/.test(peerAs) || peers.some((p) => p.as === Number(peerAs))) return undefined;
  const ases = [...new Set(peers.map((p) => p.as))];
  const own = effectiveInt(container, 'bgp_as')?.value;
  const isIbgp = ases.length === 1 && ases[0] === own;
  const ibgp = isIbgp ? ` That is kube-vip's own AS (bgp_as ${own}), so these are iBGP sessions: check that the peers are your routers and their AS.` : '';
  return {
    messageId: 'unusedPeerAs',
    span: entry.valueSpan,
    severity: 'info',
    message: isIbgp
      ? `bgp_peeras ${shown(peerAs, 12)} is unused (no bgp_peeraddress), and the peers use kube-vip's own AS ${own}. Check their AS.`
      : `bgp_peeras ${shown(peerAs, 12)} is unused: it is only for bgp_peeraddress, which is not set. Remove it or check the peers' AS.`,
    detail: `bgp_peeras only applies to the bgp_peeraddress peer, which is not set; the bgp_peers entries carry their own AS (${ases.join(', ')}).${ibgp}`,
    related: [{ span: container.envByName.get('bgp_peers')!.valueSpan!, message: 'the peers and their AS numbers' }],
  };
}

/** True when two texts are the same IP address (any spelling). */
function sameIp(a: string, b: string): boolean {
  try {
    return ipaddr.parse(a).toNormalizedString() === ipaddr.parse(b).toNormalizedString();
  } catch {
    return a === b;
  }
}

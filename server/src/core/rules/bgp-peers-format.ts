/**
 * bgp_peers is parsed at start-up, whatever the mode, with a grammar that changed four times
 * (pitfalls §18): a peer written for another release aborts kube-vip, panics it (v0.8.10 to
 * v1.2.0-rc.0, PR #1551), or has fields silently dropped. Some fields are parsed but never used (the
 * port; MP-BGP options without the global mpbgp_nexthop). The parser lives in ../bgpPeers.
 */
import { BgpPeer, BgpPeerList, describeProblem, isFatal, isParseOutcome, parseBgpPeers, PEER_MESSAGES, peerEnvOf, PeerProblem, rebuild } from '../bgpPeers';
import { configOf } from '../config';
import type { Outcome } from '../bgpPeers';
import { replaceValue } from '../fixes';
import { shown } from '../headline';
import type { EnvEntry, KubeVipContainer } from '../model';
import { abortShort } from '../outcomes';
import { HEADLINE_LIMIT } from '../types';
import type { Fix } from '../types';
import { versionLabel, versionShort } from '../versionText';
import { defineRule } from './rule';
import type { RuleFinding } from './rule';

export const rule = defineRule({
  id: 'bgp-peers-format',
  defaultSeverity: 'error',
  description: 'bgp_peers must use the peer syntax of the image version; otherwise kube-vip aborts, panics or drops fields.',
  messages: PEER_MESSAGES,
  requires: { researchedVersion: true },
  check({ container }) {
    const entry = container.envByName.get('bgp_peers');
    if (!entry?.valueSpan || entry.value === undefined || entry.value === '') return [];
    if (configOf(container).notParsed('bgp_peers')) return []; // never parsed (v0.8.2–v0.8.4 after the table id): no abort
    const env = peerEnvOf(container);
    const list = parseBgpPeers(entry.value, container.version, env);
    // Outside BGP mode the peers are parsed (and can abort start-up) but never added or dialled.
    const applies = (problem: PeerProblem) => env.bgp !== 'off' || isParseOutcome(problem.outcome);
    if (list.listProblem) return applies(list.listProblem) ? [finding(container, entry, list, undefined, list.listProblem, list.listProblem.replacementValue)] : [];
    return list.entries.flatMap((peer) => peer.problems.filter(applies).map((problem) => finding(container, entry, list, peer, problem)));
  },
});

/** One problem of one peer (or of the whole list), on the value. */
function finding(container: KubeVipContainer, entry: EnvEntry, list: BgpPeerList, peer: BgpPeer | undefined, problem: PeerProblem, newValue?: string): RuleFinding<keyof typeof PEER_MESSAGES> {
  const value = newValue ?? (peer && problem.replacement !== undefined ? rebuild(list, new Map([[peer.index, problem.replacement]])) : undefined);
  const fixes: Fix[] = [];
  // Moving a "/mpbgp_..." suffix into the v1.2.2 field layout is right only for the version the tag names.
  const certain = container.versionFromTag || !problem.fixTitle?.startsWith('Move the MP-BGP');
  const edit = value !== undefined && value !== entry.value && certain ? replaceValue(entry, value) : undefined;
  if (edit) fixes.push({ title: problem.fixTitle ?? `Set bgp_peers to "${value}"`, edits: [edit], preferred: true });
  return {
    messageId: problem.id,
    span: entry.valueSpan!,
    severity: isFatal(problem.outcome) ? 'error' : 'warning',
    message: headline(container, entry, peer, problem),
    detail: capitalised(describeProblem(peer, problem, container.version, versionLabel(container))),
    fixes,
  };
}

/**
 * "bgp_peers peer 2: multihop "ss" is not a boolean: v1.2.3 refuses to start. Use true or false." A
 * refused start says "(exit 0, restart loop)" where it fits; the detail always has it.
 */
function headline(container: KubeVipContainer, entry: EnvEntry, peer: BgpPeer | undefined, problem: PeerProblem): string {
  const subject = peer ? `bgp_peers peer ${peer.index}:` : `bgp_peers ${shown(entry.value ?? '', 18)}`;
  const text = (effect: string) => `${subject} ${problem.short}: ${effect}.${problem.fix ? ` ${problem.fix}` : ''}`;
  const full = text(problem.effect?.(versionShort(container)) ?? shortOutcome(container, problem.outcome));
  return full.length > HEADLINE_LIMIT && !problem.effect && problem.outcome === 'abort' ? text(`${versionShort(container)} refuses to start`) : full;
}

/** What an outcome means on this container's version, for a headline (the detail has outcomeText). */
function shortOutcome(container: KubeVipContainer, outcome: Outcome): string {
  const version = versionShort(container);
  switch (outcome) {
    case 'abort':
      return abortShort(container);
    case 'panic':
      return `${version} panics at start-up`;
    case 'no-start':
      return `${version} does not start BGP`;
    case 'ignored':
      return `${version} ignores it`;
    case 'suspect':
      return 'start-up does not catch it';
  }
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * kube-vip's `bgp_peers` grammar by image version, parsed the way its ParseBGPPeerConfig does:
 * split on ",", then on ":" (no trimming, no escaping). Each peer keeps its problems, each with
 * what that version of kube-vip does about it. Sources: pitfalls §18, kube-vip PR #1062 (port),
 * PR #1551 (empty multihop, "/key" without "="), v1.2.3:pkg/kubevip/config_bgp.go:60-233.
 * Some fields are parsed but not used: the port (AddPeer always dials 179, v1.2.3:pkg/bgp/peers.go:53)
 * and, without the global mpbgp_nexthop, the MP-BGP options (v1.2.3:pkg/bgp/peers.go:78).
 */
import { ABORT, RESEARCHED_FROM } from './catalog/behaviour';
import { configOf } from './config';
import type { Tri } from './config';
import { isUnset } from './env';
import type { KubeVipContainer } from './model';
import { mayBeSetOutsideEnv } from './sources';
import { shown } from './headline';
import { ipFamily } from './values';
import { atLeast, formatVersion, inRange, Version } from './version';

/** Version boundaries of the bgp_peers syntax. */
export const PEER_SYNTAX = {
  /** `address:AS[:password[:multihop]]`, `[IPv6]`, empty entries skipped (before: exactly four fields). */
  optionalFields: 'v0.5.8',
  /** 5th field = port (PR #1062) and the `/mpbgp_nexthop=...;...` suffix. */
  portAndSuffix: 'v0.8.10',
  /** `unnumbered:<iface>` peers (v1.2.0-rc.0:pkg/kubevip/config_bgp.go:69-81). */
  unnumbered: 'v1.2.0-rc.0',
  /** Empty multihop = false; "/key" without "=" is an error, not a panic (PR #1551, v1.2.0:pkg/kubevip/config_bgp.go:110,133-135). */
  lenient: 'v1.2.0',
  /** Fields 6 (MP-BGP "k=v;k=v") and 7 (BFD "enable;rx;tx;mult"); empty port = 179; "/" no longer split off. */
  positional: 'v1.2.2',
} as const;

/**
 * Port dialled for every peer: AddPeer hard-codes it (v0.8.10:pkg/bgp/peers.go:44,
 * v1.2.3:pkg/bgp/peers.go:53), whatever the 5th field says.
 */
export const DIALLED_PORT = 179;

/** What the rest of the env says that changes how peers are used. */
export interface PeerEnv {
  /**
   * The global mpbgp_nexthop: AddPeer sets up MP-BGP, per-peer options included, only when it is
   * non-empty (v0.8.10:pkg/bgp/peers.go:48, v1.2.3:pkg/bgp/peers.go:78).
   */
  readonly mpbgpNexthop: 'set' | 'unset' | 'unknown';
  /** Whether the BGP server runs and adds the peers (the mode), so runtime consequences apply. */
  readonly bgp: Tri;
}

/** Nothing known about the env: no claim that depends on it. */
const UNKNOWN_ENV: PeerEnv = { mpbgpNexthop: 'unknown', bgp: 'unknown' };

/** The PeerEnv of a container, from its effective configuration. */
export function peerEnvOf(container: KubeVipContainer): PeerEnv {
  const config = configOf(container);
  const entry = container.envByName.get('mpbgp_nexthop');
  let mpbgpNexthop: PeerEnv['mpbgpNexthop'] = 'unknown';
  if (config.notParsed('mpbgp_nexthop')) mpbgpNexthop = 'unset';
  else if (entry?.value !== undefined && entry.value !== '') mpbgpNexthop = 'set';
  else if (isUnset(entry) && !mayBeSetOutsideEnv(container, 'mpbgp_nexthop')) mpbgpNexthop = 'unset';
  return { mpbgpNexthop, bgp: config.isMode('bgp') };
}

/** What kube-vip does about a problem. */
export type Outcome = 'abort' | 'panic' | 'no-start' | 'ignored' | 'suspect';

/** Every kind of problem, by stable message id, with a one-line summary (the rule's `messages`). */
export const PEER_MESSAGES = {
  swappedSeparators: 'Peers separated by ":" and fields by ",", the other way round',
  noPeer: 'The list holds only commas',
  legacyEmptyEntry: 'v0.5.0–v0.5.7: an empty entry aborts start-up',
  legacyFieldCount: 'v0.5.0–v0.5.7: a peer needs exactly four fields',
  legacyAsRange: 'v0.5.0–v0.5.7: an AS outside 0–4294967295 is converted without a range check',
  unclosedBracket: 'An IPv6 "[" address without "]" aborts start-up',
  incompletePeer: 'A peer without address:AS aborts start-up',
  badAs: 'The AS field is not a whole number 0–4294967295',
  emptyMultihop: 'Before v1.2.0 an empty multihop field aborts start-up',
  badMultihop: 'The multihop field is not a Go boolean',
  emptyPort: 'v0.8.10–v1.2.1: an empty port field aborts start-up',
  badPort: 'The port field is not a number 0–65535',
  portIgnored: 'v0.8.10+: the port field is parsed but never used; kube-vip dials port 179',
  mpbgpNoValue: 'An MP-BGP option without "=value": a panic before v1.2.0, an abort from v1.2.0',
  mpbgpUnknownKey: 'An unsupported MP-BGP option aborts start-up',
  mpbgpBadNexthop: 'A per-peer mpbgp_nexthop that is not fixed, auto_sourceip or auto_sourceif',
  mpbgpBadAddress: 'A per-peer mpbgp_ipv4/mpbgp_ipv6 that is not an IP address',
  mpbgpIgnored: 'Per-peer MP-BGP options are ignored unless the mpbgp_nexthop env variable is set',
  badBfd: 'v1.2.2+: malformed BFD options abort start-up',
  extraFields: 'Fields this version does not read',
  extraSlash: 'v0.8.10–v1.2.1: text after a second "/" is dropped',
  noInterface: 'v1.2.0-rc.0+: an unnumbered peer without an interface name',
  badAddress: 'An empty or malformed peer address: the peer cannot be added',
  addressNotIp: 'A peer address that is not an IP address',
} as const;
export type PeerMessageId = keyof typeof PEER_MESSAGES;

export interface PeerProblem {
  /** Which kind of problem (a key of PEER_MESSAGES). */
  readonly id: PeerMessageId;
  /** The field at fault: address, AS, password, multihop, port, MP-BGP options, BFD options, entry. */
  readonly field: string;
  /** What is wrong, in one or two sentences (the detail and the hover). */
  readonly what: string;
  /** The same for a headline: a clause naming the field and its value, e.g. `multihop "ss" is not a Go boolean`. */
  readonly short: string;
  /**
   * What kube-vip does, for a headline, given the version for a headline ("v1.2.3"), when the outcome's
   * generic clause (shortOutcome in the rule) is not the point: `v1.2.3 always dials port 179`.
   */
  readonly effect?: (version: string) => string;
  /** The fix for a headline, as an imperative sentence: `Write "false".` */
  readonly fix?: string;
  readonly outcome: Outcome;
  /** A corrected text for this peer (null: drop the entry), when the correction is certain. */
  readonly replacement?: string | null;
  readonly fixTitle?: string;
}

export interface BgpPeer {
  /** 1-based position in the comma-separated list as written (empty entries count). */
  readonly index: number;
  readonly text: string;
  readonly address?: string;
  readonly iface?: string;
  readonly as?: number;
  readonly password?: string;
  readonly multihop?: boolean;
  readonly port?: number;
  /** MP-BGP and BFD settings, as "key=value" texts. */
  readonly extras: string[];
  readonly problems: PeerProblem[];
  /** An empty entry that kube-vip skips. */
  readonly skipped: boolean;
}

export interface BgpPeerList {
  readonly entries: readonly BgpPeer[];
  /** A problem with the list as a whole (separators swapped, no peer at all). */
  readonly listProblem?: PeerProblem & { replacementValue?: string };
}

const UINT32_MAX = 4294967295;
const GO_BOOL = new Set(['1', 't', 'T', 'TRUE', 'true', 'True', '0', 'f', 'F', 'FALSE', 'false', 'False']);
const MPBGP_KEYS = ['mpbgp_nexthop', 'mpbgp_ipv4', 'mpbgp_ipv6'];
const NEXTHOP_MODES = ['fixed', 'auto_sourceip', 'auto_sourceif'];
const IPV4 = '\\d{1,3}(?:\\.\\d{1,3}){3}';
/** k3s-ansible's "addr,asn:addr,asn" (pitfalls §18, k3s-ansible PR #614). */
const SWAPPED_RE = new RegExp(`^${IPV4},\\d+(?::${IPV4},\\d+)*$`);

/** Parses a bgp_peers value as kube-vip `version` does; `env` adds what the other variables decide. */
export function parseBgpPeers(value: string, version: Version, env: PeerEnv = UNKNOWN_ENV): BgpPeerList {
  if (SWAPPED_RE.test(value)) return { entries: [], listProblem: swapped(value, version) };
  const entries = value.split(',').map((text, i) => parseEntry(text, i + 1, version, env));
  const listProblem = entries.every((e) => e.skipped)
    ? {
        id: 'noPeer' as const,
        field: 'entry',
        what: 'The list holds no peer, only commas: kube-vip reads no peer from it (with bgp_enable on, bgp-config reports the refused start).',
        short: 'holds only commas, no peer',
        effect: (v: string) => `${v} reads no peer from it`,
        fix: 'List the peers as address:AS, or remove it.',
        outcome: 'ignored' as const,
      }
    : undefined;
  return { entries, listProblem };
}

/** The value with some entries replaced (null removes one). */
export function rebuild(list: BgpPeerList, replace: ReadonlyMap<number, string | null>): string {
  return list.entries
    .map((e) => (replace.has(e.index) ? replace.get(e.index) : e.text))
    .filter((t): t is string => t !== null)
    .join(',');
}

/** True for outcomes of the parser itself, which runs at start-up in every mode (ParseEnvironment). */
export function isParseOutcome(outcome: Outcome): boolean {
  return outcome === 'abort' || outcome === 'panic';
}

/** True for outcomes that stop kube-vip or its BGP server. */
export function isFatal(outcome: Outcome): boolean {
  return outcome === 'abort' || outcome === 'panic' || outcome === 'no-start';
}

/** What `outcome` means on `version`, as a clause ("start-up aborts ..."). */
export function outcomeText(outcome: Outcome, version: Version): string {
  switch (outcome) {
    case 'abort':
      if (!atLeast(version, ABORT.exitZeroFrom)) return 'kube-vip refuses to start (exit code 1)';
      return inRange(version, ABORT.exitZeroFrom, ABORT.exitZeroUntil)
        ? 'start-up aborts with exit code 0, so the Pod looks Completed and restarts in a loop'
        : 'start-up aborts';
    case 'panic':
      return 'kube-vip panics at start-up (index out of range)';
    case 'no-start':
      return 'kube-vip cannot add this peer, so the BGP server does not start';
    case 'ignored':
      return 'it is silently ignored';
    case 'suspect':
      return 'start-up does not catch it';
  }
}

/** One line about a problem: "peer 2 ("x"), multihop field: ... On v1.1.0 start-up aborts ...". */
export function describeProblem(peer: BgpPeer | undefined, problem: PeerProblem, version: Version, label = formatVersion(version)): string {
  const where = peer ? `peer ${peer.index} ("${peer.text}"), ${problem.field}: ` : '';
  return `${where}${problem.what} On ${label} ${outcomeText(problem.outcome, version)}.`;
}

function swapped(value: string, version: Version): PeerProblem & { replacementValue: string } {
  const tail = atLeast(version, PEER_SYNTAX.optionalFields) ? '' : '::false';
  const fixedValue = value.split(':').map((pair) => pair.replace(',', ':') + tail).join(',');
  return {
    id: 'swappedSeparators',
    field: 'entry',
    what: `"${value}" separates each address from its AS with "," and the peers with ":", the other way round: kube-vip splits peers on "," and fields on ":", so peer 1 is "${value.split(',')[0]}" with no AS number. Write "${fixedValue}".`,
    short: 'swaps "," and ":"',
    fix: `Use ${shown(fixedValue, 24)}.`,
    outcome: 'abort',
    replacementValue: fixedValue,
    fixTitle: `Set bgp_peers to "${fixedValue}"`,
  };
}

interface Draft {
  env: PeerEnv;
  /** Text before the colon-separated fields ("[fd00::1]", "unnumbered:") and after them ("/mpbgp_..."). */
  prefix: string;
  suffix: string;
  address?: string;
  iface?: string;
  as?: number;
  password?: string;
  multihop?: boolean;
  port?: number;
  extras: string[];
  problems: PeerProblem[];
}

/** v0.8.10–v1.2.1 cut each entry at "/" and read the rest as MP-BGP options. */
function splitsSlash(version: Version): boolean {
  return atLeast(version, PEER_SYNTAX.portAndSuffix) && !atLeast(version, PEER_SYNTAX.positional);
}

function parseEntry(text: string, index: number, version: Version, env: PeerEnv): BgpPeer {
  const d: Draft = { env, prefix: '', suffix: '', extras: [], problems: [] };
  let skipped = false;
  if (!atLeast(version, PEER_SYNTAX.optionalFields)) parseLegacy(text, version, d);
  else if (text === '' || (splitsSlash(version) && text.split('/')[0] === '')) skipped = true;
  else parseModern(text, version, d);
  const { address, iface, as, password, multihop, port, extras } = d;
  return { index, text, skipped, address, iface, as, password, multihop, port, extras, problems: withSpaceFix(text, version, d.problems, env) };
}

/**
 * kube-vip never trims, so "a:1, b:2" gives the address " b". Removing the spaces is certain when
 * the result parses cleanly and the peer has no password (spaces may belong to a password).
 */
function withSpaceFix(text: string, version: Version, problems: PeerProblem[], env: PeerEnv): PeerProblem[] {
  const first = problems.findIndex((p) => isFatal(p.outcome));
  if (first < 0 || problems[first].replacement !== undefined || !/\s/.test(text)) return problems;
  const stripped = text.replace(/\s+/g, '');
  const check: Draft = { env, prefix: '', suffix: '', extras: [], problems: [] };
  if (atLeast(version, PEER_SYNTAX.optionalFields)) parseModern(stripped, version, check);
  else parseLegacy(stripped, version, check);
  if (check.problems.some((p) => p.outcome !== 'ignored') || (check.password ?? '') !== '') return problems;
  const out = [...problems];
  out[first] = { ...problems[first], what: `${problems[first].what} kube-vip does not trim spaces.`, fix: 'Remove the spaces.', replacement: stripped, fixTitle: 'Remove the spaces' };
  return out;
}

/** v0.5.0–v0.5.7: exactly `address:AS:password:multihop`, AS via strconv.Atoi, no brackets. */
function parseLegacy(text: string, version: Version, d: Draft): void {
  const fields = text.split(':');
  const v = formatVersion(version);
  if (text === '') {
    d.problems.push({ id: 'legacyEmptyEntry', field: 'entry', what: `An empty entry (a stray comma): before v0.5.8 every entry must be address:AS:password:multihop.`, short: 'the entry is empty (a stray comma)', fix: 'Remove the empty entry.', outcome: 'abort', replacement: null, fixTitle: 'Remove the empty entry' });
    return;
  }
  if (fields.length !== 4) {
    const ipv6 = looksIpv6(fields) ? ' IPv6 peers cannot be written in bgp_peers before v0.5.8 (the address colons split the fields).' : '';
    // Padding completes a peer only when its address and AS are there: ":" would become ":::false".
    const complete = fields[0] !== '' && /^[+-]?\d+$/.test(fields[1] ?? '');
    const pad = !complete ? undefined : fields.length === 2 ? `${text}::false` : fields.length === 3 ? `${text}:false` : undefined;
    d.problems.push({
      id: 'legacyFieldCount',
      field: 'entry',
      what: `${v} needs exactly four fields, address:AS:password:multihop, and this entry has ${fields.length}.${ipv6}${pad ? ` Write "${pad}".` : ''}`,
      short: `${fields.length} fields, not address:AS:password:multihop`,
      fix: ipv6 ? 'Use v0.5.8+ for IPv6 peers.' : pad ? `Write ${shown(pad)}.` : 'Write all four fields.',
      outcome: 'abort',
      ...(pad && !ipv6 ? { replacement: pad, fixTitle: `Write peer as "${pad}"` } : {}),
    });
    return;
  }
  d.address = fields[0];
  if (!/^[+-]?\d+$/.test(fields[1])) return asProblem(d, fields[1], version);
  const as = Number(fields[1]);
  if (as < 0 || as > UINT32_MAX) {
    d.problems.push({
      id: 'legacyAsRange',
      field: 'AS',
      what: `AS "${fields[1]}" is outside 0–${UINT32_MAX}; ${v} converts it without a range check, so the session uses a different AS.`,
      short: `AS ${shown(fields[1], 14)} is out of range`,
      effect: (label) => `${label} converts it unchecked, so another AS is used`,
      fix: 'Fix the AS.',
      outcome: 'suspect',
    });
  }
  d.as = as;
  d.password = fields[2];
  if (!checkMultihop(d, fields, version)) return;
  checkAddress(d, fields[0]);
}

/** True when the entry starts with "[" or with an IPv6 address; the "::" of an empty password does not count. */
function looksIpv6(fields: readonly string[]): boolean {
  if (fields[0].startsWith('[')) return true;
  return fields.some((_, k) => k >= 2 && ipFamily(fields.slice(0, k + 1).join(':')) === 'ipv6');
}

/** v0.5.8 and later. */
function parseModern(text: string, version: Version, d: Draft): void {
  const positional = atLeast(version, PEER_SYNTAX.positional);
  const parts = splitsSlash(version) ? text.split('/') : [text];
  let rest = parts[0];
  d.suffix = parts.length > 1 ? `/${parts.slice(1).join('/')}` : '';
  const v6 = rest.startsWith('[');
  const unnumbered = atLeast(version, PEER_SYNTAX.unnumbered) && rest.startsWith('unnumbered:');
  if (v6) {
    const close = rest.indexOf(']');
    if (close < 0) {
      d.problems.push({ id: 'unclosedBracket', field: 'address', what: `"[" opens an IPv6 address, but no "]" closes it.`, short: 'no "]" closes the "["', fix: 'Add the "]".', outcome: 'abort' });
      return;
    }
    d.address = rest.slice(1, close);
    d.prefix = rest.slice(0, close + 1);
    rest = rest.slice(close + 1);
  } else if (unnumbered) {
    d.prefix = 'unnumbered:';
    rest = rest.slice(d.prefix.length);
  }
  const fields = rest.split(':');
  if (fields.length < 2 && !unnumbered) return incomplete(d, text);
  if (unnumbered) d.iface = fields[0];
  else if (!v6) d.address = fields[0];
  if (fields.length >= 2) {
    if (!/^\d+$/.test(fields[1]) || Number(fields[1]) > UINT32_MAX) return asProblem(d, fields[1], version, text);
    d.as = Number(fields[1]);
  }
  d.password = fields[2] ?? '';
  if (fields.length >= 4 && !checkMultihop(d, fields, version)) return;
  if (fields.length >= 5 && !checkPort(d, fields, version)) return;
  if (positional) {
    if (fields.length >= 6 && fields[5] !== '' && !checkMpbgp(d, fields[5], version)) return;
    if (fields.length >= 7 && fields[6] !== '' && !checkBfd(d, fields[6])) return;
  } else if (parts.length > 1 && !checkMpbgp(d, parts[1], version)) {
    return;
  }
  extraFields(d, fields, parts, version);
  if (unnumbered) {
    if (d.iface === '') d.problems.push({ id: 'noInterface', field: 'interface', what: 'An unnumbered peer needs an interface name: unnumbered:<iface>:AS.', short: '"unnumbered:" has no interface', fix: 'Write unnumbered:<iface>:AS.', outcome: 'no-start' });
  } else {
    checkAddress(d, d.address!);
  }
}

function incomplete(d: Draft, text: string): void {
  const asn = /^\d+$/.test(text);
  const hint = asn
    ? ' It looks like an AS number on its own: "," separates peers and ":" separates a peer\'s fields (address:AS).'
    : ipFamily(text) ? ` It has no AS number; write "${text}:<AS>".` : '';
  const short = asn ? `${shown(text, 16)} is only an AS` : ipFamily(text) ? `${shown(text, 20)} has no AS` : `${shown(text, 20)} is not address:AS`;
  const fix = asn ? 'Write it as address:AS.' : ipFamily(text) ? 'Add ":<AS>".' : 'Write at least address:AS.';
  d.problems.push({ id: 'incompletePeer', field: 'entry', what: `Every peer needs at least address:AS ("mandatory peering params <host>:<AS> incomplete").${hint}`, short, fix, outcome: 'abort' });
}

function asProblem(d: Draft, field: string, version: Version, text = ''): void {
  let hint = '';
  let fix = 'Use a whole number.';
  if (text.startsWith('unnumbered:')) {
    hint = ` Unnumbered peers (unnumbered:<iface>:AS) are understood from ${PEER_SYNTAX.unnumbered}.`;
    fix = `Upgrade to ${PEER_SYNTAX.unnumbered}+.`;
  } else if (/^[0-9a-fA-F]{0,4}::?[0-9a-fA-F]/.test(text) && /::|(:[0-9a-fA-F]{1,4}){3}/.test(text)) {
    hint = ' An IPv6 address must be written in brackets: [fd00::1]:65000.';
    fix = 'Bracket the IPv6 address.';
  } else {
    hint = slashHint(field, version);
    fix = slashFix(field, version) ?? fix;
  }
  const what = field === '' ? 'The AS field is empty' : `"${field}" is not an AS number`;
  const short = slashShort(field, version) ?? (field === '' ? 'the AS is empty' : `AS ${shown(field, 14)} is not 0–${UINT32_MAX}`);
  d.problems.push({ id: 'badAs', field: 'AS', what: `${what} (kube-vip wants a whole number 0–${UINT32_MAX}).${hint}`, short, fix, outcome: 'abort' });
}

/** Field 4: strconv.ParseBool; empty is an error before v1.2.0 (PR #1551). */
function checkMultihop(d: Draft, fields: string[], version: Version): boolean {
  const value = fields[3];
  if (value === '' && atLeast(version, PEER_SYNTAX.lenient)) return true;
  if (GO_BOOL.has(value)) {
    d.multihop = ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value);
    return true;
  }
  if (value === '') {
    const replacement = rewrite(d, [...fields.slice(0, 3), 'false', ...fields.slice(4)]);
    d.problems.push({ id: 'emptyMultihop', field: 'multihop', what: `The multihop field is empty; before v1.2.0 kube-vip parses it with strconv.ParseBool, which rejects "" ("BGP MultiHop format error"). Write "false".`, short: 'the multihop field is empty', fix: 'Write "false".', outcome: 'abort', replacement, fixTitle: 'Write "false" in the empty multihop field' });
    return false;
  }
  const hint = slashHint(value, version) || (d.password ? ' A ":" inside the password would split it into extra fields; passwords cannot contain ":".' : '');
  const fix = slashFix(value, version) ?? (d.password ? 'Remove ":" from the password.' : 'Use true or false.');
  d.problems.push({
    id: 'badMultihop',
    field: 'multihop',
    what: `"${value}" is not a Go boolean (strconv.ParseBool accepts true/false, 1/0, t/f, TRUE/FALSE, True/False).${hint}`,
    short: slashShort(value, version) ?? `multihop ${shown(value, 16)} is not a boolean`,
    fix,
    outcome: 'abort',
    ...suffixRewrite(d, fields, value, version),
  });
  return false;
}

/** The exact v1.2.2 rewrite of a `.../mpbgp_...` suffix, when the options hold no ":". */
function suffixRewrite(d: Draft, fields: string[], value: string, version: Version): Partial<PeerProblem> {
  const [head, options, ...more] = value.split('/');
  if (!atLeast(version, PEER_SYNTAX.positional) || more.length > 0 || fields.length !== 4 || !GO_BOOL.has(head)) return {};
  const pairs = options.split(';');
  if (!pairs.every((p) => MPBGP_KEYS.includes(p.split('=')[0]) && p.includes('='))) return {};
  const replacement = rewrite(d, [...fields.slice(0, 3), head, '', options]);
  return { replacement, fixTitle: `Move the MP-BGP options into the 6th field: "${replacement}"` };
}

/** The peer's text with its colon-separated fields replaced. */
function rewrite(d: Draft, fields: readonly string[]): string {
  return d.prefix + fields.join(':') + d.suffix;
}

/** Field 5 (v0.8.10+): strconv.ParseUint(port, 10, 16); empty = 179 only from v1.2.2. */
function checkPort(d: Draft, fields: string[], version: Version): boolean {
  if (!atLeast(version, PEER_SYNTAX.portAndSuffix)) return true;
  const value = fields[4];
  if (value === '' && atLeast(version, PEER_SYNTAX.positional)) {
    d.port = 179;
    return true;
  }
  if (value === '') {
    const replacement = rewrite(d, [...fields.slice(0, 4), '179', ...fields.slice(5)]);
    d.problems.push({ id: 'emptyPort', field: 'port', what: 'The port field is empty; before v1.2.2 kube-vip parses it as a number and rejects "". Write "179" (the BGP port) or remove the trailing ":".', short: 'the port is empty', fix: 'Write "179" or drop the last ":".', outcome: 'abort', replacement, fixTitle: 'Write "179" in the empty port field' });
    return false;
  }
  if (!/^\d+$/.test(value) || Number(value) > 65535) {
    d.problems.push({ id: 'badPort', field: 'port', what: `"${value}" is not a TCP port number (0–65535).`, short: `port ${shown(value, 12)} is not 0–65535`, fix: `Use ${DIALLED_PORT} (always dialled).`, outcome: 'abort' });
    return false;
  }
  d.port = Number(value);
  if (d.port !== DIALLED_PORT) {
    d.problems.push({
      id: 'portIgnored',
      field: 'port',
      what: portIgnored(value),
      short: `port ${shown(value, 14)} is never used`,
      effect: (label) => `${label} always dials port ${DIALLED_PORT}`,
      fix: `Check the peer listens on ${DIALLED_PORT}.`,
      outcome: 'ignored',
    });
  }
  return true;
}

/** The port is parsed (v1.2.3:pkg/kubevip/config_bgp.go:137-149) and then not used: AddPeer dials 179. */
function portIgnored(value: string): string {
  const reach = value === '0' ? '' : ` A peer that listens only on port ${value} is not reached.`;
  return `Port "${value}" is parsed but never used: kube-vip always connects to the peer on port ${DIALLED_PORT} (AddPeer sets RemotePort ${DIALLED_PORT}).${reach}`;
}

/**
 * MP-BGP options: "k=v;k=v" (the 6th field from v1.2.2, the "/" suffix on v0.8.10–v1.2.1). Before
 * v1.2.0 the key is matched first and a known key without "=" indexes past the end (PR #1551).
 */
function checkMpbgp(d: Draft, options: string, version: Version): boolean {
  const checked = atLeast(version, PEER_SYNTAX.lenient);
  const unused = d.env.mpbgpNexthop === 'unset';
  const slashHint = atLeast(version, PEER_SYNTAX.positional) ? '' : ' A "/" inside a password starts this suffix; passwords cannot contain "/" on v0.8.10–v1.2.1.';
  for (const pair of options.split(';')) {
    const [key, value] = pair.split('=');
    if (value === undefined && (checked || MPBGP_KEYS.includes(key))) {
      const note = checked ? '' : ' (v0.8.10 to v1.2.0-rc.0: index out of range, fixed by PR #1551 in v1.2.0)';
      d.problems.push({
        id: 'mpbgpNoValue',
        field: 'MP-BGP options',
        what: `"${key}" has no "=value"${note}; each option must be key=value, separated by ";".${slashHint}`,
        short: `MP-BGP option ${shown(key, 20)} has no "=value"`,
        fix: 'Write it as key=value.',
        outcome: checked ? 'abort' : 'panic',
      });
      return false;
    }
    if (!MPBGP_KEYS.includes(key)) {
      d.problems.push({
        id: 'mpbgpUnknownKey',
        field: 'MP-BGP options',
        what: `"${key}" is not a supported option (${MPBGP_KEYS.join(', ')}).${slashHint}`,
        short: `${shown(key, 16)} is not an MP-BGP option`,
        fix: slashHint && key.includes(':') ? 'Remove "/" from the password.' : 'Use mpbgp_nexthop, mpbgp_ipv4 or mpbgp_ipv6.',
        outcome: 'abort',
      });
      return false;
    }
    if (unused) {
      // Never read without the global mpbgp_nexthop, so their values cannot fail either.
    } else if (key === 'mpbgp_nexthop' && !NEXTHOP_MODES.includes(value)) {
      d.problems.push({
        id: 'mpbgpBadNexthop',
        field: 'MP-BGP options',
        what: `mpbgp_nexthop "${value}" is not one of ${NEXTHOP_MODES.join(', ')}; the parser keeps it, and setting up MP-BGP for this peer fails ("option ... for MP-BPG nexthop is not supported").`,
        short: `mpbgp_nexthop ${shown(value, 12)} is unknown`,
        effect: () => (d.env.mpbgpNexthop === 'set' ? 'MP-BGP setup fails' : 'MP-BGP setup would fail'),
        fix: `Use ${NEXTHOP_MODES.slice(0, -1).join(', ')} or ${NEXTHOP_MODES[NEXTHOP_MODES.length - 1]}.`,
        outcome: 'suspect',
      });
    } else if (key !== 'mpbgp_nexthop' && value !== '' && !ipFamily(value)) {
      // FindMpbgpAddresses checks only net.ParseIP, and only for the "fixed" next hop (v1.2.3:pkg/kubevip/config_bgp.go:238-253).
      const family = key === 'mpbgp_ipv4' ? 'IPv4' : 'IPv6';
      d.problems.push({
        id: 'mpbgpBadAddress',
        field: 'MP-BGP options',
        what: `${key} "${value}" is not an IP address; with the next hop "fixed" kube-vip rejects it ("provided address '${value}' is not a valid ${family} address") and cannot add this peer.`,
        short: `${key} ${shown(value, 12)} is not an IP`,
        effect: () => 'with next hop "fixed" the peer is not added',
        fix: `Use an ${family} address.`,
        outcome: 'suspect',
      });
    }
    d.extras.push(`${key}=${value}${unused ? ' (ignored)' : ''}`);
  }
  if (unused) {
    d.problems.push({
      id: 'mpbgpIgnored',
      field: 'MP-BGP options',
      what: `"${options}" is parsed but not used: kube-vip sets up MP-BGP for a peer only when the mpbgp_nexthop env variable is set, and it is not. To use them, set mpbgp_nexthop too; it then also applies to every peer without an mpbgp_nexthop option of its own.`,
      short: 'MP-BGP options need the mpbgp_nexthop env',
      effect: (label) => `${label} ignores them`,
      fix: 'Set mpbgp_nexthop too.',
      outcome: 'ignored',
    });
  }
  return true;
}

/** BFD options (v1.2.2+): "enable;rx;tx;multiplier"; enable is a Go bool, the rest uint32 or empty. */
function checkBfd(d: Draft, options: string): boolean {
  const parts = options.split(';');
  const badNumber = parts.slice(1, 4).find((p) => p !== '' && (!/^\d+$/.test(p) || Number(p) > UINT32_MAX));
  const [bad, short] =
    parts.length < 4
      ? ['BFD needs four values, enable;receive_interval;transmit_interval;detect_multiplier', `BFD ${shown(options, 20)} has ${parts.length} of 4 values`]
      : !GO_BOOL.has(parts[0])
        ? [`"${parts[0]}" (enable) is not a Go boolean`, `BFD enable ${shown(parts[0], 14)} is not a boolean`]
        : badNumber !== undefined
          ? [`"${badNumber}" is not a whole number`, `BFD value ${shown(badNumber, 14)} is not a whole number`]
          : [undefined, ''];
  if (bad) {
    d.problems.push({ id: 'badBfd', field: 'BFD options', what: `"${options}": ${bad}.`, short, fix: 'Write enable;rx;tx;multiplier.', outcome: 'abort' });
    return false;
  }
  d.extras.push(`BFD ${parts.slice(0, 4).join(';')}`);
  return true;
}

/** Fields the version does not read. */
function extraFields(d: Draft, fields: string[], parts: string[], version: Version): void {
  const read = atLeast(version, PEER_SYNTAX.positional) ? 7 : atLeast(version, PEER_SYNTAX.portAndSuffix) ? 5 : 4;
  const extra = fields.slice(read);
  if (extra.some((f) => f !== '')) {
    const why =
      read === 4 ? `from v0.8.10 a 5th field is parsed as a port, but no release uses it (every peer is dialled on port ${DIALLED_PORT})` : read === 5 ? 'the MP-BGP and BFD fields exist from v1.2.2 (before, MP-BGP options go in a "/key=value" suffix)' : 'an IPv6 address in an MP-BGP option splits into extra fields; use the mpbgp_ipv6 variable instead';
    const last = read === 4 ? 'multihop' : read === 5 ? 'port' : 'BFD';
    const fix = read === 4 ? 'Remove it.' : read === 5 ? `Remove it, or use ${PEER_SYNTAX.positional}+.` : 'Use the mpbgp_ipv6 variable.';
    d.problems.push({
      id: 'extraFields',
      field: 'entry',
      what: `Fields after the ${last} field (":${extra.join(':')}") are not read by this version: ${why}.`,
      short: `${shown(`:${extra.join(':')}`, 16)} after the ${last} field is not read`,
      effect: (label) => `${label} ignores it`,
      fix,
      outcome: 'ignored',
    });
  }
  if (parts.length > 2) {
    const dropped = `/${parts.slice(2).join('/')}`;
    d.problems.push({
      id: 'extraSlash',
      field: 'MP-BGP options',
      what: `Only the text up to the second "/" is read; "${dropped}" is dropped.`,
      short: 'text after a second "/" is dropped',
      effect: (label) => `${label} ignores it`,
      fix: 'Separate MP-BGP options with ";".',
      outcome: 'ignored',
    });
  }
}

/** Why a "/" in a field that must be a number or boolean breaks on this version. */
function slashHint(value: string, version: Version): string {
  if (!value.includes('/') || splitsSlash(version)) return '';
  return atLeast(version, PEER_SYNTAX.positional)
    ? ` The "/key=value" MP-BGP suffix is the v0.8.10–v1.2.1 syntax; from v1.2.2 it is no longer split off, so "${value}" is read as one field. Put the options in the 6th field: address:AS:password:multihop:port:mpbgp_nexthop=...;mpbgp_ipv4=...`
    : ' The "/key=value" MP-BGP suffix is understood from v0.8.10 (until v1.2.1).';
}

/** The headline problem that goes with slashHint, or undefined when there is no such hint. */
function slashShort(value: string, version: Version): string | undefined {
  if (!value.includes('/') || splitsSlash(version)) return undefined;
  return atLeast(version, PEER_SYNTAX.positional) ? '"/" is no longer split off' : '"/" is not split off yet';
}

/** The headline fix that goes with slashHint, or undefined when there is no such hint. */
function slashFix(value: string, version: Version): string | undefined {
  if (!value.includes('/') || splitsSlash(version)) return undefined;
  return atLeast(version, PEER_SYNTAX.positional) ? 'Put MP-BGP options in field 6.' : `Drop the "/" suffix (${PEER_SYNTAX.portAndSuffix}+).`;
}

/** kube-vip does not check addresses; GoBGP needs an IP (or, unnumbered, an interface). */
function checkAddress(d: Draft, address: string): void {
  const bare = address.replace(/%[^%]*$/, '');
  if (ipFamily(bare)) return;
  const fix = "Use the peer's IP address.";
  const ipFix = 'Use its IP address.';
  if (address === '') {
    d.problems.push({ id: 'badAddress', field: 'address', what: 'The address is empty.', short: 'the address is empty', fix, outcome: 'no-start' });
  } else if (/\s/.test(address)) {
    d.problems.push({ id: 'badAddress', field: 'address', what: `"${address}" holds spaces, so it is not an IP address.`, short: `address ${shown(address, 20)} holds spaces`, fix, outcome: 'no-start' });
  } else if (/^[\d.]+$/.test(address)) {
    d.problems.push({ id: 'badAddress', field: 'address', what: `"${address}" is not a valid IPv4 address.`, short: `${shown(address, 20)} is not an IPv4 address`, fix, outcome: 'no-start' });
  } else {
    d.problems.push({
      id: 'addressNotIp',
      field: 'address',
      what: `"${address}" is not an IP address: kube-vip hands it to GoBGP as written, and a BGP neighbour is configured by IP (IPv6 in [brackets]).`,
      short: `${shown(address, 16)} is not an IP address`,
      effect: () => 'a BGP neighbour is set by IP',
      fix: ipFix,
      outcome: 'suspect',
    });
  }
}

/**
 * Hover for a bgp_peers value: the peers as `version` reads them, or its first fatal problem. The
 * port column shows the port kube-vip dials, which is always 179, not the field as written.
 */
export function bgpPeersHoverMarkdown(value: string, version: Version, env: PeerEnv = UNKNOWN_ENV): string | undefined {
  if (value === '') return undefined;
  const v = formatVersion(version);
  if (!atLeast(version, RESEARCHED_FROM)) return `**bgp_peers**: the syntax read by ${v} (before ${RESEARCHED_FROM}) was not researched.`;
  const list = parseBgpPeers(value, version, env);
  if (list.listProblem) return `**bgp_peers** on ${v}: ${cell(describeProblem(undefined, list.listProblem, version))}`;
  for (const peer of list.entries) {
    const fatal = peer.problems.find((p) => isFatal(p.outcome));
    if (fatal) return `**bgp_peers** on ${v}: ${cell(describeProblem(peer, fatal, version))}`;
  }
  const rows = list.entries
    .filter((p) => !p.skipped)
    .map((p) => {
      const address = p.iface !== undefined ? `unnumbered (${p.iface})` : p.address ?? '';
      const port = p.port === undefined || p.port === DIALLED_PORT ? `${DIALLED_PORT}` : `${DIALLED_PORT} (${p.port} ignored)`;
      return `| ${p.index} | ${cell(address)} | ${p.as ?? ''} | ${p.password ? '••••' : ''} | ${p.multihop ? 'true' : 'false'} | ${port} | ${cell(p.extras.join(', '))} |`;
    });
  const notes = list.entries.flatMap((p) => p.problems.map((problem) => `- ${cell(describeProblem(p, problem, version))}`));
  return [`**bgp_peers** as kube-vip ${v} reads it:`, '', '| # | address | AS | password | multihop | port dialled | extras |', '| --- | --- | --- | --- | --- | --- | --- |', ...rows, ...(notes.length ? ['', ...notes] : [])].join('\n');
}

/** Text safe inside a markdown table cell or line (no pipes, no HTML). */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

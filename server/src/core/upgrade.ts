/**
 * The upgrade assistant (issue 11): what to change in a manifest so that a kube-vip image can move to a
 * newer release and keep doing what it does. Every fact comes from the catalog (renames, removals,
 * default ranges), the bgp_peers grammar (bgpPeers.ts) and the effective configuration (config.ts);
 * edits are the minimal ones of fixes.ts (never a re-serialisation). What cannot be carried over is
 * listed, never dropped.
 */
import { ENV_VARS, defaultFor, isReadBy, lookup } from './catalog';
import type { EnvVarSpec } from './catalog';
import { PREFIX_LIST, RESEARCHED_FROM } from './catalog/behaviour';
import { ENDPOINT_WATCH, SERVICE_UPDATE } from './catalog/rbac';
import { acceptsValue } from './accepts';
import { BgpPeer, isFatal, parseBgpPeers, PEER_SYNTAX, peerEnvOf, rebuild } from './bgpPeers';
import { configOf, MODE_LABEL, MODE_PRECEDENCE, MODE_VAR } from './config';
import type { EffectiveConfig, PrefixList } from './config';
import { boolState, isUnset } from './env';
import { addEntryAfter, removeEntry, renameEntry, replaceValue } from './fixes';
import { isTemplated, parseImage } from './model';
import type { EnvEntry, KubeVipContainer } from './model';
import { mayBeSetOutsideEnv } from './sources';
import type { TextEdit } from './types';
import { atLeast, compareVersions, formatVersion, Version } from './version';

export type ChangeKind = 'tag' | 'rename' | 'format' | 'remove' | 'default' | 'bgp-peers';

/** One change the upgrade makes, with its edits. */
export interface UpgradeChange {
  readonly kind: ChangeKind;
  /** The env variable it concerns, or "image" for the tag. */
  readonly variable: string;
  /** What changes, e.g. `vip_cidr renamed to vip_subnet`. */
  readonly what: string;
  /** Why, with the version that makes it necessary. */
  readonly why: string;
  readonly edits: readonly TextEdit[];
  /** The change writes a value kube-vip did not have written before (a default, a converted scale): review it. */
  readonly needsConfirmation: boolean;
}

/** Something the upgrade cannot carry over (or changes that only the user can make): listed, never dropped. */
export interface NotCarried {
  /** The env variable, "image", "rbac" or "mode" (which mode runs). */
  readonly variable: string;
  readonly what: string;
  readonly why: string;
}

/** The plan for one kube-vip container. */
export interface ContainerUpgrade {
  readonly container: KubeVipContainer;
  readonly from: Version;
  readonly to: Version;
  readonly changes: readonly UpgradeChange[];
  readonly notCarried: readonly NotCarried[];
}

export interface UpgradePlan {
  readonly to: Version;
  /** Every change's edits, sorted by position, insertions at one place joined. */
  readonly edits: readonly TextEdit[];
  readonly changes: readonly UpgradeChange[];
  readonly notCarried: readonly NotCarried[];
  readonly containers: readonly ContainerUpgrade[];
}

/**
 * The upgrade of every kube-vip container in `text` to `to`: an analysis (its containers), one container
 * or a list of them, with spans in `text`. Upgrading to the current version (or an older one) changes nothing.
 */
export function planUpgrade(
  text: string,
  source: { readonly containers: readonly KubeVipContainer[] } | KubeVipContainer | readonly KubeVipContainer[],
  to: Version,
): UpgradePlan {
  const containers: readonly KubeVipContainer[] = Array.isArray(source) ? source : 'env' in source ? [source as KubeVipContainer] : (source as { containers: readonly KubeVipContainer[] }).containers;
  const plans = containers.map((c) => planContainer(text, c, to));
  const changes = plans.flatMap((p) => p.changes);
  return { to, edits: mergeEdits(changes.flatMap((c) => c.edits)), changes, notCarried: plans.flatMap((p) => p.notCarried), containers: plans };
}

/** Applies a plan's edits (sorted, non-overlapping) to the text it was made for. */
export function applyUpgrade(text: string, plan: UpgradePlan): string {
  let out = text;
  for (const edit of [...plan.edits].sort((a, b) => b.start - a.start)) out = out.slice(0, edit.start) + edit.newText + out.slice(edit.end);
  return out;
}

interface Draft {
  readonly text: string;
  readonly container: KubeVipContainer;
  readonly from: Version;
  readonly to: Version;
  /** The same container as the target version would read it (for the effective config at `to`). */
  readonly after: KubeVipContainer;
  readonly changes: UpgradeChange[];
  readonly notCarried: NotCarried[];
  /** Entries the plan removes (not an anchor for insertions). */
  readonly removed: Set<EnvEntry>;
  /** Values written out, inserted after the last env entry that stays. */
  readonly inserts: { variable: string; value: string; what: string; why: string }[];
}

const V = (version: Version) => formatVersion(version);

function planContainer(text: string, container: KubeVipContainer, to: Version): ContainerUpgrade {
  const from = container.version;
  const d: Draft = { text, container, from, to, after: { ...container, version: to }, changes: [], notCarried: [], removed: new Set(), inserts: [] };
  const result = (): ContainerUpgrade => ({ container, from, to, changes: d.changes, notCarried: d.notCarried });
  if (container.imageVersion) {
    d.notCarried.push({ variable: 'image', what: `upgrade of kube-vip ${V(container.imageVersion)}`, why: `${V(container.imageVersion)} predates ${RESEARCHED_FROM}, the oldest release these facts cover: what it does differently is not known, so nothing is converted. Upgrade it by hand.` });
    return result();
  }
  if (container.versionSource === 'setting' && !container.versionNote) {
    d.notCarried.push({ variable: 'image', what: 'upgrade of an image that names no version', why: `The image "${container.image}" names no version, so what it runs now is not known and nothing is converted. Pin its tag (or set kubeVipLint.kubeVipVersion) first.` });
    return result();
  }
  if (compareVersions(to, from) <= 0) return result();
  planTag(d);
  planEnv(d);
  planModes(d);
  planPrefixList(d);
  planDefaults(d);
  planRbac(d);
  flushInserts(d);
  // The tag is written elsewhere (a kustomization, Helm values image.tag): the other edits are for the
  // target, and this file keeps running the old version until the tag changes there. Say so, and have
  // every edit confirmed.
  if (!d.changes.some((c) => c.kind === 'tag') && d.changes.length > 0) {
    d.changes.splice(0, d.changes.length, ...d.changes.map((c) => ({ ...c, needsConfirmation: true })));
    d.notCarried.push({
      variable: 'image',
      what: `edits for ${V(to)} without the tag`,
      why: `These edits are written for ${V(to)}, but this image keeps ${V(from)} until its tag is changed where it is written; apply them together with that change, or they may break ${V(from)}.`,
    });
  }
  return result();
}

// ---------------------------------------------------------------------------------------------- tag

/** The version part of a tag: "v0.8.9" in "v0.8.9-iptables", "v1.1.0-rc.0" whole. */
const TAG_VERSION_RE = /^v?\d+\.\d+(?:\.\d+)?(?:-(?:rc|alpha|beta|pre)[0-9A-Za-z.]*)?/i;

function planTag(d: Draft): void {
  const { container, text, from, to } = d;
  const ref = parseImage(container.image);
  const skip = (why: string) => d.notCarried.push({ variable: 'image', what: `image tag ${V(from)} → ${V(to)}`, why });
  if (container.versionSource === 'context') return void skip(`The version comes ${container.versionNote ?? 'from elsewhere'}: set the tag to ${V(to)} there.`);
  if (container.versionSource === 'setting') return void skip(`The image "${container.image}" names no version (${V(from)} is from ${container.versionNote}): set its tag to ${V(to)} and the setting with it.`);
  if (ref.digest) return void skip(`The image is pinned by digest: the digest of ${V(to)} cannot be known here. Replace the tag and the digest by hand.`);
  if (!ref.tag || isTemplated(ref.tag)) return void skip(`The image "${container.image}" has no literal tag.`);
  const m = TAG_VERSION_RE.exec(ref.tag);
  // The tag inside the image value ("…/kube-vip:v0.8.9"), or on its own (Helm values image.tag).
  const own = container.tagSpan && text.slice(container.tagSpan.start, container.tagSpan.end);
  const inOwn = own === undefined ? -1 : own.indexOf(ref.tag);
  const raw = text.slice(container.imageSpan.start, container.imageSpan.end);
  const at = inOwn >= 0 ? -1 : raw.lastIndexOf(`:${ref.tag}`);
  if ((inOwn < 0 && at < 0) || !m) return void skip(`The tag is not written in this image value: set it to ${V(to)} where it is written.`);
  const start = inOwn >= 0 ? container.tagSpan!.start + inOwn : container.imageSpan.start + at + 1;
  const newText = m[0].startsWith('v') || m[0].startsWith('V') ? V(to) : V(to).slice(1);
  d.changes.push({ kind: 'tag', variable: 'image', what: `image tag ${m[0]} → ${newText}`, why: `The upgrade to ${V(to)}.`, edits: [{ start, end: start + m[0].length, newText }], needsConfirmation: false });
}

// ---------------------------------------------------------------------------------------------- env

function planEnv(d: Draft): void {
  const { container } = d;
  const config = configOf(container);
  const dropped = new Set(config.droppedByTableId);
  const names = [...new Set(container.env.map((e) => e.name))];
  for (const name of names) {
    const spec = lookup(name);
    if (!spec || spec.implicit) continue;
    const entries = container.env.filter((e) => e.name === name);
    const last = container.envByName.get(name)!;
    const readFrom = isReadBy(spec, d.from);
    const readTo = isReadBy(spec, d.to);
    if (!readFrom && readTo && !isUnset(last)) {
      d.notCarried.push({ variable: name, what: `${name} takes effect`, why: `${V(d.from)} ignores ${name} (read from ${spec.since}), ${V(d.to)} reads it: ${shownValue(last)} now applies. Check it, or remove it to keep today's behaviour.` });
    } else if (readFrom && !readTo) {
      noLongerRead(d, spec, entries, last);
    } else if (!readFrom && !readTo && spec.until && atLeast(d.to, spec.until) && !isUnset(last)) {
      ignoredByBoth(d, spec, entries);
    } else if (readFrom && readTo) {
      if (dropped.has(last)) d.notCarried.push({ variable: name, what: `${name} takes effect`, why: `${V(d.from)} skips ${name} after vip_routingtableid (v0.8.2–v0.8.4), ${V(d.to)} reads it: ${shownValue(last)} now applies.` });
      if (name === 'vip_subnet') legacySubnet(d, last);
      else if (name === 'vip_loglevel') logLevel(d, last);
      else if (name === 'bgp_peers') bgpPeers(d, last);
    }
  }
}

function shownValue(entry: EnvEntry): string {
  return entry.value !== undefined ? `"${entry.value}"` : entry.fromRef ? 'its valueFrom value' : 'its templated value';
}

/**
 * A variable neither `from` nor `to` reads (e.g. enable_endpointslices, v0.7.0–v0.9.2, on a v0.6.4 image):
 * it does nothing before or after, so removing it keeps behaviour; renaming it would make it take effect.
 */
function ignoredByBoth(d: Draft, spec: EnvVarSpec, entries: readonly EnvEntry[]): void {
  const name = spec.name;
  const range = `kube-vip reads ${name} from ${spec.since}, and no longer from ${spec.until}`;
  const what = `${name} removed`;
  const edits = entries.map((e) => removeEntry(e, d.text));
  if (edits.some((e) => !e)) {
    d.notCarried.push({ variable: name, what, why: `${range}: neither ${V(d.from)} nor ${V(d.to)} reads it. It cannot be removed in place here: remove it by hand.` });
    return;
  }
  entries.forEach((e) => d.removed.add(e));
  const instead = spec.replacedBy ? ` Setting ${spec.replacedBy} instead would change what ${V(d.to)} does: decide it by hand.` : '';
  d.changes.push({ kind: 'remove', variable: name, what, why: `${range}: neither ${V(d.from)} nor ${V(d.to)} reads it, so removing it changes nothing.${instead}`, edits: edits as TextEdit[], needsConfirmation: spec.replacedBy !== undefined });
}

/** A variable `to` no longer reads: rename it, convert it, or remove it. */
function noLongerRead(d: Draft, spec: EnvVarSpec, entries: readonly EnvEntry[], last: EnvEntry): void {
  const { text, container } = d;
  const name = spec.name;
  const gone = `kube-vip ${spec.until} and later no longer read ${name}`;
  if (spec.replacedBy && spec.replacementDiffers) {
    if (name === 'enable_endpointslices') return endpointSlices(d, entries, last, gone);
    d.notCarried.push({ variable: name, what: `${name} → ${spec.replacedBy}`, why: `${gone}. ${spec.replacementDiffers}` });
    return;
  }
  if (spec.replacedBy) {
    const target = spec.replacedBy;
    const rename = `${name} renamed to ${target}`;
    if (container.env.some((e) => e.name === target)) {
      d.notCarried.push({ variable: name, what: rename, why: `${gone} (replaced by ${target}), and ${target} is set too: ${V(d.from)} reads them differently, so merge them by hand.` });
      return;
    }
    const bad = entries.find((e) => e.nonString || (e.value !== undefined && e.value !== '' && acceptsValue(d.after, target, e.value) === false));
    if (bad) {
      d.notCarried.push({ variable: name, what: rename, why: `${gone} (replaced by ${target}), and ${V(d.to)} does not accept ${shownValue(bad)} for ${target}: renaming would change what it does. Set ${target} to a valid value by hand.` });
      return;
    }
    const edits = entries.map((e) => renameEntry(e, target, text));
    if (edits.some((e) => !e)) {
      d.notCarried.push({ variable: name, what: rename, why: `${gone} (replaced by ${target}); the name cannot be edited in place here. Rename it by hand.` });
      return;
    }
    let why = `${gone}; ${target} takes the same value.`;
    let confirm = false;
    // ≤ v0.8.4 read vip_cidr only for BGP announcements; vip_subnet also sets the VIP's mask in the other modes.
    if (name === 'vip_cidr' && !atLeast(d.from, PREFIX_LIST.splitByFamily) && configOf(container).isMode('bgp') !== 'on') {
      why += ` ${V(d.from)} used vip_cidr only for BGP announcements; on ${V(d.to)} vip_subnet also sets the mask of the VIP in every mode.`;
      confirm = true;
    }
    d.changes.push({ kind: 'rename', variable: name, what: rename, why, edits: edits as TextEdit[], needsConfirmation: confirm });
    return;
  }
  const edits = entries.map((e) => removeEntry(e, text));
  if (edits.some((e) => !e)) {
    d.notCarried.push({ variable: name, what: `${name} removed`, why: `${gone}, and nothing replaces it; it cannot be removed in place here. Remove it by hand.` });
    return;
  }
  entries.forEach((e) => d.removed.add(e));
  const was = isUnset(last) ? 'It is empty, so nothing is lost.' : `What it did on ${V(d.from)} (${lowerFirst(spec.summary)}) is gone.`;
  d.changes.push({ kind: 'remove', variable: name, what: `${name} removed`, why: `${gone}, and nothing replaces it. ${was}`, edits: edits as TextEdit[], needsConfirmation: true });
}

/**
 * enable_endpointslices (v0.7.0–v0.9.2, opt-in) has no counterpart from v1.0.0: EndpointSlices are the
 * default and enable_endpoints="true" opts out (catalog/rbac.ts ENDPOINT_WATCH). The entry goes; a "false"
 * means the watch moves from Endpoints to EndpointSlices, which planRbac lists.
 */
function endpointSlices(d: Draft, entries: readonly EnvEntry[], last: EnvEntry, gone: string): void {
  const state = boolState(d.container, last.name);
  const edits = entries.map((e) => removeEntry(e, d.text));
  if (state === 'unknown' || edits.some((e) => !e)) {
    d.notCarried.push({ variable: last.name, what: 'enable_endpointslices removed', why: `${gone}; from v1.0.0 EndpointSlices are the default and enable_endpoints "true" keeps Endpoints. ${shownValue(last)} cannot be converted here: remove it by hand.` });
    return;
  }
  entries.forEach((e) => d.removed.add(e));
  const on = state === 'true';
  d.changes.push({
    kind: 'remove',
    variable: last.name,
    what: 'enable_endpointslices removed',
    why: on ? `${gone}: EndpointSlices, which it turned on, are the default from v1.0.0.` : `${gone}. It is off here, so ${V(d.from)} watches Endpoints; ${V(d.to)} watches EndpointSlices (see RBAC), unless enable_endpoints is "true".`,
    edits: edits as TextEdit[],
    needsConfirmation: !on,
  });
}

/** v0.5.6–v0.8.10 vip_subnet is a "/N" suffix for every VIP; from v0.9.0 a positional list (IPv4, IPv6). */
function legacySubnet(d: Draft, entry: EnvEntry): void {
  if (atLeast(d.from, PREFIX_LIST.subnetListForm) || !atLeast(d.to, PREFIX_LIST.subnetListForm) || isUnset(entry)) return;
  const what = 'vip_subnet "/N" suffix → prefix list';
  const skip = (why: string) => d.notCarried.push({ variable: 'vip_subnet', what, why: `On ${V(d.from)} vip_subnet is a suffix appended to every VIP address; from ${PREFIX_LIST.subnetListForm} it is a list of prefix lengths (IPv4 first, then IPv6). ${why}` });
  if (entry.value === undefined) return void skip(`${shownValue(entry)} cannot be converted here: check it reads as a list on ${V(d.to)}.`);
  const cidr = d.container.envByName.get('vip_cidr');
  if (cidr && !isUnset(cidr)) return void skip('vip_cidr is set too, and both become vip_subnet: merge them by hand.');
  const m = /^\/(\d+)$/.exec(entry.value);
  if (!m) return void skip(`"${entry.value}" is not a "/N" suffix, so ${V(d.from)} configures no VIP with it; ${V(d.to)} reads it as a list: check it.`);
  const n = Number(m[1]);
  const config = configOf(d.container);
  const families = config.address?.families ?? [];
  const ipv4Only = families.length > 0 && families.every((f) => f === 'ipv4') && config.address!.dnsNames.length === 0;
  const ipv6Only = families.length > 0 && families.every((f) => f === 'ipv6') && config.address!.dnsNames.length === 0;
  let value: string;
  let note = '';
  if (n <= 32 && ipv4Only) {
    value = String(n);
    if (config.services !== 'off') note = ` IPv6 Service VIPs, if the cluster hands out any, now get /128 instead of /${n}.`;
  } else if (n <= 32) {
    value = `${n},${n}`; // the suffix went on IPv4 and IPv6 addresses alike
  } else if (n <= 128 && ipv6Only && config.services === 'off') {
    value = `32,${n}`;
  } else {
    return void skip(`"/${n}" does not fit IPv4 addresses, and the manifest may have IPv4 VIPs: choose the list by hand, e.g. "32,${n}".`);
  }
  const edit = replaceValue(entry, value);
  if (!edit) return void skip('The value cannot be edited in place here.');
  d.changes.push({ kind: 'format', variable: 'vip_subnet', what: `vip_subnet "${entry.value}" → "${value}"`, why: `${PREFIX_LIST.subnetListForm}+ read vip_subnet as a list of prefix lengths (IPv4 first, then IPv6), not a "/N" suffix, which aborts start-up there.${note}`, edits: [edit], needsConfirmation: true });
}

/** vip_loglevel: logrus levels up to v0.8.9 (higher = chattier), Go slog levels from v0.8.10 (lower = chattier). */
const SLOG_FROM = 'v0.8.10';
/** logrus level → the slog level that shows the same (rules/vip-loglevel-scale.ts); 1–3 show about the same on both scales. */
const LOGRUS_TO_SLOG: Record<number, number> = { 4: 0, 5: -4, 6: -4 };

function logLevel(d: Draft, entry: EnvEntry): void {
  if (atLeast(d.from, SLOG_FROM) || !atLeast(d.to, SLOG_FROM) || isUnset(entry)) return;
  const what = 'vip_loglevel converted to the slog scale';
  const scale = `${SLOG_FROM}+ read vip_loglevel as a Go slog level (-4 debug, 0 info, 4 warn, 8 error; lower is chattier), not a logrus level (4 info, 5 debug, 6 trace)`;
  if (entry.value === undefined || !/^\+?\d+$/.test(entry.value)) {
    d.notCarried.push({ variable: 'vip_loglevel', what, why: `${scale}: ${shownValue(entry)} cannot be converted here.` });
    return;
  }
  const n = Number(entry.value);
  if (n >= 1 && n <= 3) return;
  const level = LOGRUS_TO_SLOG[n];
  const edit = level === undefined ? undefined : replaceValue(entry, String(level));
  if (!edit) {
    d.notCarried.push({ variable: 'vip_loglevel', what, why: `${scale}: logrus ${n} has no slog equivalent. Choose a level by hand.` });
    return;
  }
  d.changes.push({ kind: 'format', variable: 'vip_loglevel', what: `vip_loglevel "${entry.value}" → "${level}"`, why: `${scale}: "${entry.value}" would show ${n === 4 ? 'warnings and errors' : 'errors'} only; "${level}" shows what logrus ${n} showed.`, edits: [edit], needsConfirmation: true });
}

// ------------------------------------------------------------------------------------ mode, prefix list

const modeName = (mode: EffectiveConfig['mode']) => (mode === 'none' ? 'no mode' : mode === 'unknown' ? 'a mode that cannot be known here' : MODE_LABEL[mode]);

/**
 * Several modes on: which one runs changed at v1.1.0 (BGP first, then ARP; from v1.1.0 ARP first) and
 * v1.2.2+ refuse to start unless exactly one is on (config.ts MODE_PRECEDENCE, rules/mode-count.ts). No
 * edit carries it over: code outside the mode switch still reads the other flags, so turning one off is
 * not like for like.
 */
function planModes(d: Draft): void {
  const before = configOf(d.container);
  const after = configOf(d.after);
  if (before.modesOn.length < 2) {
    // One mode on and another one not known here (a flag, envFrom, Helm defaults): which runs may change
    // with the precedence (v1.1.0: ARP before BGP). Named, since nothing here can carry it over.
    if (before.mode !== after.mode) {
      d.notCarried.push({
        variable: 'mode',
        what: `the mode that runs (${modeName(before.mode)} on ${V(d.from)}, ${modeName(after.mode)} on ${V(d.to)})`,
        why: `Which mode runs when several may be on changed (from ${MODE_PRECEDENCE.newFrom.replace(/-rc\.0$/, '')} ARP comes first, then BGP), and a mode variable is not known here. Set each mode variable explicitly, exactly one "true".`,
      });
    }
    return;
  }
  const refuses = !atLeast(d.from, MODE_PRECEDENCE.exactlyOneFrom) && atLeast(d.to, MODE_PRECEDENCE.exactlyOneFrom);
  if (!refuses && before.mode === after.mode) return;
  const names = before.modesOn.map((m) => MODE_VAR[m]).join(' and ');
  const runs = before.mode === after.mode ? '' : ` ${V(d.to)} runs ${modeName(after.mode)} instead (from ${MODE_PRECEDENCE.newFrom.replace(/-rc\.0$/, '')} ARP comes first, then BGP).`;
  const stops = refuses ? ` From ${MODE_PRECEDENCE.exactlyOneFrom} kube-vip refuses to start unless exactly one mode is on.` : '';
  d.notCarried.push({
    variable: 'mode',
    what: `${names} are ${before.modesOn.length > 2 ? 'all' : 'both'} on`,
    why: `${V(d.from)} runs ${modeName(before.mode)}.${runs}${stops} Code outside the mode switch still reads the other flag, so no edit keeps today's behaviour: set the mode you do not use to "false" by hand and check what it did.`,
  });
}

const PREFIX_VARS = new Set(['vip_cidr', 'vip_subnet']);

function shownList(list: PrefixList): string {
  if (list.source === 'derived') return `generates "${list.value}" from address`;
  if (list.source === 'none') return 'generates none';
  return 'may generate one from address, which is not known here';
}

const listView = (list: PrefixList) => (list.source === 'derived' || list.source === 'env' ? `${list.source}:${list.value}` : list.source);

/**
 * An unset prefix list is generated from `address` from v0.8.3, sorted IPv4 first from v1.0.1
 * (config.ts prefixList, catalog/behaviour.ts PREFIX_LIST): when the list the target generates differs,
 * the summary names it. Nothing to write out: an explicit list would not mean what "none" or the
 * unsorted list meant.
 */
function planPrefixList(d: Draft): void {
  if ([...d.changes, ...d.notCarried].some((x) => PREFIX_VARS.has(x.variable))) return;
  const before = configOf(d.container).prefixList;
  const after = configOf(d.after).prefixList;
  if (before.source === 'env' || after.source === 'env' || listView(before) === listView(after)) return;
  const reasons: string[] = [];
  if (!atLeast(d.from, PREFIX_LIST.derivedFromAddress)) reasons.push(`an unset list is generated from address from ${PREFIX_LIST.derivedFromAddress}`);
  if (!atLeast(d.from, PREFIX_LIST.derivedSorted)) reasons.push(`the generated list is sorted IPv4 first from ${PREFIX_LIST.derivedSorted}`);
  d.notCarried.push({
    variable: after.name,
    what: `${after.name} generated from address`,
    why: `${after.name} is not set: ${V(d.from)} ${shownList(before)}, ${V(d.to)} ${shownList(after)} (${reasons.join('; ')}). Check the prefixes the VIPs get, or set ${after.name}.`,
  });
}

// ----------------------------------------------------------------------------------------- bgp_peers

/** What a peer means to kube-vip, whatever the syntax (the port is not part of it: every release dials 179). */
function reading(peer: BgpPeer): string {
  return JSON.stringify({
    skipped: peer.skipped,
    address: peer.address,
    iface: peer.iface,
    as: peer.as,
    password: peer.password ?? '',
    multihop: !!peer.multihop,
    extras: peer.extras.map((x) => x.replace(/ \(ignored\)$/, '')),
  });
}

/** The peer written in the syntax of `to`, from what `from` reads (verified by the caller). */
function writePeer(peer: BgpPeer, to: Version): string {
  const base = peer.iface !== undefined ? `unnumbered:${peer.iface}` : peer.address!.includes(':') ? `[${peer.address}]` : peer.address!;
  const fields = [base, String(peer.as), peer.password ?? '', peer.multihop ? 'true' : 'false'];
  const mpbgp = peer.extras.filter((x) => !x.startsWith('BFD ')).map((x) => x.replace(/ \(ignored\)$/, ''));
  if (mpbgp.length === 0) return fields.join(':');
  return atLeast(to, PEER_SYNTAX.positional) ? [...fields, '', mpbgp.join(';')].join(':') : `${fields.join(':')}/${mpbgp.join(';')}`;
}

function syntaxChanges(from: Version, to: Version): string[] {
  return Object.values(PEER_SYNTAX).filter((b) => !atLeast(from, b) && atLeast(to, b));
}

function bgpPeers(d: Draft, entry: EnvEntry): void {
  const changed = syntaxChanges(d.from, d.to);
  if (changed.length === 0 || isUnset(entry)) return;
  const what = 'bgp_peers syntax';
  if (entry.value === undefined) {
    d.notCarried.push({ variable: 'bgp_peers', what, why: `The bgp_peers syntax changed in ${changed.join(', ')}: ${shownValue(entry)} cannot be checked here.` });
    return;
  }
  const before = parseBgpPeers(entry.value, d.from, peerEnvOf(d.container));
  const after = parseBgpPeers(entry.value, d.to, peerEnvOf(d.after));
  // A value that does not work today is not carried: there is no behaviour to keep (bgp-peers-format reports it).
  if (before.listProblem || before.entries.some((p) => p.problems.some((x) => isFatal(x.outcome)))) return;
  const replace = new Map<number, string>();
  for (const peer of before.entries) {
    const now = after.entries[peer.index - 1];
    const broken = now?.problems.find((x) => isFatal(x.outcome));
    if (now && !broken && reading(now) === reading(peer)) continue;
    if (peer.skipped) continue;
    const written = writePeer(peer, d.to);
    const check = parseBgpPeers(written, d.to, peerEnvOf(d.after)).entries[0];
    if (written.includes(',') || !check || check.problems.some((x) => isFatal(x.outcome)) || reading(check) !== reading(peer)) {
      d.notCarried.push({ variable: 'bgp_peers', what: `${what}, peer ${peer.index}`, why: `${V(d.to)} reads peer ${peer.index} ("${peer.text}") differently from ${V(d.from)}${broken ? ` (${broken.short})` : ''}, and it cannot be rewritten with the same meaning. Rewrite it by hand.` });
      return;
    }
    replace.set(peer.index, written);
  }
  if (replace.size === 0) return;
  const value = rebuild(before, replace);
  const edit = replaceValue(entry, value);
  if (!edit) {
    d.notCarried.push({ variable: 'bgp_peers', what, why: `Write "${value}" by hand: the value cannot be edited in place here.` });
    return;
  }
  const peers = [...replace.keys()].join(', ');
  d.changes.push({ kind: 'bgp-peers', variable: 'bgp_peers', what: `bgp_peers peer ${peers} rewritten: "${entry.value}" → "${value}"`, why: `The bgp_peers syntax changed in ${changed.join(', ')}: ${V(d.to)} reads the new text as ${V(d.from)} read the old one (same addresses, AS, passwords, multihop and MP-BGP options).`, edits: [edit], needsConfirmation: false });
}

// ---------------------------------------------------------------------------------------- defaults

/** The prefix lists: their default (none, "32", generated from address) is named, never written out. */
const NOT_DEFAULTS = new Set(['vip_cidr', 'vip_subnet']);

/**
 * Defaults that change between `from` and `to` (catalog default ranges): when the env leaves the variable
 * unset, the old default is written out so behaviour stays the same (converted where the scale changed).
 */
function planDefaults(d: Draft): void {
  const config = configOf(d.container);
  for (const spec of ENV_VARS) {
    if (spec.implicit || spec.aliasOf || !isReadBy(spec, d.from) || !isReadBy(spec, d.to)) continue;
    const oldText = defaultFor(spec, d.from);
    const newText = defaultFor(spec, d.to);
    if (oldText === undefined || newText === undefined || oldText === newText) continue;
    if (!isUnset(d.container.envByName.get(spec.name))) continue;
    const change = `the default of ${spec.name} changes from ${oldText} to ${newText}`;
    if (NOT_DEFAULTS.has(spec.name)) {
      // The prefix list: an explicit list does not mean what a generated (or no) list meant, so it is named, not written.
      if (![...d.changes, ...d.notCarried].some((x) => NOT_DEFAULTS.has(x.variable))) {
        d.notCarried.push({ variable: spec.name, what: `${spec.name} default`, why: `${cap(change)} (${V(d.from)} → ${V(d.to)}). Check the prefixes the VIPs get, or set ${spec.name}.` });
      }
      continue;
    }
    const unused = unusedBecause(spec.name, config);
    if (unused) {
      // Nothing reads it today, so nothing changes; named so that turning the feature on later is not a surprise.
      d.notCarried.push({ variable: spec.name, what: `${spec.name} default`, why: `${cap(change)}; ${unused} on ${V(d.from)}, so the old default is not written out. ${V(d.to)} uses ${newText} once it applies.` });
      continue;
    }
    let value = leading(oldText);
    const fresh = leading(newText);
    if (spec.name === 'vip_loglevel' && value !== undefined && !atLeast(d.from, SLOG_FROM) && atLeast(d.to, SLOG_FROM)) {
      const slog = LOGRUS_TO_SLOG[Number(value)];
      value = slog === undefined ? undefined : String(slog);
    }
    if (value !== undefined && value === fresh) continue; // the same meaning on the new scale
    if (spec.name === 'egress_withnftables' && !d.container.iptablesImage) {
      // The image has no iptables binaries (rules/iptables-image.ts): the old default never worked here, so it is not kept.
      d.notCarried.push({ variable: spec.name, what: `${spec.name} default`, why: `${cap(change)}: ${V(d.to)} writes egress, Service security and masquerade rules with nftables. This image has no iptables, so the iptables default of ${V(d.from)} could not work here and is not written out.` });
      continue;
    }
    if (mayBeSetOutsideEnv(d.container, spec.name)) {
      d.notCarried.push({ variable: spec.name, what: `${spec.name} default`, why: `${cap(change)}; a flag, envFrom or a config file may set it, so it is not written here. Check it.` });
      continue;
    }
    if (value === undefined) {
      d.notCarried.push({ variable: spec.name, what: `${spec.name} default`, why: `${cap(change)}; the old default cannot be written as a value. Check it.` });
      continue;
    }
    d.inserts.push({ variable: spec.name, value, what: `${spec.name} "${value}" written out (the ${V(d.from)} default)`, why: `${cap(change)} (${V(d.from)} → ${V(d.to)}): writing the old default keeps today's behaviour. Remove it to take the new default.` });
  }
}

/** Why the variable certainly changes nothing for this configuration (then its default does not matter), or undefined. */
function unusedBecause(name: string, config: EffectiveConfig): string | undefined {
  switch (name) {
    case 'vip_leaseduration':
    case 'vip_renewdeadline':
    case 'vip_retryperiod':
      // No mode on: the manager exits before any leader election (v1.0.4:pkg/manager/manager.go:337).
      return config.mode === 'none' ? 'no mode is on, so no leader election uses it' : undefined;
    case 'vip_routingtabletype':
      return config.isMode('table') === 'off' ? 'routing-table mode is off, so nothing uses it' : undefined;
    case 'egress_withnftables':
      // Egress and security are per Service; masquerade needs IPVS (lb_enable).
      return config.services === 'off' && config.flag('lb_enable') === 'off' ? 'Services and lb_enable are off, so nothing uses it' : undefined;
    default:
      return undefined;
  }
}

/** The value at the start of a default text: "5", "4 (logrus info)", "false". */
function leading(text: string): string | undefined {
  return /^(-?\d+|true|false)(?=$|\s)/.exec(text)?.[1];
}

function flushInserts(d: Draft): void {
  if (d.inserts.length === 0) return;
  const anchor = [...d.container.env].reverse().find((e) => !d.removed.has(e));
  for (const insert of d.inserts) {
    const edit = anchor && insertAfter(anchor, insert.variable, insert.value, d.text);
    if (!edit) {
      d.notCarried.push({ variable: insert.variable, what: insert.what, why: `${insert.why} It cannot be inserted in this env list: add ${insert.variable}="${insert.value}" by hand.` });
      continue;
    }
    d.changes.push({ kind: 'default', variable: insert.variable, what: insert.what, why: insert.why, edits: [edit], needsConfirmation: true });
  }
}

/** A new env entry after `entry`: a list item, or a `name: "value"` pair in the Helm chart's env map. */
function insertAfter(entry: EnvEntry, name: string, value: string, text: string): TextEdit | undefined {
  if (!entry.pair) return addEntryAfter(entry, name, value, text);
  const own = removeEntry(entry, text);
  if (!own) return undefined;
  const eol = text.slice(0, own.end).endsWith('\r\n') ? '\r\n' : '\n';
  const lead = text[own.end - 1] === '\n' ? '' : eol;
  return { start: own.end, end: own.end, newText: `${lead}${text.slice(own.start, entry.itemSpan.start)}${name}: ${JSON.stringify(value)}${eol}` };
}

// --------------------------------------------------------------------------------------------- RBAC

/** What the new version needs from the workspace (the role bound to the ServiceAccount): listed, not edited here. */
function planRbac(d: Draft): void {
  const config = configOf(d.container);
  if (config.services === 'off') return;
  if (!atLeast(d.from, ENDPOINT_WATCH.slicesDefaultFrom) && atLeast(d.to, ENDPOINT_WATCH.slicesDefaultFrom)) {
    const optedIn = atLeast(d.from, ENDPOINT_WATCH.since) && boolState(d.container, 'enable_endpointslices') === 'true';
    d.notCarried.push({
      variable: 'rbac',
      what: 'RBAC: watch on endpointslices.discovery.k8s.io',
      why: optedIn
        ? `${ENDPOINT_WATCH.slicesDefaultFrom}+ watch EndpointSlices by default, as this manifest already asked: the role needs no change for it.`
        : `${ENDPOINT_WATCH.slicesDefaultFrom}+ watch EndpointSlices for the Services kube-vip serves (${V(d.from)} watches Endpoints): the role bound to its ServiceAccount needs list/get/watch on endpointslices.discovery.k8s.io (as \`kube-vip manifest rbac\` writes it), or set enable_endpoints "true" to keep watching Endpoints.`,
    });
  }
  if (config.isMode('bgp') !== 'off' && !atLeast(d.from, SERVICE_UPDATE.bgpFrom) && atLeast(d.to, SERVICE_UPDATE.bgpFrom)) {
    d.notCarried.push({ variable: 'rbac', what: 'RBAC: update on services', why: `In BGP mode ${SERVICE_UPDATE.bgpFrom}+ write the kube-vip.io/vipHost annotation on each Service: the role needs update on services.` });
  }
}

// ------------------------------------------------------------------------------------------- edits

/** Sorted edits; insertions at one offset joined in plan order. */
function mergeEdits(edits: readonly TextEdit[]): TextEdit[] {
  const sorted = edits.map((e, i) => ({ e, i })).sort((a, b) => a.e.start - b.e.start || a.i - b.i);
  const out: TextEdit[] = [];
  for (const { e } of sorted) {
    const prev = out[out.length - 1];
    if (prev && prev.start === prev.end && e.start === e.end && prev.start === e.start) {
      const next = prev.newText.endsWith('\n') && /^\r?\n/.test(e.newText) ? e.newText.replace(/^\r?\n/, '') : e.newText;
      out[out.length - 1] = { ...prev, newText: prev.newText + next };
    } else {
      out.push(e);
    }
  }
  return out;
}

function cap(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1).replace(/\.$/, '');
}

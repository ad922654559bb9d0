/**
 * The same name twice in one container's env: the kubelet passes only the last entry, so the
 * earlier one is dead text. The v1.2.2+ `kube-vip manifest --loseLeadership` generator writes the
 * timeout as a second vip_loseleadership (pitfall 24): the number wins and ParseBool aborts start-up.
 */
import { ABORT } from '../catalog/behaviour';
import { configOf } from '../config';
import { parseInteger } from '../env';
import { removeEntry, renameEntry } from '../fixes';
import type { EnvEntry, KubeVipContainer } from '../model';
import type { Fix, Related } from '../types';
import { fit, shown } from '../headline';
import { abortShort } from '../outcomes';
import { formatVersion, inRange } from '../version';
import { versionNote, versionShort } from '../versionText';
import { defineRule } from './rule';
import type { RuleContext, RuleFinding } from './rule';

const LOSE_LEADERSHIP = 'vip_loseleadership';
const LOSE_LEADERSHIP_TIMEOUT = 'vip_loseleadership_timeout_seconds';

const messages = {
  shadowed: 'an earlier entry of a name set again later: Kubernetes passes only the last one',
  loseLeadershipTimeout: 'v1.2.2+ generator bug: the last vip_loseleadership holds the timeout, ParseBool rejects it and start-up aborts',
  loseLeadershipNumericBool: 'v1.2.2+ generator bug with timeout "0"/"1": ParseBool accepts it, so the switch follows the timeout',
} as const;
type MessageId = keyof typeof messages;

export const rule = defineRule({
  id: 'duplicate-env-var',
  defaultSeverity: 'warning',
  description: 'The same env name twice in one container: Kubernetes passes only the last value, the earlier entry is ignored.',
  messages,
  // Template branches (`{% if %} - name: x {% else %} - name: x`) legitimately repeat names.
  requires: { wholeEnv: true },
  check(context) {
    const findings: RuleFinding<MessageId>[] = [];
    for (const group of groupByName(context.container.env)) {
      const generatorBug = group[0].name === LOSE_LEADERSHIP ? loseLeadershipFinding(context, group) : undefined;
      if (generatorBug) findings.push(generatorBug);
      const rest = generatorBug ? group.slice(0, -1) : group;
      const referenced = context.text.includes(`$(${group[0].name})`);
      for (const entry of rest.slice(0, -1)) findings.push(shadowedFinding(context, entry, rest[rest.length - 1], referenced));
    }
    return findings;
  },
});

/** Entries sharing a name, in env order, for every name set more than once. */
function groupByName(env: readonly EnvEntry[]): EnvEntry[][] {
  const byName = new Map<string, EnvEntry[]>();
  for (const entry of env) {
    const group = byName.get(entry.name);
    if (group) group.push(entry);
    else byName.set(entry.name, [entry]);
  }
  return [...byName.values()].filter((group) => group.length > 1);
}

/** An earlier entry that `winner` overrides. */
function shadowedFinding(context: RuleContext, entry: EnvEntry, winner: EnvEntry, referenced: boolean): RuleFinding<MessageId> {
  const { container, text } = context;
  const same = entry.value !== undefined && entry.value === winner.value;
  let detail = `Kubernetes passes only the last entry of a name to kube-vip, so this one (${describe(entry)}) is ignored and ${describe(winner)} is used.`;
  let advice: string;
  const fixes: Fix[] = [];
  if (entry.name === LOSE_LEADERSHIP && isTimeout(entry) && !container.envByName.has(LOSE_LEADERSHIP_TIMEOUT)) {
    advice = `Rename it to ${LOSE_LEADERSHIP_TIMEOUT}.`;
    detail += ` The number is the grace period: it belongs in ${LOSE_LEADERSHIP_TIMEOUT}.`;
    addFix(fixes, `Rename this entry to ${LOSE_LEADERSHIP_TIMEOUT}`, renameEntry(entry, LOSE_LEADERSHIP_TIMEOUT, text), true);
  } else {
    advice = same ? 'Remove this one.' : 'Remove the entry you do not want.';
    if (same) detail += ' Both hold the same value.';
  }
  // A `$(name)` reference between the two entries expands to this value: removing it would change that.
  if (!referenced) addFix(fixes, `Remove this ignored ${entry.name} entry`, removeEntry(entry, text), same && fixes.length === 0);
  const message = fit(`${entry.name} is set again further down, so this ${describeShort(entry)} is ignored. ${advice}`, `${entry.name} is set again further down, so this one is ignored. ${same ? 'Remove it.' : 'Keep one.'}`);
  return { messageId: 'shadowed', span: entry.nameSpan, message, detail, fixes, related: [wins(winner)] };
}

/**
 * Pitfall 24: the last vip_loseleadership holds a number, the timeout the generator meant for
 * vip_loseleadership_timeout_seconds. The finding goes on that entry, the one that must change.
 */
function loseLeadershipFinding(context: RuleContext, group: readonly EnvEntry[]): RuleFinding<MessageId> | undefined {
  const { container, text } = context;
  const last = group[group.length - 1];
  // Not parsed by this image (before v1.2.2): a plain duplicate, no parse failure to claim.
  if (!isTimeout(last) || configOf(container).notParsed(LOSE_LEADERSHIP)) return undefined;
  const value = last.value!;
  const short = versionShort(container);
  // "1" and "0" are numbers ParseBool accepts: no abort, but the switch silently follows the timeout.
  const bool = value === '1' ? 'true' : value === '0' ? 'false' : undefined;
  let detail = `${LOSE_LEADERSHIP} is set twice and Kubernetes passes only this last value, "${value}". `;
  detail += bool
    ? `kube-vip reads it as the boolean ${bool}, so on ${formatVersion(container.version)} the switch is ${bool === 'true' ? 'on' : 'off'} and the grace period stays at its default.`
    : `kube-vip parses ${LOSE_LEADERSHIP} with strconv.ParseBool, which rejects "${value}": on ${formatVersion(container.version)} start-up aborts${abortDetail(container)}.`;
  detail += ` This is the \`kube-vip manifest --loseLeadership\` bug (v1.2.2+): the number is the grace period, which belongs in ${LOSE_LEADERSHIP_TIMEOUT}.`;
  const fixes: Fix[] = [];
  let advice: string;
  if (container.envByName.has(LOSE_LEADERSHIP_TIMEOUT)) {
    advice = 'Remove it; the timeout is already set.';
    detail += ` ${LOSE_LEADERSHIP_TIMEOUT} is already set: remove this entry.`;
    addFix(fixes, `Remove this ${LOSE_LEADERSHIP} entry`, removeEntry(last, text), true);
  } else {
    advice = `Rename it to ${LOSE_LEADERSHIP_TIMEOUT}.`;
    addFix(fixes, `Rename this entry to ${LOSE_LEADERSHIP_TIMEOUT}`, renameEntry(last, LOSE_LEADERSHIP_TIMEOUT, text), true);
  }
  const subject = `${LOSE_LEADERSHIP} ${shown(value, 12)}`;
  const message = bool
    ? `${subject} means ${bool} to ${short}, not a timeout. ${advice}`
    : fit(`${subject} is not a boolean: ${abortShort(container)}. ${advice}`, `${subject} is not a boolean: ${short} refuses to start. ${advice}`, `${subject}: ${short} refuses to start. ${advice}`);
  const note = versionNote(container);
  const related: Related[] = group.slice(0, -1).map((e) => ({ span: e.nameSpan, message: `the ${LOSE_LEADERSHIP} switch, ignored while the later entry exists` }));
  return {
    messageId: bool ? 'loseLeadershipNumericBool' : 'loseLeadershipTimeout',
    span: last.nameSpan,
    severity: bool ? 'warning' : 'error',
    message,
    detail: note ? `${detail} ${note}` : detail,
    fixes,
    related,
  };
}

/** A literal whole number: the generator writes the timeout in seconds ("30"). */
function isTimeout(entry: EnvEntry): boolean {
  return entry.value !== undefined && parseInteger(entry.value) !== undefined;
}

function abortDetail(container: KubeVipContainer): string {
  return inRange(container.version, ABORT.exitZeroFrom, ABORT.exitZeroUntil)
    ? ' with exit code 0, so the Pod looks Completed and restarts in a loop'
    : '';
}

/** A value for a headline: "\"true\"" (shortened when long), "entry (a valueFrom reference)", "entry (no value)". */
function describeShort(entry: EnvEntry): string {
  return entry.value !== undefined && !entry.fromRef && !entry.templated ? shown(entry.value, 16) : `entry (${describe(entry)})`;
}

/** How a value reads in a message: "\"true\"", "a valueFrom reference", "no value". */
function describe(entry: EnvEntry): string {
  if (entry.fromRef) return 'a valueFrom reference';
  if (entry.templated) return 'a templated value';
  if (entry.value !== undefined) return `"${entry.value}"`;
  return entry.nonString ? 'a non-string value' : 'no value';
}

function wins(winner: EnvEntry): Related {
  return { span: winner.valueSpan ?? winner.nameSpan, message: 'this value wins' };
}

function addFix(fixes: Fix[], title: string, edit: ReturnType<typeof renameEntry>, preferred: boolean): void {
  if (edit) fixes.push({ title, edits: [edit], preferred });
}

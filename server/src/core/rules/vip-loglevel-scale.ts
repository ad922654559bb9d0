/**
 * vip_loglevel switched from logrus levels (higher = chattier: 4 info, 5 debug) to Go slog levels
 * (lower = chattier: -4 debug, 0 info, 4 warn, 8 error) in v0.8.10 (pitfalls.md §22, kube-vip#1110).
 * An old "5" now shows errors only, and values above 8 hide even errors (kube-vip#1389).
 */
import { configOf } from '../config';
import { replaceValue } from '../fixes';
import type { EnvEntry, KubeVipContainer } from '../model';
import type { Fix } from '../types';
import { atLeast } from '../version';
import { versionLabel, versionShort } from '../versionText';
import { defineRule } from './rule';
import type { RuleFinding } from './rule';
import { fit, shown } from '../headline';

/** log.SetLogLoggerLevel(slog.Level(n)) replaced logrus's log.SetLevel in v0.8.10 (v0.8.9:cmd/kube-vip.go:253, v0.8.10:cmd/kube-vip.go:253). */
const SLOG_FROM = 'v0.8.10';
/**
 * logrus levels whose meaning changed: the author wanted more output than slog now gives. 1–3
 * (fatal, error, warn) show about the same on both scales, and 7–8 do not exist in logrus.
 */
const OLD_TO_NEW: Record<number, { level: number; name: string }> = {
  4: { level: 0, name: 'info' },
  5: { level: -4, name: 'debug' },
  6: { level: -4, name: 'trace' },
};
const NEW_NAMES: Record<number, string> = { [-4]: 'debug', 0: 'info' };
const MAPPING = 'slog scale: -4 debug, 0 info, 4 warn, 8 error; old logrus 4 (info) is now 0 and 5 (debug) is now -4';

const messages = {
  logrusLevel: 'v0.8.10+: a logrus level (4 info, 5 debug, 6 trace) read as a slog level shows far less',
  aboveError: 'v0.8.10+: a slog level above ERROR (8) hides even errors',
} as const;
type MessageId = keyof typeof messages;

export const rule = defineRule({
  id: 'vip-loglevel-scale',
  defaultSeverity: 'warning',
  description: 'vip_loglevel uses Go slog levels from v0.8.10: an old logrus value such as "5" (debug) now means errors only.',
  messages,
  check({ container }) {
    const entry = container.envByName.get('vip_loglevel');
    if (!entry?.value || !atLeast(container.version, SLOG_FROM) || configOf(container).notParsed('vip_loglevel')) return [];
    if (!/^\+?\d+$/.test(entry.value)) return []; // not a number, or negative (already slog-style): invalid-number's business
    const n = Number(entry.value);
    if (OLD_TO_NEW[n]) return [oldScale(container, entry, n)];
    return n > 8 ? [tooHigh(container, entry, n)] : [];
  },
});

/** 1–6: a logrus level; say what it does now and offer the slog equivalent (not preferred: intent is a guess). */
function oldScale(container: KubeVipContainer, entry: EnvEntry, n: number): RuleFinding<MessageId> {
  const old = OLD_TO_NEW[n];
  const now = n === 4 ? 'warnings and errors only' : 'errors only';
  const fixes: Fix[] = [];
  const edit = replaceValue(entry, String(old.level));
  if (edit) fixes.push({ title: `Use ${old.level} (${NEW_NAMES[old.level]}; logrus ${n} was ${old.name})`, edits: [edit], preferred: false });
  return {
    messageId: 'logrusLevel',
    span: entry.valueSpan!,
    message: `vip_loglevel "${entry.value}" looks like logrus ${old.name}, but ${versionShort(container)} reads slog: ${now}. For ${old.name} use "${old.level}".`,
    detail: `It looks like a logrus level (${n} = ${old.name}, as in older docs), but on ${versionLabel(container)} (v0.8.10 and later) it is a Go slog level, where lower means chattier, so "${entry.value}" shows ${now}. ${cap(MAPPING)}.`,
    fixes,
  };
}

/** Above 8: higher than slog ERROR, so even errors are hidden (kube-vip#1389). */
function tooHigh(container: KubeVipContainer, entry: EnvEntry, n: number): RuleFinding<MessageId> {
  return {
    messageId: 'aboveError',
    span: entry.valueSpan!,
    message: fit(`vip_loglevel ${shown(String(n), 12)} is above slog ERROR (8): ${versionShort(container)} logs almost nothing, not even errors. Use 8 or lower.`),
    detail: `On ${versionLabel(container)} (v0.8.10 and later) vip_loglevel is a Go slog level, and ${n} is above ERROR (8). ${cap(MAPPING)}.`,
  };
}

function cap(text: string): string {
  return text[0].toUpperCase() + text.slice(1);
}

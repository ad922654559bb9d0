/**
 * A variable the image version does not read (yet, or any more) is silently ignored:
 * e.g. vip_cidr from v0.9.0 (replaced by vip_subnet), enableUPNP from v1.0.0.
 */
import { RESEARCHED_FROM } from '../catalog/behaviour';
import { isReadBy, lookup } from '../catalog';
import type { EnvVarSpec } from '../catalog';
import { renameEntry } from '../fixes';
import type { EnvEntry, KubeVipContainer } from '../model';
import type { Fix } from '../types';
import { atLeast, formatVersion } from '../version';
import { versionNote, versionShort } from '../versionText';
import { defineRule } from './rule';
import type { RuleFinding } from './rule';
import { valueSuits } from './unknown-env-var';
import { fit } from '../headline';

const MESSAGES = {
  removed: 'a variable this version no longer reads, with no replacement',
  renamed: 'a variable this version no longer reads, replaced by another name',
  notYet: 'a variable introduced after this version',
};
type Id = keyof typeof MESSAGES;

export const rule = defineRule({
  id: 'env-var-version',
  defaultSeverity: 'warning',
  description: 'A kube-vip variable that the image version does not read yet, or no longer reads, is silently ignored.',
  messages: MESSAGES,
  check({ container, text }) {
    const findings: RuleFinding<Id>[] = [];
    for (const entry of container.env) {
      const spec = lookup(entry.name);
      if (!spec || spec.implicit || isReadBy(spec, container.version)) continue;
      if (atLeast(container.version, spec.since)) findings.push(noLongerRead(spec, entry, container, text));
      // Older than our research: it may well be read.
      else if (spec.since !== RESEARCHED_FROM) {
        findings.push({
          messageId: 'notYet',
          span: entry.nameSpan,
          message: fit(`${spec.name} is read from kube-vip ${spec.since} on: ${versionShort(container)} ignores it. Upgrade or remove it.`, `${spec.name} needs kube-vip ${spec.since}+: ${versionShort(container)} ignores it. Upgrade or remove it.`),
          detail: versionNote(container),
        });
      }
    }
    return findings;
  },
});

function noLongerRead(spec: EnvVarSpec, entry: EnvEntry, container: KubeVipContainer, text: string): RuleFinding<Id> {
  const ignored = `${spec.name} is not read by ${spec.until}+: ${versionShort(container)} ignores it.`;
  const gone = `kube-vip ${spec.until} and later no longer read ${spec.name}`;
  if (!spec.replacedBy) {
    return { messageId: 'removed', span: entry.nameSpan, message: `${ignored} Remove it.`, detail: join(`${gone}, and no other variable replaces it: this setting is silently ignored.`, versionNote(container)) };
  }
  const fixes: Fix[] = [];
  const edit = container.envByName.has(spec.replacedBy) ? undefined : renameEntry(entry, spec.replacedBy, text);
  const suits = valueSuits(container, entry, spec.replacedBy);
  if (edit && !spec.replacementDiffers) fixes.push({ title: `Rename ${spec.name} to ${spec.replacedBy}`, edits: [edit], preferred: suits });
  const badValue = !suits && entry.value !== undefined;
  let advice = `Rename it to ${spec.replacedBy}.`;
  let more: string | undefined;
  if (spec.replacementDiffers) {
    advice = `Remove it; ${spec.replacedBy} differs.`;
    more = spec.replacementDiffers;
  } else if (badValue) {
    advice = `Rename it to ${spec.replacedBy} and change its value.`;
    more = `"${entry.value}" is not a value ${formatVersion(container.version)} accepts for ${spec.replacedBy}, so the value must change too.`;
  }
  return {
    messageId: 'renamed',
    span: entry.nameSpan,
    message: `${ignored} ${advice}`,
    detail: join(`${gone} (replaced by ${spec.replacedBy}), so this setting is silently ignored.`, more, versionNote(container)),
    fixes,
  };
}

/** Sentences joined with spaces, skipping the missing ones. */
function join(...sentences: (string | undefined)[]): string | undefined {
  const text = sentences.filter((s) => s).join(' ');
  return text || undefined;
}

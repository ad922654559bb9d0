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
import { atLeast } from '../version';
import { versionLabel } from '../versionText';
import { defineRule } from './rule';
import type { RuleFinding } from './rule';
import { valueSuits } from './unknown-env-var';

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
        findings.push({ messageId: 'notYet', span: entry.nameSpan, message: `${spec.name} is read from kube-vip ${spec.since}; ${versionLabel(container)} ignores it.` });
      }
    }
    return findings;
  },
});

function noLongerRead(spec: EnvVarSpec, entry: EnvEntry, container: KubeVipContainer, text: string): RuleFinding<Id> {
  const ignored = `on ${versionLabel(container)} this setting is silently ignored.`;
  if (!spec.replacedBy) {
    return { messageId: 'removed', span: entry.nameSpan, message: `kube-vip ${spec.until} and later no longer read ${spec.name}: ${ignored}` };
  }
  const fixes: Fix[] = [];
  const edit = container.envByName.has(spec.replacedBy) ? undefined : renameEntry(entry, spec.replacedBy, text);
  const suits = valueSuits(container, entry, spec.replacedBy);
  if (edit && !spec.replacementDiffers) fixes.push({ title: `Rename ${spec.name} to ${spec.replacedBy}`, edits: [edit], preferred: suits });
  const value = suits || entry.value === undefined ? '' : `, with a value ${versionLabel(container)} accepts there ("${entry.value}" is not)`;
  const advice = spec.replacementDiffers ?? `Rename it to ${spec.replacedBy}${value}.`;
  return {
    messageId: 'renamed',
    span: entry.nameSpan,
    message: `kube-vip ${spec.until} and later no longer read ${spec.name} (replaced by ${spec.replacedBy}): ${ignored} ${advice}`,
    fixes,
  };
}

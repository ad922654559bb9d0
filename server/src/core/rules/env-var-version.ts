/**
 * A variable the image version does not read (yet, or any more) is silently ignored:
 * e.g. vip_cidr from v0.9.0 (replaced by vip_subnet), enableUPNP from v1.0.0.
 */
import { RESEARCHED_FROM } from '../catalog/behaviour';
import { isReadBy, lookup } from '../catalog';
import { renameEntry } from '../fixes';
import type { Fix } from '../types';
import { atLeast } from '../version';
import { versionLabel } from '../versionText';
import type { Rule, RuleFinding } from './rule';

export const rule: Rule = {
  id: 'env-var-version',
  defaultSeverity: 'warning',
  description: 'A kube-vip variable that the image version does not read yet, or no longer reads, is silently ignored.',
  check({ container, text }) {
    const findings: RuleFinding[] = [];
    for (const entry of container.env) {
      const spec = lookup(entry.name);
      if (!spec || spec.implicit || isReadBy(spec, container.version)) continue;
      const label = versionLabel(container);
      const fixes: Fix[] = [];
      let message: string;
      if (atLeast(container.version, spec.since)) {
        message = `kube-vip ${spec.until} and later no longer read ${spec.name}`;
        if (spec.replacedBy) {
          message += ` (replaced by ${spec.replacedBy})`;
          const edit = spec.replacedBy && !container.envByName.has(spec.replacedBy) ? renameEntry(entry, spec.replacedBy, text) : undefined;
          if (edit && !spec.replacementDiffers) fixes.push({ title: `Rename ${spec.name} to ${spec.replacedBy}`, edits: [edit], preferred: true });
        }
        message += `: on ${label} this setting is silently ignored.`;
        if (spec.replacedBy) message += spec.replacementDiffers ? ` ${spec.replacementDiffers}` : ` Rename it to ${spec.replacedBy}.`;
      } else if (spec.since === RESEARCHED_FROM) {
        continue; // older than our research: it may well be read
      } else {
        message = `${spec.name} is read from kube-vip ${spec.since}; ${label} ignores it.`;
      }
      findings.push({ span: entry.nameSpan, message, fixes });
    }
    return findings;
  },
};


/**
 * Some variables are still parsed but change nothing with the `manager` command: vip_startleader and
 * vip_singlenode only drove the `start` command (removed in v0.8.0), vip_configmap has not been used
 * since v0.5.0 (pitfalls 4 and 26). Being parsed, a bad value can still abort start-up.
 */
import { isReadBy, lookup } from '../catalog';
import { removeEntry } from '../fixes';
import type { Fix } from '../types';
import { versionLabel } from '../versionText';
import type { Rule, RuleFinding } from './rule';

export const rule: Rule = {
  id: 'no-effect-env-var',
  defaultSeverity: 'warning',
  description: 'A variable kube-vip still parses but that changes nothing with the manager command: remove it.',
  check({ container, text }) {
    // The retired `start` command (up to v0.7.2) did use these switches.
    if (container.args.some((arg) => arg.value === 'start')) return [];
    const findings: RuleFinding[] = [];
    for (const entry of container.env) {
      const spec = lookup(entry.name);
      // Runtime-injected names (HOSTNAME) have meaning outside kube-vip: a user who sets one has a reason.
      if (!spec?.noEffect || spec.implicit || !isReadBy(spec, container.version)) continue;
      const parsed = spec.type === 'bool' ? ' kube-vip still parses it, so a value strconv.ParseBool rejects aborts start-up.' : '';
      const fixes: Fix[] = [];
      // Removing only the last entry of a name set twice would let an earlier value take effect: the last
      // one's fix removes them all, and earlier ones have duplicate-env-var's removal.
      const winner = container.envByName.get(entry.name) === entry;
      const all = winner ? container.env.filter((e) => e.name === entry.name) : [];
      const edits = all.map((e) => removeEntry(e, text));
      if (winner && edits.every((e) => e !== undefined)) {
        fixes.push({ title: all.length > 1 ? `Remove all ${all.length} ${entry.name} entries` : `Remove ${entry.name}`, edits, preferred: true });
      }
      findings.push({
        span: entry.nameSpan,
        message: `${entry.name} has no effect on ${versionLabel(container)}: ${spec.noEffect}${parsed} Remove this entry.`,
        fixes,
      });
    }
    return findings;
  },
};


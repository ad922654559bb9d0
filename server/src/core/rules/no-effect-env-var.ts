/**
 * Some variables are still parsed but change nothing with the `manager` command: vip_startleader and
 * vip_singlenode only drove the `start` command (removed in v0.8.0), vip_configmap and iptables_backend
 * are stored and never read (pitfalls 4 and 26). Being parsed, a bad boolean can still abort start-up.
 * Others do nothing only up to some release: k8s_config_file is ignored up to v1.2.1 (pitfall 27).
 */
import { isReadBy, lookup, noEffectFor } from '../catalog';
import { removeEntry } from '../fixes';
import type { EnvEntry, KubeVipContainer } from '../model';
import type { Fix } from '../types';
import { inRange } from '../version';
import { versionNote, versionShort } from '../versionText';
import { defineRule } from './rule';
import type { RuleFinding } from './rule';

const MESSAGES = {
  noEffect: 'parsed by every release that reads it, used by none with the manager command: remove it',
  noEffectYet: 'parsed but ignored up to a release that starts using it (k8s_config_file up to v1.2.1)',
};

export const rule = defineRule({
  id: 'no-effect-env-var',
  defaultSeverity: 'warning',
  description: 'A variable kube-vip still parses but that changes nothing with the manager command: remove it.',
  messages: MESSAGES,
  requires: { researchedVersion: true },
  check({ container, text }) {
    // The retired `start` command (up to v0.7.2) did use these switches.
    if (container.args.some((arg) => arg.value === 'start')) return [];
    return container.env.flatMap((entry): RuleFinding<keyof typeof MESSAGES>[] => {
      const spec = lookup(entry.name);
      // Runtime-injected names (HOSTNAME) have meaning outside kube-vip: a user who sets one has a reason.
      if (!spec || spec.implicit || !isReadBy(spec, container.version)) return [];
      const why = noEffectFor(spec, container.version);
      if (!why) return [];
      const label = versionShort(container);
      const note = versionNote(container);
      // A versioned entry is a setting the user wants and a later release honours: removing it is not the remedy.
      if (typeof spec.noEffect !== 'string') {
        const until = spec.noEffect?.find((n) => inRange(container.version, n.from, n.to))?.to;
        return [
          {
            messageId: 'noEffectYet',
            span: entry.nameSpan,
            message: `${entry.name} has no effect on ${label}${until ? ` (ignored up to ${until})` : ''}. Upgrade kube-vip, or use the workaround below.`,
            detail: [why, note].filter(Boolean).join(' '),
            fixes: removal(container, entry, text, false),
          },
        ];
      }
      const parsed = spec.type === 'bool' ? ' kube-vip still parses it, so a value strconv.ParseBool rejects aborts start-up.' : '';
      return [
        {
          messageId: 'noEffect',
          span: entry.nameSpan,
          message: `${entry.name} has no effect on ${label}: kube-vip parses it but never uses it. Remove it.`,
          detail: `${why}${parsed}${note ? ` ${note}` : ''}`,
          fixes: removal(container, entry, text, true),
        },
      ];
    });
  },
});

/**
 * Removing only the last entry of a name set twice would let an earlier value take effect: the last
 * one's fix removes them all, and earlier ones have duplicate-env-var's removal.
 */
function removal(container: KubeVipContainer, entry: EnvEntry, text: string, preferred: boolean): Fix[] {
  if (container.envByName.get(entry.name) !== entry) return [];
  const all = container.env.filter((e) => e.name === entry.name);
  const edits = all.map((e) => removeEntry(e, text));
  if (!edits.every((e) => e !== undefined)) return [];
  return [{ title: all.length > 1 ? `Remove all ${all.length} ${entry.name} entries` : `Remove ${entry.name}`, edits, preferred }];
}

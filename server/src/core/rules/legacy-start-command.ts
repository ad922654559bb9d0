/**
 * The `start` sub-command of v0.3/v0.4-era manifests was removed in v0.8.0 (v0.7.2:cmd/kube-vip-start.go:49-50
 * is the last one), so cobra stops with 'unknown command "start" for "kube-vip"' and Execute exits 1
 * (v0.8.0:cmd/kube-vip.go:161-166; pitfall 32).
 */
import { replaceScalar } from '../fixes';
import type { KubeVipContainer, QuoteStyle } from '../model';
import type { Span } from '../span';
import type { Fix } from '../types';
import { atLeast } from '../version';
import { versionNote, versionShort } from '../versionText';
import { usesConfigFile } from '../sources';
import { defineRule } from './rule';
import { fit } from '../headline';

const REMOVED_IN = 'v0.8.0';

export const rule = defineRule({
  id: 'legacy-start-command',
  defaultSeverity: 'error',
  description: 'The `start` sub-command no longer exists from kube-vip v0.8.0; use `manager`.',
  messages: {
    startRemoved: 'v0.8.0+: the "start" sub-command is unknown, kube-vip exits with code 1',
  },
  check({ container, text }) {
    if (!atLeast(container.version, REMOVED_IN)) return [];
    const sub = subcommand(container);
    if (!sub || sub.value !== 'start') return [];
    const configFile = usesConfigFile(container);
    const fixes: Fix[] = [];
    const edit = replaceScalar(sub.span, quoteAt(text, sub.span), 'manager');
    // With `start -c file` the word alone does not carry the settings over, so do not auto-apply it.
    if (edit) fixes.push({ title: 'Replace "start" with "manager"', edits: [edit], preferred: !configFile });
    const settings = configFile
      ? ' `start` read its settings from the -c file; `manager` reads env variables (and, from v1.0.1, config_file), so move the settings as well.'
      : '';
    return [
      {
        messageId: 'startRemoved',
        span: sub.span,
        message: fit(
          `The "start" sub-command was removed in v0.8.0: ${versionShort(container)} exits at once (code 1, restart loop). Use "manager"${configFile ? ' and move the -c settings' : ''}.`,
          `"start" was removed in v0.8.0: ${versionShort(container)} exits at once (code 1, restart loop). Use "manager"${configFile ? ' and move the -c settings' : ''}.`,
        ),
        detail:
          `v0.7.2 is the last release that has it. kube-vip ${versionShort(container)} stops at once with 'unknown command "start" for "kube-vip"' (exit code 1) and the container restarts in a loop.` +
          `${settings}${note(container)}`,
        fixes,
      },
    ];
  },
});

/** The sub-command: the first word after the kube-vip binary (the image entrypoint when only args are given). */
function subcommand(container: KubeVipContainer): { value: string; span: Span } | undefined {
  let i = 0;
  while (i < container.args.length && /(^|\/)kube-vip$/.test(container.args[i].value)) i++;
  const first = container.args[i];
  return first && !first.value.startsWith('-') ? first : undefined;
}

function quoteAt(text: string, span: Span): QuoteStyle {
  const first = text[span.start];
  return first === '"' ? 'double' : first === "'" ? 'single' : 'plain';
}

/** " Checked as …." when the tag does not name the version. */
function note(container: KubeVipContainer): string {
  const text = versionNote(container);
  return text ? ` ${text}` : '';
}

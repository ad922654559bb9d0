/**
 * kube-vip needs at least one feature: the control-plane VIP (cp_enable) or LoadBalancer Services
 * (svc_enable). With neither, the `manager` command of every release refuses to start with
 * "no features are enabled" (v0.5.0:cmd/kube-vip.go:251-253, v1.2.3:cmd/kube-vip.go:403-407).
 * The old `start` command (up to v0.7.2) has no such check.
 */
import { MODE_PRECEDENCE, configOf } from '../config';
import type { KubeVipContainer } from '../model';
import { abortOutcome, abortShort } from '../outcomes';
import { HEADLINE_LIMIT } from '../types';
import { atLeast } from '../version';
import { defineRule } from './rule';

const FEATURES = ['cp_enable', 'svc_enable'] as const;

const messages = {
  noFeature: 'neither cp_enable nor svc_enable is "true": the manager refuses to start',
} as const;

export const rule = defineRule({
  id: 'no-feature',
  defaultSeverity: 'error',
  description: 'At least one of cp_enable and svc_enable must be "true", or kube-vip refuses to start.',
  messages,
  requires: { wholeEnv: true, researchedVersion: true },
  check({ container }) {
    if (!runsManager(container)) return [];
    const config = configOf(container);
    if (config.controlPlane !== 'off' || config.services !== 'off') return [];
    const present = container.env.filter((e) => (FEATURES as readonly string[]).includes(e.name));
    return [
      {
        messageId: 'noFeature',
        span: present[0]?.nameSpan ?? container.anchorSpan,
        message: [`Neither cp_enable nor svc_enable is "true": ${abortShort(container)}. Set either to "true".`, `Neither cp_enable nor svc_enable is "true": ${abortShort(container)}. Set one to "true".`].find(
          (c, i, all) => c.length <= HEADLINE_LIMIT || i === all.length - 1,
        )!,
        detail:
          `There is nothing for kube-vip to do: ${outcome(container)}. ` +
          'Set cp_enable "true" for the control-plane VIP, svc_enable "true" for LoadBalancer Services, or both.',
        related: present.slice(1).map((e) => ({ span: e.nameSpan, message: `${e.name} is not "true" either` })),
      },
    ];
  },
});

/**
 * The refusal, with its log line when it is the first check that fails. From v1.2.2 the mode checks
 * run first (v1.2.3:cmd/kube-vip.go:390-398): with no mode or several, that error is logged instead
 * (mode-count reports it), and the start is refused all the same.
 */
function outcome(container: KubeVipContainer): string {
  const modeCheckFirst = atLeast(container.version, MODE_PRECEDENCE.exactlyOneFrom) && configOf(container).modesOn.length !== 1;
  return modeCheckFirst ? abortOutcome(container) : abortOutcome(container, 'no features are enabled');
}

/**
 * False for the removed `start` sub-command (legacy-start-command reports it), which never checks
 * features (v0.7.2:cmd/kube-vip-start.go:50-60); true for `manager`, or when args name no sub-command.
 */
function runsManager(container: KubeVipContainer): boolean {
  const words = container.args.map((a) => a.value).filter((w) => !/(^|\/)kube-vip$/.test(w));
  const sub = words[0];
  return sub === undefined || sub.startsWith('-') || sub === 'manager';
}

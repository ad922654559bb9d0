/**
 * kube-vip needs at least one feature: the control-plane VIP (cp_enable) or LoadBalancer Services
 * (svc_enable). With neither, every release refuses to start with "no features are enabled"
 * (pitfall 15, v1.2.3:cmd/kube-vip.go:405).
 */
import { RESEARCHED_FROM } from '../catalog/behaviour';
import { atLeast } from '../version';
import { abortOutcome } from '../outcomes';
import { isOff } from '../sources';
import type { Rule } from './rule';

const FEATURES = ['cp_enable', 'svc_enable'] as const;

export const rule: Rule = {
  id: 'no-feature',
  defaultSeverity: 'error',
  description: 'At least one of cp_enable and svc_enable must be "true", or kube-vip refuses to start.',
  needsWholeEnv: true,
  check({ container }) {
    if (!atLeast(container.version, RESEARCHED_FROM)) return [];
    if (!FEATURES.every((name) => isOff(container, name))) return [];
    const present = container.env.filter((e) => (FEATURES as readonly string[]).includes(e.name));
    return [
      {
        span: present[0]?.nameSpan ?? container.anchorSpan,
        message:
          `Neither cp_enable nor svc_enable is "true", so there is nothing for kube-vip to do: ${abortOutcome(container, 'no features are enabled')}. ` +
          'Set cp_enable "true" for the control-plane VIP, svc_enable "true" for LoadBalancer Services, or both.',
        related: present.slice(1).map((e) => ({ span: e.nameSpan, message: `${e.name} is not "true" either` })),
      },
    ];
  },
};

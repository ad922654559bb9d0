/**
 * In WireGuard mode kube-vip reconciles LoadBalancer Services only with per-Service leader election
 * (pitfall 16; docs usage/services.md, "WireGuard mode" table). Without svc_election "true" the
 * Services silently never get their VIP.
 */
import { RESEARCHED_FROM } from '../catalog/behaviour';
import { boolState } from '../env';
import { replaceValue } from '../fixes';
import type { Fix } from '../types';
import { atLeast } from '../version';
import { versionLabel } from '../versionText';
import { mayBeSetOutsideEnv } from '../sources';
import type { Rule } from './rule';

export const rule: Rule = {
  id: 'wireguard-svc-election',
  defaultSeverity: 'warning',
  description: 'WireGuard mode serves LoadBalancer Services only with svc_election "true".',
  needsWholeEnv: true,
  check({ container }) {
    if (!atLeast(container.version, RESEARCHED_FROM)) return [];
    if (boolState(container, 'vip_wireguard') !== 'true' || boolState(container, 'svc_enable') !== 'true') return [];
    const state = boolState(container, 'svc_election');
    if (state === 'true' || state === 'unknown' || mayBeSetOutsideEnv(container, 'svc_election')) return [];
    const election = container.envByName.get('svc_election');
    const svc = container.envByName.get('svc_enable')!;
    const wireguard = container.envByName.get('vip_wireguard')!;
    const fixes: Fix[] = [];
    const edit = election && replaceValue(election, 'true');
    if (edit) fixes.push({ title: 'Set svc_election to "true"', edits: [edit], preferred: true });
    const described = state === 'false' ? `svc_election is "${election!.value}"` : 'svc_election is not set';
    return [
      {
        span: election?.valueSpan ?? election?.nameSpan ?? svc.nameSpan,
        message:
          `In WireGuard mode kube-vip reconciles LoadBalancer Services only with per-Service leader election, and ${described}: ` +
          `on ${versionLabel(container)} the Services silently never get their VIP. Set svc_election to "true".`,
        fixes,
        related: [{ span: wireguard.valueSpan ?? wireguard.nameSpan, message: 'WireGuard mode is enabled here' }],
      },
    ];
  },
};

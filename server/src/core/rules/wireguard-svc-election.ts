/**
 * Which WireGuard managers serve LoadBalancer Services, by version (pitfall 16):
 * - v0.5.0–v1.0.3: per-Service election with svc_election, else one global lease whose leader runs
 *   the services watcher (v0.9.2:pkg/manager/manager_wireguard.go:57-94): Services are served either way.
 * - v1.0.4: the WireGuard manager serves only the control plane (v1.0.4:pkg/manager/manager_wireguard.go:93-208).
 * - v1.1.0-rc.0+: per-Service election with svc_election; without it only the control-plane leader
 *   runs the services watcher (v1.2.3:pkg/manager/worker/wireguard.go:104-113,151-155), so a
 *   Services-only container serves nothing.
 */
import { configOf } from '../config';
import { replaceValue } from '../fixes';
import type { Fix } from '../types';
import { atLeast, inRange } from '../version';
import { versionLabel, versionShort } from '../versionText';
import { defineRule } from './rule';

/** The release whose WireGuard manager has no services watcher at all. */
const CONTROL_PLANE_ONLY = 'v1.0.4';
/** The worker refactor: Services without svc_election ride on the control-plane leader election. */
const WORKER_FROM = 'v1.1.0-rc.0';

export const rule = defineRule({
  id: 'wireguard-svc-election',
  defaultSeverity: 'warning',
  description: 'WireGuard mode serves LoadBalancer Services only with svc_election "true" (or through the control-plane leader); v1.0.4 never serves them.',
  messages: {
    noElection: 'v1.1.0+: WireGuard serves Services only with svc_election or through the control-plane leader, and neither is on',
    controlPlaneOnly: 'v1.0.4: the WireGuard manager serves only the control plane, so Services never get a VIP',
  },
  requires: { wholeEnv: true },
  check({ container }) {
    const config = configOf(container);
    if (config.isMode('wireguard') !== 'on' || config.services !== 'on') return [];
    const svc = container.envByName.get('svc_enable')!;
    const wireguard = container.envByName.get('vip_wireguard');
    const related = wireguard ? [{ span: wireguard.valueSpan ?? wireguard.nameSpan, message: 'WireGuard mode is enabled here' }] : [];
    const label = versionLabel(container);
    if (inRange(container.version, CONTROL_PLANE_ONLY, CONTROL_PLANE_ONLY)) {
      return [
        {
          messageId: 'controlPlaneOnly',
          span: svc.valueSpan ?? svc.nameSpan,
          message: `On ${versionShort(container)} WireGuard mode serves only the control plane: Services never get a VIP. Use v1.1.0 or later.`,
          detail:
            `On ${label} the WireGuard manager serves only the control plane: LoadBalancer Services never get a VIP in WireGuard mode, ` +
            `whatever svc_election says. v1.0.3 and earlier serve them, and so do v1.1.0 and later (with svc_election "true", or through the control-plane leader).`,
          related,
        },
      ];
    }
    if (!atLeast(container.version, WORKER_FROM)) return []; // v0.5.0–v1.0.3: the global leader serves them
    if (config.servicesElection !== 'off' || config.controlPlane !== 'off') return [];
    const election = container.envByName.get('svc_election');
    const fixes: Fix[] = [];
    const edit = election && config.notParsed('svc_election') === undefined ? replaceValue(election, 'true') : undefined;
    if (edit) fixes.push({ title: 'Set svc_election to "true"', edits: [edit], preferred: true });
    const described = election && election.value ? `svc_election is "${election.value}"` : 'svc_election is not set';
    return [
      {
        messageId: 'noElection',
        span: edit ? election!.valueSpan! : svc.valueSpan ?? svc.nameSpan,
        message: `${described}: in WireGuard mode ${versionShort(container)} gives Services no VIP (cp_enable is off). Set it to "true".`,
        detail:
          `In WireGuard mode kube-vip ${label} (v1.1.0 and later) serves LoadBalancer Services with per-Service leader election, or through the control-plane leader when cp_enable is on. ` +
          `Here cp_enable is off and ${described}, so the Services silently never get their VIP.`,
        fixes,
        related,
      },
    ];
  },
});

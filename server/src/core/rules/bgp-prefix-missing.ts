/**
 * BGP mode up to v0.8.10 announces a Service VIP as "<ip>/<vip_cidr>" (kube-vip issue #913):
 * - Services without election (neither svc_election nor vip_leaderelection) go through the endpoints
 *   watcher with the global vip_cidr (v0.8.10:pkg/manager/watch_endpoints.go:300,345);
 * - elected Services get their own copy: the global string up to v0.8.4 (v0.8.4:pkg/manager/instance.go:97),
 *   "32"/"128" by family from v0.8.5 (v0.8.5:pkg/manager/instance.go:103-158).
 * vip_cidr has no default from v0.8.1 and is derived only from `address` from v0.8.3
 * (v0.8.10:cmd/kube-vip.go:256-257), so a Services-only container with neither has an empty suffix:
 * net.ParseCIDR rejects "<ip>/" and no Service is ever announced. v0.9.0 announces each VIP with
 * its own prefix (v0.9.0:pkg/manager/watch_endpoints.go:371). The control-plane side of the same
 * failure is control-plane-address's.
 */
import { PREFIX_LIST } from '../catalog/behaviour';
import { configOf } from '../config';
import type { EffectiveConfig, Tri } from '../config';
import { addEntryAfter } from '../fixes';
import type { Fix } from '../types';
import { atLeast, inRange } from '../version';
import { versionLabel, versionShort } from '../versionText';
import { defineRule } from './rule';

/** v0.8.1 dropped the `--cidr` default "32"; v0.8.10 is the last release that appends the vip_cidr string. */
const AFFECTED = { from: 'v0.8.1', to: 'v0.8.10' };

export const rule = defineRule({
  id: 'bgp-prefix-missing',
  defaultSeverity: 'error',
  description: 'BGP mode on v0.8.1–v0.8.10 announces Service VIPs as "<ip>/<vip_cidr>": without vip_cidr or address they are never announced.',
  messages: {
    servicesNotAnnounced: 'BGP, v0.8.1–v0.8.10: with neither vip_cidr nor address, Service VIPs are announced as "<ip>/" and never reach the peers',
  },
  requires: { wholeEnv: true },
  check({ container, text }) {
    const config = configOf(container);
    if (!inRange(container.version, AFFECTED.from, AFFECTED.to) || config.isMode('bgp') !== 'on') return [];
    // With cp_enable, control-plane-address reports the missing address or prefix (and names the Services).
    if (config.services !== 'on' || config.controlPlane !== 'off' || config.prefixList.source !== 'none') return [];
    if (servicesUseGlobalCidr(config) !== 'on') return [];
    const svc = container.envByName.get('svc_enable')!;
    const bgp = container.envByName.get('bgp_enable');
    const edit = addEntryAfter(svc, 'vip_cidr', '32', text);
    const fixes: Fix[] = edit ? [{ title: 'Add vip_cidr "32"', edits: [edit], preferred: true }] : [];
    const which = atLeast(container.version, PREFIX_LIST.splitByFamily) ? 'LoadBalancer Services without election' : 'LoadBalancer Services';
    const derivation = atLeast(container.version, PREFIX_LIST.derivedFromAddress)
      ? 'it is derived only from address, which this container does not set'
      : 'this version has no default and does not derive it (the "32" default was removed in v0.8.1)';
    return [
      {
        messageId: 'servicesNotAnnounced',
        span: svc.valueSpan ?? svc.nameSpan,
        message: `vip_cidr is not set: ${versionShort(container)} announces BGP Service VIPs as "<ip>/", so none reach the peers. Add vip_cidr "32".`,
        detail:
          `In BGP mode kube-vip ${versionLabel(container)} (v0.8.1–v0.8.10) announces the VIPs of ${which} as "<ip>/<vip_cidr>", ` +
          `and vip_cidr is empty here: it is not set, and ${derivation}. So kube-vip logs "invalid CIDR address: <ip>/" and the Services never reach the BGP peers. ` +
          `"32" is right for IPv4 and IPv6 Services: these versions only check that "<ip>/<vip_cidr>" parses and always announce a /32 or /128 host route; never "32,128" here. ` +
          `v0.9.0 and later announce each VIP with its own prefix.`,
        fixes,
        related: bgp ? [{ span: bgp.valueSpan ?? bgp.nameSpan, message: 'BGP mode is enabled here' }] : [],
      },
    ];
  },
});

/**
 * Whether the LoadBalancer Services of this BGP container are announced with the global vip_cidr
 * string: all of them up to v0.8.4, only those without any election from v0.8.5
 * (v0.8.10:pkg/manager/watch_services.go:193-195, v0.8.10:pkg/cluster/service.go:336-338).
 */
export function servicesUseGlobalCidr(config: EffectiveConfig): Tri {
  if (config.services === 'off' || !inRange(config.container.version, AFFECTED.from, AFFECTED.to)) return 'off';
  if (!atLeast(config.container.version, PREFIX_LIST.splitByFamily)) return config.services;
  const election = [config.servicesElection, config.flag('vip_leaderelection')];
  if (election.includes('on')) return 'off';
  return config.services === 'on' && election.every((e) => e === 'off') ? 'on' : 'unknown';
}

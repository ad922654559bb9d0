/**
 * What kube-vip does with an IPv4 VIP whose prefix is IPv6-sized (> 32), by version and mode: the
 * consequence that vip-prefix-list states for the VIPs a manifest shows and service-prefix for the
 * Services it serves. failure() is the full account for a detail; failureShort() the few words for a
 * headline ("v0.8.9 panics on IPv4 Services").
 */
import { PREFIX_LIST } from './catalog/behaviour';
import type { EffectiveConfig } from './config';
import type { KubeVipContainer } from './model';
import { abortOutcome, abortShort } from './outcomes';
import { atLeast } from './version';
import { versionLabel, versionShort } from './versionText';

/**
 * What happens to an IPv4 VIP of `target` that gets /`prefix` (> 32), for a mode that uses the list, as
 * a sentence for a detail. The version is named as in a headline (versionShort): add versionNote() to the
 * detail for where it came from.
 */
export function failure(config: EffectiveConfig, prefix: string, target: 'control-plane' | 'services'): string {
  const { container } = config;
  const label = versionShort(container);
  const when = target === 'services' ? 'as soon as a LoadBalancer Service gets an IPv4 address' : 'when it configures the IPv4 control-plane VIP';
  if (atLeast(container.version, PREFIX_LIST.subnetListForm)) {
    const rejected = `kube-vip ${label} rejects "<ip>/${prefix}" ("could not format address … with subnetMask '${prefix}': invalid CIDR")`;
    return target === 'services'
      ? `${rejected} for every IPv4 LoadBalancer Service: it logs "Failed to add Service" and the Service gets no VIP.`
      : `${rejected} for the IPv4 control-plane VIP; kube-vip then ${abortOutcome(container).slice(`kube-vip ${versionLabel(container)} `.length)}.`;
  }
  return `${arpOutcome(container)} ${when}.`;
}

/** ARP mode on v0.8.5–v0.8.10 (the only split-and-SetMask path before v0.9.0), for a detail. */
export function arpOutcome(container: KubeVipContainer): string {
  const label = versionShort(container);
  if (!atLeast(container.version, PREFIX_LIST.splitByFamily)) return `${label} ignores the list (v0.8.4 and earlier use it only for BGP) and v0.8.5–v0.8.10 crash`;
  if (!atLeast(container.version, PREFIX_LIST.maskErrorThenPanic)) return `kube-vip ${label} (v0.8.5–v0.8.9) panics with "index out of range"`;
  return `kube-vip ${label} logs "failed to set mask" ("provided CIDR mask … is greater than the highest mask value for the IPv4 family (32)") and then panics`;
}

export interface ShortOptions {
  /** Who gets the IPv4 VIP, for Services: "IPv4 Services" unless told ("IPv4 Service shop/web"). */
  readonly services?: string;
  /** The outcome is not certain (whether the instance serves it): "may panic". */
  readonly may?: boolean;
  /** It happens only if the cluster has IPv4 Services: "panics if the cluster has IPv4 Services". */
  readonly ifAny?: boolean;
}

/**
 * failure() in a few words for a headline: "v0.8.9 panics on IPv4 Services", "v1.2.3 gives IPv4 Services
 * no VIP", "v0.9.0 refuses to start (exit 0, restart loop)", "v0.8.9 panics on the IPv4 control-plane VIP";
 * with `may`, "v0.8.9 may panic on …"; with `ifAny`, "v0.8.9 panics if the cluster has IPv4 Services", "v1.2.3 gives IPv4 Services no VIP, if there are any".
 * Before v0.8.5 (where only an unknown mode leads here), "v0.8.4 may not announce IPv4 VIPs".
 */
export function failureShort(config: EffectiveConfig, target: 'control-plane' | 'services', options: ShortOptions = {}): string {
  const { container } = config;
  const v = versionShort(container);
  const services = options.services ?? 'IPv4 Services';
  const may = options.may ? 'may ' : '';
  if (!atLeast(container.version, PREFIX_LIST.splitByFamily)) return `${v} may not announce IPv4 VIPs`;
  if (atLeast(container.version, PREFIX_LIST.subnetListForm)) {
    if (target === 'control-plane') return options.may ? `${v} may refuse to start` : abortShort(container);
    if (options.ifAny) return `${v} gives IPv4 Services no VIP, if there are any`;
    return `${v} ${may}${options.may ? 'give' : 'gives'} ${services} no VIP`;
  }
  const object = target === 'services' ? services : 'the IPv4 control-plane VIP';
  if (options.ifAny) return `${v} panics if the cluster has IPv4 Services`;
  return `${v} ${may}${options.may ? 'panic' : 'panics'} on ${object}`;
}


/**
 * The default kube-vip image is built FROM scratch and has no iptables binaries (pitfall 29;
 * kube-vip#874, #1065, #602, #1255). Masquerade forwarding, Service security and iptables egress
 * call iptables, so they need the kube-vip-iptables image (published since v0.5.5), except where
 * v1.2.2+ writes the same rules with its Go nftables client (egress_withnftables, default true).
 */
import { configOf } from '../config';
import { boolState } from '../env';
import type { EnvEntry, KubeVipContainer } from '../model';
import { parseImage } from '../model';
import { mayBeSetOutsideEnv } from '../sources';
import type { Fix, Severity } from '../types';
import { shown } from '../headline';
import { HEADLINE_LIMIT } from '../types';
import { atLeast, formatVersion, inRange } from '../version';
import { versionNote, versionShort } from '../versionText';
import { defineRule } from './rule';
import type { RuleContext, RuleFinding } from './rule';

/** kube-vip-iptables images exist from this release. */
const IPTABLES_IMAGE_SINCE = 'v0.5.5';
/** AddIP writes a masquerade rule for the control-plane VIP from v0.8.0 (v0.8.0:pkg/vip/address.go:259-263). */
const MASQUERADE_SINCE = 'v0.8.0';
/** From v0.8.10 the rule needs IPVS (lb_enable) and an IPv4 VIP (v0.8.10:pkg/vip/address.go:317). */
const MASQUERADE_NEEDS_IPVS = 'v0.8.10';
/** Up to v0.8.9 a failed AddIP of the control-plane VIP is log.Fatalf (v0.8.9:pkg/cluster/service.go:72-74). */
const FATAL_UNTIL = 'v0.8.9';
/** v1.1.0–v1.2.0: StartVipService returns the error and the manager is shut down (v1.1.0:pkg/cluster/service.go:70-72). */
const SHUTDOWN = { from: 'v1.1.0-rc.0', to: 'v1.2.0' } as const;
/**
 * v0.6.3–v0.8.9: the port filter is written for the control-plane VIP too (it has no Service to
 * skip it), and a failed control-plane AddIP is log.Fatalf (v0.6.3:pkg/cluster/service.go:49-51).
 */
const SECURITY_CP_FATAL = { from: 'v0.6.3', to: 'v0.8.9' } as const;
/** Up to v0.9.2 the VIP code reads enable_service_security itself and acts only on the exact "true" (v0.9.2:pkg/vip/address.go:322). */
const SECURITY_EXACT_UNTIL = 'v0.9.2';
/** v1.2.2 writes security and masquerade rules with nftables unless egress_withnftables is false (v1.2.3:pkg/vip/address.go:482-490). */
const NFTABLES_FROM = 'v1.2.2';
/** The repository whose -iptables sibling we know to be published. */
const GHCR_REPO = 'ghcr.io/kube-vip/kube-vip';

type Id = 'masqueradeFatal' | 'masqueradeShutdown' | 'masqueradeNotApplied' | 'securityControlPlaneFatal' | 'serviceSecurity' | 'iptablesEgress';

interface Need {
  readonly id: Id;
  readonly entry: EnvEntry;
  readonly severity: Severity;
  /** The setting as the headline names it. */
  readonly subject: string;
  /** What the setting means, when the detail must say so. */
  readonly why?: string;
  /** The detail's sentence after "On <version>", e.g. "kube-vip only logs the failure". */
  readonly outcome: string;
  /** The headline's consequence after the version, e.g. "crashes in a loop". */
  readonly effect: string;
}

export const rule = defineRule<Id>({
  id: 'iptables-image',
  defaultSeverity: 'warning',
  description: 'Masquerade forwarding, Service security and iptables egress need the kube-vip-iptables image (on v1.2.2+ only with egress_withnftables "false").',
  messages: {
    masqueradeFatal: 'v0.8.0–v0.8.9: the masquerade iptables rule fails when the control-plane VIP is added, and kube-vip exits (log.Fatalf)',
    masqueradeShutdown: 'v1.1.0–v1.2.0: the masquerade iptables rule fails, StartVipService returns the error and kube-vip shuts its manager down',
    masqueradeNotApplied: 'v0.8.10–v1.0.4, v1.2.1+: the masquerade iptables rule fails and is only logged; the VIP is added without it',
    securityControlPlaneFatal: 'v0.6.3–v0.8.9: the port-filter rules are written for the control-plane VIP too, and kube-vip exits (log.Fatalf) when they fail',
    serviceSecurity: 'the Service security iptables rules fail and are only logged; the Service VIP is added without them',
    iptablesEgress: 'egress_withnftables "false": iptables egress fails, so egress for annotated Services is not set up',
  },
  requires: { wholeEnv: true },
  check(context) {
    const { container } = context;
    if (container.iptablesImage || !atLeast(container.version, IPTABLES_IMAGE_SINCE)) return [];
    const fix = imageFix(context);
    const nft = nftablesNote(container);
    if (nft === 'nftables') return egressNeed(container).map((need) => finding(container, need, fix, ''));
    return [...masqueradeNeed(container), ...securityNeed(container), ...egressNeed(container)].map((need) => finding(container, need, fix, need.id === 'iptablesEgress' ? '' : nft));
  },
});

function finding(container: KubeVipContainer, need: Need, fix: Fix | undefined, condition: string): RuleFinding<Id> {
  const short = versionShort(container);
  // When egress_withnftables is unknown on v1.2.2+, the binary is needed only if it is "false".
  const needs = condition ? `${need.subject} may need iptables: if so, ${short} ${need.effect}` : `${need.subject} needs iptables: ${short} ${need.effect}`;
  const message = [`${needs} on this image. Use the kube-vip-iptables image.`, `${needs} on this image. Use kube-vip-iptables.`, `${needs}. Use kube-vip-iptables.`].find(
    (h) => h.length <= HEADLINE_LIMIT,
  ) ?? `${needs}. Use kube-vip-iptables.`;
  const note = versionNote(container);
  return {
    messageId: need.id,
    span: need.entry.valueSpan!,
    severity: condition ? 'warning' : need.severity,
    message,
    detail: [
      need.why,
      `${parseImage(container.image).repository} is built without the iptables binary.`,
      condition ? `kube-vip needs it unless ${condition}.` : undefined,
      `On ${formatVersion(container.version)} ${need.outcome}. Use the kube-vip-iptables image with the same tag.`,
      note,
    ].filter((x) => x).join(' '),
    fixes: fix ? [fix] : [],
    related: [{ span: container.imageSpan, message: 'this image has no iptables binaries' }],
  };
}

/**
 * v1.2.2+: 'nftables' when the Go nftables client writes the rules (no binary needed), '' when
 * egress_withnftables is "false" (or the version predates it), else the condition under which it needs none, for the detail.
 */
function nftablesNote(container: KubeVipContainer): 'nftables' | string {
  if (!atLeast(container.version, NFTABLES_FROM)) return '';
  const state = boolState(container, 'egress_withnftables');
  if (state === 'false') return '';
  if (state === 'true' || (state === 'unset' && !mayBeSetOutsideEnv(container, 'egress_withnftables'))) return 'nftables';
  return `egress_withnftables is true, the default from ${NFTABLES_FROM}, when it writes these rules with nftables`;
}

/** The env entry of `name` when this image parses it and it holds a literal value. */
function parsed(container: KubeVipContainer, name: string): EnvEntry | undefined {
  const entry = container.envByName.get(name);
  return entry?.value && configOf(container).notParsed(name) === undefined ? entry : undefined;
}

/**
 * lb_fwdmethod "masquerade" (exact: the VIP code compares the string as written, v1.2.3:pkg/vip/address.go:502):
 * AddIP writes the rule for the control-plane VIP only (Services' VIP configs carry no forwarding
 * method, v0.8.9:pkg/manager/instance.go:151-172), in ARP and BGP mode (table mode adds no VIP).
 */
function masqueradeNeed(container: KubeVipContainer): Need[] {
  const config = configOf(container);
  const method = parsed(container, 'lb_fwdmethod');
  if (!method || method.value !== 'masquerade' || !atLeast(container.version, MASQUERADE_SINCE)) return [];
  // With vip_routingtable on too, the control-plane VIP is not added at all (v0.8.9:pkg/cluster/service.go:55).
  if (config.controlPlane !== 'on' || (config.isMode('arp') !== 'on' && config.isMode('bgp') !== 'on') || config.flag('vip_routingtable') === 'on') return [];
  if (atLeast(container.version, MASQUERADE_NEEDS_IPVS)) {
    if (config.flag('lb_enable') !== 'on') return []; // the rule is written only with IPVS
    if (config.address && !config.address.families.includes('ipv4') && config.address.dnsNames.length === 0) return []; // IPv4 VIPs only
  }
  const subject = `lb_fwdmethod "masquerade"`;
  const label = formatVersion(container.version);
  if (inRange(container.version, MASQUERADE_SINCE, FATAL_UNTIL)) {
    return [{
      id: 'masqueradeFatal', entry: method, severity: 'error', subject, effect: 'crashes in a loop',
      outcome: `kube-vip writes the masquerade rule whenever it adds the control-plane VIP, with or without lb_enable, and exits with log.Fatalf when that fails, so the Pod restarts in a loop`,
    }];
  }
  if (inRange(container.version, SHUTDOWN.from, SHUTDOWN.to)) {
    return [{
      id: 'masqueradeShutdown', entry: method, severity: 'error', subject, effect: 'shuts down and restarts in a loop',
      outcome: `adding the control-plane VIP fails on the masquerade rule, and kube-vip ${label} (v1.1.0–v1.2.0) shuts its manager down, so the Pod restarts in a loop`,
    }];
  }
  return [{
    id: 'masqueradeNotApplied', entry: method, severity: 'warning', subject, effect: 'skips the masquerade rule',
    outcome: `kube-vip only logs the failure: the control-plane VIP is added, but the masquerade rule for IPVS forwarding is not`,
  }];
}

/**
 * enable_service_security: AddIP writes the port filter for each Service VIP (a failure is only
 * logged) and, on v0.6.3–v0.8.9, for the control-plane VIP as well (fatal there).
 */
function securityNeed(container: KubeVipContainer): Need[] {
  const config = configOf(container);
  const entry = container.envByName.get('enable_service_security');
  if (!entry?.value) return [];
  // Up to v0.9.2 the VIP code reads the env itself, even where ParseEnvironment skipped it (v0.8.2–v0.8.4).
  const on = inRange(container.version, undefined, SECURITY_EXACT_UNTIL) ? entry.value === 'true' : parsed(container, entry.name) && config.flag(entry.name) === 'on';
  if (!on) return [];
  const addsControlPlaneVip = config.controlPlane === 'on' && (config.isMode('arp') === 'on' || config.isMode('bgp') === 'on') && config.flag('vip_routingtable') !== 'on';
  if (addsControlPlaneVip && inRange(container.version, SECURITY_CP_FATAL.from, SECURITY_CP_FATAL.to)) {
    return [{
      id: 'securityControlPlaneFatal', entry, severity: 'error', subject: 'enable_service_security', effect: 'crashes in a loop',
      outcome: 'kube-vip writes the port-filter rules for the control-plane VIP too, and exits with log.Fatalf when that fails, so the Pod restarts in a loop',
    }];
  }
  if (config.services !== 'on') return [];
  return [{
    id: 'serviceSecurity', entry, severity: 'warning', subject: 'enable_service_security', effect: 'skips the Service port filter',
    outcome: 'kube-vip only logs the failure when it adds a Service VIP, so the Service port filtering is never applied',
  }];
}

/** egress_withnftables "false": egress for Services annotated kube-vip.io/egress goes through iptables. */
function egressNeed(container: KubeVipContainer): Need[] {
  const entry = parsed(container, 'egress_withnftables');
  if (!entry || boolState(container, entry.name) !== 'false' || configOf(container).services !== 'on') return [];
  return [{
    id: 'iptablesEgress', entry, severity: 'warning', subject: `egress_withnftables ${shown(entry.value!, 12)}`, why: `egress_withnftables "${entry.value}" selects iptables egress.`,
    effect: 'sets up no Service egress',
    outcome: 'kube-vip only logs the failure, so egress for Services annotated kube-vip.io/egress is not set up',
  }];
}

/** Inserts "-iptables" after the repository, keeping registry, tag and quotes; not for digests. */
function imageFix(context: RuleContext): Fix | undefined {
  const { container, text } = context;
  const ref = parseImage(container.image);
  if (ref.repository !== GHCR_REPO || ref.digest || !container.versionFromTag) return undefined;
  const raw = text.slice(container.imageSpan.start, container.imageSpan.end);
  const at = raw.indexOf(GHCR_REPO);
  if (at < 0) return undefined;
  const offset = container.imageSpan.start + at + GHCR_REPO.length;
  return {
    title: `Use ${GHCR_REPO}-iptables:${ref.tag}`,
    edits: [{ start: offset, end: offset, newText: '-iptables' }],
    preferred: true,
  };
}

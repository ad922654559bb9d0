/**
 * The default kube-vip image is built FROM scratch and has no iptables binaries. Masquerade
 * forwarding, Service security and iptables-based egress call iptables, so they need the
 * kube-vip-iptables image, published since v0.5.5 (pitfall 29; kube-vip#874, #1065, #602, #1255).
 */
import { isReadBy, lookup } from '../catalog';
import { boolState, isUnset } from '../env';
import type { EnvEntry, KubeVipContainer } from '../model';
import { parseImage } from '../model';
import type { Fix, Severity } from '../types';
import { atLeast, inRange } from '../version';
import { versionLabel } from '../versionText';
import { droppedEntries } from './routing-table-id-drops-env';
import type { Rule, RuleContext, RuleFinding } from './rule';

/** kube-vip-iptables images exist from this release. */
const IPTABLES_IMAGE_SINCE = 'v0.5.5';
/** Masquerade forwarding with iptables rules arrived with PR#782; the generator special-cases it from v0.8.0. */
const MASQUERADE_SINCE = 'v0.8.0';
/** v0.6.0–v0.9.2 applied Service security only for the exact string "true" (pitfall 7). */
const SECURITY_EXACT_UNTIL = 'v0.9.2';
/** The repository whose -iptables sibling we know to be published. */
const GHCR_REPO = 'ghcr.io/kube-vip/kube-vip';

interface Need {
  readonly entry: EnvEntry;
  readonly severity: Severity;
  readonly what: string;
  readonly outcome: string;
  readonly evidence: string;
}

export const rule: Rule = {
  id: 'iptables-image',
  defaultSeverity: 'warning',
  description: 'Masquerade forwarding, Service security and iptables egress need the kube-vip-iptables image.',
  needsWholeEnv: true,
  check(context) {
    const { container } = context;
    if (container.iptablesImage || !atLeast(container.version, IPTABLES_IMAGE_SINCE) || droppedEntries(container).length > 0) return []; // env not read as written
    const fix = imageFix(context);
    return needs(container).map(
      (need): RuleFinding => ({
        span: need.entry.valueSpan!,
        severity: need.severity,
        message:
          `${need.what} needs iptables, but ${parseImage(container.image).repository} is built without it: on ${versionLabel(container)} ` +
          `iptables fails with "executable file not found in $PATH" and ${need.outcome} (${need.evidence}). Use the kube-vip-iptables image with the same tag.`,
        fixes: fix ? [fix] : [],
        related: [{ span: container.imageSpan, message: 'this image has no iptables binaries' }],
      }),
    );
  },
};

/** Every explicit setting in this env that makes kube-vip call iptables. */
function needs(container: KubeVipContainer): Need[] {
  const out: Need[] = [];
  const env = (name: string) => {
    const entry = container.envByName.get(name);
    const spec = lookup(name);
    return entry && !isUnset(entry) && entry.value !== undefined && spec && isReadBy(spec, container.version) ? entry : undefined;
  };
  const on = (name: string) => boolState(container, name) === 'true';
  const method = env('lb_fwdmethod');
  // kube-vip lower-cases the method before use (env-vars.json lb_fwdmethod).
  if (method && method.value!.toLowerCase() === 'masquerade' && on('lb_enable') && atLeast(container.version, MASQUERADE_SINCE)) {
    out.push({ entry: method, severity: 'error', what: `lb_fwdmethod "${method.value}"`, outcome: 'kube-vip exits with a fatal error while it configures the IPVS load balancer, so the Pod restarts in a loop', evidence: 'kube-vip#874, #1065' });
  }
  const security = env('enable_service_security');
  const securityOn = security && (inRange(container.version, undefined, SECURITY_EXACT_UNTIL) ? security.value === 'true' : on('enable_service_security'));
  if (security && securityOn && on('svc_enable')) {
    out.push({ entry: security, severity: 'warning', what: 'enable_service_security', outcome: 'kube-vip only logs it, so the Service port filtering is never applied', evidence: 'kube-vip#602, #808, #1057' });
  }
  const nft = env('egress_withnftables');
  if (nft && boolState(container, 'egress_withnftables') === 'false' && on('svc_enable')) {
    out.push({ entry: nft, severity: 'warning', what: `egress_withnftables "${nft.value}" (iptables egress)`, outcome: 'kube-vip only logs it, so egress for Services annotated kube-vip.io/egress is not set up', evidence: 'kube-vip#1255' });
  }
  return out;
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

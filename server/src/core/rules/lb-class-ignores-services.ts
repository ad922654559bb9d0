/**
 * Two settings make kube-vip skip every LoadBalancer Service that has no spec.loadBalancerClass
 * (pitfalls.md §17):
 * - lb_class_only "true" with the legacy class filter (the only filter before v0.8.1; from v0.8.1
 *   the default, lb_class_legacy_handling "true"): v1.2.3:pkg/services/watch_services.go:142-158.
 * - lb_class_legacy_handling "false" (v0.8.1+) while lb_class_name is non-empty, as its default
 *   "kube-vip.io/kube-vip-class" is: v1.2.3:pkg/services/watch_services.go:161-168, chosen in
 *   v1.2.3:pkg/services/processor.go:72-75. lb_class_only is not consulted by that filter.
 * Both variables are parsed only inside `if svc_enable != ""` (config.notParsed). Whether the cluster
 * has Services without a class is not visible here, so the finding is a warning that says so.
 */
import { configOf } from '../config';
import { boolState } from '../env';
import type { EnvEntry, KubeVipContainer } from '../model';
import { mayBeSetOutsideEnv } from '../sources';
import { versionLabel, versionShort } from '../versionText';
import { defineRule } from './rule';
import type { RuleFinding } from './rule';

/** kube-vip's default class name (v0.8.1:cmd/kube-vip.go:131). */
const DEFAULT_CLASS = 'kube-vip.io/kube-vip-class';

type Id = 'classOnly' | 'classRequired';

export const rule = defineRule<Id>({
  id: 'lb-class-ignores-services',
  defaultSeverity: 'warning',
  description: 'lb_class_only "true", or lb_class_legacy_handling "false" with the default class name, makes kube-vip ignore every Service without spec.loadBalancerClass.',
  messages: {
    classOnly: 'lb_class_only "true" (legacy class filter): Services without spec.loadBalancerClass are ignored',
    classRequired: 'lb_class_legacy_handling "false" with the default lb_class_name: Services without spec.loadBalancerClass are ignored',
  },
  requires: { wholeEnv: true },
  check({ container }) {
    const config = configOf(container);
    if (config.services === 'off') return [];
    const filter = classFilter(container);
    const legacy = parsedEntry(container, 'lb_class_legacy_handling');
    if (filter === 'strict' && legacy) return classRequired(container, legacy);
    const only = parsedEntry(container, 'lb_class_only');
    // From v0.8.1 lb_class_only matters only under the legacy filter, which must be certain here.
    if (!only || boolState(container, only.name) !== 'true' || filter !== 'legacy') return [];
    return [
      {
        messageId: 'classOnly',
        span: only.valueSpan!,
        message: `lb_class_only "true": ${versionShort(container)} ignores Services with no loadBalancerClass (if any). Remove it to serve them.`,
        detail:
          `With lb_class_only "true", kube-vip ${versionLabel(container)} ignores every LoadBalancer Service without spec.loadBalancerClass: such Services get no VIP. ` +
          `This matters only if the cluster has such Services, which the linter cannot see. Remove lb_class_only (or set it to "false") if kube-vip should serve them.`,
      },
    ];
  },
});

/** lb_class_legacy_handling "false": only Services whose class equals lb_class_name are served. */
function classRequired(container: KubeVipContainer, legacy: EnvEntry): RuleFinding<Id>[] {
  const name = container.envByName.get('lb_class_name');
  const isDefault = name ? name.value === DEFAULT_CLASS && configOf(container).notParsed(name.name) === undefined : !mayBeSetOutsideEnv(container, 'lb_class_name');
  if (!isDefault) return []; // a chosen class: filtering on it is the point
  return [
    {
      messageId: 'classRequired',
      span: legacy.valueSpan!,
      message: `lb_class_legacy_handling "false": ${versionShort(container)} ignores Services with no loadBalancerClass (if any). Remove it.`,
      detail:
        `With lb_class_legacy_handling "false", kube-vip ${versionLabel(container)} serves only Services whose spec.loadBalancerClass is lb_class_name ("${DEFAULT_CLASS}"): ` +
        `every LoadBalancer Service without spec.loadBalancerClass gets no VIP. This matters only if the cluster has such Services, which the linter cannot see. ` +
        `Remove lb_class_legacy_handling if kube-vip should serve them, or set lb_class_name to "" to serve only Services without a class.`,
      related: name ? [{ span: name.valueSpan ?? name.nameSpan, message: 'the class name that Services must carry' }] : [],
    },
  ];
}

/** Which class filter runs: the legacy one (the only one before v0.8.1, the default after), or the strict one. */
function classFilter(container: KubeVipContainer): 'legacy' | 'strict' | 'unknown' {
  const name = 'lb_class_legacy_handling';
  if (configOf(container).notParsed(name)?.reason === 'version') return 'legacy';
  switch (boolState(container, name)) {
    case 'true':
      return 'legacy';
    case 'false':
      return 'strict';
    case 'unset':
      return mayBeSetOutsideEnv(container, name) ? 'unknown' : 'legacy';
    default:
      return 'unknown';
  }
}

/** The env entry when this image parses it (the version reads it, svc_enable is set) and it has a literal value. */
function parsedEntry(container: KubeVipContainer, name: string): EnvEntry | undefined {
  const entry = container.envByName.get(name);
  return entry?.value && entry.valueSpan && configOf(container).notParsed(name) === undefined ? entry : undefined;
}

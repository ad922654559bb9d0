/** Every rule, by id. Adding a rule = its module here, its page under docs/rules/, a README row and its kubeVipLint.rules entry in package.json (the tests check all four). */
import type { AnyResourceRule, AnyRule, Rule, WorkspaceRule } from './rule';
import { rule as autoSubnet } from './auto-subnet';
import { rule as bgpConfig } from './bgp-config';
import { rule as bgpPrefixMissing } from './bgp-prefix-missing';
import { rule as bgpPeersFormat } from './bgp-peers-format';
import { rule as controlPlaneAddress } from './control-plane-address';
import { rule as duplicateEnvVar } from './duplicate-env-var';
import { rule as envVarVersion } from './env-var-version';
import { rule as invalidBool } from './invalid-bool';
import { rule as invalidEnum } from './invalid-enum';
import { rule as invalidHostPort } from './invalid-host-port';
import { rule as invalidIp } from './invalid-ip';
import { rule as invalidNumber } from './invalid-number';
import { rule as iptablesImage } from './iptables-image';
import { rule as lbClassIgnoresServices } from './lb-class-ignores-services';
import { rule as leaseTiming } from './lease-timing';
import { rule as legacyStartCommand } from './legacy-start-command';
import { rule as modeCount } from './mode-count';
import { rule as noEffectEnvVar } from './no-effect-env-var';
import { rule as noFeature } from './no-feature';
import { rule as nonStringValue } from './non-string-value';
import { rule as routingTableIdDropsEnv } from './routing-table-id-drops-env';
import { rule as staticPodKubeconfig } from './static-pod-kubeconfig';
import { rule as svcRequiresSvcEnable } from './svc-requires-svc-enable';
import { rule as unknownEnvVar } from './unknown-env-var';
import { rule as vipLoglevelScale } from './vip-loglevel-scale';
import { rule as vipPrefixList } from './vip-prefix-list';
import { rule as servicePrefix } from './service-prefix';
import { rule as serviceAnnotations } from './service-annotations';
import { rule as wireguardSvcElection } from './wireguard-svc-election';
import { rule as rbacPermissions } from './rbac-permissions';
import { rule as duplicateVip } from './duplicate-vip';
import { rule as sharedLease } from './shared-lease';
import { rule as metricsPortConflict } from './metrics-port-conflict';
import { rule as cloudProviderConfig } from './cloud-provider-config';
import { rule as servicePool } from './service-pool';

export const RULES: readonly Rule[] = [
  // names: is the variable read at all?
  envVarVersion,
  unknownEnvVar,
  noEffectEnvVar,
  duplicateEnvVar,
  // values
  nonStringValue,
  invalidBool,
  invalidNumber,
  invalidEnum,
  invalidIp,
  invalidHostPort,
  vipPrefixList,
  bgpPeersFormat,
  vipLoglevelScale,
  // combinations
  modeCount,
  noFeature,
  leaseTiming,
  controlPlaneAddress,
  bgpPrefixMissing,
  autoSubnet,
  bgpConfig,
  svcRequiresSvcEnable,
  wireguardSvcElection,
  iptablesImage,
  lbClassIgnoresServices,
  routingTableIdDropsEnv,
  legacyStartCommand,
  staticPodKubeconfig,
];

/** Rules over one Service, ConfigMap or RBAC object, run in the per-document pass. */
export const RESOURCE_RULES: readonly AnyResourceRule[] = [
  cloudProviderConfig,
  serviceAnnotations,
];

/** Rules over the facts of every file (workspace.ts). */
export const WORKSPACE_RULES: readonly WorkspaceRule[] = [
  servicePool,
  duplicateVip,
  sharedLease,
  metricsPortConflict,
  rbacPermissions,
  servicePrefix,
];

/** Every rule of every scope: docs, settings and listings. */
export const ALL_RULES: readonly AnyRule[] = [...RULES, ...RESOURCE_RULES, ...WORKSPACE_RULES];

export const RULES_BY_ID: ReadonlyMap<string, AnyRule> = new Map(ALL_RULES.map((r) => [r.id, r]));

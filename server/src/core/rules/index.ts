/** Every rule, by id. Adding a rule = adding its module here and its page under docs/rules/. */
import type { Rule } from './rule';
import { rule as bgpPeersFormat } from './bgp-peers-format';
import { rule as duplicateEnvVar } from './duplicate-env-var';
import { rule as envVarVersion } from './env-var-version';
import { rule as noEffectEnvVar } from './no-effect-env-var';
import { rule as unknownEnvVar } from './unknown-env-var';
import { rule as vipPrefixList } from './vip-prefix-list';

export const RULES: readonly Rule[] = [
  // values
  vipPrefixList,
  bgpPeersFormat,
  // names
  envVarVersion,
  unknownEnvVar,
  noEffectEnvVar,
  duplicateEnvVar,
];

export const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((r) => [r.id, r]));

/** Every rule, by id. Adding a rule = adding its module here and its page under docs/rules/. */
import type { Rule } from './rule';
import { rule as envVarVersion } from './env-var-version';
import { rule as vipPrefixList } from './vip-prefix-list';

export const RULES: readonly Rule[] = [vipPrefixList, envVarVersion];

export const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((r) => [r.id, r]));

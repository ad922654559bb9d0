/**
 * svc_election, svc_namespace, svc_leasename and the lb_class_* variables are parsed only inside
 * `if svc_enable env != ""` (pitfall 15, v1.2.3:pkg/kubevip/config_environment.go:216-271). Without
 * svc_enable in the env they are silently ignored, even when Services are on through --services or
 * a config file. svc_enable "false" is enough for them to be read.
 */
import { configOf } from '../config';
import { isUnset } from '../env';
import type { Related } from '../types';
import { versionLabel, versionShort } from '../versionText';
import { flagArg, usesConfigFile } from '../sources';
import { defineRule } from './rule';
import type { RuleFinding } from './rule';
import { fit } from '../headline';

const GATE = 'svc_enable';
/** An explicitly empty lb_class_name is honoured (LookupEnv), so it counts as set. */
const EMPTY_MEANINGFUL = 'lb_class_name';

type Id = 'ignoredServicesElsewhere' | 'noEffectWithoutServices';

export const rule = defineRule<Id>({
  id: 'svc-requires-svc-enable',
  defaultSeverity: 'warning',
  description: 'svc_election, svc_namespace, svc_leasename and lb_class_* are read only when svc_enable is set in the env.',
  messages: {
    ignoredServicesElsewhere: 'Services are on through --services or a config file, but the svc_enable-gated variable is never read',
    noEffectWithoutServices: 'svc_enable is not set, so the gated variable is never read (and Services are off)',
  },
  requires: { wholeEnv: true, researchedVersion: true },
  check({ container }) {
    const config = configOf(container);
    const gate = container.envByName.get(GATE);
    const servicesArg = flagArg(container, 'services');
    const configFile = usesConfigFile(container);
    const related: Related[] = [];
    if (gate) related.push({ span: gate.valueSpan ?? gate.nameSpan, message: 'svc_enable is empty, which kube-vip treats as not set' });
    if (servicesArg) related.push({ span: servicesArg.span, message: 'Services are enabled here, but this flag does not make kube-vip read the svc_* variables' });
    const findings: RuleFinding<Id>[] = [];
    for (const entry of container.env) {
      // 'gate': this version reads the variable, but only inside `if svc_enable != ""`, and svc_enable is unset.
      if (config.notParsed(entry.name)?.reason !== 'gate' || container.envByName.get(entry.name) !== entry) continue;
      if (isUnset(entry) && entry.name !== EMPTY_MEANINGFUL) continue; // nothing is lost
      const why = `kube-vip reads ${entry.name} only when svc_enable is set in the environment`;
      findings.push(
        servicesArg || configFile
          ? {
              messageId: 'ignoredServicesElsewhere',
              span: entry.nameSpan,
              message: fit(`${entry.name} is ignored by ${versionShort(container)}: svc_enable is not in the env. Add svc_enable "true" to the env.`, `${entry.name} is ignored by ${versionShort(container)} without svc_enable in the env. Add svc_enable "true".`),
              detail: `${why}; Services are enabled through ${servicesArg ? 'the --services flag' : 'a config file'} instead, so ${versionLabel(container)} silently ignores ${entry.name}.`,
              related,
            }
          : {
              messageId: 'noEffectWithoutServices',
              span: entry.nameSpan,
              message: fit(`${entry.name} has no effect: svc_enable is not set. Add svc_enable "true" to the env, or remove ${entry.name}.`, `${entry.name} has no effect without svc_enable. Add svc_enable "true" to the env, or remove it.`),
              detail: `${why}, and this container does not set svc_enable, so ${entry.name} has no effect. Add svc_enable "true" if you want LoadBalancer Services; otherwise ${entry.name} can go.`,
              related,
            },
      );
    }
    return findings;
  },
});

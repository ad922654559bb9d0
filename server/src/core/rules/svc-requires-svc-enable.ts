/**
 * svc_election, svc_namespace, svc_leasename and the lb_class_* variables are parsed only inside
 * `if svc_enable env != ""` (pitfall 15, v1.2.3:pkg/kubevip/config_environment.go:216-271). Without
 * svc_enable in the env they are silently ignored, even when Services are on through --services or
 * a config file. svc_enable "false" is enough for them to be read.
 */
import { RESEARCHED_FROM } from '../catalog/behaviour';
import { isReadBy, lookup } from '../catalog';
import { isUnset } from '../env';
import type { Related } from '../types';
import { atLeast } from '../version';
import { versionLabel } from '../versionText';
import { flagArg, usesConfigFile } from '../sources';
import type { Rule, RuleFinding } from './rule';

const GATE = 'svc_enable';
/** An explicitly empty lb_class_name is honoured (LookupEnv), so it counts as set. */
const EMPTY_MEANINGFUL = 'lb_class_name';

export const rule: Rule = {
  id: 'svc-requires-svc-enable',
  defaultSeverity: 'warning',
  description: 'svc_election, svc_namespace, svc_leasename and lb_class_* are read only when svc_enable is set in the env.',
  needsWholeEnv: true,
  check({ container }) {
    if (!atLeast(container.version, RESEARCHED_FROM)) return [];
    const gate = container.envByName.get(GATE);
    if (!isUnset(gate)) return []; // set (even "false"), or unknown: the nested variables are read
    const servicesArg = flagArg(container, 'services');
    const configFile = usesConfigFile(container);
    const related: Related[] = [];
    if (gate) related.push({ span: gate.valueSpan ?? gate.nameSpan, message: 'svc_enable is empty, which kube-vip treats as not set' });
    if (servicesArg) related.push({ span: servicesArg.span, message: 'Services are enabled here, but this flag does not make kube-vip read the svc_* variables' });
    const findings: RuleFinding[] = [];
    for (const entry of container.env) {
      const spec = lookup(entry.name);
      if (spec?.requiresEnv !== GATE || !isReadBy(spec, container.version) || container.envByName.get(entry.name) !== entry) continue;
      if (isUnset(entry) && entry.name !== EMPTY_MEANINGFUL) continue; // nothing is lost
      const why = `kube-vip reads ${entry.name} only when svc_enable is set in the environment`;
      const message =
        servicesArg || configFile
          ? `${why}; Services are enabled through ${servicesArg ? 'the --services flag' : 'a config file'} instead, so ${versionLabel(container)} silently ignores ${entry.name}. Add svc_enable "true" to the env.`
          : `${why}, and this container does not set svc_enable, so ${entry.name} has no effect. Add svc_enable "true" to the env if you want LoadBalancer Services, or remove ${entry.name}.`;
      findings.push({ span: entry.nameSpan, message, related });
    }
    return findings;
  },
};

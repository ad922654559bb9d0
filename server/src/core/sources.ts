/**
 * Where else a setting can come from. kube-vip also reads CLI flags, a config file and (through
 * Kubernetes) `envFrom`; when one of these may supply a variable, an unset env entry means
 * "unknown", not "default", and rules must not claim it is missing.
 */
import { lookup } from './catalog';
import { boolState, isUnset } from './env';
import { isTemplated } from './model';
import type { KubeVipContainer } from './model';
import type { Span } from './span';
/** `start -c file` (≤ v0.7.2) and `--config-file` / config_file (v1.0.1+) load settings from a file. */
const CONFIG_FLAGS = ['c', 'config', 'config-file'];

/** The args item that is the flag `name` (`--name`, `--name=x`, `-c`), if any. */
export function flagArg(container: KubeVipContainer, name: string): { value: string; span: Span } | undefined {
  return container.args.find((arg) => /^--?([A-Za-z][\w-]*)/.exec(arg.value)?.[1] === name);
}

/** True when settings may also come from a config file (`-c`, `--config-file` or config_file). */
export function usesConfigFile(container: KubeVipContainer): boolean {
  return CONFIG_FLAGS.some((f) => flagArg(container, f)) || !isUnset(container.envByName.get('config_file'));
}

/**
 * True when `name` may get its value from somewhere other than the env list: its CLI flag (from the
 * catalog), a config file, `envFrom`, or an env entry whose name is templated.
 */
export function mayBeSetOutsideEnv(container: KubeVipContainer, name: string): boolean {
  const flag = lookup(name)?.cliFlag?.replace(/^-+/, '');
  if (flag && flagArg(container, flag)) return true;
  if (usesConfigFile(container)) return true;
  return container.hasEnvFrom || container.env.some((e) => isTemplated(e.name));
}

/** True when the variable is certainly off: "false" or unset in the env, and not settable elsewhere. */
export function isOff(container: KubeVipContainer, name: string): boolean {
  const state = boolState(container, name);
  return (state === 'false' || state === 'unset') && !mayBeSetOutsideEnv(container, name);
}

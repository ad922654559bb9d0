/**
 * How kube-vip finds the API server when it runs with a mounted kubeconfig (pitfall 31):
 * - The manager reads /etc/kubernetes/admin.conf inside the container (up to v1.2.1 whatever
 *   k8s_config_file says, v1.2.1:pkg/manager/manager.go:111-125; from v1.2.2 k8s_config_file first).
 *   With cp_enable and no kubernetes_addr (or cp_detect) it replaces the kubeconfig's server with
 *   "kubernetes:<port>", so that a static Pod reaches the API server on its own node before the VIP
 *   exists (v0.5.0:pkg/manager/manager.go:60-65, v1.2.3:pkg/manager/manager.go:136-149). The name
 *   resolves through the `127.0.0.1 kubernetes` host alias that kube-vip's generator writes
 *   (v1.2.3:pkg/kubevip/config_generator.go:748-753). v1.2.2 alone takes the kubeconfig's own server
 *   (v1.2.2:pkg/manager/manager.go:121-127, as k8s_config_file defaults to admin.conf).
 * - kubeadm 1.29+ gives admin.conf its rights only late in `kubeadm init`, so a static Pod on the
 *   init node that mounts it cannot take its lease and init times out (kube-vip#684); kube-vip's own
 *   e2e mounts super-admin.conf on that node (v1.2.3:testing/e2e/cluster.go:102-110).
 * The linter sees neither the kubeadm version, nor which node runs init, nor the node's /etc/hosts.
 */
import { configOf } from '../config';
import type { EffectiveConfig } from '../config';
import { effectiveInt, isUnset } from '../env';
import { predatesFacts } from '../model';
import type { KubeVipContainer } from '../model';
import type { Mount, PodFacts } from '../pod';
import { mayBeSetOutsideEnv } from '../sources';
import { atLeast, inRange } from '../version';
import { versionLabel, versionShort } from '../versionText';
import { defineRule } from './rule';
import type { RuleFinding } from './rule';
import { fit } from '../headline';

const ADMIN_CONF = '/etc/kubernetes/admin.conf';
/** k8s_config_file is honoured by the manager from v1.2.2 (commit c84fb65). */
const CONFIG_FILE_HONOURED = 'v1.2.2';
/** kubernetes_addr is read from v0.8.0. */
const KUBERNETES_ADDR = 'v0.8.0';

const MESSAGES = {
  adminConfDuringInit: 'kubeadm 1.29+: a static Pod that mounts admin.conf cannot take its lease during kubeadm init on the init node',
  noKubernetesAlias: 'kube-vip dials "kubernetes:<port>", and the Pod has no host alias for "kubernetes"',
};

type Finding = RuleFinding<keyof typeof MESSAGES>;

export const rule = defineRule({
  id: 'static-pod-kubeconfig',
  defaultSeverity: 'warning',
  description: 'A hostNetwork kube-vip Pod with a mounted kubeconfig needs a "kubernetes" host alias, and on kubeadm 1.29+ the init node needs super-admin.conf.',
  messages: MESSAGES,
  requires: { wholeEnv: true },
  check({ container }) {
    const config = configOf(container);
    const pod = container.pod;
    // Without a Kubernetes client (etcd election) or a host-network Pod, neither applies.
    if (!pod || config.leaderElectionType !== 'kubernetes' || config.controlPlane !== 'on' || !pod.hostNetwork) return [];
    const read = kubeconfigMount(container);
    if (!read) return [];
    const findings: Finding[] = [];
    const alias = aliasFinding(config, pod, read);
    if (alias) findings.push(alias);
    if (container.resourceKind === 'Pod' && read.mount.hostPath === ADMIN_CONF) findings.push(initFinding(container, read.mount));
    return findings;
  },
});

/** The mount kube-vip reads its kubeconfig from, and whether it came from k8s_config_file. */
interface KubeconfigMount {
  readonly mount: Mount;
  /** v1.2.2+: the file named by k8s_config_file (v1.2.2: also the default admin.conf) is used as it is. */
  readonly explicit: boolean;
}

function kubeconfigMount(container: KubeVipContainer): KubeconfigMount | undefined {
  const mounts = container.pod?.mounts ?? [];
  const at = (path: string) => mounts.find((m) => m.mountPath === path);
  if (!atLeast(container.version, CONFIG_FILE_HONOURED)) {
    const mount = at(ADMIN_CONF);
    return mount && { mount, explicit: false };
  }
  const entry = container.envByName.get('k8s_config_file');
  if (isUnset(entry) ? mayBeSetOutsideEnv(container, 'k8s_config_file') : entry!.value === undefined) return undefined;
  const file = isUnset(entry) ? ADMIN_CONF : entry!.value!;
  // v1.2.2 takes any existing k8s_config_file (default admin.conf) as it is; v1.2.3 only one that is not admin.conf.
  const v122 = inRange(container.version, CONFIG_FILE_HONOURED, CONFIG_FILE_HONOURED);
  const named = at(file);
  if (named && (v122 || file !== ADMIN_CONF)) return { mount: named, explicit: true };
  const mount = at(ADMIN_CONF);
  return mount && { mount, explicit: false };
}

/** kube-vip replaces the server with "kubernetes:<port>": the Pod must resolve that name. */
function aliasFinding(config: EffectiveConfig, pod: PodFacts, read: KubeconfigMount): Finding | undefined {
  const { container } = config;
  // How images older than the researched facts reach the API server is not known here.
  if (read.explicit || predatesFacts(container) || pod.kubernetesAlias !== 'absent') return undefined;
  const addrKnownUnset = isUnset(container.envByName.get('kubernetes_addr')) && !mayBeSetOutsideEnv(container, 'kubernetes_addr');
  if (atLeast(container.version, KUBERNETES_ADDR) && !addrKnownUnset) return undefined;
  if (config.flag('cp_detect') !== 'off') return undefined; // cp_detect tries the kubeconfig's servers instead
  const known = effectiveInt(container, 'port');
  const port = known && !mayBeSetOutsideEnv(container, 'port') ? String(known.value) : undefined;
  const target = `kubernetes:${port ?? '<port>'}`;
  const addr = atLeast(container.version, KUBERNETES_ADDR) ? `, or set kubernetes_addr to this node's API server (e.g. "127.0.0.1:${port ?? '<port>'}")` : '';
  return {
    messageId: 'noKubernetesAlias',
    span: read.mount.mountSpan,
    message: fit([
      `No host alias for "kubernetes": ${versionShort(container)} dials "${target}", so the VIP may not come up. Add 127.0.0.1 → kubernetes.`,
      `No host alias for "kubernetes", which ${versionShort(container)} dials: the VIP may not come up. Add 127.0.0.1 → kubernetes.`,
      `No host alias for "kubernetes", which ${versionShort(container)} dials: the VIP may not come up. Add one.`,
    ]),
    detail:
      `kube-vip ${versionLabel(container)} reads the kubeconfig mounted at ${ADMIN_CONF} and, with cp_enable and no kubernetes_addr, replaces its server with "${target}" ` +
      `to reach the API server on this node before the VIP is up. This Pod has no hostAliases entry for "kubernetes" (kube-vip's generator writes 127.0.0.1 kubernetes): ` +
      `unless the node's /etc/hosts or DNS resolves that name to a local API server, kube-vip cannot reach the API server, never takes its lease, and the VIP never comes up. ` +
      `Add the host alias (127.0.0.1 → kubernetes)${addr}.`,
  };
}

function initFinding(container: KubeVipContainer, mount: Mount): Finding {
  const readsAdminPath = !atLeast(container.version, CONFIG_FILE_HONOURED)
    ? ` (up to v1.2.1 kube-vip ignores k8s_config_file and always reads ${ADMIN_CONF} inside the container, so keep that mountPath)`
    : '';
  return {
    messageId: 'adminConfDuringInit',
    span: mount.hostPathSpan ?? mount.mountSpan,
    severity: 'info',
    message: 'On the kubeadm 1.29+ init node, init times out: admin.conf gets rights too late. Use super-admin.conf there during init.',
    detail:
      `This Pod mounts the node's ${ADMIN_CONF}. If it is the static Pod of the node that runs \`kubeadm init\` with kubeadm 1.29 or later, ` +
      `admin.conf gets its rights only late in init, so kube-vip cannot take its lease, the VIP never comes up and init times out (kube-vip#684). ` +
      `The linter cannot see the kubeadm version or which node runs init. On that node only, mount /etc/kubernetes/super-admin.conf instead during init ` +
      `and switch back to admin.conf afterwards${readsAdminPath}; other control-plane nodes have no super-admin.conf and keep admin.conf.`,
  };
}

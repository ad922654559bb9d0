import * as assert from 'assert';
import { rule } from '../../../server/src/core/rules/static-pod-kubeconfig';
import { checkRule, covered, daemonSet } from '../../helpers';

interface PodOptions {
  readonly tag?: string;
  /** Extra env lines (4-space list indentation). */
  readonly env?: string;
  readonly aliases?: string | false;
  readonly hostPath?: string;
  readonly mountPath?: string;
  readonly args?: string;
  readonly kind?: string;
}

const GENERATED_ALIAS = '  hostAliases:\n  - hostnames:\n    - kubernetes\n    ip: 127.0.0.1\n';

/** The static Pod `kube-vip manifest pod` writes (v1.2.3:pkg/kubevip/config_generator.go:732-753), in ARP mode. */
function pod(o: PodOptions = {}): string {
  const head = o.kind === 'DaemonSet'
    ? 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: kube-vip\nspec:\n  template:\n    spec:\n'
    : 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-vip\n  namespace: kube-system\nspec:\n';
  const indent = o.kind === 'DaemonSet' ? '    ' : '';
  return head + podSpec(o).split('\n').map((line) => (line ? indent + line : line)).join('\n');
}

function podSpec(o: PodOptions): string {
  return `  containers:
  - name: kube-vip
    image: ghcr.io/kube-vip/kube-vip:${o.tag ?? 'v1.2.3'}
    args: ${o.args ?? '["manager"]'}
    env:
    - name: vip_arp
      value: "true"
    - name: cp_enable
      value: "true"
    - name: address
      value: 192.168.0.40
${o.env ?? ''}    volumeMounts:
    - mountPath: ${o.mountPath ?? '/etc/kubernetes/admin.conf'}
      name: kubeconfig
${o.aliases === false ? '' : o.aliases ?? GENERATED_ALIAS}  hostNetwork: true
  volumes:
  - hostPath:
      path: ${o.hostPath ?? '/etc/kubernetes/admin.conf'}
    name: kubeconfig
`;
}

describe('static-pod-kubeconfig', () => {
  describe('missed: kubeadm ≥ 1.29 static Pod mounting admin.conf', () => {
    it('missed: the generated static Pod: info on the hostPath, conditional on the kubeadm version and the init node', () => {
      const text = pod();
      const [finding, ...rest] = checkRule(rule, text);
      assert.strictEqual(rest.length, 0);
      assert.strictEqual(finding.messageId, 'adminConfDuringInit');
      assert.strictEqual(finding.severity, 'info');
      assert.strictEqual(covered(text, finding), '/etc/kubernetes/admin.conf');
      assert.ok(text.slice(finding.span.start - 12, finding.span.start).includes('path:'));
      assert.strictEqual(finding.message, 'On the kubeadm 1.29+ init node, init times out: admin.conf gets rights too late. Use super-admin.conf there during init.');
      assert.match(finding.detail ?? '', /If it is the static Pod of the node that runs `kubeadm init` with kubeadm 1\.29 or later/);
      assert.match(finding.detail ?? '', /The linter cannot see the kubeadm version or which node runs init\./);
      assert.match(finding.detail ?? '', /mount \/etc\/kubernetes\/super-admin\.conf instead during init and switch back to admin\.conf afterwards; other control-plane nodes/);
      assert.deepStrictEqual(finding.fixes, []);
    });
    it('missed: up to v1.2.1 the message says to keep the mountPath (k8s_config_file is ignored there)', () => {
      const [finding] = checkRule(rule, pod({ tag: 'v1.2.1' }));
      assert.match(finding.detail ?? '', /up to v1\.2\.1 kube-vip ignores k8s_config_file and always reads \/etc\/kubernetes\/admin\.conf inside the container, so keep that mountPath/);
    });
    it('not for super-admin.conf, a DaemonSet, an in-cluster Pod, Services only or etcd election', () => {
      assert.deepStrictEqual(checkRule(rule, pod({ hostPath: '/etc/kubernetes/super-admin.conf' })), []);
      assert.deepStrictEqual(checkRule(rule, pod({ kind: 'DaemonSet' })), []);
      assert.deepStrictEqual(checkRule(rule, daemonSet('ghcr.io/kube-vip/kube-vip:v1.2.3', [{ name: 'vip_arp', raw: '"true"' }, { name: 'cp_enable', raw: '"true"' }])), []);
      assert.deepStrictEqual(checkRule(rule, pod({ aliases: false }).replace('hostNetwork: true', 'hostNetwork: false')), [], 'a Pod on the pod network, with the mount and no alias');
      assert.deepStrictEqual(checkRule(rule, pod({ mountPath: '/etc/other.conf' })), []);
      assert.deepStrictEqual(checkRule(rule, pod().replace('name: cp_enable', 'name: svc_enable')), []);
      assert.deepStrictEqual(checkRule(rule, pod({ args: '["manager", "--leaderElectionType=etcd"]' })), []);
    });
  });

  describe('missed: the "kubernetes" host alias', () => {
    it('missed: no hostAliases on v1.2.3: warning on the mountPath, naming kubernetes:6443', () => {
      const text = pod({ aliases: false });
      const findings = checkRule(rule, text);
      assert.deepStrictEqual(findings.map((f) => f.messageId), ['noKubernetesAlias', 'adminConfDuringInit']);
      const [finding] = findings;
      assert.strictEqual(finding.severity, 'warning');
      assert.strictEqual(covered(text, finding), '/etc/kubernetes/admin.conf');
      assert.ok(text.slice(finding.span.start - 12, finding.span.start).includes('mountPath:'));
      assert.strictEqual(finding.message, 'No host alias for "kubernetes": v1.2.3 dials "kubernetes:6443", so the VIP may not come up. Add 127.0.0.1 → kubernetes.');
      assert.match(finding.detail ?? '', /replaces its server with "kubernetes:6443"/);
      assert.match(finding.detail ?? '', /unless the node's \/etc\/hosts or DNS resolves that name to a local API server/);
      assert.match(finding.detail ?? '', /Add the host alias \(127\.0\.0\.1 → kubernetes\), or set kubernetes_addr to this node's API server \(e\.g\. "127\.0\.0\.1:6443"\)\.$/);
    });
    it('missed: the port comes from the port variable; kubernetes_addr is not suggested before v0.8.0', () => {
      const [finding] = checkRule(rule, pod({ tag: 'v0.7.2', aliases: false, env: '    - name: port\n      value: "8443"\n' }));
      assert.match(finding.detail ?? '', /"kubernetes:8443"/);
      assert.match(finding.message, /"kubernetes:8443"/);
      assert.match(finding.detail ?? '', /Add the host alias \(127\.0\.0\.1 → kubernetes\)\.$/);
    });
    it('no alias warning for images older than v0.5.0: how they reach the API server is not researched', () => {
      assert.deepStrictEqual(checkRule(rule, pod({ tag: 'v0.3.7', aliases: false })).map((f) => f.messageId), ['adminConfDuringInit']);
    });
    it('missed: a DaemonSet with a mounted admin.conf needs the alias as well', () => {
      const findings = checkRule(rule, pod({ kind: 'DaemonSet', aliases: false }));
      assert.deepStrictEqual(findings.map((f) => f.messageId), ['noKubernetesAlias']);
    });
    it('not when kube-vip does not dial "kubernetes", or the alias may be there', () => {
      // kubernetes_addr, cp_detect, and v1.2.2 (which takes the kubeconfig's own server)
      assert.deepStrictEqual(checkRule(rule, pod({ aliases: false, env: '    - name: kubernetes_addr\n      value: "127.0.0.1:6443"\n' })).map((f) => f.messageId), ['adminConfDuringInit']);
      assert.deepStrictEqual(checkRule(rule, pod({ aliases: false, env: '    - name: cp_detect\n      value: "true"\n' })).map((f) => f.messageId), ['adminConfDuringInit']);
      assert.deepStrictEqual(checkRule(rule, pod({ tag: 'v1.2.2', aliases: false })).map((f) => f.messageId), ['adminConfDuringInit']);
      // v1.2.3 with k8s_config_file naming another mounted file uses it as it is
      const explicit = pod({ aliases: false, mountPath: '/etc/kube-vip/kubeconfig', env: '    - name: k8s_config_file\n      value: /etc/kube-vip/kubeconfig\n' });
      assert.deepStrictEqual(checkRule(rule, explicit).map((f) => f.messageId), ['adminConfDuringInit']);
      // an alias list that is not literal
      assert.deepStrictEqual(checkRule(rule, pod({ aliases: '  hostAliases: {{ .Values.aliases }}\n' })).map((f) => f.messageId), ['adminConfDuringInit']);
      // other aliases, but "kubernetes" among them
      const other = '  hostAliases:\n  - hostnames: [registry]\n    ip: 10.0.0.9\n  - hostnames: [kubernetes]\n    ip: 127.0.0.1\n';
      assert.deepStrictEqual(checkRule(rule, pod({ aliases: other })).map((f) => f.messageId), ['adminConfDuringInit']);
    });
  });
});

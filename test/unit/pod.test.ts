import * as assert from 'assert';
import { lintText } from '../../server/src/core';
import { covered } from '../helpers';

describe('resource layer: the resource and pod around a container, as data', () => {
  const text = `apiVersion: v1
kind: ConfigMap
metadata: {name: unrelated}
---
apiVersion: v1
kind: Pod
metadata:
  name: kube-vip
  namespace: kube-system
  labels: {app: kube-vip}
  annotations: {owner: platform}
spec:
  hostNetwork: true
  hostAliases:
  - hostnames: [kubernetes]
    ip: 127.0.0.1
  containers:
  - name: kube-vip
    image: ghcr.io/kube-vip/kube-vip:v1.2.3
    volumeMounts:
    - mountPath: /etc/kubernetes/admin.conf
      name: kubeconfig
  volumes:
  - name: kubeconfig
    hostPath: {path: /etc/kubernetes/super-admin.conf}
`;
  const [container] = lintText(text).containers;
  it('kind, name, namespace, labels and annotations', () => {
    const r = container.resource!;
    assert.deepStrictEqual([r.kind, r.name, r.namespace, r.labels, r.annotations], ['Pod', 'kube-vip', 'kube-system', { app: 'kube-vip' }, { owner: 'platform' }]);
    assert.ok(text.slice(r.span.start, r.span.end).startsWith('apiVersion: v1\nkind: Pod'));
  });
  it('hostNetwork, the kubernetes host alias and the mounts, with spans in the file (second document)', () => {
    const pod = container.pod!;
    assert.strictEqual(pod.hostNetwork, true);
    assert.strictEqual(pod.kubernetesAlias, 'present');
    assert.strictEqual(pod.mounts.length, 1);
    assert.strictEqual(covered(text, { span: pod.mounts[0].mountSpan } as never), '/etc/kubernetes/admin.conf');
    assert.strictEqual(covered(text, { span: pod.mounts[0].hostPathSpan! } as never), '/etc/kubernetes/super-admin.conf');
  });
});

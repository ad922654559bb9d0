import * as assert from 'assert';
import { lintText } from '../../server/src/core';
import { mayHoldResource } from '../../server/src/core/resources';
import type { ResourceFact, RoleFact, ServiceFact } from '../../server/src/core/resources';

const text = (t: string, f: { span: { start: number; end: number } }) => t.slice(f.span.start, f.span.end);
const resources = (t: string): readonly ResourceFact[] => lintText(t).resources;

const SERVICE = `# a comment first
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
  annotations:
    kube-vip.io/loadbalancerIPs: "10.0.0.5,fd00::5"
    kube-vip.io/ignore: true
spec:
  type: LoadBalancer
  loadBalancerClass: kube-vip.io/kube-vip-class
  ipFamilyPolicy: PreferDualStack
  ipFamilies: [IPv4, IPv6]
  loadBalancerIP: 10.0.0.5
`;

describe('resources: Services, ConfigMaps and RBAC as plain facts', () => {
  it('a Service: identity, annotations with key and value spans, the fields kube-vip reads', () => {
    const [svc] = resources(SERVICE) as ServiceFact[];
    assert.strictEqual(svc.kind, 'Service');
    assert.deepStrictEqual([svc.resource.name, svc.resource.namespace, text(SERVICE, { span: svc.resource.nameSpan! })], ['web', 'shop', 'web']);
    assert.deepStrictEqual(
      svc.annotations.map((a) => [a.key, a.value, a.nonString, text(SERVICE, { span: a.keySpan }), a.valueSpan && text(SERVICE, { span: a.valueSpan })]),
      [
        ['kube-vip.io/loadbalancerIPs', '10.0.0.5,fd00::5', false, 'kube-vip.io/loadbalancerIPs', '"10.0.0.5,fd00::5"'],
        ['kube-vip.io/ignore', undefined, true, 'kube-vip.io/ignore', 'true'],
      ],
    );
    assert.deepStrictEqual([svc.type?.value, svc.loadBalancerClass?.value, svc.ipFamilyPolicy?.value, svc.loadBalancerIP?.value], ['LoadBalancer', 'kube-vip.io/kube-vip-class', 'PreferDualStack', '10.0.0.5']);
    assert.deepStrictEqual(svc.ipFamilies.map((f) => text(SERVICE, f)), ['IPv4', 'IPv6']);
    assert.strictEqual(svc.templated, false);
  });

  it('spans are file offsets in a multi-document file and inside a List', () => {
    const list = `kind: ConfigMap\nmetadata: {name: x}\n---\napiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Service\n    metadata: {name: a}\n    spec: {type: LoadBalancer, loadBalancerIP: 10.1.1.1}\n`;
    const [svc] = resources(list) as ServiceFact[];
    assert.strictEqual(text(list, svc.loadBalancerIP!), '10.1.1.1');
  });

  it('a templated Service is marked, so rules stay silent', () => {
    const t = SERVICE.replace('loadBalancerIP: 10.0.0.5', 'loadBalancerIP: {{ .Values.ip }}');
    assert.strictEqual((resources(t)[0] as ServiceFact).templated, true);
  });

  it('a role: its rules, the block sequence span, and incomplete when a value is templated or aggregated', () => {
    const role = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: system:kube-vip-role
rules:
  - apiGroups: [""]
    resources: ["services", "services/status"]
    verbs: ["list", "get", "watch", "update"]
  - apiGroups: ["coordination.k8s.io"]
    resources: ["leases"]
    verbs: ["{{ .Values.verbs }}"]
`;
    const [fact] = resources(role) as RoleFact[];
    assert.deepStrictEqual(fact.rules[0], { apiGroups: [''], resources: ['services', 'services/status'], verbs: ['list', 'get', 'watch', 'update'], span: fact.rules[0].span });
    assert.ok(text(role, { span: fact.rulesSpan! }).startsWith('- apiGroups: [""]'));
    assert.strictEqual(fact.incomplete, true);
    assert.strictEqual((resources(role.replace('["{{ .Values.verbs }}"]', '["get"]'))[0] as RoleFact).incomplete, false);
    assert.strictEqual((resources(role.replace('rules:', 'aggregationRule: {}\nrules:').replace('["{{ .Values.verbs }}"]', '["get"]'))[0] as RoleFact).incomplete, true);
  });

  it('a binding: roleRef and subjects', () => {
    const binding = `kind: ClusterRoleBinding\nmetadata: {name: b}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: r}\nsubjects:\n  - kind: ServiceAccount\n    name: kube-vip\n    namespace: kube-system\n`;
    const [fact] = resources(binding);
    assert.ok(fact.kind === 'ClusterRoleBinding');
    assert.deepStrictEqual([fact.roleRef?.kind, fact.roleRef?.name], ['ClusterRole', 'r']);
    assert.deepStrictEqual(fact.subjects.map((s) => [s.kind, s.name, s.namespace]), [['ServiceAccount', 'kube-vip', 'kube-system']]);
  });

  describe('the pre-filter keeps what kube-vip rules read and skips the rest unparsed', () => {
    it('a ClusterIP Service without kube-vip annotations is skipped', () => {
      assert.strictEqual(mayHoldResource('kind: Service\nspec:\n  type: ClusterIP\n'), false);
      assert.deepStrictEqual(resources('kind: Service\nmetadata: {name: a}\nspec:\n  type: ClusterIP\n'), []);
    });
    it('a LoadBalancer Service, or one with a kube-vip.io annotation, is kept', () => {
      assert.strictEqual(mayHoldResource('kind: Service\nspec:\n  type: LoadBalancer\n'), true);
      assert.strictEqual(mayHoldResource('kind: "Service"\nmetadata:\n  annotations:\n    kube-vip.io/ignore: "true"\n'), true);
    });
    it('a ConfigMap: kept only with pool keys or a kube-vip name', () => {
      assert.strictEqual(mayHoldResource('kind: ConfigMap\ndata:\n  app.properties: x\n'), false);
      assert.strictEqual(mayHoldResource('kind: ConfigMap\ndata:\n  cidr-global: 10.0.0.0/24\n'), true);
      assert.strictEqual(mayHoldResource('kind: ConfigMap\nmetadata:\n  name: kubevip\n'), true);
    });
    it('roles and bindings are kept; other kinds, and "kind" inside a value, are not', () => {
      assert.strictEqual(mayHoldResource('kind: ClusterRole\n'), true);
      assert.strictEqual(mayHoldResource('kind: RoleBinding\n'), true);
      assert.strictEqual(mayHoldResource('kind: Deployment\n'), false);
      assert.strictEqual(mayHoldResource('description: "kind: Service with LoadBalancer"\n'), false);
    });
  });
});

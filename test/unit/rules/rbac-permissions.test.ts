import * as assert from 'assert';
import { lintFiles } from '../../../server/src/core';
import type { Finding } from '../../../server/src/core';
import { applyEdits } from '../../helpers';

const DS = 'file:///ws/kube-vip/daemonset.yaml';
const RBAC = 'file:///ws/kube-vip/rbac.yaml';
const OTHER = 'file:///ws/edge/daemonset.yaml';

interface KubeVipOptions {
  readonly tag: string;
  readonly env: Readonly<Record<string, string>>;
  readonly namespace?: string;
  readonly account?: string;
  /** Extra pod-spec lines (volumes and the like), indented for the pod spec. */
  readonly podExtra?: string;
  /** Extra container lines, indented for the container. */
  readonly containerExtra?: string;
  readonly name?: string;
}

function kubeVip({ tag, env, namespace = 'kube-system', account = 'kube-vip', podExtra = '', containerExtra = '', name = 'kube-vip' }: KubeVipOptions): string {
  const envLines = Object.entries(env).map(([k, v]) => `        - name: ${k}\n          value: "${v}"`);
  return `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      hostNetwork: true
      serviceAccountName: ${account}
${podExtra}      containers:
      - name: kube-vip
        image: ghcr.io/kube-vip/kube-vip:${tag}
        args: ["manager"]
${containerExtra}        env:
${envLines.join('\n')}
`;
}

const BGP_SERVICES = { bgp_enable: 'true', svc_enable: 'true', bgp_routerid: '10.0.0.1', bgp_as: '65000', bgp_peers: '10.0.0.254:65001::false' };
const ARP_SERVICES = { vip_arp: 'true', svc_enable: 'true', vip_interface: 'eth0' };

/** The RBAC people ran with v0.8.x (flow lists, mixed separators, a comment): no EndpointSlices rule. */
const ROLE_V08 = `apiVersion: v1
kind: ServiceAccount
metadata:
  name: kube-vip
  namespace: kube-system
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: system:kube-vip-role
rules:
  - apiGroups: [""]
    resources: ["services/status"]
    verbs: ["update"]
  - apiGroups: [""]
    resources: ["services", "endpoints"]
    verbs: ["list","get","watch", "update"]
  - apiGroups: ["coordination.k8s.io"]
    resources: ["leases"]
    verbs: ["list", "get", "watch", "update", "create"] # leader election
---
kind: ClusterRoleBinding
apiVersion: rbac.authorization.k8s.io/v1
metadata:
  name: system:kube-vip-binding
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: system:kube-vip-role
subjects:
- kind: ServiceAccount
  name: kube-vip
  namespace: kube-system
`;

function run(files: Record<string, string>) {
  const results = lintFiles(Object.entries(files).map(([uri, text]) => ({ uri, text })));
  const of = (uri: string): Finding[] => results.find((r) => r.uri === uri)!.findings.filter((f) => f.rule === 'rbac-permissions');
  const all = () => results.flatMap((r) => r.findings.filter((f) => f.rule === 'rbac-permissions'));
  const covered = (uri: string, f: { span: { start: number; end: number } }) => files[uri].slice(f.span.start, f.span.end);
  return { of, all, covered };
}

/** Applies the finding's fix to its file and lints the workspace again. */
function afterFix(files: Record<string, string>, uri: string, finding: Finding) {
  const fixed = { ...files, [uri]: applyEdits(files[uri], finding.fixes[0].edits) };
  return { fixed: fixed[uri], ...run(fixed) };
}

describe('rbac-permissions (workspace)', () => {
  it('a v0.8.x ClusterRole with kube-vip v1.0.4 in BGP mode: EndpointSlices are denied, reported on the role, related to the image in the other file', () => {
    const files = { [DS]: kubeVip({ tag: 'v1.0.4', env: BGP_SERVICES }), [RBAC]: ROLE_V08 };
    const { of, covered } = run(files);
    assert.deepStrictEqual(of(DS), []);
    const [f, ...rest] = of(RBAC);
    assert.deepStrictEqual(rest, []);
    assert.strictEqual(f.messageId, 'endpointSlicesDenied');
    assert.strictEqual(f.severity, 'warning');
    assert.strictEqual(covered(RBAC, f), 'system:kube-vip-role');
    assert.match(f.message, /^ClusterRole system:kube-vip-role lacks watch on endpointslices\.discovery\.k8s\.io\b.* Add a rule\b/);
    assert.match(f.detail ?? '', /^Why kube-vip v1\.0\.4 needs watch on endpointslices\.discovery\.k8s\.io: /);
    assert.match(f.detail ?? '', /Add a rule for endpointslices\.discovery\.k8s\.io to ClusterRole system:kube-vip-role\./);
    assert.match(f.detail ?? '', /the default from v1\.0\.0.*every LoadBalancer Service it serves \(BGP or routing table/);
    assert.match(f.detail ?? '', /set enable_endpoints "true"/);
    assert.match(f.detail ?? '', /outside these files/);
    assert.strictEqual(f.related[0].uri, DS);
    assert.strictEqual(covered(DS, f.related[0]), 'ghcr.io/kube-vip/kube-vip:v1.0.4');
    assert.match(f.related[0].message, /runs as ServiceAccount kube-system\/kube-vip/);
    assert.strictEqual(f.related[1].uri, undefined, 'the binding is in the role\'s own file');
    assert.strictEqual(covered(RBAC, f.related[1]), 'apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: system:kube-vip-role\n');
  });

  it('the fix appends the generated EndpointSlices rule in the role\'s own style, keeps the comment, and the rule then passes', () => {
    const files = { [DS]: kubeVip({ tag: 'v1.0.4', env: BGP_SERVICES }), [RBAC]: ROLE_V08 };
    const [f] = run(files).of(RBAC);
    assert.strictEqual(f.fixes[0].preferred, true);
    assert.strictEqual(f.fixes[0].title, 'Add endpointslices.discovery.k8s.io to ClusterRole system:kube-vip-role');
    const { fixed, all } = afterFix(files, RBAC, f);
    assert.strictEqual(
      fixed,
      ROLE_V08.replace(
        '"create"] # leader election\n',
        '"create"] # leader election\n  - apiGroups: ["discovery.k8s.io"]\n    resources: ["endpointslices"]\n    verbs: ["list", "get", "watch", "update"]\n',
      ),
    );
    assert.deepStrictEqual(all(), []);
  });

  it('enable_endpoints "true": Endpoints are watched instead, which the v0.8.x role grants', () => {
    const files = { [DS]: kubeVip({ tag: 'v1.0.4', env: { ...BGP_SERVICES, enable_endpoints: 'true' } }), [RBAC]: ROLE_V08 };
    assert.deepStrictEqual(run(files).all(), []);
  });

  it('enable_endpoints "true" with a role that has no endpoints rule → endpointsDenied', () => {
    const role = ROLE_V08.replace('["services", "endpoints"]', '["services"]');
    const files = { [DS]: kubeVip({ tag: 'v1.0.4', env: { ...BGP_SERVICES, enable_endpoints: 'true' } }), [RBAC]: role };
    const [f, ...rest] = run(files).of(RBAC);
    assert.deepStrictEqual(rest, []);
    assert.strictEqual(f.messageId, 'endpointsDenied');
    assert.strictEqual(f.message, 'ClusterRole system:kube-vip-role lacks watch on endpoints, which kube-vip v1.0.4 needs. Add a rule for endpoints.');
    assert.match(f.detail ?? '', /^Why kube-vip v1\.0\.4 needs watch on endpoints: /);
    assert.match(f.detail ?? '', /Endpoints \(enable_endpoints is "true"\)/);
    assert.deepStrictEqual(afterFix(files, RBAC, f).all(), []);
  });

  it('v0.9.2 BGP without enable_endpointslices watches Endpoints, so the v0.8.x role is enough', () => {
    assert.deepStrictEqual(run({ [DS]: kubeVip({ tag: 'v0.9.2', env: BGP_SERVICES }), [RBAC]: ROLE_V08 }).all(), []);
  });

  it('v1.0.4 ARP without svc_election watches no endpoints; with svc_election it does, for Local Services', () => {
    assert.deepStrictEqual(run({ [DS]: kubeVip({ tag: 'v1.0.4', env: ARP_SERVICES }), [RBAC]: ROLE_V08 }).all(), []);
    const [f] = run({ [DS]: kubeVip({ tag: 'v1.0.4', env: { ...ARP_SERVICES, svc_election: 'true' } }), [RBAC]: ROLE_V08 }).of(RBAC);
    assert.strictEqual(f.messageId, 'endpointSlicesDenied');
    assert.match(f.detail ?? '', /externalTrafficPolicy: Local \(svc_election is "true"\)/);
  });

  it('v1.2.3 watches the endpoints of every Service, also in ARP mode', () => {
    const [f] = run({ [DS]: kubeVip({ tag: 'v1.2.3', env: ARP_SERVICES }), [RBAC]: ROLE_V08 }).of(RBAC);
    assert.strictEqual(f.messageId, 'endpointSlicesDenied');
    assert.match(f.message, /\(kube-vip v1\.2\.3 needs it\)/);
    assert.match(f.detail ?? '', /kube-vip v1\.2\.3 needs/);
  });

  it('a wildcard role grants everything: no finding', () => {
    const role = ROLE_V08.replace(/rules:\n[\s\S]*?\n---/, 'rules:\n  - apiGroups: ["*"]\n    resources: ["*"]\n    verbs: ["*"]\n---');
    assert.deepStrictEqual(run({ [DS]: kubeVip({ tag: 'v1.2.3', env: ARP_SERVICES }), [RBAC]: role }).all(), []);
  });

  it('an unbound role, or a binding for another ServiceAccount: silent (RBAC may live elsewhere)', () => {
    const unbound = ROLE_V08.slice(0, ROLE_V08.lastIndexOf('---'));
    assert.deepStrictEqual(run({ [DS]: kubeVip({ tag: 'v1.2.3', env: ARP_SERVICES }), [RBAC]: unbound }).all(), []);
    assert.deepStrictEqual(run({ [DS]: kubeVip({ tag: 'v1.2.3', env: ARP_SERVICES, account: 'lb' }), [RBAC]: ROLE_V08 }).all(), []);
    assert.deepStrictEqual(run({ [DS]: kubeVip({ tag: 'v1.2.3', env: ARP_SERVICES, namespace: 'kube-vip' }), [RBAC]: ROLE_V08 }).all(), []);
  });

  it('a bound role that is templated, or missing from the workspace: silent', () => {
    const templated = ROLE_V08.replace('["services/status"]', '["{{ .Values.resource }}"]');
    assert.deepStrictEqual(run({ [DS]: kubeVip({ tag: 'v1.2.3', env: ARP_SERVICES }), [RBAC]: templated }).all(), []);
    const elsewhere = ROLE_V08.replace('  name: system:kube-vip-role\nsubjects', '  name: some-other-role\nsubjects');
    assert.deepStrictEqual(run({ [DS]: kubeVip({ tag: 'v1.2.3', env: ARP_SERVICES }), [RBAC]: elsewhere }).all(), []);
  });

  it('a mounted kubeconfig means kube-vip does not use its ServiceAccount: silent', () => {
    const ds = kubeVip({
      tag: 'v1.2.3',
      env: ARP_SERVICES,
      podExtra: '      volumes:\n      - name: kubeconfig\n        hostPath:\n          path: /etc/kubernetes/admin.conf\n',
      containerExtra: '        volumeMounts:\n        - mountPath: /etc/kubernetes/admin.conf\n          name: kubeconfig\n',
    });
    assert.deepStrictEqual(run({ [DS]: ds, [RBAC]: ROLE_V08 }).all(), []);
  });

  it('the v0.7.0–v0.8.10 generator output (services verbs "endoints", a typo) with v0.9.2 ARP Services: the Service update is denied', () => {
    const generated = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: system:kube-vip-role
rules:
- apiGroups:
  - ""
  resources:
  - services/status
  verbs:
  - update
- apiGroups:
  - ""
  resources:
  - services
  - endpoints
  verbs:
  - list
  - get
  - watch
  - endoints
- apiGroups:
  - coordination.k8s.io
  resources:
  - leases
  verbs:
  - list
  - get
  - watch
  - update
  - create
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: system:kube-vip-binding
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: system:kube-vip-role
subjects:
- kind: ServiceAccount
  name: kube-vip
  namespace: kube-system
`;
    const files = { [DS]: kubeVip({ tag: 'v0.9.2', env: ARP_SERVICES }), [RBAC]: generated };
    const [f, ...rest] = run(files).of(RBAC);
    assert.deepStrictEqual(rest, []);
    assert.strictEqual(f.messageId, 'servicesDenied');
    assert.strictEqual(f.message, 'ClusterRole system:kube-vip-role lacks update on services, which kube-vip v0.9.2 needs. Add a rule for services.');
    assert.match(f.detail ?? '', /^Why kube-vip v0\.9\.2 needs update on services: /);
    assert.match(f.detail ?? '', /vip_arp on it annotates each Service with kube-vip\.io\/vipHost/);
    assert.match(f.detail ?? '', /EXTERNAL-IP <pending>/);
    const { fixed, all } = afterFix(files, RBAC, f);
    assert.strictEqual(
      fixed,
      generated.replace('  - create\n---', '  - create\n- apiGroups:\n  - ""\n  resources:\n  - services\n  verbs:\n  - list\n  - get\n  - watch\n  - update\n---'),
    );
    assert.deepStrictEqual(all(), []);
  });

  it('a leader election without leases in the role → leaseDenied (v0.8.9 ARP control plane)', () => {
    const role = ROLE_V08.replace(/ {2}- apiGroups: \["coordination\.k8s\.io"\]\n.*\n.*\n/, '');
    const files = { [DS]: kubeVip({ tag: 'v0.8.9', env: { vip_arp: 'true', cp_enable: 'true', address: '192.168.0.40' } }), [RBAC]: role };
    const [f, ...rest] = run(files).of(RBAC);
    assert.deepStrictEqual(rest, []);
    assert.strictEqual(f.messageId, 'leaseDenied');
    assert.strictEqual(f.message, 'ClusterRole system:kube-vip-role lacks get, create, update on leases.coordination.k8s.io. Add a rule for it.');
    assert.match(f.detail ?? '', /^Why kube-vip v0\.8\.9 needs get, create, update on leases\.coordination\.k8s\.io: in ARP mode the control plane always elects a leader/);
    assert.match(f.detail ?? '', /Add a rule for leases\.coordination\.k8s\.io to ClusterRole system:kube-vip-role\./);
    assert.deepStrictEqual(afterFix(files, RBAC, f).all(), []);
  });

  it('a Role bound by a RoleBinding in the same namespace is checked; a subject without namespace is in the binding\'s namespace', () => {
    const role = `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: kube-vip
  namespace: kube-system
rules:
  - apiGroups: ["coordination.k8s.io"]
    resources: ["leases"]
    verbs: ["get", "create", "update"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: kube-vip
  namespace: kube-system
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: kube-vip
subjects:
  - kind: ServiceAccount
    name: kube-vip
`;
    const files = { [DS]: kubeVip({ tag: 'v1.2.3', env: { vip_arp: 'true', cp_enable: 'true', address: '192.168.0.40', svc_enable: 'true' } }), [RBAC]: role };
    const { of, covered } = run(files);
    const ids = of(RBAC).map((f) => f.messageId).sort();
    assert.deepStrictEqual(ids, ['endpointSlicesDenied', 'servicesDenied']);
    const services = of(RBAC).find((f) => f.messageId === 'servicesDenied')!;
    assert.strictEqual(covered(RBAC, services), 'kube-vip');
    assert.strictEqual(services.message, 'Role kube-vip lacks get, watch, update on services; update on services/status (kube-vip v1.2.3 needs it). Add rules.');
    assert.match(services.detail ?? '', /^Why kube-vip v1\.2\.3 needs get, watch, update on services; update on services\/status: svc_enable is "true"/);
    assert.match(services.detail ?? '', /Add rules for services and services\/status to Role kube-vip\./);
    assert.deepStrictEqual(run({ ...files, [RBAC]: applyEdits(role, services.fixes[0].edits) }).of(RBAC).map((f) => f.messageId), ['endpointSlicesDenied']);

    // The same RoleBinding in another namespace refers to a Role there, which is not in the workspace.
    const moved = role.replace('  name: kube-vip\n  namespace: kube-system\nroleRef', '  name: kube-vip\n  namespace: default\nroleRef');
    assert.deepStrictEqual(run({ ...files, [RBAC]: moved }).all(), []);
  });

  it('a ClusterRole bound by a RoleBinding is found by name, whatever the binding\'s namespace', () => {
    const viaRoleBinding = ROLE_V08.replace('kind: ClusterRoleBinding\napiVersion: rbac.authorization.k8s.io/v1\nmetadata:\n  name: system:kube-vip-binding', 'kind: RoleBinding\napiVersion: rbac.authorization.k8s.io/v1\nmetadata:\n  name: kube-vip\n  namespace: kube-system');
    const [f] = run({ [DS]: kubeVip({ tag: 'v1.2.3', env: ARP_SERVICES }), [RBAC]: viaRoleBinding }).of(RBAC);
    assert.strictEqual(f.messageId, 'endpointSlicesDenied');
    assert.match(f.related[1].message, /^RoleBinding kube-vip binds the ServiceAccount/);
  });

  it('two kube-vip DaemonSets sharing one role: one finding on the role, related to each image', () => {
    const files = {
      [DS]: kubeVip({ tag: 'v1.2.3', env: ARP_SERVICES }),
      [OTHER]: kubeVip({ tag: 'v1.0.4', env: BGP_SERVICES, name: 'kube-vip-edge' }),
      [RBAC]: ROLE_V08,
    };
    const { of, covered } = run(files);
    const [f, ...rest] = of(RBAC);
    assert.deepStrictEqual(rest, []);
    assert.strictEqual(f.message, 'ClusterRole system:kube-vip-role lacks watch on endpointslices.discovery.k8s.io. Add a rule for it.');
    assert.match(f.detail ?? '', /^Why kube-vip v1\.2\.3, v1\.0\.4 needs/);
    assert.deepStrictEqual(
      f.related.slice(0, 2).map((r) => [r.uri, covered(r.uri!, r)]),
      [
        [DS, 'ghcr.io/kube-vip/kube-vip:v1.2.3'],
        [OTHER, 'ghcr.io/kube-vip/kube-vip:v1.0.4'],
      ],
    );
  });
});

import * as assert from 'assert';
import { lintFiles } from '../../../server/src/core';
import type { Finding } from '../../../server/src/core';
import { applyEdits, lintTogether } from '../../helpers';

const A = 'file:///ws/infra/kube-vip.yaml';
const B = 'file:///ws/infra/kube-vip-services.yaml';

interface Instance {
  readonly name: string;
  readonly tag: string;
  /** Omitted: no metadata.namespace. */
  readonly namespace?: string;
  readonly kind?: 'DaemonSet' | 'Pod';
  /** name -> raw YAML value */
  readonly env: Record<string, string>;
}

/** A kube-vip DaemonSet (or static Pod) with a literal env. */
function kubeVip({ name, tag, namespace, kind = 'DaemonSet', env }: Instance): string {
  const lines = Object.entries(env).map(([k, raw]) => `    - name: ${k}\n      value: ${raw}`);
  const pod = `  hostNetwork: true
  containers:
  - name: kube-vip
    image: ghcr.io/kube-vip/kube-vip:${tag}
    args: ["manager"]
    env:
${lines.join('\n')}
`;
  const metadata = `metadata:\n  name: ${name}\n${namespace ? `  namespace: ${namespace}\n` : ''}`;
  if (kind === 'Pod') return `apiVersion: v1\nkind: Pod\n${metadata}spec:\n${pod}`;
  const indented = pod.replace(/^/gm, '    ');
  return `apiVersion: apps/v1\nkind: DaemonSet\n${metadata}spec:\n  selector:\n    matchLabels: {app: ${name}}\n  template:\n    metadata:\n      labels: {app: ${name}}\n    spec:\n${indented}`;
}

const arpCp = { vip_arp: '"true"', cp_enable: '"true"', address: '192.168.0.40' };
const arpSvc = { vip_arp: '"true"', svc_enable: '"true"' };

/** Lints `files` as one manifest (instances applied together), or `apart` as separate files of their folders. */
function run(files: Record<string, string>, { apart = false } = {}) {
  const results = apart ? lintFiles(Object.entries(files).map(([uri, text]) => ({ uri, text }))) : lintTogether(files);
  const of = (uri: string): Finding[] => results.find((r) => r.uri === uri)!.findings.filter((f) => f.rule === 'shared-lease');
  const covered = (uri: string, span: { start: number; end: number }) => files[uri].slice(span.start, span.end);
  return { of, covered };
}

describe('shared-lease (workspace)', () => {
  it('instances in different folders (often one folder per cluster) are not compared', () => {
    const first = kubeVip({ name: 'kube-vip-a', tag: 'v0.8.9', namespace: 'kube-system', env: arpCp });
    const second = kubeVip({ name: 'kube-vip-b', tag: 'v0.8.9', namespace: 'kube-system', env: { ...arpCp, address: '192.168.0.50' } });
    const apart = run({ 'file:///ws/clusters/prod/kube-vip.yaml': first, 'file:///ws/clusters/staging/kube-vip.yaml': second }, { apart: true });
    assert.deepStrictEqual([...apart.of('file:///ws/clusters/prod/kube-vip.yaml'), ...apart.of('file:///ws/clusters/staging/kube-vip.yaml')], []);
  });

  it('two files of one folder may be alternatives: a warning on the condition that both are deployed to one cluster', () => {
    const first = kubeVip({ name: 'kube-vip-a', tag: 'v0.8.9', namespace: 'kube-system', env: arpCp });
    const second = kubeVip({ name: 'kube-vip-b', tag: 'v0.8.9', namespace: 'kube-system', env: { ...arpCp, address: '192.168.0.50' } });
    const [f] = run({ [A]: first, [B]: second }, { apart: true }).of(B);
    assert.deepStrictEqual([f.messageId, f.severity], ['sharedLeaseIfSameNamespace', 'warning']);
    assert.match(f.detail ?? '', /^It may share the Lease "plndr-cp-lock" with DaemonSet kube-system\/kube-vip-a \(if both files are deployed to one cluster\)\./);
    assert.match(f.message, /^May share Lease "plndr-cp-lock" with .*: one leader for both\. /);
    assert.strictEqual(f.related[0].uri, A);
  });

  it('two control planes on v0.8.9 with the default name: one Lease kube-system/plndr-cp-lock, an error on the second, related to the first', () => {
    const first = kubeVip({ name: 'kube-vip-a', tag: 'v0.8.9', namespace: 'kube-system', env: arpCp });
    const second = kubeVip({ name: 'kube-vip-b', tag: 'v0.8.9', namespace: 'kube-system', env: { ...arpCp, address: '192.168.0.50' } });
    const { of, covered } = run({ [A]: first, [B]: second });
    assert.deepStrictEqual(of(A), []);
    const [f, ...rest] = of(B);
    assert.strictEqual(rest.length, 0);
    assert.strictEqual(f.messageId, 'sharedLease');
    assert.strictEqual(f.severity, 'error');
    assert.strictEqual(covered(B, f.span), 'kube-vip', 'the default name applies: on the container name');
    assert.strictEqual(f.message, 'Shares Lease "plndr-cp-lock" with another instance: one leader for both. Set vip_leasename to "kube-vip-b-cp-lock".');
    assert.match(f.detail ?? '', /^It shares the Lease kube-system\/plndr-cp-lock with DaemonSet kube-system\/kube-vip-a\. Give vip_leasename a name of its own, e\.g\. "kube-vip-b-cp-lock"\./);
    assert.match(f.detail ?? '', /A Lease has one holder, so the two instances elect one leader between them instead of one each: DaemonSet kube-system\/kube-vip-a's control-plane VIP and this instance's control-plane VIP no longer get a leader of their own\./);
    assert.match(f.detail ?? '', /kube-vip v0\.8\.9 keeps its control-plane Lease "plndr-cp-lock" in namespace kube-system\.$/);
    assert.strictEqual(f.related[0].uri, A);
    assert.strictEqual(covered(A, f.related[0].span), 'kube-vip');
    assert.deepStrictEqual(f.fixes, [], 'no entry to rewrite');
  });

  it('up to v1.0.4 the control-plane Lease is in cp_namespace, whatever namespace the Pods run in', () => {
    const first = kubeVip({ name: 'kube-vip-a', tag: 'v1.0.4', namespace: 'kube-system', env: arpCp });
    const second = kubeVip({ name: 'kube-vip-b', tag: 'v1.0.4', namespace: 'kube-vip', env: arpCp });
    assert.deepStrictEqual(run({ [A]: first, [B]: second }).of(B).map((f) => f.messageId), ['sharedLease']);
    // From v1.1.0-rc.0 it is the Pod's namespace: two Leases.
    const newer = run({ [A]: first.replace('v1.0.4', 'v1.1.0'), [B]: second.replace('v1.0.4', 'v1.1.0') });
    assert.deepStrictEqual(newer.of(B), []);
  });

  it('an explicit vip_leasename on v1.2.3 in one namespace: the finding is on the value, and the fix renames it', () => {
    const first = kubeVip({ name: 'kube-vip-a', tag: 'v1.2.3', namespace: 'kube-system', env: arpCp });
    const text = kubeVip({ name: 'kube-vip-b', tag: 'v1.2.3', namespace: 'kube-system', env: { ...arpCp, vip_leasename: '"plndr-cp-lock"' } });
    const { of, covered } = run({ [A]: first, [B]: text });
    const [f] = of(B);
    assert.strictEqual(f.messageId, 'sharedLease');
    assert.strictEqual(covered(B, f.span), '"plndr-cp-lock"');
    assert.match(f.detail ?? '', /in the Pod's own namespace \(kube-system\)\.$/);
    assert.strictEqual(f.fixes[0].title, 'Set vip_leasename to "kube-vip-b-cp-lock"');
    assert.strictEqual(f.fixes[0].preferred, undefined);
    const fixed = applyEdits(text, f.fixes[0].edits);
    assert.strictEqual(fixed, text.replace('value: "plndr-cp-lock"', 'value: "kube-vip-b-cp-lock"'));
    assert.deepStrictEqual(run({ [A]: first, [B]: fixed }).of(B), []);
  });

  it('a pinned "namespace/name" (v1.1.0-rc.0+) is one Lease across Pod namespaces', () => {
    const first = kubeVip({ name: 'kube-vip-a', tag: 'v1.2.3', namespace: 'kube-system', env: { ...arpCp, vip_leasename: 'kube-system/vip-lock' } });
    const second = kubeVip({ name: 'kube-vip-b', tag: 'v1.2.3', namespace: 'tenant', env: { ...arpCp, vip_leasename: 'kube-system/vip-lock' } });
    const { of, covered } = run({ [A]: first, [B]: second });
    const [f] = of(B);
    assert.strictEqual(f.messageId, 'sharedLease');
    assert.strictEqual(covered(B, f.span), 'kube-system/vip-lock');
    assert.match(f.detail ?? '', /^It shares the Lease kube-system\/vip-lock with DaemonSet kube-system\/kube-vip-a\./);
    assert.strictEqual(applyEdits(second, f.fixes[0].edits), second.replace('value: kube-system/vip-lock', 'value: kube-system/kube-vip-b-cp-lock'));
  });

  it('the Services Lease: two ARP Services DaemonSets without svc_election share plndr-svcs-lock', () => {
    const first = kubeVip({ name: 'lb-v4', tag: 'v0.8.9', namespace: 'kube-system', env: arpSvc });
    const second = kubeVip({ name: 'lb-v6', tag: 'v0.8.9', namespace: 'kube-system', env: { ...arpSvc, svc_leasename: '"plndr-svcs-lock"' } });
    const { of, covered } = run({ [A]: first, [B]: second });
    const [f] = of(B);
    assert.strictEqual(f.messageId, 'sharedLease');
    assert.strictEqual(covered(B, f.span), '"plndr-svcs-lock"');
    assert.match(f.detail ?? '', /DaemonSet kube-system\/lb-v4's Service VIPs and this instance's Service VIPs no longer get a leader of their own/);
    // Per-Service election (svc_election) uses one Lease per Service instead.
    assert.deepStrictEqual(run({ [A]: first, [B]: kubeVip({ name: 'lb-v6', tag: 'v0.8.9', namespace: 'kube-system', env: { ...arpSvc, svc_election: '"true"' } }) }).of(B), []);
  });

  it('no namespace in the manifest: a warning that says on which condition they share', () => {
    const first = kubeVip({ name: 'kube-vip-a', tag: 'v1.2.3', namespace: 'kube-system', env: arpCp });
    const second = kubeVip({ name: 'kube-vip-b', tag: 'v1.2.3', env: arpCp });
    const [f] = run({ [A]: first, [B]: second }).of(B);
    assert.strictEqual(f.messageId, 'sharedLeaseIfSameNamespace');
    assert.strictEqual(f.severity, 'warning');
    assert.match(f.detail ?? '', /^It may share the Lease "plndr-cp-lock" with DaemonSet kube-system\/kube-vip-a \(if DaemonSet kube-vip-b runs in namespace kube-system\)\. Give vip_leasename/);
  });

  it('before v0.6.1 the name is fixed: the message says so and there is no fix', () => {
    const first = kubeVip({ name: 'kube-vip-a', tag: 'v0.5.12', namespace: 'kube-system', env: arpCp });
    const second = kubeVip({ name: 'kube-vip-b', tag: 'v0.5.12', namespace: 'kube-system', env: { ...arpCp, vip_leasename: 'other-lock' } });
    const [f] = run({ [A]: first, [B]: second }).of(B);
    assert.strictEqual(f.messageId, 'sharedLease');
    assert.match(f.message, /: one leader for both\. Upgrade, or use another namespace\.$/);
    assert.match(f.detail ?? '', /kube-vip v0\.5\.12 uses the fixed name "plndr-cp-lock": upgrade it, or run it in another namespace\./);
    assert.deepStrictEqual(f.fixes, []);
  });

  describe('not flagged', () => {
    it('the common lease on v1.1.0+ (svc_leasename == vip_leasename in one instance) is on purpose', () => {
      const common = kubeVip({ name: 'kube-vip', tag: 'v1.2.3', namespace: 'kube-system', env: { ...arpCp, svc_enable: '"true"', vip_leasename: 'plndr-cp-lock', svc_leasename: 'plndr-cp-lock' } });
      assert.deepStrictEqual(run({ [A]: common }).of(A), []);
      const other = kubeVip({ name: 'kube-vip-lb', tag: 'v1.2.3', namespace: 'kube-system', env: { ...arpSvc, svc_leasename: 'lb-lock' } });
      assert.deepStrictEqual([...run({ [A]: common, [B]: other }).of(A), ...run({ [A]: common, [B]: other }).of(B)], []);
    });
    it('two copies of one object (overlays, one per cluster): one cluster cannot hold both', () => {
      const copy = kubeVip({ name: 'kube-vip', tag: 'v0.8.9', namespace: 'kube-system', env: arpCp });
      assert.deepStrictEqual(run({ [A]: copy, [B]: copy.replace('192.168.0.40', '10.0.0.40') }).of(B), []);
    });
    it('distinct names, or different namespaces from v1.1.0', () => {
      const first = kubeVip({ name: 'kube-vip-a', tag: 'v1.2.3', namespace: 'kube-system', env: arpCp });
      assert.deepStrictEqual(run({ [A]: first, [B]: kubeVip({ name: 'kube-vip-b', tag: 'v1.2.3', namespace: 'kube-system', env: { ...arpCp, vip_leasename: 'b-lock' } }) }).of(B), []);
      assert.deepStrictEqual(run({ [A]: first, [B]: kubeVip({ name: 'kube-vip-b', tag: 'v1.2.3', namespace: 'other', env: arpCp }) }).of(B), []);
    });
    it('a control plane and a Services instance use different Leases by default', () => {
      const first = kubeVip({ name: 'kube-vip-cp', tag: 'v0.8.9', namespace: 'kube-system', kind: 'Pod', env: arpCp });
      assert.deepStrictEqual(run({ [A]: first, [B]: kubeVip({ name: 'kube-vip-lb', tag: 'v0.8.9', namespace: 'kube-system', env: arpSvc }) }).of(B), []);
    });
    it('names the linter cannot read: a template, or BGP without vip_leaderelection (no Lease)', () => {
      const first = kubeVip({ name: 'kube-vip-a', tag: 'v1.2.3', namespace: 'kube-system', env: arpCp });
      const templated = kubeVip({ name: 'kube-vip-b', tag: 'v1.2.3', namespace: 'kube-system', env: { ...arpCp, vip_leasename: '"{{ .Values.lease }}"' } });
      assert.deepStrictEqual(run({ [A]: first, [B]: templated }).of(B), []);
      const bgp = kubeVip({ name: 'kube-vip-b', tag: 'v1.2.3', namespace: 'kube-system', env: { bgp_enable: '"true"', cp_enable: '"true"', address: '192.168.0.40' } });
      assert.deepStrictEqual(run({ [A]: first, [B]: bgp }).of(B), []);
      const elects = kubeVip({ name: 'kube-vip-b', tag: 'v1.2.3', namespace: 'kube-system', env: { bgp_enable: '"true"', cp_enable: '"true"', vip_leaderelection: '"true"', address: '192.168.0.40' } });
      assert.deepStrictEqual(run({ [A]: first, [B]: elects }).of(B).map((f) => f.messageId), ['sharedLease']);
    });
  });
});

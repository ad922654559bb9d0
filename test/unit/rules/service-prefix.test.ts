import * as assert from 'assert';
import { lintFiles } from '../../../server/src/core';
import type { Finding } from '../../../server/src/core';
import { applyEdits, daemonSet } from '../../helpers';
import type { EnvLine } from '../../helpers';

const KV = 'file:///ws/kube-vip.yaml';
const SVC = 'file:///ws/apps/web.yaml';

/** A Services DaemonSet on `tag` with the given prefix-list entries. */
function kubeVip(tag: string, extra: readonly EnvLine[], mode: EnvLine = { name: 'vip_arp', raw: '"true"' }): string {
  return daemonSet(`ghcr.io/kube-vip/kube-vip:${tag}`, [mode, { name: 'svc_enable', raw: '"true"' }, ...extra]);
}

function service(spec: string, { namespace = 'shop', annotations = '' } = {}): string {
  return `apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: ${namespace}${annotations ? `\n  annotations:\n${annotations}` : ''}
spec:
  type: LoadBalancer
${spec}
  ports:
    - port: 80
`;
}

function run(files: Record<string, string>) {
  const results = lintFiles(Object.entries(files).map(([uri, text]) => ({ uri, text })));
  const of = (uri: string, rule = 'service-prefix'): Finding[] => results.find((r) => r.uri === uri)!.findings.filter((f) => f.rule === rule);
  const text = (uri: string) => files[uri];
  const covered = (uri: string, f: Finding) => text(uri).slice(f.span.start, f.span.end);
  return { of, covered, text };
}

describe('service-prefix (workspace)', () => {
  it('BGP mode up to v0.8.10 advertises the whole value: no crash to claim across files; vip-prefix-list says the Service is not announced and offers "32"', () => {
    const bgp = { name: 'bgp_enable', raw: '"true"' };
    for (const [extra, rule, headline] of [
      [[{ name: 'address', raw: '"fd00::10"' }, { name: 'vip_cidr', raw: '"128"' }], 'ipv4GetsIpv6Prefix', 'vip_cidr "128" has no IPv4 prefix: v0.8.9 in BGP mode never announces IPv4 Services. Use "32".'],
      [[{ name: 'address', raw: '"fd00::10"' }], 'implicitIpv6Prefix', 'address "fd00::10" makes vip_cidr "128": v0.8.9 in BGP mode never announces IPv4 Services, if any. Add vip_cidr "32".'],
    ] as const) {
      const kv = kubeVip('v0.8.9', extra, bgp);
      const { of } = run({ [KV]: kv, [SVC]: service('  loadBalancerIP: 192.168.1.50') });
      assert.deepStrictEqual([...of(KV), ...of(SVC)], [], 'no "panics" claim for BGP');
      const [f] = of(KV, 'vip-prefix-list');
      assert.strictEqual(f.messageId, rule);
      assert.strictEqual(f.message, headline);
      assert.doesNotMatch(`${f.message} ${f.detail}`, /panic|crash/);
    }
  });

  it('the seed case across two files: v0.8.9 vip_cidr "128" and an IPv4 Service → an error on each end, each related to the other', () => {
    const kv = kubeVip('v0.8.9', [{ name: 'address', raw: '"fd00::10"' }, { name: 'vip_cidr', raw: '"128"' }]);
    const { of, covered, text } = run({ [KV]: kv, [SVC]: service('  loadBalancerIP: 192.168.1.50') });
    const [onEnv] = of(KV);
    assert.strictEqual(onEnv.messageId, 'noIpv4Prefix');
    assert.strictEqual(onEnv.severity, 'error');
    assert.strictEqual(covered(KV, onEnv), '"128"');
    assert.strictEqual(onEnv.message, 'vip_cidr "128" has no IPv4 prefix: v0.8.9 panics on IPv4 Service shop/web. Use "32,128".');
    assert.match(onEnv.detail!, /^vip_cidr "128" has no IPv4 prefix, but the IPv4 Service shop\/web gets its VIP from this kube-vip: kube-vip v0\.8\.9 .*index out of range.*Use "32,128"\.$/);
    assert.strictEqual(onEnv.related[0].uri, SVC);
    assert.strictEqual(text(SVC).slice(onEnv.related[0].span.start, onEnv.related[0].span.end), '192.168.1.50');
    assert.strictEqual(applyEdits(kv, onEnv.fixes[0].edits), kv.replace('value: "128"', 'value: "32,128"'));
    assert.strictEqual(onEnv.fixes[0].preferred, true);

    const [onService] = of(SVC);
    assert.strictEqual(onService.messageId, 'servedWithoutIpv4Prefix');
    assert.strictEqual(covered(SVC, onService), '192.168.1.50');
    assert.strictEqual(onService.message, 'This IPv4 Service crashes kube-vip v0.8.9: its vip_cidr "128" has no IPv4 prefix. Set it to "32,128" there.');
    assert.match(onService.detail!, /served by kube-vip v0\.8\.9 \(DaemonSet kube-system\/kube-vip\), whose vip_cidr "128" has no IPv4 prefix/);
    assert.strictEqual(onService.related[0].uri, KV);
    assert.strictEqual(kv.slice(onService.related[0].span.start, onService.related[0].span.end), '"128"');
  });

  it('replaces the conditional vip-prefix-list warning at the same value (one squiggle, not two)', () => {
    const kv = kubeVip('v0.8.9', [{ name: 'address', raw: '"fd00::10"' }, { name: 'vip_cidr', raw: '"128"' }]);
    const alone = run({ [KV]: kv });
    assert.deepStrictEqual(alone.of(KV, 'vip-prefix-list').map((f) => [f.messageId, f.severity]), [['ipv4GetsIpv6PrefixIfIpv4Services', 'warning']]);
    const both = run({ [KV]: kv, [SVC]: service('  loadBalancerIP: 192.168.1.50') });
    assert.deepStrictEqual(both.of(KV, 'vip-prefix-list'), []);
    assert.strictEqual(both.of(KV).length, 1);
  });

  it('v1.2.3 with an IPv4 control plane: the refused start stays (it is worse than a Service without a VIP), beside the cross-file error', () => {
    const kv = daemonSet('ghcr.io/kube-vip/kube-vip:v1.2.3', [
      { name: 'vip_arp', raw: '"true"' },
      { name: 'cp_enable', raw: '"true"' },
      { name: 'svc_enable', raw: '"true"' },
      { name: 'address', raw: '192.168.0.40' },
      { name: 'vip_subnet', raw: '"128"' },
    ]);
    const { of } = run({ [KV]: kv, [SVC]: service('  loadBalancerIP: 192.168.1.50') });
    const [own] = of(KV, 'vip-prefix-list');
    assert.deepStrictEqual([own.messageId, own.severity], ['ipv4GetsIpv6Prefix', 'error']);
    assert.match(own.message, /refuses to start/);
    assert.match(own.detail!, /control-plane VIP/);
    assert.strictEqual(of(KV).length, 1);
  });

  it('every Service seen is IPv6: the conditional warning stays, no cross-file finding', () => {
    const kv = kubeVip('v0.8.9', [{ name: 'address', raw: '"fd00::10"' }, { name: 'vip_cidr', raw: '"128"' }]);
    const { of } = run({ [KV]: kv, [SVC]: service('  loadBalancerIP: "fd00::50"\n  ipFamilies: [IPv6]') });
    assert.deepStrictEqual(of(KV), []);
    assert.deepStrictEqual(of(SVC), []);
    assert.deepStrictEqual(of(KV, 'vip-prefix-list').map((f) => f.severity), ['warning']);
  });

  it('the annotation kube-vip.io/loadbalancerIPs wins over spec.loadBalancerIP, as kube-vip reads it', () => {
    const kv = kubeVip('v1.2.3', [{ name: 'vip_subnet', raw: '"128"' }]);
    const annotated = service('  loadBalancerIP: "fd00::50"', { annotations: '    kube-vip.io/loadbalancerIPs: "10.0.0.5,fd00::5"' });
    const { of, covered } = run({ [KV]: kv, [SVC]: annotated });
    const [onService] = of(SVC);
    assert.strictEqual(covered(SVC, onService), '"10.0.0.5,fd00::5"');
    assert.strictEqual(onService.message, 'This IPv4 Service gets no VIP from kube-vip v1.2.3: its vip_subnet "128" has no IPv4 prefix. Set it to "32,128" there.');
    assert.match(onService.detail!, /rejects "<ip>\/128".*Failed to add Service/);
  });

  it('spec.ipFamilies [IPv4] shows an IPv4 Service; a Service with no family evidence does not', () => {
    const kv = kubeVip('v1.0.4', [{ name: 'vip_subnet', raw: '"128,32"' }]);
    const withFamily = run({ [KV]: kv, [SVC]: service('  ipFamilyPolicy: SingleStack\n  ipFamilies:\n    - IPv4') });
    const [onEnv] = withFamily.of(KV);
    assert.strictEqual(applyEdits(kv, onEnv.fixes[0].edits), kv.replace('value: "128,32"', 'value: "32,128"'));
    assert.strictEqual(withFamily.covered(SVC, withFamily.of(SVC)[0]), 'IPv4');
    const noFamily = run({ [KV]: kv, [SVC]: service('  ipFamilyPolicy: SingleStack') });
    assert.deepStrictEqual(noFamily.of(KV), []);
  });

  it('"128" generated from an IPv6-only address: the finding is on the address, the fix adds vip_cidr "32,128"', () => {
    const kv = kubeVip('v0.8.9', [{ name: 'address', raw: '"fd00::10"' }]);
    const { of, covered } = run({ [KV]: kv, [SVC]: service('  loadBalancerIP: 192.168.1.50') });
    const [onEnv] = of(KV);
    assert.strictEqual(covered(KV, onEnv), '"fd00::10"');
    assert.strictEqual(onEnv.message, 'address "fd00::10" makes vip_cidr "128": v0.8.9 panics on IPv4 Service shop/web. Add vip_cidr "32,128".');
    assert.match(onEnv.detail!, /vip_cidr \(unset, so generated as "128" from the IPv6-only address "fd00::10"\)/);
    const fixed = applyEdits(kv, onEnv.fixes[0].edits);
    assert.match(fixed, /- name: address\n {10}value: "fd00::10"\n {8}- name: vip_cidr\n {10}value: "32,128"\n/);
  });

  describe('which instance serves the Service', () => {
    const kv = (extra: EnvLine[]) => kubeVip('v0.8.9', [{ name: 'vip_cidr', raw: '"128"' }, ...extra]);
    const svc = service('  loadBalancerIP: 192.168.1.50');

    it('svc_namespace elsewhere: not served, no finding', () => {
      assert.deepStrictEqual(run({ [KV]: kv([{ name: 'svc_namespace', raw: 'tenant-a' }]), [SVC]: svc }).of(SVC), []);
    });
    it('svc_namespace equal to the Service namespace: served', () => {
      assert.strictEqual(run({ [KV]: kv([{ name: 'svc_namespace', raw: 'shop' }]), [SVC]: svc }).of(SVC)[0].severity, 'error');
    });
    it('a Service of another load-balancer class: not served', () => {
      const other = service('  loadBalancerClass: metallb.io/metallb\n  loadBalancerIP: 192.168.1.50');
      assert.deepStrictEqual(run({ [KV]: kv([]), [SVC]: other }).of(KV), []);
    });
    it('lb_class_only "true" and a Service without a class: not served', () => {
      assert.deepStrictEqual(run({ [KV]: kv([{ name: 'lb_class_only', raw: '"true"' }]), [SVC]: svc }).of(KV), []);
    });
    it('kube-vip.io/ignore "true": not served', () => {
      const ignored = service('  loadBalancerIP: 192.168.1.50', { annotations: '    kube-vip.io/ignore: "true"' });
      assert.deepStrictEqual(run({ [KV]: kv([]), [SVC]: ignored }).of(KV), []);
    });
    it('type ClusterIP: not served', () => {
      const clusterIp = service('  loadBalancerIP: 192.168.1.50').replace('type: LoadBalancer', 'type: ClusterIP');
      assert.deepStrictEqual(run({ [KV]: kv([]), [SVC]: clusterIp }).of(KV), []);
    });
    it('svc_namespace from a ConfigMap reference: a warning that says serving is not certain', () => {
      const ref = '        - name: svc_namespace\n          valueFrom:\n            configMapKeyRef: {name: kv, key: ns}';
      const [onEnv] = run({ [KV]: kubeVip('v0.8.9', [{ name: 'vip_cidr', raw: '"128"' }, ref as unknown as EnvLine]), [SVC]: svc }).of(KV);
      assert.strictEqual(onEnv.severity, 'warning');
      assert.match(onEnv.message, /: v0\.8\.9 may panic on IPv4 Service shop\/web\. Use "32,128"\.$/);
      assert.match(onEnv.detail!, /if this instance serves it \(svc_namespace, the Service's namespace or the load-balancer class settings are not literal\)/);
    });
    it('Services off: nothing', () => {
      const cpOnly = daemonSet('ghcr.io/kube-vip/kube-vip:v0.8.9', [{ name: 'vip_arp', raw: '"true"' }, { name: 'cp_enable', raw: '"true"' }, { name: 'vip_cidr', raw: '"128"' }, { name: 'address', raw: '"fd00::10"' }]);
      assert.deepStrictEqual(run({ [KV]: cpOnly, [SVC]: svc }).of(SVC), []);
    });
  });

  it('routing-table mode on v0.8.9 never reads the list: no cross-file finding', () => {
    const table = kubeVip('v0.8.9', [{ name: 'vip_cidr', raw: '"128"' }], { name: 'vip_routingtable', raw: '"true"' });
    assert.deepStrictEqual(run({ [KV]: table, [SVC]: service('  loadBalancerIP: 192.168.1.50') }).of(KV), []);
  });

  describe('a repository of several clusters', () => {
    const broken = kubeVip('v0.8.9', [{ name: 'vip_cidr', raw: '"128"' }]);
    const fine = kubeVip('v0.8.9', [{ name: 'vip_cidr', raw: '"32,128"' }]);
    const svc = service('  loadBalancerIP: 192.168.1.50');

    it('the instance beside the Service serves it, not another cluster\'s', () => {
      const files = {
        'file:///ws/clusters/a/kube-vip.yaml': broken,
        'file:///ws/clusters/b/kube-vip.yaml': fine,
        'file:///ws/clusters/b/apps/web.yaml': svc,
      };
      assert.deepStrictEqual(run(files).of('file:///ws/clusters/a/kube-vip.yaml'), [], 'cluster a does not serve cluster b\'s Service');
      const nearer = run({ ...files, 'file:///ws/clusters/a/apps/web.yaml': svc });
      assert.strictEqual(nearer.of('file:///ws/clusters/a/kube-vip.yaml')[0].severity, 'error');
      assert.strictEqual(nearer.of('file:///ws/clusters/a/kube-vip.yaml')[0].related.length, 1, 'only its own cluster\'s Service');
    });

    it('two instances equally near: a warning that says it cannot tell which serves it', () => {
      const { of } = run({ 'file:///ws/clusters/a/kube-vip.yaml': broken, 'file:///ws/clusters/b/kube-vip.yaml': fine, 'file:///ws/apps/web.yaml': svc });
      const [onEnv] = of('file:///ws/clusters/a/kube-vip.yaml');
      assert.strictEqual(onEnv.severity, 'warning');
      assert.match(onEnv.message, /: v0\.8\.9 may panic on IPv4 Service shop\/web\. Use "32,128"\.$/);
      assert.match(onEnv.detail!, /if this instance serves it \(2 kube-vip instances in this workspace may serve it, and the linter cannot see which cluster a file is applied to\)/);
      assert.deepStrictEqual(of('file:///ws/apps/web.yaml'), [], 'no finding on a Service whose instance is not known');
    });
  });

  it('markdown documents kube-vip, it does not deploy it: a fence is not matched with the Services', () => {
    const readme = '# Install\n\n```yaml\n' + kubeVip('v0.8.9', [{ name: 'vip_cidr', raw: '"128"' }]) + '```\n';
    const { of } = run({ 'file:///ws/docs/README.md': readme, [SVC]: service('  loadBalancerIP: 192.168.1.50') });
    assert.deepStrictEqual(of(SVC), []);
    assert.deepStrictEqual(of('file:///ws/docs/README.md'), []);
    assert.strictEqual(of('file:///ws/docs/README.md', 'vip-prefix-list').length, 1, 'the fence itself is still linted');
  });

  it('a disable comment on the Service silences the Service end only', () => {
    const kv = kubeVip('v0.8.9', [{ name: 'vip_cidr', raw: '"128"' }]);
    const svc = service('  # kube-vip-lint-disable-next-line service-prefix\n  loadBalancerIP: 192.168.1.50');
    const { of } = run({ [KV]: kv, [SVC]: svc });
    assert.deepStrictEqual(of(SVC), []);
    assert.strictEqual(of(KV).length, 1);
  });

  it('the severity setting of the file applies', () => {
    const kv = kubeVip('v0.8.9', [{ name: 'vip_cidr', raw: '"128"' }]);
    const results = lintFiles([
      { uri: KV, text: kv, settings: { rules: { 'service-prefix': 'warning' } } },
      { uri: SVC, text: service('  loadBalancerIP: 192.168.1.50'), settings: { rules: { 'service-prefix': 'off' } } },
    ]);
    assert.deepStrictEqual(results[0].findings.filter((f) => f.rule === 'service-prefix').map((f) => f.severity), ['warning']);
    assert.deepStrictEqual(results[1].findings.filter((f) => f.rule === 'service-prefix'), []);
  });
});

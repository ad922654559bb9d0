import * as assert from 'assert';
import { lintFiles } from '../../../server/src/core';
import { lintTogether } from '../../helpers';
import type { Finding } from '../../../server/src/core';

const KV = 'file:///ws/kube-vip.yaml';
const KV2 = 'file:///ws/kube-vip-v2.yaml';
const SVC = 'file:///ws/apps/web.yaml';

/** A kube-vip DaemonSet in kube-system with a literal env (name -> raw YAML value). */
function kubeVip(name: string, tag: string, env: Record<string, string>): string {
  const lines = Object.entries(env).map(([k, raw]) => `            - name: ${k}\n              value: ${raw}`);
  return `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: ${name}
  namespace: kube-system
spec:
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      hostNetwork: true
      containers:
        - name: kube-vip
          image: ghcr.io/kube-vip/kube-vip:${tag}
          args: ["manager"]
          env:
${lines.join('\n')}
`;
}

function service(spec: string, annotations: Record<string, string> = {}, type = 'LoadBalancer'): string {
  const notes = Object.entries(annotations).map(([k, v]) => `    ${k}: ${v}`);
  return `apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop${notes.length ? `\n  annotations:\n${notes.join('\n')}` : ''}
spec:
  type: ${type}
${spec}
  ports:
    - port: 80
`;
}

const cpAndSvc = { vip_arp: '"true"', cp_enable: '"true"', svc_enable: '"true"', address: '192.168.0.40' };
const cpOnly = { vip_arp: '"true"', cp_enable: '"true"', address: '192.168.0.40' };

/** Lints `files` as one manifest (instances applied together), or `apart` as separate files of their folders. */
function run(files: Record<string, string>, { apart = false } = {}) {
  const results = apart ? lintFiles(Object.entries(files).map(([uri, text]) => ({ uri, text }))) : lintTogether(files);
  const of = (uri: string): Finding[] => results.find((r) => r.uri === uri)!.findings.filter((f) => f.rule === 'duplicate-vip');
  const covered = (uri: string, span: { start: number; end: number }) => files[uri].slice(span.start, span.end);
  return { of, covered };
}

describe('duplicate-vip (workspace)', () => {
  it('spec.loadBalancerIP equal to the control-plane address of the instance that serves it: an error on the Service IP, related to the address', () => {
    const { of, covered } = run({ [KV]: kubeVip('kube-vip', 'v0.8.9', cpAndSvc), [SVC]: service('  loadBalancerIP: 192.168.0.40') });
    assert.deepStrictEqual(of(KV), []);
    const [f, ...rest] = of(SVC);
    assert.strictEqual(rest.length, 0);
    assert.strictEqual(f.messageId, 'serviceIp');
    assert.strictEqual(f.severity, 'error');
    assert.strictEqual(covered(SVC, f.span), '192.168.0.40');
    assert.strictEqual(f.message, 'Service shop/web takes control-plane VIP 192.168.0.40: two nodes can answer for it. Give the Service another IP.');
    assert.match(f.detail ?? '', /^Service shop\/web asks for 192\.168\.0\.40, the control-plane address of DaemonSet kube-system\/kube-vip: give the Service another IP\. /);
    assert.match(f.detail ?? '', /so the control-plane leader and the node that announces the Service each add 192\.168\.0\.40, and two nodes can answer for it\.$/);
    assert.strictEqual(f.related[0].uri, KV);
    assert.strictEqual(covered(KV, f.related[0].span), '192.168.0.40');
    assert.match(f.related[0].message, /kube-vip v0\.8\.9/);
  });

  it('the kube-vip.io/loadbalancerIPs annotation: comma-separated, the finding covers the one IP', () => {
    const { of, covered } = run({ [KV]: kubeVip('kube-vip', 'v1.2.3', cpAndSvc), [SVC]: service('', { 'kube-vip.io/loadbalancerIPs': '"fd00::10, 192.168.0.40"' }) });
    const [f] = of(SVC);
    assert.strictEqual(f.messageId, 'serviceIp');
    assert.strictEqual(covered(SVC, f.span), '192.168.0.40');
  });

  it('IPv6 addresses are compared as addresses, not as text', () => {
    const kv = kubeVip('kube-vip', 'v1.2.3', { ...cpAndSvc, address: '"fd00:0:0::40"' });
    const [f] = run({ [KV]: kv, [SVC]: service('  loadBalancerIP: fd00::40') }).of(SVC);
    assert.strictEqual(f.messageId, 'serviceIp');
  });

  it('no kube-vip instance in the workspace serves Services: a warning that says so', () => {
    const [f] = run({ [KV]: kubeVip('kube-vip', 'v0.8.9', cpOnly), [SVC]: service('  loadBalancerIP: 192.168.0.40') }).of(SVC);
    assert.strictEqual(f.severity, 'warning');
    assert.match(f.detail ?? '', /\(if a load balancer serves it\)/);
    assert.match(f.message, /: two nodes may answer for it\. Give the Service another IP\.$/);
  });

  it('two instances with one control-plane address and different Leases: an error on the second address', () => {
    const first = kubeVip('kube-vip', 'v1.2.3', cpOnly);
    const second = kubeVip('kube-vip-v2', 'v1.2.3', { ...cpOnly, vip_leasename: 'v2-lock' });
    const { of, covered } = run({ [KV]: first, [KV2]: second });
    assert.deepStrictEqual(of(KV), []);
    const [f] = of(KV2);
    assert.strictEqual(f.messageId, 'twoInstances');
    assert.strictEqual(f.severity, 'error');
    assert.strictEqual(covered(KV2, f.span), '192.168.0.40');
    assert.strictEqual(f.message, "Control-plane VIP 192.168.0.40 is also another instance's: two nodes can answer for it. Keep one instance per VIP.");
    assert.match(f.detail ?? '', /^Control-plane address 192\.168\.0\.40 is also the address of DaemonSet kube-system\/kube-vip: keep one kube-vip instance per control-plane VIP, or give this one another address\./);
    assert.match(f.detail ?? '', /different Leases \(kube-system\/v2-lock and kube-system\/plndr-cp-lock\)/);
    assert.strictEqual(f.related[0].uri, KV);
    assert.strictEqual(covered(KV, f.related[0].span), '192.168.0.40');
  });

  it('two instances in two files of one folder: a warning on the condition that both are deployed to one cluster', () => {
    const first = kubeVip('kube-vip', 'v1.2.3', cpOnly);
    const second = kubeVip('kube-vip-v2', 'v1.2.3', { ...cpOnly, vip_leasename: 'v2-lock' });
    const [f] = run({ [KV]: first, [KV2]: second }, { apart: true }).of(KV2);
    assert.deepStrictEqual([f.messageId, f.severity], ['twoInstances', 'warning']);
    assert.match(f.message, /: two nodes may answer for it\. Keep one instance per VIP\.$/);
    assert.match(f.detail ?? '', /^Control-plane address 192\.168\.0\.40 is also the address of DaemonSet kube-system\/kube-vip \(if both files are deployed to one cluster\): /);
    assert.deepStrictEqual(run({ 'file:///ws/a/kube-vip.yaml': first, 'file:///ws/b/kube-vip.yaml': second }, { apart: true }).of('file:///ws/b/kube-vip.yaml'), [], 'other folders: not compared');
  });

  it('review: the span is the whole list item, not an address that starts another one (10.0.0.1 in "10.0.0.10,10.0.0.1")', () => {
    const kv = kubeVip('kube-vip', 'v0.8.9', { ...cpAndSvc, address: '10.0.0.1' });
    const svc = service('  ipFamilies: [IPv4]', { 'kube-vip.io/loadbalancerIPs': '"10.0.0.10,10.0.0.1"' });
    const { of } = run({ [KV]: kv, [SVC]: svc });
    const [f] = of(SVC);
    assert.strictEqual(of(SVC).length, 1);
    const start = svc.indexOf('"10.0.0.10,10.0.0.1"') + '"10.0.0.10,'.length;
    assert.deepStrictEqual([f.span.start, f.span.end], [start, start + '10.0.0.1'.length]);
  });

  it('review: BGP without vip_leaderelection elects nobody for the control plane: the message says every node announces it', () => {
    const bgp = kubeVip('kube-vip', 'v1.2.3', { bgp_enable: '"true"', bgp_routerid: '10.0.0.2', bgp_peers: '"10.0.0.3:65000::false"', cp_enable: '"true"', svc_enable: '"true"', address: '192.168.0.40' });
    const [f] = run({ [KV]: bgp, [SVC]: service('  loadBalancerIP: 192.168.0.40') }).of(SVC);
    assert.match(f.message, /: several nodes can answer for it\./);
    assert.match(f.detail ?? '', /announced by every node that runs this instance \(no leader election in this mode\)/);
    assert.doesNotMatch(f.detail ?? '', /leader of its own Lease/);
  });

  describe('not flagged', () => {
    it('the annotation wins over spec.loadBalancerIP', () => {
      const svc = service('  loadBalancerIP: 192.168.0.40', { 'kube-vip.io/loadbalancerIPs': '192.168.0.41' });
      assert.deepStrictEqual(run({ [KV]: kubeVip('kube-vip', 'v0.8.9', cpAndSvc), [SVC]: svc }).of(SVC), []);
    });
    it('not a LoadBalancer Service, a templated Service, or a control plane that is off', () => {
      assert.deepStrictEqual(run({ [KV]: kubeVip('kube-vip', 'v0.8.9', cpAndSvc), [SVC]: service('  loadBalancerIP: 192.168.0.40', {}, 'ClusterIP') }).of(SVC), []);
      assert.deepStrictEqual(run({ [KV]: kubeVip('kube-vip', 'v0.8.9', cpAndSvc), [SVC]: service('  loadBalancerIP: "{{ .Values.ip }}"') }).of(SVC), []);
      // The address itself literal, another field templated: the Service as rendered is unknown.
      assert.deepStrictEqual(run({ [KV]: kubeVip('kube-vip', 'v0.8.9', cpAndSvc), [SVC]: service('  loadBalancerClass: "{{ .Values.class }}"\n  loadBalancerIP: 192.168.0.40') }).of(SVC), []);
      const off = kubeVip('kube-vip', 'v0.8.9', { ...cpAndSvc, cp_enable: '"false"' });
      assert.deepStrictEqual(run({ [KV]: off, [SVC]: service('  loadBalancerIP: 192.168.0.40') }).of(SVC), []);
    });
    it('one leader on purpose: the common lease (v1.1.0+), or a Service that names its Lease', () => {
      const common = kubeVip('kube-vip', 'v1.2.3', { ...cpAndSvc, vip_leasename: 'plndr-cp-lock', svc_leasename: 'plndr-cp-lock' });
      assert.deepStrictEqual(run({ [KV]: common, [SVC]: service('  loadBalancerIP: 192.168.0.40') }).of(SVC), []);
      const named = service('  loadBalancerIP: 192.168.0.40', { 'kube-vip.io/leaseName': 'kube-system/plndr-cp-lock' });
      assert.deepStrictEqual(run({ [KV]: kubeVip('kube-vip', 'v1.2.3', cpAndSvc), [SVC]: named }).of(SVC), []);
    });
    it('two instances on one Lease (shared-lease reports that), or different addresses', () => {
      assert.deepStrictEqual(run({ [KV]: kubeVip('kube-vip', 'v1.2.3', cpOnly), [KV2]: kubeVip('kube-vip-v2', 'v1.2.3', cpOnly) }).of(KV2), []);
      const copy = kubeVip('kube-vip', 'v1.2.3', { ...cpOnly, vip_leasename: 'v2-lock' });
      assert.deepStrictEqual(run({ [KV]: kubeVip('kube-vip', 'v1.2.3', cpOnly), [KV2]: copy }).of(KV2), [], 'two copies of one DaemonSet (overlays) are not two instances');
      const other = kubeVip('kube-vip-v2', 'v1.2.3', { ...cpOnly, address: '192.168.0.41', vip_leasename: 'v2-lock' });
      assert.deepStrictEqual(run({ [KV]: kubeVip('kube-vip', 'v1.2.3', cpOnly), [KV2]: other }).of(KV2), []);
    });
  });
});

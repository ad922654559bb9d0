import * as assert from 'assert';
import { lintFiles } from '../../../server/src/core';
import type { Finding } from '../../../server/src/core';

const KV = 'file:///ws/kube-vip.yaml';
const CM = 'file:///ws/cloud-provider/configmap.yaml';
const SVC = 'file:///ws/apps/web.yaml';
const RULE = 'service-pool';

/** A kube-vip DaemonSet with a literal env (name -> raw YAML value); `extra` lines go verbatim into the env list. */
function kubeVip(env: Record<string, string>, extra = ''): string {
  const lines = Object.entries(env).map(([k, raw]) => `            - name: ${k}\n              value: ${raw}`);
  return `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: kube-vip-ds
  namespace: kube-system
spec:
  selector:
    matchLabels: {app: kube-vip}
  template:
    metadata:
      labels: {app: kube-vip}
    spec:
      hostNetwork: true
      containers:
        - name: kube-vip
          image: ghcr.io/kube-vip/kube-vip:v1.2.3
          args: ["manager"]
          env:
${lines.join('\n')}${extra}
`;
}

function configMap(data: readonly string[]): string {
  return `apiVersion: v1
kind: ConfigMap
metadata:
  name: kubevip
  namespace: kube-system
data:
${data.map((d) => `  ${d}`).join('\n')}
`;
}

interface SvcOptions {
  readonly namespace?: string;
  readonly spec?: string;
  readonly annotations?: Record<string, string>;
  readonly labels?: Record<string, string>;
  readonly type?: string;
}

function service({ namespace, spec = '', annotations = {}, labels = {}, type = 'LoadBalancer' }: SvcOptions): string {
  const block = (name: string, map: Record<string, string>) =>
    Object.keys(map).length ? `\n  ${name}:\n${Object.entries(map).map(([k, v]) => `    ${k}: ${v}`).join('\n')}` : '';
  return `apiVersion: v1
kind: Service
metadata:
  name: web${namespace ? `\n  namespace: ${namespace}` : ''}${block('labels', labels)}${block('annotations', annotations)}
spec:
  type: ${type}
${spec}  ports:
    - port: 80
`;
}

const cp = { vip_arp: '"true"', cp_enable: '"true"', svc_enable: '"true"', address: '192.168.0.40' };

function run(files: Record<string, string>) {
  const results = lintFiles(Object.entries(files).map(([uri, text]) => ({ uri, text })));
  const of = (uri: string): Finding[] => results.find((r) => r.uri === uri)!.findings.filter((f) => f.rule === RULE);
  const covered = (uri: string, span: { start: number; end: number }) => files[uri].slice(span.start, span.end);
  const all = () => results.flatMap((r) => r.findings.filter((f) => f.rule === RULE));
  return { of, covered, all };
}

describe('service-pool (workspace)', () => {
  describe('a pool that holds the control-plane address', () => {
    it('warning on the pool entry in the ConfigMap file, related to the env value in the kube-vip file', () => {
      const files = { [KV]: kubeVip(cp), [CM]: configMap(['cidr-global: 192.168.0.64/26,192.168.0.32/28']) };
      const { of, covered } = run(files);
      assert.deepStrictEqual(of(KV), []);
      const [f] = of(CM);
      assert.strictEqual(f.messageId, 'poolHoldsControlPlane');
      assert.strictEqual(f.severity, 'warning');
      assert.strictEqual(covered(CM, f.span), '192.168.0.32/28');
      assert.match(f.message, /^cidr-global holds 192\.168\.0\.40, kube-vip's control-plane VIP: a Service may get it too\. Take it out of the pool\.$/);
      assert.match(f.detail!, /^The entry "192\.168\.0\.32\/28" holds 192\.168\.0\.40, the control-plane address of DaemonSet kube-vip-ds\. The cloud provider does not know the control-plane VIP, so it can hand 192\.168\.0\.40 to a LoadBalancer Service/);
      assert.match(f.detail!, /two owners answer for one IP, when both run in the same cluster\.$/);
      assert.strictEqual(f.related[0].uri, KV);
      assert.strictEqual(covered(KV, f.related[0].span), '192.168.0.40');
    });
    it('a range pool, and cp_enable unknown (from envFrom) says so', () => {
      const env = { vip_arp: '"true"', address: '192.168.0.40' };
      const text = kubeVip(env).replace('          env:\n', '          envFrom:\n            - configMapRef: {name: extra}\n          env:\n');
      const { of } = run({ [KV]: text, [CM]: configMap(['range-global: 192.168.0.30-192.168.0.50']) });
      assert.strictEqual(of(CM).length, 1);
      assert.match(of(CM)[0].message, /the control-plane VIP if cp_enable is on: a Service may get it\./);
      assert.match(of(CM)[0].detail!, /\(if cp_enable is on\)/);
    });
    it('dual-stack address: each family is checked', () => {
      const { of, covered } = run({ [KV]: kubeVip({ ...cp, address: '192.168.9.1,fd00::40' }), [CM]: configMap(['cidr-global: "10.0.0.0/24,fd00::/120"']) });
      assert.strictEqual(of(CM).length, 1);
      assert.strictEqual(covered(CM, of(CM)[0].span), 'fd00::/120');
      assert.match(of(CM)[0].message, /holds fd00::40/);
    });
    it('not reported: outside the pools, an address the provider never hands out, a shadowed pool, the control plane off, a conditional env', () => {
      assert.deepStrictEqual(run({ [KV]: kubeVip(cp), [CM]: configMap(['cidr-global: 192.168.1.0/24']) }).all(), []);
      // x.x.x.0 and x.x.x.255 are never handed out
      assert.deepStrictEqual(run({ [KV]: kubeVip({ ...cp, address: '192.168.0.255' }), [CM]: configMap(['cidr-global: 192.168.0.0/23']) }).all(), []);
      // the network address of a CIDR with skip-end-ips-in-cidr "true"
      assert.deepStrictEqual(run({ [KV]: kubeVip({ ...cp, address: '192.168.0.32' }), [CM]: configMap(['cidr-global: 192.168.0.32/27', 'skip-end-ips-in-cidr: "true"']) }).all(), []);
      // range-global under cidr-global is never read
      assert.deepStrictEqual(run({ [KV]: kubeVip(cp), [CM]: configMap(['cidr-global: 10.0.0.0/24', 'range-global: 192.168.0.30-192.168.0.50']) }).of(CM).filter((f) => f.rule === RULE), []);
      assert.deepStrictEqual(run({ [KV]: kubeVip({ ...cp, cp_enable: '"false"' }), [CM]: configMap(['cidr-global: 192.168.0.32/27']) }).all(), []);
      const conditional = kubeVip(cp, '\n            {{- if .Values.extra }}\n            - name: vip_leaderelection\n              value: "true"\n            {{- end }}');
      assert.deepStrictEqual(run({ [KV]: conditional, [CM]: configMap(['cidr-global: 192.168.0.32/27']) }).all(), []);
    });
    it('without the provider ConfigMap nothing is reported', () => {
      const other = configMap(['cidr-global: 192.168.0.32/27']).replace('name: kubevip', 'name: settings').replace('namespace: kube-system', 'namespace: apps').replace('cidr-global: 192.168.0.32/27', 'color: blue');
      assert.deepStrictEqual(run({ [KV]: kubeVip(cp), [CM]: other }).all(), []);
    });
  });

  describe('a Service with spec.loadBalancerIP inside a pool', () => {
    it('warning on spec.loadBalancerIP, related to the pool entry in the other file', () => {
      const files = { [CM]: configMap(['range-global: 192.168.0.100-192.168.0.150']), [SVC]: service({ namespace: 'shop', spec: '  loadBalancerIP: 192.168.0.120\n' }) };
      const { of, covered } = run(files);
      const [f] = of(SVC);
      assert.strictEqual(f.messageId, 'staticIpNotReserved');
      assert.strictEqual(f.severity, 'warning');
      assert.strictEqual(covered(SVC, f.span), '192.168.0.120');
      assert.match(f.message, /^Service web: 192\.168\.0\.120 is in pool range-global but not counted as taken\. Move it to kube-vip\.io\/loadbalancerIPs\.$/);
      assert.match(f.detail!, /^Service web: 192\.168\.0\.120 is in the cloud provider's pool range-global\. Move it to the kube-vip\.io\/loadbalancerIPs annotation and drop spec\.loadBalancerIP, or pick an address outside the pools\./);
      assert.match(f.detail!, /only labelled Services count as taken, so the provider can hand 192\.168\.0\.120 to another Service\.$/);
      assert.strictEqual(f.related[0].uri, CM);
      assert.strictEqual(covered(CM, f.related[0].span), '192.168.0.100-192.168.0.150');
      assert.deepStrictEqual(of(CM), []);
    });
    it('also when the annotation is set too (the legacy branch returns before labelling)', () => {
      const svc = service({ namespace: 'shop', spec: '  loadBalancerIP: 192.168.0.120\n', annotations: { 'kube-vip.io/loadbalancerIPs': '192.168.0.120' } });
      assert.strictEqual(run({ [CM]: configMap(['cidr-shop: 192.168.0.96/27']), [SVC]: svc }).of(SVC)[0].messageId, 'staticIpNotReserved');
    });
    it('not reported: outside every pool, already labelled by the provider, not a LoadBalancer, templated, a DNS name', () => {
      const pool = configMap(['cidr-global: 192.168.0.96/27']);
      const none = (svc: string) => assert.deepStrictEqual(run({ [CM]: pool, [SVC]: svc }).all(), [], svc);
      none(service({ namespace: 'shop', spec: '  loadBalancerIP: 192.168.5.1\n' }));
      none(service({ namespace: 'shop', spec: '  loadBalancerIP: 192.168.0.120\n', labels: { implementation: 'kube-vip' } }));
      none(service({ namespace: 'shop', spec: '  loadBalancerIP: 192.168.0.120\n', type: 'ClusterIP' }));
      none(service({ namespace: 'shop', spec: '  loadBalancerIP: "{{ .Values.ip }}"\n' }));
      // The address literal and inside the pool, another field templated: the rendered Service is unknown.
      none(service({ namespace: 'shop', spec: '  loadBalancerClass: "{{ .Values.class }}"\n  loadBalancerIP: 192.168.0.120\n' }));
      none(service({ namespace: 'shop', spec: '  loadBalancerIP: web.example.com\n' }));
    });
  });

  describe('an annotated Service inside another namespace\'s pool', () => {
    it('warning on the annotation, related to cidr-<other>', () => {
      const files = {
        [CM]: configMap(['cidr-global: 10.0.0.0/24', 'cidr-payments: 192.168.0.96/27']),
        [SVC]: service({ namespace: 'shop', annotations: { 'kube-vip.io/loadbalancerIPs': '"10.9.9.9,192.168.0.100"' } }),
      };
      const { of, covered } = run(files);
      const [f] = of(SVC);
      assert.strictEqual(f.messageId, 'ipInOtherNamespacePool');
      assert.strictEqual(covered(SVC, f.span), '"10.9.9.9,192.168.0.100"');
      assert.match(f.message, /^Service web: 192\.168\.0\.100 is in cidr-payments, another namespace's pool, which may reuse it\. Pick another address\.$/);
      assert.match(f.detail!, /^cidr-payments is the pool of namespace payments, and Service web is in namespace shop\. /);
      assert.match(f.detail!, /counts only the Services in payments as taken, so it can hand 192\.168\.0\.100 to a second Service there/);
      assert.strictEqual(covered(CM, f.related[0].span), '192.168.0.96/27');
    });
    it('not reported: its own namespace pool, a global pool, no namespace in the manifest', () => {
      const pools = configMap(['cidr-global: 10.0.0.0/24', 'cidr-shop: 192.168.0.96/27']);
      const annotations = { 'kube-vip.io/loadbalancerIPs': '192.168.0.100' };
      assert.deepStrictEqual(run({ [CM]: pools, [SVC]: service({ namespace: 'shop', annotations }) }).all(), []);
      assert.deepStrictEqual(run({ [CM]: pools, [SVC]: service({ namespace: 'shop', annotations: { 'kube-vip.io/loadbalancerIPs': '10.0.0.7' } }) }).all(), []);
      assert.deepStrictEqual(run({ [CM]: pools.replace('cidr-shop', 'cidr-payments'), [SVC]: service({ annotations }) }).all(), []);
    });
  });

  it('the rule can be turned off per file', () => {
    const results = lintFiles([
      { uri: CM, text: configMap(['range-global: 192.168.0.30-192.168.0.50']), settings: { rules: { [RULE]: 'off' } } },
      { uri: KV, text: kubeVip(cp) },
    ]);
    assert.deepStrictEqual(results.flatMap((r) => r.findings.filter((f) => f.rule === RULE)), []);
  });
});

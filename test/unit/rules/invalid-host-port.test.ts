import * as assert from 'assert';
import { rule } from '../../../server/src/core/rules/invalid-host-port';
import { checkRule, covered, daemonSet, fixed } from '../../helpers';
import type { EnvLine } from '../../helpers';

const img = (tag: string) => `ghcr.io/kube-vip/kube-vip:${tag}`;
const run = (tag: string, env: readonly (EnvLine | string)[]) => {
  const text = daemonSet(img(tag), env);
  return { text, fs: checkRule(rule, text) };
};
const prom = (tag: string, raw?: string) => run(tag, [{ name: 'prometheus_server', raw }]);
const kube = (tag: string, raw: string) => run(tag, [{ name: 'kubernetes_addr', raw }]);

describe('invalid-host-port', () => {
  describe('prometheus_server', () => {
    it('"2112" (no colon) on v1.2.3: warning (only the metrics are lost), fix ":2112"', () => {
      const { text, fs } = prom('v1.2.3', '"2112" # metrics');
      assert.strictEqual(fs[0].messageId, 'metricsNoColon');
      assert.strictEqual(fs[0].severity, 'warning');
      assert.strictEqual(covered(text, fs[0]), '"2112"');
      assert.strictEqual(fs[0].message, 'prometheus_server "2112" has no colon before the port: v1.2.3 runs without metrics. Use ":2112".');
      assert.strictEqual(
        fs[0].detail,
        'A listen address needs a colon before the port (":2112", "0.0.0.0:2112", "[::]:2112"). From v0.8.10 kube-vip logs the listen error and runs without metrics; the VIPs keep working.',
      );
      assert.strictEqual(fs[0].fixes[0].title, 'Set prometheus_server to ":2112"');
      assert.strictEqual(fs[0].fixes[0].preferred, true);
      assert.strictEqual(fixed(text, fs[0]), text.replace('"2112" # metrics', '":2112" # metrics'));
    });
    it('listen failures: fatal up to v0.8.9 (error), logged from v0.8.10 (warning)', () => {
      assert.match(prom('v0.8.9', "'2112'").fs[0].message, /: v0\.8\.9 crashes on the listen error\. Use ":2112"\.$/);
      assert.match(prom('v0.8.9', "'2112'").fs[0].detail!, /Up to v0\.8\.9 the listen error is fatal and the Pod crashes/);
      assert.strictEqual(prom('v0.8.9', "'2112'").fs[0].severity, 'error');
      assert.strictEqual(prom('v0.8.10', "'2112'").fs[0].severity, 'warning');
      assert.match(prom('v0.8.10', "'2112'").fs[0].message, /: v0\.8\.10 runs without metrics\./);
      assert.match(prom('v0.8.10', "'2112'").fs[0].detail!, /From v0\.8\.10 kube-vip logs the listen error and runs without metrics/);
      const { text, fs } = prom('v0.8.10', "'2112'");
      assert.strictEqual(fixed(text, fs[0]), text.replace("'2112'", "':2112'"));
    });
    it('an empty value does not disable metrics: warning pointing at the container arg', () => {
      for (const raw of ['""', '', undefined]) {
        const { text, fs } = prom('v1.2.3', raw);
        assert.strictEqual(fs.length, 1, String(raw));
        assert.strictEqual(fs[0].messageId, 'metricsEmpty');
        assert.strictEqual(fs[0].severity, 'warning');
        assert.strictEqual(fs[0].message, 'prometheus_server is empty: metrics stay on at ":2112". To turn them off, use the arg --prometheusHTTPServer=.');
        assert.match(fs[0].detail!, /kube-vip treats an empty value as unset, so metrics stay on at the default ":2112" \(kube-vip#630\)\. To turn them off, pass the container arg --prometheusHTTPServer= instead/);
        assert.deepStrictEqual(fs[0].fixes, []);
        assert.strictEqual(covered(text, fs[0]), raw === '""' ? '""' : 'prometheus_server');
      }
    });
    it('an empty value next to the --prometheusHTTPServer arg or a config file is fine', () => {
      for (const arg of ['"--prometheusHTTPServer="', '"--config-file=/etc/kube-vip/config.yaml"']) {
        const text = daemonSet(img('v1.2.3'), [{ name: 'prometheus_server', raw: '""' }]).replace('args: ["manager"]', `args: ["manager", ${arg}]`);
        assert.deepStrictEqual(checkRule(rule, text), [], arg);
      }
    });
    it('ports: 0 is a warning; 70000 and an empty port fail the listener', () => {
      const zero = prom('v1.2.3', '":0"').fs[0];
      assert.strictEqual(zero.messageId, 'metricsPortZero');
      assert.strictEqual(zero.severity, 'warning');
      assert.strictEqual(zero.message, 'prometheus_server ":0" listens on a random port that no scraper can know. Use ":2112" or another fixed port.');
      const big = prom('v0.8.9', '"[::]:70000"').fs[0];
      assert.strictEqual(big.messageId, 'metricsBadPort');
      assert.strictEqual(big.severity, 'error');
      assert.match(big.message, /port 70000, outside 1–65535: v0\.8\.9 crashes on the listen error\. Use a port from 1 to 65535\.$/);
      assert.match(big.detail!, /port 70000 is outside 1–65535/i);
      const missing = prom('v1.2.3', '"0.0.0.0:"').fs[0];
      assert.strictEqual(missing.message, 'prometheus_server "0.0.0.0:" has no port after the colon: v1.2.3 runs without metrics. Use a port from 1 to 65535.');
      assert.match(missing.detail!, /the port is missing after the colon/i);
    });
    it('a bad host fails the listener', () => {
      const host = prom('v1.2.3', '"my host:2112"').fs[0];
      assert.strictEqual(host.messageId, 'metricsBadHost');
      assert.strictEqual(host.message, 'prometheus_server "my host:2112" has an invalid host: v1.2.3 runs without metrics. Fix the host or use ":2112".');
      assert.match(host.detail!, /"my host" is not an IP address or host name \(":2112" listens on every address\)/);
      assert.strictEqual(prom('v0.8.9', '"fd00::1:2112"').fs[0].severity, 'error'); // IPv6 needs brackets
    });
    it('never parsed after a valid vip_routingtableid on v0.8.2–v0.8.4: no crash claim, no finding', () => {
      const env = [{ name: 'vip_routingtable', raw: '"true"' }, { name: 'vip_routingtableid', raw: '"200"' }, { name: 'prometheus_server', raw: '"2112"' }];
      assert.deepStrictEqual(run('v0.8.3', env).fs, []);
      assert.strictEqual(run('v0.8.5', env).fs[0].severity, 'error');
    });
    it('valid listen addresses are not flagged', () => {
      for (const raw of ['":2112"', '"0.0.0.0:2112"', '"[::]:2112"', '"localhost:9090"', '"10.0.0.5:2113"']) {
        assert.deepStrictEqual(prom('v1.2.3', raw).fs, [], raw);
      }
    });
  });

  describe('kubernetes_addr', () => {
    it('host:port and URLs are valid', () => {
      for (const raw of ['"https://127.0.0.1:6443"', '"127.0.0.1:6443"', '"[fd00::1]:6443"', '"kubernetes:6443"', '"https://api.example.com"']) {
        assert.deepStrictEqual(kube('v1.2.3', raw).fs, [], raw);
      }
    });
    it('a bare host: info, the client uses port 443', () => {
      const { fs } = kube('v1.2.3', '"10.0.0.1"');
      assert.strictEqual(fs[0].messageId, 'apiAddrNoPort');
      assert.strictEqual(fs[0].severity, 'info');
      assert.strictEqual(fs[0].message, 'kubernetes_addr "10.0.0.1" has no port, so the client uses 443. Use "10.0.0.1:6443" if the API server listens on 6443.');
      assert.match(fs[0].detail!, /uses https:\/\/10\.0\.0\.1:443, while the API server usually listens on 6443/);
    });
    it('found in review: malformed values are used only by a client built from admin.conf (or k8s_config_file from v1.2.2): warning', () => {
      for (const raw of ['"ftp://10.0.0.1"', '"https://"', '"10.0.0.1:99999"', '"10.0.0.1:api"', '"10.0.0.1 6443"']) {
        const { fs } = kube('v1.2.3', raw);
        assert.strictEqual(fs[0]?.messageId, 'apiAddrInvalid', raw);
        assert.strictEqual(fs[0].severity, 'warning', raw);
        assert.match(fs[0].message, /: v1\.2\.3 may not reach the API server\. Use /, raw);
        assert.match(fs[0].detail!, /When v1\.2\.3 builds its Kubernetes client from \/etc\/kubernetes\/admin\.conf \(a static Pod\) or k8s_config_file, the client cannot use it, so kube-vip cannot reach the API server/);
      }
      assert.match(kube('v1.2.1', '"10.0.0.1:99999"').fs[0].detail!, /builds its Kubernetes client from \/etc\/kubernetes\/admin\.conf \(a static Pod\), the client/);
      assert.strictEqual(kube('v1.2.3', '"https://"').fs[0].message, 'kubernetes_addr "https://" is not a valid http(s) URL: v1.2.3 may not reach the API server. Use "https://<host>:6443".');
    });
    it('images before v0.8.0 do not read it', () => {
      assert.deepStrictEqual(kube('v0.7.2', '"10.0.0.1:99999"').fs, []);
      assert.strictEqual(kube('v0.8.0', '"10.0.0.1:99999"').fs.length, 1);
    });
  });

  it('referenced and templated values are not flagged', () => {
    assert.deepStrictEqual(prom('v1.2.3', '"{{ .Values.metrics }}"').fs, []);
    const ref = daemonSet(img('v1.2.3'), ['        - name: prometheus_server\n          valueFrom:\n            configMapKeyRef: {name: kv, key: metrics}']);
    assert.deepStrictEqual(checkRule(rule, ref), []);
  });
});

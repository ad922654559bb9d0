import * as assert from 'assert';
import { rule } from '../../../server/src/core/rules/invalid-ip';
import { checkRule, covered, daemonSet, fixed } from '../../helpers';
import type { EnvLine } from '../../helpers';

const img = (tag: string) => `ghcr.io/kube-vip/kube-vip:${tag}`;
const run = (tag: string, name: string, raw: string, extra: readonly EnvLine[] = []) => {
  const text = daemonSet(img(tag), [...extra, { name, raw }]);
  return { text, fs: checkRule(rule, text) };
};

describe('invalid-ip', () => {
  describe('address / vip_address', () => {
    it('a CIDR suffix: error, start-up aborts, fix drops the suffix', () => {
      const { text, fs } = run('v1.2.3', 'address', '"192.168.0.40/24" # VIP');
      assert.strictEqual(fs[0].severity, 'error');
      assert.strictEqual(covered(text, fs[0]), '"192.168.0.40/24"');
      assert.strictEqual(
        fs[0].message,
        'address "192.168.0.40/24": kube-vip wants a bare address, never a CIDR: it cannot parse "192.168.0.40/24" as an IP and its DNS lookup fails. kube-vip v1.2.3 refuses to start and exits with code 0 (v0.8.10–v1.2.3), so the Pod looks Completed and restarts in a loop. Drop the prefix length; put it in vip_subnet if you need one.',
      );
      assert.strictEqual(fs[0].fixes[0].title, 'Set address to "192.168.0.40"');
      assert.strictEqual(fs[0].fixes[0].preferred, true);
      assert.strictEqual(fixed(text, fs[0]), text.replace('"192.168.0.40/24" # VIP', '"192.168.0.40" # VIP'));
    });
    it('the hint names vip_cidr before v0.9.0; dual-stack pairs lose both suffixes', () => {
      const { text, fs } = run('v0.8.10', 'vip_address', '10.0.0.5/24,fd00::5/64');
      assert.match(fs[0].message, /put it in vip_cidr if you need one/);
      assert.match(fs[0].message, /kube-vip v0\.8\.10 refuses to start and exits with code 0/);
      assert.strictEqual(fixed(text, fs[0]), text.replace('10.0.0.5/24,fd00::5/64', '10.0.0.5,fd00::5'));
      assert.match(run('v0.8.9', 'address', "'10.0.0.5/32'").fs[0].message, /kube-vip v0\.8\.9 refuses to start and exits with code 1\./);
    });
    it('octets above 255 are neither an IP nor a DNS name: error, no fix', () => {
      const { fs } = run('v1.2.3', 'address', '"321.1.1.1"');
      assert.strictEqual(fs[0].severity, 'error');
      assert.match(fs[0].message, /"321\.1\.1\.1" is neither an IP address nor a DNS name/);
      assert.deepStrictEqual(fs[0].fixes, []);
    });
    it('spaces after the comma: warning, fix removes them', () => {
      const { text, fs } = run('v1.2.3', 'address', '"10.0.0.5, fd00::5"');
      assert.strictEqual(fs[0].severity, 'warning');
      assert.strictEqual(fixed(text, fs[0]), text.replace('"10.0.0.5, fd00::5"', '"10.0.0.5,fd00::5"'));
    });
    it('valid forms are not flagged', () => {
      for (const raw of ['192.168.0.40', '"fd00::40"', '"10.0.0.5,fd00::5"', 'k8s.example.com']) {
        assert.deepStrictEqual(run('v1.2.3', 'address', raw).fs, [], raw);
      }
    });
  });

  describe('a DNS name in address without an explicit prefix (v0.8.3–v1.0.0)', () => {
    it('v1.0.0: error with the misleading message of kube-vip#1248 and the vip_subnet hint', () => {
      const { text, fs } = run('v1.0.0', 'address', 'k8s.example.com');
      assert.strictEqual(fs[0].severity, 'error');
      assert.strictEqual(covered(text, fs[0]), 'k8s.example.com');
      assert.match(fs[0].message, /^address "k8s\.example\.com": kube-vip v0\.8\.3–v1\.0\.0 derive the VIP's prefix from address and accept only IPs there, so a DNS name needs an explicit vip_subnet\. kube-vip v1\.0\.0 refuses to start: it logs "No interface is specified for kube-vip to bind to" and exits with code 0 \(v0\.8\.10–v1\.2\.3\), so the Pod looks Completed and restarts in a loop \(a misleading message, kube-vip#1248\)\. Set vip_subnet \(e\.g\. "32"\), or use v1\.0\.1 or later/);
      assert.deepStrictEqual(fs[0].fixes, []);
    });
    it('boundaries: v0.8.2 and v1.0.1 are fine, v0.8.3 names vip_cidr, v0.9.0 vip_subnet', () => {
      assert.deepStrictEqual(run('v0.8.2', 'address', 'k8s.example.com').fs, []);
      assert.deepStrictEqual(run('v1.0.1', 'address', 'k8s.example.com').fs, []);
      const old = run('v0.8.3', 'address', 'k8s.example.com').fs[0];
      assert.match(old.message, /needs an explicit vip_cidr\. kube-vip v0\.8\.3 refuses to start and exits with code 1\. Set vip_cidr/);
      assert.match(run('v0.9.0', 'address', 'k8s.example.com').fs[0].message, /it logs "No interface is specified for kube-vip to bind to"/);
    });
    it('an explicit prefix, or the name in vip_address, is fine', () => {
      assert.deepStrictEqual(run('v1.0.0', 'address', 'k8s.example.com', [{ name: 'vip_subnet', raw: '"32"' }]).fs, []);
      assert.deepStrictEqual(run('v0.8.9', 'address', 'k8s.example.com', [{ name: 'vip_cidr', raw: '"32"' }]).fs, []);
      assert.deepStrictEqual(run('v1.0.0', 'vip_address', 'k8s.example.com').fs, []);
      const flag = daemonSet(img('v1.0.0'), [{ name: 'address', raw: 'k8s.example.com' }]).replace('args: ["manager"]', 'args: ["manager", "--vipSubnet=32"]');
      assert.deepStrictEqual(checkRule(rule, flag), []);
    });
  });

  describe('bgp_routerid (IPv4)', () => {
    it('IPv6: warning up to v1.2.0, error from v1.2.1 (GoBGP v4)', () => {
      const before = run('v1.2.0', 'bgp_routerid', '"fd00::1"').fs[0];
      assert.strictEqual(before.severity, 'warning');
      assert.match(before.message, /from v1\.2\.1 \(GoBGP v4\) BGP fails with "router-id must be an IPv4 address"/);
      const after = run('v1.2.1', 'bgp_routerid', '"fd00::1"').fs[0];
      assert.strictEqual(after.severity, 'error');
      assert.match(after.message, /on v1\.2\.1 \(v1\.2\.1 and later, GoBGP v4\) BGP fails with "router-id must be an IPv4 address"/);
    });
    it('not an address: error; a wrapped IPv4 gets a fix', () => {
      assert.match(run('v1.2.3', 'bgp_routerid', '"node-1"').fs[0].message, /not an IPv4 address, so on v1\.2\.3 BGP cannot start \("invalid router-id format", kube-vip#163\)/);
      const { text, fs } = run('v1.2.3', 'bgp_routerid', '"10.0.0.1/32"');
      assert.strictEqual(fixed(text, fs[0]), text.replace('"10.0.0.1/32"', '"10.0.0.1"'));
      assert.deepStrictEqual(run('v1.2.3', 'bgp_routerid', '"10.0.0.1"').fs, []);
    });
  });

  describe('bare IPs (bgp_sourceip, bgp_peeraddress, mpbgp_ipv4/6)', () => {
    it('garbage is an error; brackets or a suffix are removed by the fix', () => {
      assert.match(run('v1.2.3', 'bgp_peeraddress', '"router.local:179"').fs[0].message, /not an IP address, so on v1\.2\.3 kube-vip cannot set up the BGP peers with it/);
      const { text, fs } = run('v1.2.3', 'mpbgp_ipv6', '"[fd00::1]"');
      assert.strictEqual(fixed(text, fs[0]), text.replace('"[fd00::1]"', '"fd00::1"'));
      assert.deepStrictEqual(run('v1.2.3', 'bgp_sourceip', '"fd00::1"').fs, []);
    });
    it('runtime-injected KUBERNETES_SERVICE_HOST is never checked', () => {
      assert.deepStrictEqual(run('v1.2.3', 'KUBERNETES_SERVICE_HOST', '"kubernetes"').fs, []);
    });
  });

  describe('egress CIDR lists', () => {
    it('valid lists are fine; a bad prefix is an error', () => {
      assert.deepStrictEqual(run('v1.2.3', 'egress_podcidr', '"10.244.0.0/16,fd00:10:244::/56"').fs, []);
      const { fs } = run('v1.2.3', 'egress_podcidr', '"10.244.0.0/33"');
      assert.strictEqual(fs[0].severity, 'error');
      assert.match(fs[0].message, /"10\.244\.0\.0\/33" is not a CIDR/);
    });
    it('a bare address is a warning; spaces are an error with a fix', () => {
      assert.strictEqual(run('v1.2.3', 'egress_servicecidr', '"10.96.0.1"').fs[0].severity, 'warning');
      const { text, fs } = run('v1.2.3', 'egress_servicecidr', '"10.96.0.0/12, fd00::/108"');
      assert.match(fs[0].message, /" fd00::\/108" is not a CIDR in its egress rules/);
      assert.strictEqual(fixed(text, fs[0]), text.replace('"10.96.0.0/12, fd00::/108"', '"10.96.0.0/12,fd00::/108"'));
    });
  });

  it('empty, referenced and templated values are not flagged', () => {
    assert.deepStrictEqual(run('v1.2.3', 'address', '""').fs, []);
    assert.deepStrictEqual(run('v1.2.3', 'address', '"{{ .Values.vip }}/24"').fs, []);
    const ref = daemonSet(img('v1.2.3'), ['        - name: bgp_routerid\n          valueFrom:\n            fieldRef: {fieldPath: status.podIP}']);
    assert.deepStrictEqual(checkRule(rule, ref), []);
  });
});

import * as assert from 'assert';
import { rule } from '../../../server/src/core/rules/invalid-enum';
import { checkRule, covered, daemonSet, fixed } from '../../helpers';
import type { EnvLine } from '../../helpers';

const img = (tag: string) => `ghcr.io/kube-vip/kube-vip:${tag}`;
const run = (tag: string, name: string, raw: string, extra: readonly EnvLine[] = []) => {
  const text = daemonSet(img(tag), [...extra, { name, raw }]);
  return { text, fs: checkRule(rule, text) };
};
const dnsAddress: EnvLine = { name: 'address', raw: 'k8s.example.com' };
const ipAddress: EnvLine = { name: 'address', raw: '192.168.0.40' };

describe('invalid-enum', () => {
  describe('dns_mode', () => {
    it('"IPv4" on v1.2.3 with a DNS address: error, resolution fails (kube-vip#1680), fix "ipv4"', () => {
      const { text, fs } = run('v1.2.3', 'dns_mode', '"IPv4"', [dnsAddress]);
      assert.strictEqual(fs[0].severity, 'error');
      assert.strictEqual(covered(text, fs[0]), '"IPv4"');
      assert.strictEqual(
        fs[0].message,
        'dns_mode "IPv4": on v1.2.3 kube-vip lower-cases the mode but not the address-family filter, so resolving a DNS name fails with "no addresses found" (kube-vip#1680). Use "ipv4".',
      );
      assert.strictEqual(fs[0].fixes[0].title, 'Set dns_mode to "ipv4"');
      assert.strictEqual(fs[0].fixes[0].preferred, true);
      assert.strictEqual(fixed(text, fs[0]), text.replace('"IPv4"', '"ipv4"'));
    });
    it('v1.2.3 with a literal IP address: latent, warning', () => {
      const { fs } = run('v1.2.3', 'dns_mode', "'Dual'", [ipAddress]);
      assert.strictEqual(fs[0].severity, 'warning');
      assert.match(fs[0].message, /as soon as address is a DNS name\. Use "dual"\.$/);
    });
    it('v1.2.2 and earlier: silently like "first", warning that names the v1.2.3 failure', () => {
      const { text, fs } = run('v1.2.2', 'dns_mode', 'IPv6', [dnsAddress]);
      assert.strictEqual(fs[0].severity, 'warning');
      assert.match(fs[0].message, /^dns_mode "IPv6": kube-vip compares it case-sensitively, so on v1\.2\.2 it silently behaves like "first" .*; from v1\.2\.3 this spelling makes DNS resolution fail/);
      assert.strictEqual(fixed(text, fs[0]), text.replace('value: IPv6', 'value: ipv6'));
    });
    it('unknown values behave like "first" on every version: warning, no fix', () => {
      const { fs } = run('v1.2.3', 'dns_mode', '"ipv5"', [dnsAddress]);
      assert.strictEqual(fs[0].severity, 'warning');
      assert.match(fs[0].message, /Use one of "first", "ipv4", "ipv6", "dual"\.$/);
      assert.deepStrictEqual(fs[0].fixes, []);
      assert.strictEqual(run('v1.2.3', 'dns_mode', '"FIRST"', [dnsAddress]).fs[0].severity, 'warning');
    });
    it('exact values, and images before v0.7.0 (not read) are not flagged', () => {
      for (const v of ['first', 'ipv4', 'ipv6', 'dual']) assert.deepStrictEqual(run('v1.2.3', 'dns_mode', `"${v}"`, [dnsAddress]).fs, [], v);
      assert.deepStrictEqual(run('v0.6.4', 'dns_mode', '"IPv4"').fs, []);
      assert.strictEqual(run('v0.7.0', 'dns_mode', '"IPv4"').fs.length, 1);
    });
  });

  describe('dhcp_mode (compared case-insensitively)', () => {
    it('wrong case is fine; an unknown value is a warning', () => {
      assert.deepStrictEqual(run('v1.2.3', 'dhcp_mode', '"IPv4"').fs, []);
      const { fs } = run('v1.0.3', 'dhcp_mode', '"v4"');
      assert.strictEqual(fs[0].severity, 'warning');
      assert.match(fs[0].message, /requests no lease at all\. Use one of "ipv4", "ipv6", "dual"\.$/);
      assert.deepStrictEqual(run('v1.0.2', 'dhcp_mode', '"v4"').fs, []);
    });
  });

  describe('lb_fwdmethod (lower-cased by kube-vip; unknown falls back to local)', () => {
    it('"Masquerade": warning, the exact-string checks miss it', () => {
      const { text, fs } = run('v1.2.3', 'lb_fwdmethod', '"Masquerade"');
      assert.strictEqual(fs[0].severity, 'warning');
      assert.match(fs[0].message, /check the exact string "masquerade"/);
      assert.strictEqual(fixed(text, fs[0]), text.replace('"Masquerade"', '"masquerade"'));
    });
    it('"Local": info', () => {
      assert.strictEqual(run('v1.2.3', 'lb_fwdmethod', '"Local"').fs[0].severity, 'info');
    });
    it('unknown: warning, falls back to local', () => {
      const { fs } = run('v0.5.0', 'lb_fwdmethod', '"nat"');
      assert.strictEqual(fs[0].severity, 'warning');
      assert.match(fs[0].message, /"unknown forwarding method\. Defaulting to Local" and uses "local"/);
    });
  });

  describe('mpbgp_nexthop (read from v0.8.10)', () => {
    it('"Fixed": error, the BGP peers cannot be added; fix "fixed"', () => {
      const { text, fs } = run('v0.8.10', 'mpbgp_nexthop', "'Fixed'");
      assert.strictEqual(fs[0].severity, 'error');
      assert.match(fs[0].message, /kube-vip cannot add the BGP peers: "option Fixed for MP-BPG nexthop is not supported"/);
      assert.strictEqual(fixed(text, fs[0]), text.replace("'Fixed'", "'fixed'"));
      assert.deepStrictEqual(run('v0.8.9', 'mpbgp_nexthop', "'Fixed'").fs, []);
    });
  });

  describe('iptables_backend', () => {
    it('"nftables": warning, no fix; "NFT": fix "nft"', () => {
      assert.deepStrictEqual(run('v1.2.3', 'iptables_backend', '"nftables"').fs[0].fixes, []);
      const { text, fs } = run('v1.2.3', 'iptables_backend', '"NFT"');
      assert.strictEqual(fs[0].severity, 'warning');
      assert.strictEqual(fixed(text, fs[0]), text.replace('"NFT"', '"nft"'));
    });
  });

  it('empty, referenced and templated values are not flagged', () => {
    assert.deepStrictEqual(run('v1.2.3', 'dns_mode', '""').fs, []);
    assert.deepStrictEqual(run('v1.2.3', 'dns_mode', '"{{ .Values.dnsMode }}"').fs, []);
    const ref = daemonSet(img('v1.2.3'), ['        - name: lb_fwdmethod\n          valueFrom:\n            configMapKeyRef: {name: kv, key: fwd}']);
    assert.deepStrictEqual(checkRule(rule, ref), []);
  });
});

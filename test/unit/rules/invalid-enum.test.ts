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
const arp: EnvLine = { name: 'vip_arp', raw: '"true"' };
const cp: EnvLine = { name: 'cp_enable', raw: '"true"' };

describe('invalid-enum', () => {
  describe('dns_mode', () => {
    it('"IPv4" on v1.2.3 with a DNS address and no prefix list: error, start-up refused (kube-vip#1680), fix "ipv4"', () => {
      const { text, fs } = run('v1.2.3', 'dns_mode', '"IPv4"', [dnsAddress]);
      assert.strictEqual(fs.length, 1);
      assert.strictEqual(fs[0].messageId, 'dnsModeCaseAborts');
      assert.strictEqual(fs[0].severity, 'error');
      assert.strictEqual(covered(text, fs[0]), '"IPv4"');
      assert.strictEqual(fs[0].message, 'dns_mode "IPv4" makes the DNS lookup of address fail: v1.2.3 refuses to start (exit 0, restart loop). Use "ipv4".');
      assert.strictEqual(
        fs[0].detail,
        'On v1.2.3 kube-vip lower-cases the mode for its switch but not for the address-family filter (kube-vip#1680), so resolving a DNS name fails with "no addresses found": ' +
          'address "k8s.example.com" is a DNS name and no prefix list is set, so kube-vip cannot generate one from it, and kube-vip v1.2.3 refuses to start: it logs "No interface is specified for kube-vip to bind to" and exits with code 0 (v0.8.10–v1.2.3), so the Pod looks Completed and restarts in a loop.',
      );
      assert.strictEqual(fs[0].fixes[0].title, 'Set dns_mode to "ipv4"');
      assert.strictEqual(fs[0].fixes[0].preferred, true);
      assert.strictEqual(fixed(text, fs[0]), text.replace('"IPv4"', '"ipv4"'));
      assert.deepStrictEqual(checkRule(rule, fixed(text, fs[0])), []);
    });
    it('v1.2.3, DNS-named control-plane address with vip_subnet set: error, the control-plane VIP cannot be set up', () => {
      const { fs } = run('v1.2.3', 'dns_mode', '"Dual"', [arp, cp, dnsAddress, { name: 'vip_subnet', raw: '"32,128"' }]);
      assert.strictEqual(fs[0].messageId, 'dnsModeCaseControlPlane');
      assert.strictEqual(fs[0].severity, 'error');
      assert.strictEqual(fs[0].message, 'dns_mode "Dual" makes the DNS lookup of address fail: v1.2.3 refuses to start (exit 0, restart loop). Use "dual".');
      assert.match(fs[0].detail!, /address "k8s\.example\.com" is a DNS name, so the control-plane VIP cannot be set up, and kube-vip v1\.2\.3 refuses to start and exits with code 0/);
    });
    it('v1.2.3, DNS-named vip_address (never used to generate the prefix list) with cp_enable: control-plane error', () => {
      const { fs } = run('v1.2.3', 'dns_mode', '"IPv6"', [arp, cp, { name: 'vip_address', raw: 'k8s.example.com' }, { name: 'vip_subnet', raw: '"128"' }]);
      assert.strictEqual(fs[0].messageId, 'dnsModeCaseControlPlane');
      assert.match(fs[0].message, /^dns_mode "IPv6" makes the DNS lookup of vip_address fail: v1\.2\.3 refuses to start/);
      assert.match(fs[0].detail!, /vip_address "k8s\.example\.com" is a DNS name/);
    });
    it('v1.2.3, DNS-named address in WireGuard mode with vip_subnet set: latent warning (WireGuard does not resolve it)', () => {
      const { fs } = run('v1.2.3', 'dns_mode', '"IPv4"', [{ name: 'vip_wireguard', raw: '"true"' }, cp, dnsAddress, { name: 'vip_subnet', raw: '"32"' }]);
      assert.strictEqual(fs[0].messageId, 'dnsModeCaseLatent');
      assert.strictEqual(fs[0].severity, 'warning');
      assert.strictEqual(fs[0].message, 'dns_mode "IPv4" makes v1.2.3 fail to resolve a DNS-named address, if one is used. Use "ipv4".');
      assert.match(fs[0].detail!, /address "k8s\.example\.com" is a DNS name: kube-vip resolves it for the control-plane VIP \(cp_enable\) and, when no prefix list is set, at start-up; either fails\./);
    });
    it('v1.2.3 with a literal IP address: latent, warning', () => {
      const { fs } = run('v1.2.3', 'dns_mode', "'Dual'", [ipAddress]);
      assert.strictEqual(fs[0].messageId, 'dnsModeCaseLatent');
      assert.strictEqual(fs[0].severity, 'warning');
      assert.match(fs[0].message, /if one is used\. Use "dual"\.$/);
      assert.match(fs[0].detail!, /Here address is not a DNS name, and Services follow their spec\.ipFamilies, so nothing is resolved with it yet\. It fails as soon as address is a DNS name\.$/);
    });
    it('audit M2: v1.2.3 Services-only container without address: a latent warning, not an error', () => {
      const { text, fs } = run('v1.2.3', 'dns_mode', '"IPv4"', [arp, { name: 'svc_enable', raw: '"true"' }]);
      assert.strictEqual(fs.length, 1);
      assert.strictEqual(fs[0].rule, 'invalid-enum');
      assert.strictEqual(fs[0].messageId, 'dnsModeCaseLatent');
      assert.strictEqual(fs[0].severity, 'warning');
      assert.strictEqual(covered(text, fs[0]), '"IPv4"');
      assert.match(fs[0].detail!, /Here neither address nor vip_address is set, and Services follow their spec\.ipFamilies, so nothing is resolved with it yet\./);
      assert.doesNotMatch(fs[0].message, /refuses to start/);
      assert.doesNotMatch(fs[0].detail!, /refuses to start/);
      assert.strictEqual(fs[0].fixes[0].title, 'Set dns_mode to "ipv4"');
      assert.strictEqual(fixed(text, fs[0]), text.replace('"IPv4"', '"ipv4"'));
    });
    it('audit M2: an address that is not written literally keeps it a warning', () => {
      const ref = { name: 'address', raw: '"{{ .Values.vip }}"' };
      const { fs } = run('v1.2.3', 'dns_mode', '"IPv4"', [arp, cp, ref]);
      assert.strictEqual(fs[0].messageId, 'dnsModeCaseLatent');
      assert.strictEqual(fs[0].severity, 'warning');
      assert.match(fs[0].detail!, /not written literally here/);
    });
    it('v1.2.2 and earlier: silently like "first", warning that names the v1.2.3 failure', () => {
      const { text, fs } = run('v1.2.2', 'dns_mode', 'IPv6', [dnsAddress]);
      assert.strictEqual(fs[0].messageId, 'dnsModeLikeFirst');
      assert.strictEqual(fs[0].severity, 'warning');
      assert.strictEqual(fs[0].message, 'dns_mode "IPv6" is treated as "first" by v1.2.2: a DNS name resolves to its first address only. Use "ipv6".');
      assert.match(fs[0].detail!, /^kube-vip compares it case-sensitively, so on v1\.2\.2 it resolves this as "first": a DNS-named address gets its first address only\. From v1\.2\.3 this spelling makes the lookup fail/);
      assert.strictEqual(fixed(text, fs[0]), text.replace('value: IPv6', 'value: ipv6'));
    });
    it('audit M2: v1.0.3–v1.2.2 without a DNS-named address: info, it changes nothing (Services use spec.ipFamilies)', () => {
      const { fs } = run('v1.2.2', 'dns_mode', '"IPv4"', [arp, { name: 'svc_enable', raw: '"true"' }]);
      assert.strictEqual(fs[0].severity, 'info');
      assert.strictEqual(fs[0].message, 'dns_mode "IPv4" is treated as "first" by v1.2.2, which changes nothing here. Use "ipv4".');
      assert.match(fs[0].detail!, /Here neither address nor vip_address is set, and Services follow their spec\.ipFamilies, so it changes nothing\./);
      // Up to v1.0.2 DNS-named Service VIPs were resolved with the env dns_mode: still a warning there.
      assert.strictEqual(run('v1.0.2', 'dns_mode', '"IPv4"', [arp, { name: 'svc_enable', raw: '"true"' }]).fs[0].severity, 'warning');
    });
    it('unknown values behave like "first" on every version: warning, no fix', () => {
      const { fs } = run('v1.2.3', 'dns_mode', '"ipv5"', [dnsAddress]);
      assert.strictEqual(fs[0].messageId, 'dnsModeLikeFirst');
      assert.strictEqual(fs[0].severity, 'warning');
      assert.match(fs[0].message, /^dns_mode "ipv5" is treated as "first" by v1\.2\.3/);
      assert.match(fs[0].detail!, /^On v1\.2\.3 kube-vip resolves anything but ipv4, ipv6 and dual as "first"/);
      assert.match(fs[0].message, /Use one of "first", "ipv4", "ipv6", "dual"\.$/);
      assert.deepStrictEqual(fs[0].fixes, []);
    });
    it('found in review: "FIRST" does what "first" does: info; but an unset dhcp_mode copies it, a warning with vip_ddns', () => {
      const { fs } = run('v1.2.3', 'dns_mode', '"FIRST"', [dnsAddress]);
      assert.strictEqual(fs[0].severity, 'info');
      assert.strictEqual(fs[0].fixes[0].title, 'Set dns_mode to "first"');
      const ddns = run('v1.2.3', 'dns_mode', '"FIRST"', [dnsAddress, { name: 'vip_ddns', raw: '"true"' }]).fs[0];
      assert.strictEqual(ddns.severity, 'warning');
      assert.strictEqual(ddns.message, 'dns_mode "FIRST" is copied to the unset dhcp_mode, so v1.2.3 requests no DHCP lease for vip_ddns. Use "first".');
      assert.match(ddns.detail!, /dhcp_mode is unset, so it copies this value, which names no address family: a control-plane VIP assigned by DHCP \(vip_ddns\) requests no lease\./);
      const withDhcp = run('v1.2.3', 'dns_mode', '"FIRST"', [dnsAddress, { name: 'vip_ddns', raw: '"true"' }, { name: 'dhcp_mode', raw: '"ipv4"' }]).fs[0];
      assert.strictEqual(withDhcp.severity, 'info');
    });
    it('exact values, and images before v0.7.0 (not read) are not flagged', () => {
      for (const v of ['first', 'ipv4', 'ipv6', 'dual']) assert.deepStrictEqual(run('v1.2.3', 'dns_mode', `"${v}"`, [dnsAddress]).fs, [], v);
      assert.deepStrictEqual(run('v0.6.4', 'dns_mode', '"IPv4"').fs, []);
      assert.strictEqual(run('v0.7.0', 'dns_mode', '"IPv4"').fs.length, 1);
    });
    it('never parsed after a valid vip_routingtableid on v0.8.2–v0.8.4: no finding', () => {
      const table = [{ name: 'vip_routingtable', raw: '"true"' }, { name: 'vip_routingtableid', raw: '"200"' }];
      assert.deepStrictEqual(run('v0.8.3', 'dns_mode', '"IPv4"', [...table, dnsAddress]).fs, []);
      assert.strictEqual(run('v0.8.5', 'dns_mode', '"IPv4"', [...table, dnsAddress]).fs.length, 1);
    });
  });

  describe('dhcp_mode (compared case-insensitively)', () => {
    it('wrong case is fine; an unknown value is a warning about the DDNS control-plane VIP', () => {
      assert.deepStrictEqual(run('v1.2.3', 'dhcp_mode', '"IPv4"').fs, []);
      const { fs } = run('v1.0.3', 'dhcp_mode', '"v4"', [{ name: 'vip_ddns', raw: '"true"' }]);
      assert.strictEqual(fs[0].messageId, 'dhcpModeUnknown');
      assert.strictEqual(fs[0].severity, 'warning');
      assert.strictEqual(fs[0].message, 'dhcp_mode "v4" is no address family: v1.0.3 gets no DHCP lease for a vip_ddns VIP. Use one of "ipv4", "ipv6", "dual".');
      assert.match(fs[0].detail!, /a control-plane VIP that gets its address by DHCP \(vip_ddns\) requests no lease at all; Services use their spec\.ipFamilies instead\.$/);
      assert.deepStrictEqual(run('v1.0.2', 'dhcp_mode', '"v4"').fs, []);
    });
    it('found in review: without vip_ddns it changes nothing: info', () => {
      const { fs } = run('v1.2.3', 'dhcp_mode', '"v4"');
      assert.strictEqual(fs[0].severity, 'info');
      assert.match(fs[0].message, /\(no effect on v1\.2\.3 while vip_ddns is off\)\. Use one of "ipv4", "ipv6", "dual"\.$/);
      assert.match(fs[0].detail!, /vip_ddns is off here, so it changes nothing yet\./);
    });
  });

  describe('lb_fwdmethod (lower-cased by kube-vip; unknown falls back to local)', () => {
    const lb: EnvLine = { name: 'lb_enable', raw: '"true"' };
    it('"Masquerade" from v0.8.0: warning, the exact-string checks miss it', () => {
      const { text, fs } = run('v1.2.3', 'lb_fwdmethod', '"Masquerade"', [lb]);
      assert.strictEqual(fs[0].messageId, 'fwdMethodCaseExact');
      assert.strictEqual(fs[0].severity, 'warning');
      assert.strictEqual(fs[0].message, 'lb_fwdmethod "Masquerade" is lower-cased by IPVS, not by the masquerade iptables rules of v1.2.3. Use "masquerade".');
      assert.match(fs[0].detail!, /on v1\.2\.3 the IPv4 masquerade iptables rules and the manifest generator's privileged setting check the exact string "masquerade"/);
      assert.strictEqual(fixed(text, fs[0]), text.replace('"Masquerade"', '"masquerade"'));
    });
    it('found in review: "Masquerade" before v0.8.0 (no exact-string checks yet): info, it works', () => {
      const { fs } = run('v0.7.2', 'lb_fwdmethod', '"Masquerade"', [lb]);
      assert.strictEqual(fs[0].messageId, 'fwdMethodCase');
      assert.strictEqual(fs[0].severity, 'info');
      assert.doesNotMatch(fs[0].message, /exact string|iptables/);
      assert.doesNotMatch(fs[0].detail!, /exact string/);
      assert.match(fs[0].message, /works on v0\.7\.2.* Use "masquerade"\.$/);
    });
    it('"Local": info', () => {
      const { fs } = run('v1.2.3', 'lb_fwdmethod', '"Local"');
      assert.strictEqual(fs[0].messageId, 'fwdMethodCase');
      assert.strictEqual(fs[0].severity, 'info');
      assert.strictEqual(fs[0].message, 'lb_fwdmethod "Local" works on v1.2.3, which lower-cases it, but the documented spelling is lower case. Use "local".');
    });
    it('unknown: warning, falls back to local; info when lb_enable is off', () => {
      const { fs } = run('v0.5.0', 'lb_fwdmethod', '"nat"', [lb]);
      assert.strictEqual(fs[0].messageId, 'fwdMethodUnknown');
      assert.strictEqual(fs[0].severity, 'warning');
      assert.strictEqual(fs[0].message, 'lb_fwdmethod "nat" is unknown: v0.5.0 falls back to "local". Use local, masquerade, tunnel, directroute or bypass.');
      assert.match(fs[0].detail!, /the IPVS load balancer logs "unknown forwarding method\. Defaulting to Local" and uses "local"/);
      const off = run('v1.2.3', 'lb_fwdmethod', '"nat"').fs[0];
      assert.strictEqual(off.severity, 'info');
      assert.match(off.message, /\(lb_enable is off\)\./);
      assert.match(off.detail!, /lb_enable is off here, so nothing uses it yet\./);
      // The headline has no room for every method: the detail lists them.
      assert.match(off.detail!, /Use one of "local", "masquerade", "tunnel", "directroute", "bypass"\.$/);
    });
  });

  describe('mpbgp_nexthop (read from v0.8.10)', () => {
    const bgp: EnvLine = { name: 'bgp_enable', raw: '"true"' };
    it('"Fixed" in BGP mode: error, the BGP peers cannot be added; fix "fixed"', () => {
      const { text, fs } = run('v0.8.10', 'mpbgp_nexthop', "'Fixed'", [bgp]);
      assert.strictEqual(fs[0].messageId, 'mpbgpNexthopUnknown');
      assert.strictEqual(fs[0].severity, 'error');
      assert.strictEqual(fs[0].message, 'mpbgp_nexthop "Fixed" is not supported: v0.8.10 fails to add BGP peers without their own nexthop. Use "fixed".');
      assert.match(fs[0].detail!, /kube-vip cannot add a BGP peer that has no nexthop option of its own: "option Fixed for MP-BPG nexthop is not supported"/);
      assert.strictEqual(fixed(text, fs[0]), text.replace("'Fixed'", "'fixed'"));
      assert.deepStrictEqual(run('v0.8.9', 'mpbgp_nexthop', "'Fixed'", [bgp]).fs, []);
    });
    it('found in review: outside BGP mode nothing adds peers: info, not an error', () => {
      const { fs } = run('v1.2.3', 'mpbgp_nexthop', '"nexthop"', [{ name: 'vip_arp', raw: '"true"' }]);
      assert.strictEqual(fs[0].severity, 'info');
      assert.match(fs[0].message, /BGP mode does not run here/);
      assert.match(fs[0].detail!, /BGP mode does not run here, so it changes nothing yet\./);
    });
  });

  describe('iptables_backend', () => {
    it('audit M6: parsed but never used in any release, so no invalid-enum finding (no-effect-env-var reports it)', () => {
      assert.deepStrictEqual(run('v1.2.3', 'iptables_backend', '"nftables"').fs, []);
      assert.deepStrictEqual(run('v1.2.3', 'iptables_backend', '"NFT"').fs, []);
      assert.deepStrictEqual(run('v0.8.0', 'iptables_backend', '"iptables"').fs, []);
    });
  });

  it('empty, referenced and templated values are not flagged', () => {
    assert.deepStrictEqual(run('v1.2.3', 'dns_mode', '""').fs, []);
    assert.deepStrictEqual(run('v1.2.3', 'dns_mode', '"{{ .Values.dnsMode }}"').fs, []);
    const ref = daemonSet(img('v1.2.3'), ['        - name: lb_fwdmethod\n          valueFrom:\n            configMapKeyRef: {name: kv, key: fwd}']);
    assert.deepStrictEqual(checkRule(rule, ref), []);
  });
});

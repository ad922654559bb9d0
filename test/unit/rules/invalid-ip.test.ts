import * as assert from 'assert';
import { rule } from '../../../server/src/core/rules/invalid-ip';
import { checkRule, covered, daemonSet, fixed } from '../../helpers';
import type { EnvLine } from '../../helpers';

const img = (tag: string) => `ghcr.io/kube-vip/kube-vip:${tag}`;
const run = (tag: string, name: string, raw: string, extra: readonly EnvLine[] = []) => {
  const text = daemonSet(img(tag), [...extra, { name, raw }]);
  return { text, fs: checkRule(rule, text) };
};
const BGP: EnvLine[] = [{ name: 'bgp_enable', raw: '"true"' }];
/** In BGP mode, for the BGP-only variables. */
const runBgp = (tag: string, name: string, raw: string, extra: readonly EnvLine[] = []) => run(tag, name, raw, [...BGP, ...extra]);

describe('invalid-ip', () => {
  describe('address / vip_address', () => {
    it('a CIDR suffix: error, start-up aborts, fix drops the suffix', () => {
      const { text, fs } = run('v1.2.3', 'address', '"192.168.0.40/24" # VIP');
      assert.strictEqual(fs[0].severity, 'error');
      assert.strictEqual(covered(text, fs[0]), '"192.168.0.40/24"');
      assert.strictEqual(fs[0].message, 'address "192.168.0.40/24" has a prefix length: v1.2.3 refuses to start (exit 0, restart loop). Use "192.168.0.40".');
      assert.strictEqual(
        fs[0].detail,
        'kube-vip wants a bare address, never a CIDR: it cannot parse "192.168.0.40/24" as an IP and its DNS lookup fails. kube-vip v1.2.3 refuses to start and exits with code 0 (v0.8.10–v1.2.3), so the Pod looks Completed and restarts in a loop. Drop the prefix length; put it in vip_subnet if you need one.',
      );
      assert.strictEqual(fs[0].fixes[0].title, 'Set address to "192.168.0.40"');
      assert.strictEqual(fs[0].fixes[0].preferred, true);
      assert.strictEqual(fixed(text, fs[0]), text.replace('"192.168.0.40/24" # VIP', '"192.168.0.40" # VIP'));
    });
    it('the hint names vip_cidr before v0.9.0; dual-stack pairs lose both suffixes', () => {
      const { text, fs } = run('v0.8.10', 'vip_address', '10.0.0.5/24,fd00::5/64');
      assert.match(fs[0].message, /^vip_address "10\.0\.0\.5\/24,fd00::5\/64" has a prefix length: v0\.8\.10 refuses to start\b.* Use "10\.0\.0\.5,fd00::5"\.$/);
      assert.match(fs[0].detail!, /put it in vip_cidr if you need one/);
      assert.match(fs[0].detail!, /kube-vip v0\.8\.10 refuses to start and exits with code 0/);
      assert.strictEqual(fixed(text, fs[0]), text.replace('10.0.0.5/24,fd00::5/64', '10.0.0.5,fd00::5'));
      const [old] = run('v0.8.9', 'address', "'10.0.0.5/32'").fs;
      assert.match(old.message, /: v0\.8\.9 refuses to start\. Use "10\.0\.0\.5"\.$/);
      assert.match(old.detail!, /kube-vip v0\.8\.9 refuses to start and exits with code 1\./);
    });
    it('octets above 255 are neither an IP nor a DNS name: error, no fix', () => {
      const { fs } = run('v1.2.3', 'address', '"321.1.1.1"');
      assert.strictEqual(fs[0].severity, 'error');
      assert.strictEqual(fs[0].message, 'address "321.1.1.1" is not an IP address or DNS name: v1.2.3 refuses to start (exit 0, restart loop). Correct it.');
      assert.match(fs[0].detail!, /^"321\.1\.1\.1" is neither an IP address nor a DNS name, so kube-vip cannot resolve it\. kube-vip v1\.2\.3 refuses to start/);
      assert.deepStrictEqual(fs[0].fixes, []);
    });
    it('spaces after the comma: warning, fix removes them', () => {
      const { text, fs } = run('v1.2.3', 'address', '"10.0.0.5, fd00::5"');
      assert.strictEqual(fs[0].severity, 'warning');
      assert.strictEqual(fs[0].message, 'address "10.0.0.5, fd00::5" has spaces: kube-vip splits it on "," without trimming. Remove the spaces.');
      assert.match(fs[0].detail!, /must be an address exactly/);
      assert.strictEqual(fixed(text, fs[0]), text.replace('"10.0.0.5, fd00::5"', '"10.0.0.5,fd00::5"'));
    });
    it('valid forms are not flagged', () => {
      for (const raw of ['192.168.0.40', '"fd00::40"', '"10.0.0.5,fd00::5"', 'k8s.example.com']) {
        assert.deepStrictEqual(run('v1.2.3', 'address', raw).fs, [], raw);
      }
    });
  });

  describe('a DNS name in address without an explicit prefix (v0.8.3–v0.8.9)', () => {
    it('v0.8.9: error with GenerateCidrRange\'s log and the vip_cidr hint', () => {
      const { text, fs } = run('v0.8.9', 'address', 'k8s.example.com');
      assert.deepStrictEqual([fs[0].messageId, fs[0].severity], ['dnsNeedsPrefix', 'error']);
      assert.strictEqual(covered(text, fs[0]), 'k8s.example.com');
      assert.strictEqual(fs[0].message, 'address "k8s.example.com" is a DNS name without vip_cidr: v0.8.9 refuses to start. Set vip_cidr (e.g. "32").');
      assert.strictEqual(
        fs[0].detail,
        'kube-vip v0.8.3–v0.8.9 derive the VIP\'s prefix from address and accept only IPs there, so a DNS name needs an explicit vip_cidr. kube-vip v0.8.9 refuses to start: it logs "invalid IP address: k8s.example.com from [k8s.example.com]" and exits with code 1. Set vip_cidr, or use v0.8.10 or later, which resolves the name.',
      );
      assert.deepStrictEqual(fs[0].fixes, []);
    });
    it('boundaries: v0.8.2 and v0.8.10 (which resolves the name, v0.8.10:cmd/kube-vip.go:465-468) are fine, v0.8.3 is an error', () => {
      assert.deepStrictEqual(run('v0.8.2', 'address', 'k8s.example.com').fs, []);
      for (const tag of ['v0.8.10', 'v0.9.0', 'v1.0.0', 'v1.0.1']) assert.deepStrictEqual(run(tag, 'address', 'k8s.example.com').fs, [], tag);
      const old = run('v0.8.3', 'address', 'k8s.example.com').fs[0];
      assert.match(old.message, /without vip_cidr: v0\.8\.3 refuses to start\. Set vip_cidr/);
      assert.match(old.detail!, /needs an explicit vip_cidr\. kube-vip v0\.8\.3 refuses to start: it logs "invalid IP address: k8s\.example\.com from \[k8s\.example\.com\]" and exits with code 1\. Set vip_cidr/);
    });
    it('an explicit prefix, or the name in vip_address, is fine', () => {
      assert.deepStrictEqual(run('v0.8.9', 'address', 'k8s.example.com', [{ name: 'vip_cidr', raw: '"32"' }]).fs, []);
      assert.deepStrictEqual(run('v0.8.9', 'vip_address', 'k8s.example.com').fs, []);
      const flag = daemonSet(img('v0.8.9'), [{ name: 'address', raw: 'k8s.example.com' }]).replace('args: ["manager"]', 'args: ["manager", "--cidr=32"]');
      assert.deepStrictEqual(checkRule(rule, flag), []);
    });
  });

  describe('bgp_routerid (IPv4)', () => {
    it('IPv6: warning up to v1.2.0, error from v1.2.1 (GoBGP v4)', () => {
      const before = runBgp('v1.2.0', 'bgp_routerid', '"fd00::1"').fs[0];
      assert.strictEqual(before.severity, 'warning');
      assert.strictEqual(before.message, 'bgp_routerid "fd00::1" is IPv6: v1.2.0 accepts it, but BGP fails from v1.2.1 (GoBGP v4). Use the node\'s IPv4 address.');
      assert.match(before.detail!, /from v1\.2\.1 \(GoBGP v4\) BGP fails with "router-id must be an IPv4 address"/);
      const after = runBgp('v1.2.1', 'bgp_routerid', '"fd00::1"').fs[0];
      assert.strictEqual(after.severity, 'error');
      assert.strictEqual(after.message, 'bgp_routerid "fd00::1" is IPv6, but a router id is IPv4-style: BGP fails on v1.2.1. Use the node\'s IPv4 address.');
      assert.match(after.detail!, /on v1\.2\.1 \(v1\.2\.1 and later, GoBGP v4\) BGP fails with "router-id must be an IPv4 address"/);
    });
    it('not an address: error; a wrapped IPv4 gets a fix', () => {
      const [bad] = runBgp('v1.2.3', 'bgp_routerid', '"node-1"').fs;
      assert.strictEqual(bad.message, 'bgp_routerid "node-1" is not an IPv4 address: BGP cannot start on v1.2.3. Use the node\'s IPv4 address.');
      assert.match(bad.detail!, /On v1\.2\.3 BGP cannot start with it: GoBGP reports "invalid router-id format" \(kube-vip#163\)/);
      const { text, fs } = runBgp('v1.2.3', 'bgp_routerid', '"10.0.0.1/32"');
      assert.match(fs[0].message, /Use "10\.0\.0\.1"\.$/);
      assert.strictEqual(fixed(text, fs[0]), text.replace('"10.0.0.1/32"', '"10.0.0.1"'));
      assert.deepStrictEqual(runBgp('v1.2.3', 'bgp_routerid', '"10.0.0.1"').fs, []);
    });
  });

  describe('bare IPs (bgp_sourceip, bgp_peeraddress, mpbgp_ipv4/6)', () => {
    it('garbage is an error; brackets or a suffix are removed by the fix', () => {
      const [peer] = runBgp('v1.2.3', 'bgp_peeraddress', '"router.local:179"').fs;
      assert.strictEqual(peer.message, 'bgp_peeraddress "router.local:179" is not an IP address: v1.2.3 cannot set up BGP peers with it. Use an IP address.');
      assert.match(peer.detail!, /hands the text to GoBGP when it sets up the BGP peers/);
      const { text, fs } = runBgp('v1.2.3', 'mpbgp_ipv6', '"[fd00::1]"', [{ name: 'mpbgp_nexthop', raw: 'fixed' }]);
      assert.strictEqual(fixed(text, fs[0]), text.replace('"[fd00::1]"', '"fd00::1"'));
      assert.deepStrictEqual(runBgp('v1.2.3', 'bgp_sourceip', '"fd00::1"').fs, []);
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
      assert.match(fs[0].message, /^egress_podcidr "10\.244\.0\.0\/33" is not a CIDR: the egress rules of Services cannot be set up correctly\./);
      assert.match(fs[0].detail!, /"10\.244\.0\.0\/33" is not a CIDR; kube-vip builds the egress rules of Services from this list/);
    });
    it('a bare address is a warning; spaces are an error with a fix', () => {
      const [address] = run('v1.2.3', 'egress_servicecidr', '"10.96.0.1"').fs;
      assert.strictEqual(address.severity, 'warning');
      assert.strictEqual(address.message, 'egress_servicecidr "10.96.0.1" has no prefix length: egress rules cannot be set up correctly. Add one (e.g. "/16").');
      assert.match(address.detail!, /"10\.96\.0\.1" is an address, not a CIDR/);
      const { text, fs } = run('v1.2.3', 'egress_servicecidr', '"10.96.0.0/12, fd00::/108"');
      assert.match(fs[0].message, /has spaces: .* Remove the spaces\.$/);
      assert.match(fs[0].detail!, /" fd00::\/108" is not a CIDR in its egress rules/);
      assert.strictEqual(fixed(text, fs[0]), text.replace('"10.96.0.0/12, fd00::/108"', '"10.96.0.0/12,fd00::/108"'));
    });
  });

  it('empty, referenced and templated values are not flagged', () => {
    assert.deepStrictEqual(run('v1.2.3', 'address', '""').fs, []);
    assert.deepStrictEqual(run('v1.2.3', 'address', '"{{ .Values.vip }}/24"').fs, []);
    const ref = daemonSet(img('v1.2.3'), ['        - name: bgp_routerid\n          valueFrom:\n            fieldRef: {fieldPath: status.podIP}']);
    assert.deepStrictEqual(checkRule(rule, ref), []);
  });

  describe('audit L8: mpbgp_ipv4/mpbgp_ipv6 are used only with mpbgp_nexthop, and BGP variables only in BGP mode', () => {
    it('mpbgp_nexthop unset: the value is never read, no finding', () => {
      assert.deepStrictEqual(runBgp('v1.2.3', 'mpbgp_ipv4', '"not-an-ip"').fs, []);
      assert.deepStrictEqual(runBgp('v0.8.10', 'mpbgp_ipv6', '"[fd00::1]"').fs, []);
    });
    it('mpbgp_nexthop "fixed": error, the peer cannot be added, not a start-up parse error', () => {
      const { text, fs } = runBgp('v1.2.3', 'mpbgp_ipv4', '"10.0.0.5/32"', [{ name: 'mpbgp_nexthop', raw: 'fixed' }]);
      assert.deepStrictEqual([fs[0].messageId, fs[0].severity], ['mpbgpIp', 'error']);
      assert.strictEqual(covered(text, fs[0]), '"10.0.0.5/32"');
      assert.strictEqual(fs[0].message, 'mpbgp_ipv4 "10.0.0.5/32" is not an IP address: the BGP server of v1.2.3 does not start. Use "10.0.0.5".');
      assert.strictEqual(
        fs[0].detail,
        'With mpbgp_nexthop "fixed" it is the next hop for every peer whose next hop is "fixed" and that has no mpbgp_ipv4 option of its own; on v1.2.3 kube-vip refuses it when it adds such a peer ("provided address \'10.0.0.5/32\' is not a valid IPv4 address"), so the BGP server does not start.',
      );
      assert.doesNotMatch(`${fs[0].message} ${fs[0].detail}`, /refuses to start/);
      assert.strictEqual(fixed(text, fs[0]), text.replace('"10.0.0.5/32"', '"10.0.0.5"'));
    });
    it('mpbgp_nexthop auto_sourceif: warning, used only for peers whose own option says "fixed"', () => {
      const [f] = runBgp('v1.2.3', 'mpbgp_ipv6', '"gw"', [{ name: 'mpbgp_nexthop', raw: 'auto_sourceif' }]).fs;
      assert.deepStrictEqual([f.messageId, f.severity], ['mpbgpIp', 'warning']);
      assert.strictEqual(f.message, 'mpbgp_ipv6 "gw" is not an IP address: BGP on v1.2.3 fails if a peer\'s next hop is "fixed". Use a bare IPv6 address.');
      assert.match(f.detail!, /It is used only for every peer whose next hop is "fixed"/);
    });
    it('a container that is certainly not in BGP mode: no BGP claims', () => {
      const ARP: EnvLine[] = [{ name: 'vip_arp', raw: '"true"' }];
      for (const [name, raw] of [['bgp_routerid', '"node-1"'], ['bgp_peeraddress', '"router.local"'], ['bgp_sourceip', '"x"'], ['mpbgp_ipv4', '"x"']]) {
        assert.deepStrictEqual(run('v1.2.3', name, raw, [...ARP, { name: 'mpbgp_nexthop', raw: 'fixed' }]).fs, [], name);
      }
    });
    it('BGP mode not settled by the manifest (envFrom): a warning that says so', () => {
      const text = run('v1.2.3', 'bgp_routerid', '"node-1"').text.replace('        env:\n', '        envFrom:\n        - configMapRef: {name: kv}\n        env:\n');
      const [f] = checkRule(rule, text);
      assert.deepStrictEqual([f.messageId, f.severity], ['routerIdInvalid', 'warning']);
      assert.strictEqual(f.message, 'bgp_routerid "node-1" is not an IPv4 address: BGP cannot start on v1.2.3 (if in BGP mode). Use the node\'s IPv4 address.');
      assert.match(f.detail!, /This applies only if kube-vip runs in BGP mode, which this manifest does not settle\.$/);
    });
    it('bgp_routerid dropped after the table id on v0.8.3 is never read', () => {
      assert.deepStrictEqual(run('v0.8.3', 'bgp_routerid', '"node-1"', [{ name: 'vip_routingtable', raw: '"true"' }, { name: 'vip_routingtableid', raw: '"200"' }, ...BGP]).fs, []);
    });
  });
});

import * as assert from 'assert';
import { rule } from '../../../server/src/core/rules/bgp-peers-format';
import { checkRule, covered, daemonSet, fixed } from '../../helpers';

const img = (tag: string) => `ghcr.io/kube-vip/kube-vip:${tag}`;
/** A BGP DaemonSet with the given bgp_peers raw YAML value. */
const bgp = (tag: string, raw: string) =>
  daemonSet(img(tag), [
    { name: 'bgp_enable', raw: '"true"' },
    { name: 'bgp_routerinterface', raw: 'eth0' },
    { name: 'bgp_peers', raw },
  ]);
const check = (tag: string, raw: string) => {
  const text = bgp(tag, raw);
  return { text, fs: checkRule(rule, text) };
};
/** The same BGP DaemonSet with more env entries after bgp_peers. */
const checkWith = (tag: string, raw: string, extra: { name: string; raw: string }[]) => {
  const text = daemonSet(img(tag), [{ name: 'bgp_enable', raw: '"true"' }, { name: 'bgp_routerinterface', raw: 'eth0' }, { name: 'bgp_peers', raw }, ...extra]);
  return { text, fs: checkRule(rule, text) };
};
const NEXTHOP = [{ name: 'mpbgp_nexthop', raw: 'fixed' }, { name: 'mpbgp_ipv4', raw: '10.0.0.5' }];

describe('bgp-peers-format', () => {
  describe('v1.2.2+ no longer splits off the "/mpbgp_..." suffix', () => {
    const { text, fs } = check('v1.2.3', '"10.0.0.1:65000::false/mpbgp_nexthop=fixed"');
    const [f] = fs;
    it('is an error on the value naming the peer, the field and the abort', () => {
      assert.strictEqual(fs.length, 1);
      assert.strictEqual(f.severity, 'error');
      assert.strictEqual(covered(text, f), '"10.0.0.1:65000::false/mpbgp_nexthop=fixed"');
      assert.match(f.detail!, /^Peer 1 \("10\.0\.0\.1:65000::false\/mpbgp_nexthop=fixed"\), multihop: "false\/mpbgp_nexthop=fixed" is not a Go boolean/);
      assert.match(f.detail!, /v0\.8\.10–v1\.2\.1 syntax; from v1\.2\.2 it is no longer split off, so "false\/mpbgp_nexthop=fixed" is read as one field/);
      assert.match(f.detail!, /On v1\.2\.3 start-up aborts with exit code 0, so the Pod looks Completed and restarts in a loop\.$/);
      assert.strictEqual(f.message, 'bgp_peers peer 1: "/" is no longer split off: v1.2.3 refuses to start. Put MP-BGP options in field 6.');
    });
    it('offers the exact v1.2.2 field layout when the tag names the version', () => {
      assert.strictEqual(f.fixes.length, 1);
      assert.strictEqual(f.fixes[0].preferred, true);
      assert.strictEqual(fixed(text, f), text.replace('"10.0.0.1:65000::false/mpbgp_nexthop=fixed"', '"10.0.0.1:65000::false::mpbgp_nexthop=fixed"'));
      // The fixed value parses; the options are still unused without the global mpbgp_nexthop.
      assert.deepStrictEqual(checkRule(rule, fixed(text, f)).map((g) => g.messageId), ['mpbgpIgnored']);
    });
    it('keeps IPv6 brackets and several options', () => {
      const c = check('v1.2.2', "'[fd00::1]:65000:pw:true/mpbgp_nexthop=fixed;mpbgp_ipv4=10.0.0.5'");
      assert.strictEqual(fixed(c.text, c.fs[0]), c.text.replace("'[fd00::1]:65000:pw:true/mpbgp_nexthop=fixed;mpbgp_ipv4=10.0.0.5'", "'[fd00::1]:65000:pw:true::mpbgp_nexthop=fixed;mpbgp_ipv4=10.0.0.5'"));
    });
    it('no fix when the version is only assumed (no tag)', () => {
      const { fs: untagged } = check('latest', '"10.0.0.1:65000::false/mpbgp_nexthop=fixed"');
      assert.match(untagged[0].detail!, /On v1\.2\.3 \(assumed: the image tag names no version; set kubeVipLint\.kubeVipVersion\)/);
      assert.match(untagged[0].message, /: v1\.2\.3 \(assumed\) refuses to start\. Put MP-BGP options in field 6\.$/);
      assert.deepStrictEqual(untagged[0].fixes, []);
    });
    it('no fix when an option value holds ":" (an IPv6 next hop would split)', () => {
      const { fs: v6 } = check('v1.2.3', '"10.0.0.1:65000::false/mpbgp_nexthop=fixed;mpbgp_ipv6=fd00::1"');
      assert.strictEqual(v6[0].severity, 'error');
      assert.deepStrictEqual(v6[0].fixes, []);
    });
    it('before v0.8.10 the suffix is not split off either', () => {
      const [f] = check('v0.8.9', '"10.0.0.1:65000::false/mpbgp_nexthop=fixed"').fs;
      assert.strictEqual(f.severity, 'error');
      assert.match(f.detail!, /multihop: "false\/mpbgp_nexthop=fixed" is not a Go boolean .* understood from v0\.8\.10 \(until v1\.2\.1\)/);
      assert.match(f.message, /"\/" is not split off yet: v0\.8\.9 refuses to start\. Drop the "\/" suffix \(v0\.8\.10\+\)\.$/);
      assert.deepStrictEqual(f.fixes, []);
    });
    it('the same value is fine on v0.8.10–v1.2.1', () => {
      for (const tag of ['v0.8.10', 'v1.1.0', 'v1.2.1']) assert.deepStrictEqual(checkWith(tag, '"10.0.0.1:65000::false/mpbgp_nexthop=fixed"', NEXTHOP).fs, [], tag);
    });
  });

  describe('"/key" without "=value"', () => {
    it('audit L6: panics on v0.8.10 to v1.2.0-rc.0 (the "=" check arrived in v1.2.0)', () => {
      for (const tag of ['v0.8.10', 'v1.1.1', 'v1.2.0-rc.0']) {
        const [f] = check(tag, '"10.0.0.1:65000::false/mpbgp_nexthop"').fs;
        assert.strictEqual(f.messageId, 'mpbgpNoValue');
        assert.strictEqual(f.severity, 'error');
        assert.match(f.detail!, /MP-BGP options: "mpbgp_nexthop" has no "=value" \(v0\.8\.10 to v1\.2\.0-rc\.0: index out of range, fixed by PR #1551 in v1\.2\.0\)/);
        assert.match(f.detail!, /kube-vip panics at start-up/);
        assert.strictEqual(f.message, `bgp_peers peer 1: MP-BGP option "mpbgp_nexthop" has no "=value": ${tag} panics at start-up. Write it as key=value.`);
      }
    });
    it('aborts from v1.2.0', () => {
      const [f] = check('v1.2.0', '"10.0.0.1:65000::false/mpbgp_nexthop"').fs;
      assert.match(f.detail!, /On v1\.2\.0 start-up aborts/);
      assert.doesNotMatch(f.detail!, /panics/);
      assert.match(f.message, /has no "=value": v1\.2\.0 refuses to start/);
      assert.doesNotMatch(f.message, /panics/);
    });
    it('an unsupported key aborts and hints at "/" in passwords', () => {
      const [f] = check('v1.1.0', '"10.0.0.1:65000:ab/cd:false"').fs;
      assert.match(f.detail!, /"cd:false" is not a supported option .* passwords cannot contain "\/" on v0\.8\.10–v1\.2\.1/);
      assert.match(f.message, /^bgp_peers peer 1: "cd:false" is not an MP-BGP option: v1\.1\.0 refuses to start.* Remove "\/" from the password\.$/);
    });
  });

  describe('empty multihop field', () => {
    it('aborts before v1.2.0, with a fix writing "false"', () => {
      const { text, fs } = check('v1.1.1', '"10.0.0.1:65000::"');
      const [f] = fs;
      assert.strictEqual(f.severity, 'error');
      assert.match(f.detail!, /Peer 1 \("10\.0\.0\.1:65000::"\), multihop: The multihop field is empty/);
      assert.strictEqual(f.message, 'bgp_peers peer 1: the multihop field is empty: v1.1.1 refuses to start (exit 0, restart loop). Write "false".');
      assert.strictEqual(f.fixes[0].title, 'Write "false" in the empty multihop field');
      assert.strictEqual(fixed(text, f), text.replace('"10.0.0.1:65000::"', '"10.0.0.1:65000::false"'));
    });
    it('only the broken peer changes, in a plain scalar', () => {
      const { text, fs } = check('v0.8.9', '10.0.0.1:65000::false,[fd00::1]:65000::,10.0.0.3:65000');
      assert.strictEqual(fs.length, 1);
      assert.match(fs[0].detail!, /Peer 2 \("\[fd00::1\]:65000::"\)/);
      assert.match(fs[0].message, /^bgp_peers peer 2: the multihop field is empty: v0\.8\.9 refuses to start\. Write "false"\.$/);
      assert.strictEqual(fixed(text, fs[0]), text.replace('value: 10.0.0.1:65000::false,[fd00::1]:65000::,', 'value: 10.0.0.1:65000::false,[fd00::1]:65000::false,'));
    });
    it('is accepted from v1.2.0', () => {
      assert.deepStrictEqual(check('v1.2.0', '"10.0.0.1:65000::"').fs, []);
    });
    it('audit L6: still aborts on v1.2.0-rc.0 (the tolerance arrived in v1.2.0)', () => {
      const { text, fs } = check('v1.2.0-rc.0', '"10.0.0.1:65000::"');
      assert.deepStrictEqual(fs.map((f) => [f.messageId, f.severity]), [['emptyMultihop', 'error']]);
      assert.strictEqual(fixed(text, fs[0]), text.replace('"10.0.0.1:65000::"', '"10.0.0.1:65000::false"'));
    });
  });

  describe('empty port field', () => {
    it('aborts on v0.8.10–v1.2.1, fix writes 179', () => {
      const { text, fs } = check('v1.2.1', '"10.0.0.1:65000::false:"');
      assert.match(fs[0].detail!, /port: The port field is empty; before v1\.2\.2/);
      assert.strictEqual(fs[0].message, 'bgp_peers peer 1: the port is empty: v1.2.1 refuses to start (exit 0, restart loop). Write "179" or drop the last ":".');
      assert.strictEqual(fixed(text, fs[0]), text.replace('"10.0.0.1:65000::false:"', '"10.0.0.1:65000::false:179"'));
    });
    it('means 179 from v1.2.2', () => {
      assert.deepStrictEqual(check('v1.2.2', '"10.0.0.1:65000::false:"').fs, []);
    });
    it('corpus 004 (kube-vip\'s own BGP test DS) is valid v1.2.2+ syntax, and aborts on v1.2.1', () => {
      const raw = '"192.168.0.10:65001::false:::true;300000;300000;3"';
      assert.deepStrictEqual(check('latest', raw).fs, []);
      assert.deepStrictEqual(check('v1.2.2', raw).fs, []);
      const [f] = check('v1.2.1', raw).fs;
      assert.match(f.detail!, /port: The port field is empty/);
    });
  });

  describe('separators', () => {
    it('k3s-ansible "addr,asn:addr,asn": swapped separators, one fix', () => {
      const { text, fs } = check('v1.2.3', '"192.168.1.1,65000:192.168.1.2,65001"');
      assert.strictEqual(fs.length, 1);
      assert.strictEqual(fs[0].severity, 'error');
      assert.match(fs[0].detail!, /kube-vip splits peers on "," and fields on ":", so peer 1 is "192\.168\.1\.1" with no AS number/);
      assert.match(fs[0].message, /^bgp_peers "192\.168\.1\.1…,65001" swaps "," and ":": v1\.2\.3 refuses to start.*\. Use "192\.168\.1\.1:65…1\.2:65001"\.$/);
      assert.strictEqual(fixed(text, fs[0]), text.replace('"192.168.1.1,65000:192.168.1.2,65001"', '"192.168.1.1:65000,192.168.1.2:65001"'));
    });
    it('on v0.5.0–v0.5.7 the fix writes all four fields', () => {
      const { text, fs } = check('v0.5.7', '"192.168.1.1,65000"');
      assert.strictEqual(fixed(text, fs[0]), text.replace('"192.168.1.1,65000"', '"192.168.1.1:65000::false"'));
      assert.strictEqual(fs[0].message, 'bgp_peers "192.168.1.1,65000" swaps "," and ":": v0.5.7 refuses to start. Use "192.168.1.1:65000::false".');
    });
    it('an AS number on its own', () => {
      const [f] = check('v1.2.3', '"192.168.1.1:65000,65001"').fs;
      assert.match(f.detail!, /Peer 2 \("65001"\), entry: .*looks like an AS number on its own/);
      assert.match(f.message, /^bgp_peers peer 2: "65001" is only an AS: .* Write it as address:AS\.$/);
      assert.deepStrictEqual(f.fixes, []);
    });
    it('an address without AS', () => {
      const [f] = check('v1.2.3', '"192.168.1.1:65000,192.168.1.2"').fs;
      assert.match(f.detail!, /Peer 2 .* It has no AS number; write "192\.168\.1\.2:<AS>"/);
      assert.match(f.message, /^bgp_peers peer 2: "192\.168\.1\.2" has no AS: .* Add ":<AS>"\.$/);
    });
    it('spaces after commas: the address holds a space; fix removes it', () => {
      const { text, fs } = check('v1.2.3', '"10.0.0.1:65000, 10.0.0.2:65000"');
      assert.strictEqual(fs.length, 1);
      assert.match(fs[0].detail!, /Peer 2 \(" 10\.0\.0\.2:65000"\), address: " 10\.0\.0\.2" holds spaces, so it is not an IP address\. kube-vip does not trim spaces\./);
      assert.match(fs[0].detail!, /kube-vip cannot add this peer, so the BGP server does not start/);
      assert.strictEqual(fs[0].message, 'bgp_peers peer 2: address " 10.0.0.2" holds spaces: v1.2.3 does not start BGP. Remove the spaces.');
      assert.strictEqual(fixed(text, fs[0]), text.replace('"10.0.0.1:65000, 10.0.0.2:65000"', '"10.0.0.1:65000,10.0.0.2:65000"'));
    });
    it('spaces are not removed when the peer has a password (they may belong to it)', () => {
      const [f] = check('v1.2.3', '"10.0.0.1:65000:my pw:false ,10.0.0.2:65000"').fs;
      assert.match(f.detail!, /multihop: "false " is not a Go boolean/);
      assert.match(f.message, /multihop "false " is not a boolean: .* Remove ":" from the password\.$/);
      assert.deepStrictEqual(f.fixes, []);
    });
    it('a trailing comma is skipped from v0.5.8, an abort before', () => {
      assert.deepStrictEqual(check('v0.5.8', '"10.0.0.1:65000::false,"').fs, []);
      const { text, fs } = check('v0.5.0', '"10.0.0.1:65000::false,"');
      assert.match(fs[0].detail!, /Peer 2 \(""\), entry: An empty entry/);
      assert.match(fs[0].detail!, /On v0\.5\.0 kube-vip refuses to start \(exit code 1\)/);
      assert.strictEqual(fs[0].message, 'bgp_peers peer 2: the entry is empty (a stray comma): v0.5.0 refuses to start. Remove the empty entry.');
      assert.strictEqual(fixed(text, fs[0]), text.replace('"10.0.0.1:65000::false,"', '"10.0.0.1:65000::false"'));
    });
    it('only commas: no peer at all (warning)', () => {
      const [f] = check('v1.2.3', '","').fs;
      assert.strictEqual(f.severity, 'warning');
      assert.match(f.detail!, /The list holds no peer/);
      assert.strictEqual(f.message, 'bgp_peers "," holds only commas, no peer: v1.2.3 reads no peer from it. List the peers as address:AS, or remove it.');
    });
  });

  describe('fields by version', () => {
    it('v0.5.0–v0.5.7 need exactly four fields; padding fix', () => {
      const { text, fs } = check('v0.5.7', '"10.0.0.1:65000"');
      assert.match(fs[0].detail!, /v0\.5\.7 needs exactly four fields, address:AS:password:multihop, and this entry has 2/);
      assert.strictEqual(fs[0].message, 'bgp_peers peer 1: 2 fields, not address:AS:password:multihop: v0.5.7 refuses to start. Write "10.0.0.1:65000::false".');
      assert.strictEqual(fixed(text, fs[0]), text.replace('"10.0.0.1:65000"', '"10.0.0.1:65000::false"'));
      assert.deepStrictEqual(check('v0.5.8', '"10.0.0.1:65000"').fs, []);
    });
    it('no padding fix when the address or the AS is missing: it would not give a valid peer', () => {
      for (const raw of ['":"', '"10.0.0.1:"', '":65000"', '"10.0.0.1:AS:pw"']) {
        const [f] = check('v0.5.7', raw).fs;
        assert.match(f.detail!, /needs exactly four fields/, raw);
        assert.doesNotMatch(f.detail!, /Write "/, raw);
        assert.match(f.message, /not address:AS:password:multihop: v0\.5\.7 refuses to start\. Write all four fields\.$/, raw);
        assert.deepStrictEqual(f.fixes, [], raw);
      }
    });
    it('IPv6 cannot be written before v0.5.8 (no fix)', () => {
      const [f] = check('v0.5.7', '"[fd00::1]:65000::false"').fs;
      assert.match(f.detail!, /IPv6 peers cannot be written in bgp_peers before v0\.5\.8/);
      assert.match(f.message, /Use v0\.5\.8\+ for IPv6 peers\.$/);
      assert.deepStrictEqual(f.fixes, []);
    });
    it('IPv6 without brackets', () => {
      const [f] = check('v1.2.3', '"fd00::1:65000"').fs;
      assert.match(f.detail!, /AS: The AS field is empty .* An IPv6 address must be written in brackets: \[fd00::1\]:65000/);
      assert.match(f.message, /^bgp_peers peer 1: the AS is empty: v1\.2\.3 refuses to start.* Bracket the IPv6 address\.$/);
    });
    it('audit M3: a port before v0.8.10 is not read, and no later release uses it either (warning)', () => {
      const [f] = check('v0.8.9', '"10.0.0.1:65000::false:1179"').fs;
      assert.strictEqual(f.messageId, 'extraFields');
      assert.strictEqual(f.severity, 'warning');
      assert.match(f.detail!, /Fields after the multihop field \(":1179"\) are not read by this version: from v0\.8\.10 a 5th field is parsed as a port, but no release uses it \(every peer is dialled on port 179\)\. On v0\.8\.9 it is silently ignored\./);
      assert.doesNotMatch(f.detail!, /a port field is read from/);
      assert.strictEqual(f.message, 'bgp_peers peer 1: ":1179" after the multihop field is not read: v0.8.9 ignores it. Remove it.');
    });
    it('v1.2.2 BFD fields before v1.2.2 are ignored', () => {
      const [f] = check('v1.2.1', '"10.0.0.1:65000::false:179::true;300;300;3"').fs;
      assert.strictEqual(f.severity, 'warning');
      assert.match(f.detail!, /the MP-BGP and BFD fields exist from v1\.2\.2/);
      assert.match(f.message, /"::true;300;300;3" after the port field is not read: v1\.2\.1 ignores it\. Remove it, or use v1\.2\.2\+\.$/);
    });
    it('BFD needs four values and a Go boolean', () => {
      assert.match(check('v1.2.3', '"10.0.0.1:65000::false:::true;300"').fs[0].detail!, /BFD options: "true;300": BFD needs four values/);
      assert.match(check('v1.2.3', '"10.0.0.1:65000::false:::yes;300;300;3"').fs[0].detail!, /"yes" \(enable\) is not a Go boolean/);
      assert.match(check('v1.2.3', '"10.0.0.1:65000::false:::true;300"').fs[0].message, /BFD "true;300" has 2 of 4 values: v1\.2\.3 refuses to start.* Write enable;rx;tx;multiplier\.$/);
      assert.match(check('v1.2.3', '"10.0.0.1:65000::false:::yes;300;300;3"').fs[0].message, /BFD enable "yes" is not a boolean/);
    });
    it('port out of range, port 0', () => {
      assert.match(check('v1.2.3', '"10.0.0.1:65000::false:70000"').fs[0].detail!, /port: "70000" is not a TCP port/);
      assert.match(check('v1.2.3', '"10.0.0.1:65000::false:70000"').fs[0].message, /port "70000" is not 0–65535: v1\.2\.3 refuses to start.* Use 179 \(always dialled\)\.$/);
      const [zero] = check('v1.2.3', '"10.0.0.1:65000::false:0"').fs;
      assert.strictEqual(zero.messageId, 'portIgnored');
      assert.strictEqual(zero.severity, 'warning');
      assert.doesNotMatch(zero.detail!, /leave the field empty/);
      assert.doesNotMatch(zero.message, /leave the field empty/);
    });
    it('AS out of uint32 range, and a bad multihop hinting at ":" in passwords', () => {
      assert.match(check('v1.2.3', '"10.0.0.1:4294967296"').fs[0].detail!, /AS: "4294967296" is not an AS number/);
      assert.match(check('v1.2.3', '"10.0.0.1:65000:pa:ss:false"').fs[0].detail!, /"ss" is not a Go boolean.*passwords cannot contain ":"/);
      assert.match(check('v1.2.3', '"10.0.0.1:4294967296"').fs[0].message, /AS "4294967296" is not 0–4294967295: v1\.2\.3 refuses to start.* Use a whole number\.$/);
      assert.match(check('v1.2.3', '"10.0.0.1:65000:pa:ss:false"').fs[0].message, /multihop "ss" is not a boolean: .* Remove ":" from the password\.$/);
    });
    it('audit L6: unnumbered peers from v1.2.0-rc.0', () => {
      assert.deepStrictEqual(check('v1.2.0-rc.0', '"unnumbered:eth0:65000"').fs, []);
      assert.deepStrictEqual(check('v1.2.0', '"unnumbered:eth0:65000"').fs, []);
      assert.deepStrictEqual(check('v1.2.3', '"unnumbered:eth0"').fs, []);
      const [f] = check('v1.1.1', '"unnumbered:eth0:65000"').fs;
      assert.strictEqual(f.messageId, 'badAs');
      assert.match(f.detail!, /"eth0" is not an AS number .* Unnumbered peers \(unnumbered:<iface>:AS\) are understood from v1\.2\.0-rc\.0\./);
      assert.match(f.message, /AS "eth0" is not 0–4294967295: v1\.1\.1 refuses to start.* Upgrade to v1\.2\.0-rc\.0\+\.$/);
    });
    it('an IPv6 next hop inside the v1.2.2 MP-BGP field splits into extra fields', () => {
      const fs = check('v1.2.3', '"10.0.0.1:65000::false::mpbgp_nexthop=fixed;mpbgp_ipv6=fd00::1"').fs;
      assert.ok(fs.every((f) => f.severity === 'warning'));
      assert.ok(fs.some((f) => /use the mpbgp_ipv6 variable instead/.test(f.detail!)));
      assert.ok(fs.some((f) => /Use the mpbgp_ipv6 variable\.$/.test(f.message)));
    });
    it('a host name is a warning, an invalid IPv4 an error', () => {
      assert.strictEqual(check('v1.2.3', '"router.lan:65000"').fs[0].severity, 'warning');
      assert.match(check('v1.2.3', '"10.0.0.256:65000"').fs[0].detail!, /"10\.0\.0\.256" is not a valid IPv4 address/);
      assert.strictEqual(check('v1.2.3', '"10.0.0.256:65000"').fs[0].message, 'bgp_peers peer 1: "10.0.0.256" is not an IPv4 address: v1.2.3 does not start BGP. Use the peer\'s IP address.');
      assert.strictEqual(check('v1.2.3', '"router.lan:65000"').fs[0].message, 'bgp_peers peer 1: "router.lan" is not an IP address: a BGP neighbour is set by IP. Use its IP address.');
    });
  });

  describe('correct and unknown values are not flagged', () => {
    for (const [tag, raw] of [
      ['v1.2.3', '"192.168.0.10:65000::false,192.168.0.11:65000::false"'],
      ['v1.2.3', '"[fd00::1]:65000:secret:true:179::true;300;300;3"'],
      ['v1.2.3', '"[fe80::1%eth0]:65000"'],
      ['v0.8.9', '10.0.0.1:65000:pw:true'],
      ['v0.5.0', '"10.0.0.1:65000::false,10.0.0.2:65001:pw:true"'],
      ['v1.2.3', '""'],
      ['v0.4.2', '"10.0.0.1:65000"'],
    ]) {
      it(`${raw} on ${tag}`, () => assert.deepStrictEqual(check(tag, raw).fs, []));
    }
    it('every field of the v1.2.2 layout, with the global mpbgp_nexthop set', () => {
      assert.deepStrictEqual(checkWith('v1.2.3', '"[fd00::1]:65000:secret:true:179:mpbgp_nexthop=auto_sourceif:true;300;300;3"', NEXTHOP).fs, []);
    });
    it('valueFrom and templates', () => {
      const fromRef = daemonSet(img('v1.2.3'), ['        - name: bgp_peers\n          valueFrom:\n            configMapKeyRef: {name: bgp, key: peers}']);
      assert.deepStrictEqual(checkRule(rule, fromRef), []);
      assert.deepStrictEqual(check('v1.2.3', '"{{ .Values.peers }}"').fs, []);
    });
    it('v0.8.3 after a valid vip_routingtableid: bgp_peers is never parsed, so it cannot abort', () => {
      const table = [{ name: 'vip_routingtable', raw: '"true"' }, { name: 'vip_routingtableid', raw: '"200"' }];
      assert.deepStrictEqual(checkWith('v0.8.3', '"10.0.0.1,65000"', table).fs, []);
      assert.strictEqual(checkWith('v0.8.5', '"10.0.0.1,65000"', table).fs[0].messageId, 'swappedSeparators');
    });
    it('bgppeers (the flag spelling) is not read, so not checked here', () => {
      const text = daemonSet(img('v1.2.3'), [{ name: 'bgppeers', raw: '"192.168.1.1,65000"' }]);
      assert.deepStrictEqual(checkRule(rule, text), []);
    });
  });

  describe('audit M3: the port field is parsed but never used (every release dials 179)', () => {
    it('a non-179 port gets a warning that it is ignored, on v0.8.10 and v1.2.3', () => {
      for (const tag of ['v0.8.10', 'v1.0.4', 'v1.2.3']) {
        const { text, fs } = check(tag, '"10.0.0.1:65000::false:1790,10.0.0.2:65000"');
        assert.strictEqual(fs.length, 1, tag);
        const [f] = fs;
        assert.strictEqual(f.messageId, 'portIgnored');
        assert.strictEqual(f.severity, 'warning');
        assert.strictEqual(covered(text, f), '"10.0.0.1:65000::false:1790,10.0.0.2:65000"');
        assert.strictEqual(
          f.detail!,
          `Peer 1 ("10.0.0.1:65000::false:1790"), port: Port "1790" is parsed but never used: kube-vip always connects to the peer on port 179 (AddPeer sets RemotePort 179). A peer that listens only on port 1790 is not reached. On ${tag} it is silently ignored.`,
        );
        assert.strictEqual(f.message, `bgp_peers peer 1: port "1790" is never used: ${tag} always dials port 179. Check the peer listens on 179.`);
        assert.deepStrictEqual(f.fixes, []);
      }
    });
    it('port 179, an empty port (v1.2.2+) and no port: no finding', () => {
      assert.deepStrictEqual(check('v1.2.3', '"10.0.0.1:65000::false:179,10.0.0.2:65000::false:,10.0.0.3:65000"').fs, []);
      assert.deepStrictEqual(check('v0.8.10', '"10.0.0.1:65000::false:179"').fs, []);
    });
    it('the empty-port fix before v1.2.2 writes 179, which is what is dialled anyway', () => {
      const { text, fs } = check('v1.1.0', '"10.0.0.1:65000::false:"');
      assert.strictEqual(fs[0].messageId, 'emptyPort');
      assert.deepStrictEqual(checkRule(rule, fixed(text, fs[0])), []);
    });
    it('outside BGP mode the port has no consequence: no finding', () => {
      const text = daemonSet(img('v1.2.3'), [{ name: 'vip_arp', raw: '"true"' }, { name: 'bgp_peers', raw: '"10.0.0.1:65000::false:1790"' }]);
      assert.deepStrictEqual(checkRule(rule, text), []);
    });
  });

  describe('missed trap: per-peer MP-BGP options are ignored unless the global mpbgp_nexthop is set', () => {
    it('v1.2.3 6th field without mpbgp_nexthop: warning, no suspect checks on unused values', () => {
      const { text, fs } = check('v1.2.3', '"[fd00::1]:65000::false::mpbgp_nexthop=bogus;mpbgp_ipv4=x"');
      assert.deepStrictEqual(fs.map((f) => [f.messageId, f.severity]), [['mpbgpIgnored', 'warning']]);
      assert.strictEqual(covered(text, fs[0]), '"[fd00::1]:65000::false::mpbgp_nexthop=bogus;mpbgp_ipv4=x"');
      assert.match(fs[0].detail!, /^Peer 1 \("\[fd00::1\]:65000::false::mpbgp_nexthop=bogus;mpbgp_ipv4=x"\), MP-BGP options: "mpbgp_nexthop=bogus;mpbgp_ipv4=x" is parsed but not used: kube-vip sets up MP-BGP for a peer only when the mpbgp_nexthop env variable is set, and it is not\./);
      assert.match(fs[0].detail!, /On v1\.2\.3 it is silently ignored\.$/);
      assert.strictEqual(fs[0].message, 'bgp_peers peer 1: MP-BGP options need the mpbgp_nexthop env: v1.2.3 ignores them. Set mpbgp_nexthop too.');
    });
    it('v0.8.10–v1.2.1 "/" suffix without mpbgp_nexthop: the same warning', () => {
      const [f] = check('v0.8.10', '"10.0.0.1:65000::false/mpbgp_nexthop=fixed;mpbgp_ipv6=fd00::5"').fs;
      assert.strictEqual(f.messageId, 'mpbgpIgnored');
    });
    it('with mpbgp_nexthop set, the options are used and checked', () => {
      const fs = checkWith('v1.2.3', '"[fd00::1]:65000::false::mpbgp_nexthop=bogus"', NEXTHOP).fs;
      assert.deepStrictEqual(fs.map((f) => [f.messageId, f.severity]), [['mpbgpBadNexthop', 'warning']]);
      assert.strictEqual(fs[0].message, 'bgp_peers peer 1: mpbgp_nexthop "bogus" is unknown: MP-BGP setup fails. Use fixed, auto_sourceip or auto_sourceif.');
      assert.deepStrictEqual(checkWith('v1.2.3', '"[fd00::1]:65000::false::mpbgp_ipv4=10.0.0.9"', NEXTHOP).fs, []);
    });
    it('mpbgp_nexthop from valueFrom, envFrom or a config file: unknown, so quiet', () => {
      const ref = ['        - name: mpbgp_nexthop\n          valueFrom:\n            configMapKeyRef: {name: bgp, key: nexthop}'];
      const text = daemonSet(img('v1.2.3'), [{ name: 'bgp_enable', raw: '"true"' }, { name: 'bgp_peers', raw: '"10.0.0.1:65000::false::mpbgp_nexthop=fixed;mpbgp_ipv4=10.0.0.9"' }, ...ref]);
      assert.deepStrictEqual(checkRule(rule, text).map((f) => f.messageId), []);
      const file = checkWith('v1.2.3', '"10.0.0.1:65000::false::mpbgp_nexthop=fixed"', [{ name: 'config_file', raw: '/etc/kube-vip/config.yaml' }]).fs;
      assert.deepStrictEqual(file, []);
    });
    it('a parse error in the options still aborts without mpbgp_nexthop', () => {
      const [f] = check('v1.2.3', '"10.0.0.1:65000::false::nexthop=fixed"').fs;
      assert.deepStrictEqual([f.messageId, f.severity], ['mpbgpUnknownKey', 'error']);
    });
  });

  describe('audit L4: the v0.5.0–v0.5.7 IPv6 note is about IPv6 addresses only', () => {
    it('a 5-field IPv4 peer with an empty password gets no IPv6 note, and keeps the abort', () => {
      const { text, fs } = check('v0.5.5', '"10.0.0.1:65000::false:1790"');
      assert.strictEqual(fs.length, 1);
      assert.deepStrictEqual([fs[0].messageId, fs[0].severity], ['legacyFieldCount', 'error']);
      assert.strictEqual(covered(text, fs[0]), '"10.0.0.1:65000::false:1790"');
      assert.match(fs[0].detail!, /v0\.5\.5 needs exactly four fields, address:AS:password:multihop, and this entry has 5\./);
      assert.doesNotMatch(fs[0].detail!, /IPv6/);
      assert.doesNotMatch(fs[0].message, /IPv6/);
    });
    it('an IPv4 peer with an empty AS and password ("10.0.0.1::"): no IPv6 note, no fix', () => {
      const [f] = check('v0.5.5', '"10.0.0.1::"').fs;
      assert.deepStrictEqual([f.messageId, f.severity], ['legacyFieldCount', 'error']);
      assert.doesNotMatch(f.detail!, /IPv6/);
      assert.doesNotMatch(f.message, /IPv6/);
      assert.deepStrictEqual(f.fixes, []);
    });
    it('a 3-field IPv4 peer is still padded', () => {
      const { text, fs } = check('v0.5.5', '"10.0.0.1:65000:"');
      assert.doesNotMatch(fs[0].detail!, /IPv6/);
      assert.doesNotMatch(fs[0].message, /IPv6/);
      assert.strictEqual(fixed(text, fs[0]), text.replace('"10.0.0.1:65000:"', '"10.0.0.1:65000::false"'));
    });
    it('an unbracketed IPv6 peer still gets the note, without a fix', () => {
      const [f] = check('v0.5.5', '"fd00::1:65000::false"').fs;
      assert.match(f.detail!, /IPv6 peers cannot be written in bgp_peers before v0\.5\.8/);
      assert.deepStrictEqual(f.fixes, []);
    });
  });
});

import * as assert from 'assert';
import { lintText } from '../../../server/src/core';
import type { Finding } from '../../../server/src/core';
import { suggestKey } from '../../../server/src/core/rules/cloud-provider-config';
import { covered, fixed } from '../../helpers';

const RULE = 'cloud-provider-config';

function configMap(data: readonly string[], name = 'kubevip', namespace = 'kube-system'): string {
  return `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}
  namespace: ${namespace}
data:
${data.map((d) => `  ${d}`).join('\n')}
`;
}

function run(data: readonly string[], name?: string, namespace?: string) {
  const text = configMap(data, name, namespace);
  const fs = lintText(text).findings.filter((f) => f.rule === RULE);
  return { text, fs, one: (id: string): Finding => {
    const hits = fs.filter((f) => f.messageId === id);
    assert.strictEqual(hits.length, 1, `one ${id} in ${JSON.stringify(fs.map((f) => f.messageId))}`);
    return hits[0];
  } };
}

describe('cloud-provider-config', () => {
  it('a clean ConfigMap (the README example, quoted) gives nothing', () => {
    const { fs } = run([
      'cidr-default: 192.168.0.200/29',
      'cidr-finance: 192.168.0.232/29,192.168.0.240/29',
      'range-global: 192.168.1.220-192.168.1.230',
      'allow-share-development: "true"',
      'interface-global: eth1',
      'search-order: desc',
      'skip-end-ips-in-cidr: "true"',
    ]);
    assert.deepStrictEqual(fs, []);
  });

  it('only on the provider ConfigMap: another ConfigMap with odd values is left alone', () => {
    const { fs } = run(['range-min: "5 "', 'allow-share-x: yes-please'], 'app-settings', 'apps');
    assert.deepStrictEqual(fs, []);
  });

  describe('notString', () => {
    it('unquoted true on allow-share: error, fix quotes it', () => {
      const { text, one } = run(['cidr-global: 10.0.0.0/28', 'allow-share-global: true']);
      const f = one('notString');
      assert.strictEqual(f.severity, 'error');
      assert.strictEqual(covered(text, f), 'true');
      assert.match(f.message, /^allow-share-global: unquoted true is a YAML boolean; the Kubernetes API rejects the ConfigMap\. Quote it: "true"\.$/);
      assert.match(f.detail!, /^Unquoted, true is a boolean in YAML, but ConfigMap data values must be strings: the Kubernetes API rejects the whole ConfigMap, so kubectl apply fails and the cloud provider keeps its old configuration\./);
      assert.strictEqual(f.fixes[0].preferred, true);
      assert.strictEqual(fixed(text, f), text.replace('allow-share-global: true', 'allow-share-global: "true"'));
    });
    it('skip-end-ips-in-cidr: True (YAML 1.1 boolean) is fixed to "true", the only spelling the provider honours', () => {
      const { text, one } = run(['cidr-global: 10.0.0.0/28', 'skip-end-ips-in-cidr: True']);
      assert.strictEqual(fixed(text, one('notString')), text.replace('skip-end-ips-in-cidr: True', 'skip-end-ips-in-cidr: "true"'));
      const yes = run(['cidr-global: 10.0.0.0/28', 'allow-share-dev: yes']);
      assert.strictEqual(fixed(yes.text, yes.one('notString')), yes.text.replace('allow-share-dev: yes', 'allow-share-dev: "true"'));
    });
    it('a number is quoted as typed', () => {
      const { text, one } = run(['cidr-global: 10.0.0.0/28', 'interface-global: 0755']);
      assert.match(one('notString').message, /unquoted 0755 is a YAML number.*Quote it: "0755"\.$/);
      assert.match(one('notString').detail!, /0755 is a number in YAML/);
      assert.strictEqual(fixed(text, one('notString')), text.replace('interface-global: 0755', 'interface-global: "0755"'));
    });
  });

  describe('pool values', () => {
    it('whitespace in a range list: error on the value, fix removes it, keeping the quotes', () => {
      const { text, one } = run(['range-global: "192.168.1.220 - 192.168.1.230, 192.168.2.1-192.168.2.9"']);
      const f = one('whitespace');
      assert.strictEqual(f.severity, 'error');
      assert.strictEqual(covered(text, f), '"192.168.1.220 - 192.168.1.230, 192.168.2.1-192.168.2.9"');
      assert.match(f.message, /^range-global has whitespace, which the provider does not trim: the pool fails to parse\. Remove the whitespace\.$/);
      assert.match(f.detail!, /^The provider splits the value on "," and "-" without trimming/);
      assert.match(f.detail!, /every Service drawing from this key gets an error instead of an address\. Without the whitespace: "192\.168\.1\.220-192\.168\.1\.230,192\.168\.2\.1-192\.168\.2\.9"\.$/);
      assert.strictEqual(fixed(text, f), text.replace('"192.168.1.220 - 192.168.1.230, 192.168.2.1-192.168.2.9"', '"192.168.1.220-192.168.1.230,192.168.2.1-192.168.2.9"'));
    });
    it('a block scalar keeps its final line break: whitespace, no fix', () => {
      const text = configMap(['cidr-global: |', '    10.0.0.0/28', 'search-order: desc']);
      const fs = lintText(text).findings.filter((f) => f.rule === RULE);
      assert.deepStrictEqual(fs.map((f) => f.messageId), ['whitespace']);
      assert.match(fs[0].message, /Use a quoted string\.$/);
      assert.match(fs[0].detail!, /A block scalar \(\|\) keeps its final line break, which a quoted string does not have\.$/);
      assert.deepStrictEqual(fs[0].fixes, []);
    });
    it('an invalid CIDR entry: error on that entry only', () => {
      const { text, one } = run(['cidr-finance: 192.168.0.220/29,192.168.0.300/29']);
      const f = one('invalidPool');
      assert.strictEqual(covered(text, f), '192.168.0.300/29');
      assert.match(f.message, /^cidr-finance: "192\.168\.0\.300" is not an IP address, so the pool fails to parse\. Fix or remove the entry\.$/);
      assert.match(f.detail!, /^The provider fails to parse the whole value when an entry \("192\.168\.0\.300\/29"\) fails, so every Service drawing from this key gets an error instead of an address\.$/);
    });
    it('a range entry in a CIDR list, a prefix length over 32, a single address in a range key, a stray comma', () => {
      const range = run(['cidr-a: 10.0.0.0/29,10.0.1.1-10.0.1.9']).one('invalidPool');
      assert.match(range.message, /"10\.0\.1\.1-10\.0\.1\.9" is not a CIDR/);
      assert.match(range.detail!, /a range, but the value holds a CIDR, so the provider parses every entry as a CIDR/);
      assert.match(run(['cidr-a: 10.0.0.0/33']).one('invalidPool').message, /"\/33" is not a prefix length for IPv4 \(0–32\)/);
      const single = run(['range-a: 10.0.0.5']).one('invalidPool');
      assert.match(single.message, /^range-a: "10\.0\.0\.5" is not a range, .*Fix or remove the entry\.$/);
      assert.match(single.detail!, /A single address needs a prefix length, 10\.0\.0\.5\/32, or a range 10\.0\.0\.5-10\.0\.0\.5/);
      assert.match(run(['range-a: "10.0.0.5-10.0.0.9,"']).one('invalidPool').message, /an empty entry \(a stray comma\)/);
    });
    it('an empty value: still taken, then fails', () => {
      const { text, one } = run(['cidr-global: ""', 'range-global: 10.0.0.1-10.0.0.9']);
      const f = one('invalidPool');
      assert.strictEqual(covered(text, f), '""');
      assert.match(f.message, /^cidr-global is empty: .*Give it addresses or remove the key\.$/);
      assert.match(f.detail!, /still takes this key for its namespaces \(and stops looking further\), then fails every Service with "pool is not specified"/);
    });
    it('a reversed range: error from v0.0.6, fix suggestion in the text', () => {
      const { text, one } = run(['range-dev: 10.0.0.1-10.0.0.9,10.0.1.9-10.0.1.1']);
      const f = one('reversedRange');
      assert.strictEqual(f.severity, 'error');
      assert.strictEqual(covered(text, f), '10.0.1.9-10.0.1.1');
      assert.match(f.message, /^range-dev: the range starts after it ends; the provider \(v0\.0\.6\+\) rejects the pool\. Use 10\.0\.1\.1-10\.0\.1\.9\.$/);
      assert.match(f.detail!, /^The provider rejects "10\.0\.1\.9-10\.0\.1\.1", so every Service drawing from this key gets an error instead of an address\. v0\.0\.2–v0\.0\.5 swapped the ends silently\.$/);
    });
    it('a mixed-family range', () => {
      const { text, one } = run(['range-dev: "10.0.0.1-fd00::9"']);
      assert.strictEqual(covered(text, one('mixedFamilyRange')), '10.0.0.1-fd00::9');
      assert.match(one('mixedFamilyRange').message, /^range-dev: "10\.0\.0\.1-fd00::9" mixes IPv4 and IPv6, so the pool fails\. Write one range per family\.$/);
      assert.match(one('mixedFamilyRange').detail!, /runs from one IP family to the other, and the provider rejects it, .*Write one range per family, comma-separated\.$/);
    });
    it('dual stack, one range per family, is fine', () => {
      assert.deepStrictEqual(run(['range-dev: "10.0.0.1-10.0.0.9,fd00::1-fd00::9"']).fs, []);
    });
    it('host bits: info with a non-preferred fix to the masked prefix', () => {
      const { text, one } = run(['cidr-global: 192.168.0.220/29']);
      const f = one('hostBits');
      assert.strictEqual(f.severity, 'info');
      assert.match(f.message, /^cidr-global: "192\.168\.0\.220\/29" has host bits set, so the provider uses 192\.168\.0\.216\/29\. Write that, or a range\.$/);
      assert.match(f.detail!, /masks "192\.168\.0\.220\/29" to 192\.168\.0\.216\/29 \(192\.168\.0\.216–192\.168\.0\.223\)\. Write 192\.168\.0\.216\/29, or a range if you meant addresses from 192\.168\.0\.220 on\./);
      assert.strictEqual(f.fixes[0].preferred, undefined);
      assert.strictEqual(fixed(text, f), text.replace('192.168.0.220/29', '192.168.0.216/29'));
    });
    it('a pool with no address the provider hands out', () => {
      const { one } = run(['cidr-dev: 10.0.0.255/32']);
      assert.match(one('noUsableAddress').message, /^cidr-dev yields no address the provider hands out: .*"no addresses available"\. Widen it\.$/);
      assert.match(one('noUsableAddress').detail!, /^The provider never returns IPv4 addresses ending in \.0 or \.255 \(v0\.0\.6\+\)/);
      const skip = run(['cidr-dev: 10.0.0.4/30,10.0.0.8/32', 'skip-end-ips-in-cidr: "true"']);
      assert.deepStrictEqual(skip.fs, []); // .5, .6 and the /32 .8 are handed out
    });
  });

  describe('DHCP', () => {
    it('exactly "0.0.0.0/32": info, every Service gets 0.0.0.0', () => {
      const { text, one, fs } = run(['cidr-global: 0.0.0.0/32']);
      assert.strictEqual(fs.length, 1);
      const f = one('dhcpPool');
      assert.strictEqual(f.severity, 'info');
      assert.strictEqual(covered(text, f), '0.0.0.0/32');
      assert.match(f.message, /^cidr-global "0\.0\.0\.0\/32" is the DHCP pool: .*Keep it only if a DHCP server answers\.$/);
      assert.match(f.detail!, /^Every Service it serves gets 0\.0\.0\.0 \(cloud provider v0\.0\.4\+\), and kube-vip then requests an address by DHCP/);
      assert.match(f.detail!, /Without a DHCP server on that network, list real addresses instead\.$/);
    });
    it('0.0.0.0/32 inside a list: a warning, no DHCP and never handed out', () => {
      const { text, one, fs } = run(['cidr-global: 0.0.0.0/32,10.0.0.0/28']);
      assert.strictEqual(fs.length, 1);
      assert.strictEqual(covered(text, one('dhcpInList')), '0.0.0.0/32');
      assert.match(one('dhcpInList').message, /^cidr-global: "0\.0\.0\.0\/32" is not DHCP, only an address never handed out\. For DHCP, write only "0\.0\.0\.0\/32"\.$/);
      assert.match(one('dhcpInList').detail!, /^To get DHCP, make the whole value exactly "0\.0\.0\.0\/32" \(one key per namespace\)/);
      assert.strictEqual(run(['range-global: 0.0.0.0-0.0.0.0']).one('dhcpInList').severity, 'warning');
    });
    it('::/128: info, the provider treats :: as an ordinary address', () => {
      const { one } = run(['cidr-v6: "::/128"']);
      assert.match(one('ipv6Unspecified').message, /hands out "::" as an ordinary address, to one Service only\. Remove it unless that is meant\.$/);
      assert.match(one('ipv6Unspecified').detail!, /no IPv6 DHCP pool .*kube-vip v1\.0\.3\+ answers a Service address "::" with DHCPv6/);
    });
  });

  describe('across keys', () => {
    it('cidr-global shadows range-development (the website example): warning on the range key, related to cidr-global', () => {
      const { text, one } = run(['cidr-global: 192.168.0.216/29', 'range-development: 192.168.0.210-192.168.0.215']);
      const f = one('shadowedPool');
      assert.strictEqual(f.severity, 'warning');
      assert.strictEqual(covered(text, f), 'range-development');
      assert.match(f.message, /^range-development is never read: cidr-global is looked up first\. Move its addresses into a cidr-development key\.$/);
      assert.match(f.detail!, /so namespace development draws from cidr-global\. Move these addresses into a cidr-development key, or remove cidr-global\.$/);
      assert.strictEqual(text.slice(f.related[0].span.start, f.related[0].span.end), 'cidr-global');
    });
    it('cidr-<ns> shadows range-<ns>, even when the cidr value is broken', () => {
      const { one } = run(['cidr-dev: "10.0.0.0/28 "', 'range-dev: 10.0.1.1-10.0.1.9']);
      assert.match(one('shadowedPool').message, /^range-dev is never read: cidr-dev is looked up first\. Move its addresses into cidr-dev, or remove cidr-dev\.$/);
    });
    it('range-<ns> with only range-global and cidr-<other> is in use: no shadow', () => {
      assert.deepStrictEqual(run(['cidr-prod: 10.0.0.0/28', 'range-dev: 10.0.1.1-10.0.1.9', 'range-global: 10.0.2.1-10.0.2.9']).fs, []);
    });
    it('overlapping pools in use: warning on the later entry, related to the earlier', () => {
      const { text, one } = run(['cidr-global: 10.0.0.0/28', 'cidr-dev: 10.0.1.0/28,10.0.0.8/29']);
      const f = one('poolOverlap');
      assert.strictEqual(covered(text, f), '10.0.0.8/29');
      assert.match(f.message, /^cidr-dev and cidr-global share IPv4 10\.0\.0\.8–10\.0\.0\.15: .*Make the pools disjoint\.$/);
      assert.match(f.detail!, /checks only the Services of that namespace \(dev\), so it can hand an address that a Service elsewhere already has to a second Service/);
      assert.strictEqual(text.slice(f.related[0].span.start, f.related[0].span.end), '10.0.0.0/28');
    });
    it('overlap with a shadowed or broken pool, or within one key, is not reported', () => {
      assert.strictEqual(run(['cidr-global: 10.0.0.0/28', 'range-dev: 10.0.0.2-10.0.0.9']).fs.filter((f) => f.messageId === 'poolOverlap').length, 0);
      assert.deepStrictEqual(run(['cidr-global: 10.0.0.0/28,10.0.0.0/29']).fs, []);
      assert.strictEqual(run(['cidr-a: 10.0.0.0/28', 'cidr-b: "10.0.0.0/28,x"']).fs.filter((f) => f.messageId === 'poolOverlap').length, 0);
    });
  });

  describe('keys', () => {
    it('cidr_global: did you mean cidr-global, fix renames', () => {
      const { text, one } = run(['cidr_global: 10.0.0.0/28']);
      const f = one('unknownKey');
      assert.strictEqual(covered(text, f), 'cidr_global');
      assert.match(f.message, /^cidr_global is not a key the cloud provider reads \(it is ignored\)\. Did you mean cidr-global\?$/);
      assert.match(f.detail!, /reads only cidr-\*, range-\*, allow-share-\*, interface-\*, search-order and skip-end-ips-in-cidr, looked up by exact name/);
      assert.strictEqual(fixed(text, f), text.replace('cidr_global:', 'cidr-global:'));
    });
    it('suggestions: case, typos, a missing dash; nothing for unrelated keys', () => {
      assert.strictEqual(suggestKey('CIDR-global'), 'cidr-global');
      assert.strictEqual(suggestKey('cdir-dev'), 'cidr-dev');
      assert.strictEqual(suggestKey('ranges-dev'), 'range-dev');
      assert.strictEqual(suggestKey('allowshare-global'), 'allow-share-global');
      assert.strictEqual(suggestKey('allow-shares-global'), 'allow-share-global');
      assert.strictEqual(suggestKey('serach-order'), 'search-order');
      assert.strictEqual(suggestKey('skip-end-ip-in-cidr'), 'skip-end-ips-in-cidr');
      assert.strictEqual(suggestKey('kubevip-services'), undefined);
      assert.strictEqual(suggestKey('notes'), undefined);
      assert.strictEqual(suggestKey('card-dev'), undefined);
    });
    it('range-Global: the namespace part can never match; fix lowercases', () => {
      const { text, one } = run(['range-Global: 10.0.0.1-10.0.0.9']);
      const f = one('invalidNamespace');
      assert.strictEqual(covered(text, f), 'range-Global');
      assert.match(f.message, /^range-Global is never read: "Global" cannot be a namespace name\. Rename it to range-global\.$/);
      assert.match(f.detail!, /looks up range-<namespace of the Service> and range-global, and "Global" cannot be a namespace name \(lowercase letters, digits and "-"\)/);
      assert.strictEqual(fixed(text, f), text.replace('range-Global:', 'range-global:'));
      const noFix = run(['cidr-my_ns: 10.0.0.0/28']).one('invalidNamespace');
      assert.deepStrictEqual(noFix.fixes, []);
      assert.match(noFix.message, /Use cidr-global or cidr-<namespace>\.$/);
    });
  });

  describe('settings', () => {
    it('allow-share "yes": ParseBool error ignored, fix to "true"', () => {
      const { text, one } = run(['cidr-global: 10.0.0.0/28', 'allow-share-global: "yes"']);
      const f = one('allowShareNotBool');
      assert.strictEqual(f.severity, 'warning');
      assert.match(f.message, /^allow-share-global "yes" is not a Go boolean: the provider \(v0\.0\.10\+\) silently leaves sharing off\. Use "true"\.$/);
      assert.match(f.detail!, /^The provider \(v0\.0\.10\+\) reads it with strconv\.ParseBool and ignores the error, so "yes" leaves IPv4 address sharing off/);
      assert.strictEqual(fixed(text, f), text.replace('"yes"', '"true"'));
      assert.deepStrictEqual(run(['cidr-global: 10.0.0.0/28', 'allow-share-global: "T"']).fs, []);
    });
    it('skip-end-ips-in-cidr "True": ignored, fix to "true"; "false" and "0" are fine', () => {
      const { text, one } = run(['cidr-global: 10.0.0.0/28', "skip-end-ips-in-cidr: 'True'"]);
      assert.strictEqual(fixed(text, one('skipEndIpsNotTrue')), text.replace("'True'", "'true'"));
      assert.match(one('skipEndIpsNotTrue').message, /^skip-end-ips-in-cidr "True" is not exactly "true": the provider \(v0\.0\.10\+\) ignores it\. Use "true"\.$/);
      assert.match(one('skipEndIpsNotTrue').detail!, /exact string "true", so "True" is ignored and the first and last address of each CIDR are handed out/);
      assert.deepStrictEqual(run(['cidr-global: 10.0.0.0/28', 'skip-end-ips-in-cidr: "false"']).fs, []);
      assert.deepStrictEqual(run(['cidr-global: 10.0.0.0/28', 'skip-end-ips-in-cidr: "0"']).fs, []);
    });
    it('search-order "DESC": ignored, fix to desc; "asc" is fine', () => {
      const { text, one } = run(['cidr-global: 10.0.0.0/28', 'search-order: DESC']);
      const f = one('searchOrderNotDesc');
      assert.match(f.message, /^search-order "DESC" is not exactly "desc": the provider \(v0\.0\.8\+\) ignores it\. Use "desc"\.$/);
      assert.match(f.detail!, /recognises only the exact value "desc"; .*addresses are handed out from the start of each pool/);
      assert.strictEqual(fixed(text, f), text.replace('search-order: DESC', 'search-order: desc'));
      assert.deepStrictEqual(run(['cidr-global: 10.0.0.0/28', 'search-order: asc']).fs, []);
      assert.deepStrictEqual(run(['cidr-global: 10.0.0.0/28', 'search-order: random']).one('searchOrderNotDesc').fixes, []);
    });
  });

  it('severity settings apply to the rule', () => {
    const text = configMap(['cidr-global: 10.0.0.0/28', 'allow-share-global: "yes"']);
    const off = lintText(text, { rules: { [RULE]: 'off' } }).findings.filter((f) => f.rule === RULE);
    assert.deepStrictEqual(off, []);
    const err = lintText(text, { rules: { [RULE]: 'error' } }).findings.filter((f) => f.rule === RULE);
    assert.strictEqual(err[0].severity, 'error');
  });
});

import * as assert from 'assert';
import { hoverAt, lintFiles, lintText } from '../../../server/src/core';
import type { Finding } from '../../../server/src/core';
import { covered, daemonSet, findingsOf, fixed } from '../../helpers';

const RULE = 'service-annotations';

/** A LoadBalancer Service with the given annotation lines (indented by the caller) and extra spec lines. */
function service(annotations: readonly string[], spec: readonly string[] = []): string {
  return [
    'apiVersion: v1',
    'kind: Service',
    'metadata:',
    '  name: web',
    '  namespace: default',
    '  annotations:',
    ...annotations.map((a) => `    ${a}`),
    'spec:',
    '  type: LoadBalancer',
    ...spec.map((s) => `  ${s}`),
    '  ports:',
    '  - port: 80',
    '',
  ].join('\n');
}

function run(annotations: readonly string[], spec: readonly string[] = []): { text: string; fs: Finding[] } {
  const text = service(annotations, spec);
  return { text, fs: findingsOf(text, RULE) };
}

/** The single finding of a Service. */
function one(annotations: readonly string[], spec: readonly string[] = []): { text: string; f: Finding } {
  const { text, fs } = run(annotations, spec);
  assert.strictEqual(fs.length, 1, fs.map((f) => f.message).join('\n'));
  return { text, f: fs[0] };
}

describe('service-annotations', () => {
  describe('keys', () => {
    it('kube-vip.io/loadBalancerIPs (capital B): wrong case, renamed by the preferred fix to the key kube-vip reads', () => {
      const { text, f } = one(['kube-vip.io/loadBalancerIPs: "10.0.0.5"']);
      assert.strictEqual(f.messageId, 'unknownKey');
      assert.strictEqual(f.severity, 'warning');
      assert.strictEqual(covered(text, f), 'kube-vip.io/loadBalancerIPs');
      assert.match(f.message, /^kube-vip\.io\/loadBalancerIPs has no effect: kube-vip reads keys case-sensitively\. Use kube-vip\.io\/loadbalancerIPs\.$/);
      assert.match(f.detail!, /^kube-vip\.io\/loadBalancerIPs is not an annotation kube-vip reads, so it has no effect: kube-vip looks annotations up by their exact, case-sensitive name\.$/);
      assert.strictEqual(f.fixes.length, 1);
      assert.strictEqual(f.fixes[0].preferred, true);
      const after = fixed(text, f);
      assert.strictEqual(after, text.replace('kube-vip.io/loadBalancerIPs:', 'kube-vip.io/loadbalancerIPs:'));
      assert.deepStrictEqual(findingsOf(after, RULE), []);
    });

    it('a typo and a separator slip get "did you mean"; a quoted key keeps its quotes', () => {
      const typo = one(['kube-vip.io/egres: "true"']);
      assert.match(typo.f.message, /^kube-vip\.io\/egres is not an annotation kube-vip reads \(no effect\)\. Did you mean kube-vip\.io\/egress\?$/);
      assert.strictEqual(fixed(typo.text, typo.f), typo.text.replace('egres:', 'egress:'));
      const sep = one(['"kube-vip.io/flush_conntrack": "true"']);
      assert.strictEqual(covered(sep.text, sep.f), '"kube-vip.io/flush_conntrack"');
      assert.strictEqual(fixed(sep.text, sep.f), sep.text.replace('"kube-vip.io/flush_conntrack"', '"kube-vip.io/flush-conntrack"'));
    });

    it('a near miss of the prefix (kubevip.io/) is caught when the rest names an annotation', () => {
      const { text, f } = one(['kubevip.io/ignore: "true"']);
      assert.strictEqual(f.messageId, 'unknownKey');
      assert.strictEqual(fixed(text, f), text.replace('kubevip.io/ignore', 'kube-vip.io/ignore'));
      assert.deepStrictEqual(run(['kubevip.io/team: payments']).fs, []);
    });

    it('egress-ipv4 is suggested egress-ipv6 but not auto-fixed: a digit is not a typo', () => {
      const { f } = one(['kube-vip.io/egress-ipv4: "true"']);
      assert.match(f.message, /Did you mean kube-vip\.io\/egress-ipv6\?/);
      assert.strictEqual(f.fixes[0].preferred, false);
    });

    it('a key more than two edits away from every annotation gets no guess', () => {
      const { f } = one(['kube-vip.io/egress-network: "10.0.0.0/8"']);
      assert.strictEqual(f.severity, 'info');
      assert.doesNotMatch(f.message, /did you mean/i);
      assert.doesNotMatch(f.detail!, /did you mean/i);
    });

    it('an unknown key with nothing close is an info (a later release may read it), without a fix', () => {
      const { text, f } = one(['kube-vip.io/bandwidth-limit: "10M"']);
      assert.strictEqual(f.severity, 'info');
      assert.strictEqual(covered(text, f), 'kube-vip.io/bandwidth-limit');
      assert.match(f.message, /^kube-vip\.io\/bandwidth-limit is not an annotation kube-vip reads \(none of v0\.5\.0 – v1\.2\.3 does\)\. Check the spelling\.$/);
      assert.match(f.detail!, /Keys are case-sensitive/);
      assert.deepStrictEqual(f.fixes, []);
    });

    it('the class name and the node label are named for what they are', () => {
      const { f } = one(['kube-vip.io/kube-vip-class: ""']);
      assert.strictEqual(f.messageId, 'notAnnotation');
      assert.match(f.message, /^kube-vip\.io\/kube-vip-class is a class name, not a Service annotation\. Remove it; a class goes in spec\.loadBalancerClass\.$/);
      assert.match(f.detail!, /does nothing as a Service annotation: it is the default loadBalancerClass value \(lb_class_name\): kube-vip compares it with spec\.loadBalancerClass/);
      const label = one(['kube-vip.io/has-ip: "true"']).f;
      assert.match(label.message, /^kube-vip\.io\/has-ip is a node label kube-vip writes, not a Service annotation\. Remove it\.$/);
      assert.match(label.detail!, /a node label kube-vip writes with enable_node_labeling/);
    });

    it('every catalogued key with a good value, and other tools\' annotations, are silent', () => {
      const { fs } = run([
        'kube-vip.io/loadbalancerIPs: "10.0.0.5,fd00::5"',
        'kube-vip.io/ignore: "false"',
        'kube-vip.io/egress: "true"',
        'kube-vip.io/egress-internal: "true"',
        'kube-vip.io/egress-no-internal-traffic: "false"',
        'kube-vip.io/ddns: "True"',
        'kube-vip.io/allow-reconcile-without-endpoints: "TRUE"',
        'kube-vip.io/rp_filter: "2"',
        'kube-vip.io/upnp-lease-duration: "1h30m"',
        'kube-vip.io/serviceVLAN: "eth0.200"',
        'kube-vip.io/serviceInterface: auto',
        'kube-vip.io/leaseName: shared',
        'metallb.universe.tf/loadBalancerIPs: "10.0.0.5"',
        'example.com/egress: True',
      ]);
      assert.deepStrictEqual(fs, []);
    });
  });

  describe('switches', () => {
    it('"True" on an exact-"true" switch: ignored, the preferred fix writes "true" in the same quotes', () => {
      const { text, f } = one(["kube-vip.io/egress: 'True' # SNAT"]);
      assert.strictEqual(f.messageId, 'notExactTrue');
      assert.strictEqual(f.severity, 'warning');
      assert.strictEqual(covered(text, f), "'True'");
      assert.match(f.message, /^kube-vip\.io\/egress "True" stays off: kube-vip v0\.5\.5\+ turns it on only for "true"\. Use "true"\.$/);
      assert.match(f.detail!, /^kube-vip ignores "True": from v0\.5\.5 it turns this on only for the exact, lower-case string "true"\.$/);
      assert.strictEqual(f.fixes[0].preferred, true);
      assert.strictEqual(fixed(text, f), text.replace("'True' # SNAT", "'true' # SNAT"));
    });

    it('"1" and "yes" likewise; an unrelated word gets the fix without preference', () => {
      for (const [key, value] of [['kube-vip.io/ignore', '"1"'], ['kube-vip.io/forwardUPNP', '"yes"'], ['kube-vip.io/dhcp-broadcast', '"on"']]) {
        const { text, f } = one([`${key}: ${value}`]);
        assert.strictEqual(f.messageId, 'notExactTrue', key);
        assert.strictEqual(fixed(text, f), text.replace(value, '"true"'));
      }
      const odd = one(['kube-vip.io/flush-conntrack: "please"']);
      assert.match(odd.f.detail!, /reads anything else as off\.$/);
      assert.strictEqual(odd.f.fixes[0].preferred, false);
    });

    it('off spellings on an exact-"true" switch are off, as meant: silent', () => {
      for (const value of ['"false"', '"0"', '"no"', '""', '"False"']) assert.deepStrictEqual(run([`kube-vip.io/egress-ipv6: ${value}`]).fs, [], value);
    });

    it('allow-reconcile-without-endpoints takes "true" in any case, but not "1"', () => {
      assert.deepStrictEqual(run(['kube-vip.io/allow-reconcile-without-endpoints: "True"']).fs, []);
      const { f } = one(['kube-vip.io/allow-reconcile-without-endpoints: "1"']);
      assert.match(f.message, /"1" stays off: kube-vip v1\.2\.1\+ needs "true" \(any case\)\. Use "true"\.$/);
      assert.match(f.detail!, /from v1\.2\.1 it turns this on only for the string "true" in any case\.$/);
    });

    it('egress-internal "false" turns the nftables egress on: the preferred fix removes the line and its comment', () => {
      const { text, f } = one(['kube-vip.io/egress: "true"', 'kube-vip.io/egress-internal: "false"   # iptables please', 'kube-vip.io/vipHost: node-1']);
      assert.strictEqual(f.messageId, 'falseIsOn');
      assert.strictEqual(covered(text, f), '"false"');
      assert.match(f.message, /^kube-vip\.io\/egress-internal "false" turns it on, not off: kube-vip v1\.0\.0\+ reads any value as on\. Remove the annotation\.$/);
      assert.match(f.detail!, /^kube-vip \(v1\.0\.0 and later\) looks only at whether the value is empty, so "false" turns this on\. Remove the annotation to leave it off\.$/);
      assert.strictEqual(f.fixes[0].preferred, true);
      assert.strictEqual(fixed(text, f), text.replace('    kube-vip.io/egress-internal: "false"   # iptables please\n', ''));
    });

    it('egress-detect-api-server "0" is on too; in a flow map there is no line to remove, so no fix', () => {
      const { f } = one(['kube-vip.io/egress-detect-api-server: "0"']);
      assert.strictEqual(f.messageId, 'falseIsOn');
      assert.match(f.message, /v1\.2\.2\+/);
      assert.match(f.detail!, /\(v1\.2\.2 and later\)/);
      const flow = service([]).replace('  annotations:\n', '  annotations: {kube-vip.io/egress-internal: "false"}\n');
      const [g] = findingsOf(flow, RULE);
      assert.strictEqual(g.messageId, 'falseIsOn');
      assert.deepStrictEqual(g.fixes, []);
    });

    it('egress-no-internal-traffic "False" or "0" is on: the fix writes the one off spelling, "false"', () => {
      for (const value of ['"False"', '"0"', '"no"']) {
        const { text, f } = one([`kube-vip.io/egress-no-internal-traffic: ${value}`]);
        assert.strictEqual(f.messageId, 'onlyFalseIsOff', value);
        assert.match(f.message, /turns it on: kube-vip v1\.2\.2\+ reads only "false" as off\. Use "false"\.$/);
        assert.match(f.detail!, /every value except "" and the exact "false" as on/);
        assert.strictEqual(fixed(text, f), text.replace(value, '"false"'));
      }
      assert.deepStrictEqual(run(['kube-vip.io/egress-no-internal-traffic: "true"']).fs, []);
    });

    it('ddns "yes" fails the Service: an error, fixed to "true"; an empty value has no fix', () => {
      const { text, f } = one(['kube-vip.io/ddns: "yes"']);
      assert.strictEqual(f.messageId, 'ddnsNotBool');
      assert.strictEqual(f.severity, 'error');
      assert.match(f.message, /^kube-vip\.io\/ddns "yes" is not a Go boolean: kube-vip v1\.0\.3\+ refuses the Service\. Use "true"\.$/);
      assert.match(f.detail!, /^kube-vip \(v1\.0\.3 and later\) parses "yes" with Go's strconv\.ParseBool and, on an error, refuses the whole Service \("Failed to add service"\): its address is not advertised\./);
      assert.strictEqual(fixed(text, f), text.replace('"yes"', '"true"'));
      const off = one(['kube-vip.io/ddns: "off"']);
      assert.strictEqual(fixed(off.text, off.f), off.text.replace('"off"', '"false"'));
      const empty = one(['kube-vip.io/ddns: ""']);
      assert.match(empty.f.message, /^kube-vip\.io\/ddns is empty, so it is not a Go boolean: .*Use "true" or "false"\.$/);
      assert.match(empty.f.detail!, /parses an empty value with Go's strconv\.ParseBool/);
      assert.deepStrictEqual(empty.f.fixes, []);
      for (const value of ['"1"', '"f"', '"FALSE"']) assert.deepStrictEqual(run([`kube-vip.io/ddns: ${value}`]).fs, [], value);
    });
  });

  describe('unquoted values', () => {
    it('egress: true is rejected by the API: an error, quoted by the fix', () => {
      const { text, f } = one(['kube-vip.io/egress: true']);
      assert.strictEqual(f.messageId, 'notString');
      assert.strictEqual(f.severity, 'error');
      assert.strictEqual(covered(text, f), 'true');
      assert.match(f.message, /^kube-vip\.io\/egress: unquoted true is a YAML boolean; the Kubernetes API rejects the Service\. Quote it: "true"\.$/);
      assert.match(f.detail!, /^The unquoted value true is a boolean in YAML, but annotation values must be strings: the Kubernetes API rejects the Service\./);
      assert.strictEqual(fixed(text, f), text.replace('egress: true', 'egress: "true"'));
    });

    it('a YAML 1.1 word on a switch becomes the spelling kube-vip acts on; a number stays as typed', () => {
      const yes = one(['kube-vip.io/ignore: yes']);
      assert.strictEqual(fixed(yes.text, yes.f), yes.text.replace('ignore: yes', 'ignore: "true"'));
      const ddns = one(['kube-vip.io/ddns: Off']);
      assert.strictEqual(fixed(ddns.text, ddns.f), ddns.text.replace('ddns: Off', 'ddns: "false"'));
      const rp = one(['kube-vip.io/rp_filter: 2']);
      assert.match(rp.f.message, /unquoted 2 is a YAML number/);
      assert.match(rp.f.detail!, /is a number in YAML/);
      assert.strictEqual(fixed(rp.text, rp.f), rp.text.replace('rp_filter: 2', 'rp_filter: "2"'));
    });

    it('egress-internal: false would still be on once quoted: the fix removes it', () => {
      const { text, f } = one(['kube-vip.io/egress-internal: false']);
      assert.strictEqual(f.messageId, 'notString');
      assert.match(f.message, /Remove the annotation\.$/);
      assert.match(f.detail!, /Quoted, "false" would still turn it on/);
      assert.strictEqual(fixed(text, f), text.replace('    kube-vip.io/egress-internal: false\n', ''));
    });

    it('a tagged value is reported without a fix (the tag would stay)', () => {
      const { f } = one(['kube-vip.io/egress: !!bool true']);
      assert.strictEqual(f.messageId, 'notString');
      assert.deepStrictEqual(f.fixes, []);
    });
  });

  describe('kube-vip.io/loadbalancerIPs', () => {
    it('an address with a bad octet: an error on that entry only', () => {
      const { text, f } = one(['kube-vip.io/loadbalancerIPs: "10.0.0.5,10.0.0.300"']);
      assert.strictEqual(f.messageId, 'invalidIp');
      assert.strictEqual(f.severity, 'error');
      assert.strictEqual(covered(text, f), '10.0.0.300');
      assert.match(f.message, /^kube-vip\.io\/loadbalancerIPs: "10\.0\.0\.300" is not a valid IP address, so no address comes from it\. Correct or remove it\.$/);
      assert.match(f.detail!, /^kube-vip splits the value on commas and takes an entry that does not parse as an IP for a DNS name/);
      assert.match(f.detail!, /kube-vip-cloud-provider \(v0\.0\.10 – v0\.0\.12\) fails to parse it too/);
      assert.deepStrictEqual(f.fixes, []);
    });

    it('a host prefix is dropped by the fix; spaces as separators become commas', () => {
      const cidr = one(['kube-vip.io/loadbalancerIPs: 10.0.0.5/32']);
      assert.strictEqual(covered(cidr.text, cidr.f), '10.0.0.5/32');
      assert.match(cidr.f.message, /"10\.0\.0\.5\/32" has a prefix length.*Write the bare address\.$/);
      assert.strictEqual(fixed(cidr.text, cidr.f), cidr.text.replace('10.0.0.5/32', '10.0.0.5'));
      const spaced = one(['kube-vip.io/loadbalancerIPs: "10.0.0.5 fd00::5"']);
      assert.match(spaced.f.message, /"10\.0\.0\.5 fd00::5" holds several values.*Separate addresses with commas\.$/);
      assert.strictEqual(fixed(spaced.text, spaced.f), spaced.text.replace('"10.0.0.5 fd00::5"', '"10.0.0.5,fd00::5"'));
      assert.strictEqual(one(['kube-vip.io/loadbalancerIPs: "10.0.0.0/24"']).f.fixes.length, 0);
    });

    it('a stray comma is an empty entry, reported on the whole value', () => {
      const { text, f } = one(['kube-vip.io/loadbalancerIPs: "10.0.0.5,"']);
      assert.strictEqual(covered(text, f), '"10.0.0.5,"');
      assert.match(f.message, /an empty entry \(a stray comma\).*Remove the extra comma\.$/);
      assert.strictEqual(fixed(text, f), text.replace('"10.0.0.5,"', '"10.0.0.5"'));
    });

    it('spaces after the comma: kube-vip trims them, the cloud provider does not (warning, fixed)', () => {
      const { text, f } = one(['kube-vip.io/loadbalancerIPs: "10.0.0.5, fd00::5"']);
      assert.strictEqual(f.messageId, 'listWhitespace');
      assert.strictEqual(f.severity, 'warning');
      assert.match(f.message, /^kube-vip\.io\/loadbalancerIPs has spaces: kube-vip trims them, but the cloud provider may fail on them\. Remove the spaces\.$/);
      assert.match(f.detail!, /^kube-vip trims them \(v0\.7\.0 and later\), but the kube-vip-cloud-provider \(v0\.0\.10 – v0\.0\.12\) does not/);
      assert.match(f.detail!, /Releases v0\.5\.12 – v0\.6\.4 of kube-vip read the whole value as one address\.$/);
      assert.strictEqual(fixed(text, f), text.replace('"10.0.0.5, fd00::5"', '"10.0.0.5,fd00::5"'));
    });

    it('DHCP addresses, DNS names, IPv6 and an empty value are accepted', () => {
      for (const value of ['"0.0.0.0"', '"::"', 'lb.example.com', '"fd00::5"', '""', '"10.0.0.5,fd00::5"']) {
        assert.deepStrictEqual(run([`kube-vip.io/loadbalancerIPs: ${value}`]).fs, [], value);
      }
    });

    it('spec.loadBalancerIP that the annotation does not list: warned on the spec field, related to the annotation', () => {
      const { text, f } = one(['kube-vip.io/loadbalancerIPs: "10.0.0.5"'], ['loadBalancerIP: 10.0.0.9']);
      assert.strictEqual(f.messageId, 'loadBalancerIPIgnored');
      assert.strictEqual(f.severity, 'warning');
      assert.strictEqual(covered(text, f), '10.0.0.9');
      assert.match(f.message, /^spec\.loadBalancerIP 10\.0\.0\.9 is ignored: kube-vip v0\.5\.12\+ uses loadbalancerIPs "10\.0\.0\.5"\. Put the one you want there\.$/);
      assert.match(f.detail!, /^kube-vip uses the kube-vip\.io\/loadbalancerIPs annotation \(10\.0\.0\.5\) whenever it is present\. Put the address you want in the annotation, or remove one of the two\./);
      assert.match(f.detail!, /v0\.5\.0 – v0\.5\.11 read only spec\.loadBalancerIP/);
      assert.strictEqual(f.related.length, 1);
      assert.strictEqual(text.slice(f.related[0].span.start, f.related[0].span.end), 'kube-vip.io/loadbalancerIPs: "10.0.0.5"');
    });

    it('the same address in both places (as the cloud provider writes it) is silent, whatever the IPv6 spelling', () => {
      assert.deepStrictEqual(run(['kube-vip.io/loadbalancerIPs: "10.0.0.5,fd00::5"'], ['loadBalancerIP: 10.0.0.5']).fs, []);
      assert.deepStrictEqual(run(['kube-vip.io/loadbalancerIPs: "FD00:0:0::5"'], ['loadBalancerIP: "fd00::5"']).fs, []);
      assert.deepStrictEqual(run(['kube-vip.io/loadbalancerIPs: ""'], ['loadBalancerIP: 10.0.0.9']).fs, []);
    });
  });

  describe('other formats', () => {
    it('rp_filter outside 0–2, a lease duration without a unit, a VLAN without an id: warnings naming the fallback', () => {
      const rp = one(['kube-vip.io/rp_filter: "3"']);
      assert.strictEqual(rp.f.messageId, 'invalidValue');
      assert.match(rp.f.message, /^kube-vip\.io\/rp_filter: 3 is out of range, so kube-vip v1\.0\.0\+ uses 0\. Use 0, 1 or 2\.$/);
      assert.match(rp.f.detail!, /^Use 0 \(off\), 1 \(strict\) or 2 \(loose\)\. kube-vip logs an error and sets rp_filter 0 on the DHCP interface \(v1\.0\.0 and later\)\.$/);
      const upnp = one(['kube-vip.io/upnp-lease-duration: "3600"']);
      assert.match(upnp.f.message, /"3600" is not a Go duration, .*Add a unit, e\.g\. "30s" or "1h"\.$/);
      assert.match(upnp.f.detail!, /with a unit, e\.g\. "30s", "1h" or "1h30m" \("0s" for a permanent mapping\)/);
      assert.match(upnp.f.detail!, /default lease of one hour \(v1\.0\.3 and later\)\.$/);
      assert.match(one(['kube-vip.io/upnp-lease-duration: "-1h"']).f.message, /"-1h" is negative.*Remove the minus sign\.$/);
      const vlan = one(['kube-vip.io/serviceVLAN: "eth0-200"']);
      assert.match(vlan.f.message, /is not "<interface>\.<id>", so the Service may fail\. Use e\.g\. "eth0\.200"\.$/);
      assert.match(vlan.f.detail!, /fails to add the Service unless an interface of exactly that name exists/);
      assert.match(one(['kube-vip.io/serviceVLAN: "eth0.5000"']).f.message, /the VLAN id 5000 is outside 1 – 4094.*Use an id from 1 to 4094\.$/);
    });

    it('"0", "0s" and ".5h" are Go durations', () => {
      for (const value of ['"0"', '"0s"', '".5h"', '"1h30m"']) assert.deepStrictEqual(run([`kube-vip.io/upnp-lease-duration: ${value}`]).fs, [], value);
    });
  });

  describe('what is not checked', () => {
    it('templated values and keys stay silent', () => {
      assert.deepStrictEqual(run(['kube-vip.io/egress: "{{ .Values.egress }}"', 'kube-vip.io/loadbalancerIPs: "{{ .Values.ip }}"']).fs, []);
      assert.deepStrictEqual(run(['kube-vip.io/{{ .Values.key }}: "true"']).fs, []);
      assert.deepStrictEqual(run(['kube-vip.io/loadbalancerIPs: "10.0.0.5"'], ['loadBalancerIP: "{{ .Values.ip }}"']).fs, []);
    });

    it('the rule can be turned off', () => {
      assert.deepStrictEqual(findingsOf(service(['kube-vip.io/egress: "True"']), RULE, { rules: { [RULE]: 'off' } }), []);
    });
  });

  it('in a workspace, the finding stays in the Service\'s file, next to a kube-vip DaemonSet in another', () => {
    const svc = service(['kube-vip.io/ignore: "True"']);
    const ds = daemonSet('ghcr.io/kube-vip/kube-vip:v1.2.3', [{ name: 'vip_arp', raw: '"true"' }, { name: 'svc_enable', raw: '"true"' }]);
    const results = lintFiles([
      { uri: 'file:///ws/svc.yaml', text: svc },
      { uri: 'file:///ws/kube-vip.yaml', text: ds },
    ]);
    const of = (uri: string) => results.find((r) => r.uri === uri)!.findings.filter((f) => f.rule === RULE);
    assert.deepStrictEqual(of('file:///ws/kube-vip.yaml'), []);
    const [f] = of('file:///ws/svc.yaml');
    assert.strictEqual(f.messageId, 'notExactTrue');
    assert.strictEqual(covered(svc, f), '"True"');
  });

  describe('hover on a key', () => {
    const text = service(['kube-vip.io/egress-internal: "true"', 'kube-vip.io/loadbalancerIPs: "10.0.0.5"', 'kube-vip.io/nope: "x"']);
    const at = (needle: string) => hoverAt(lintText(text), text.indexOf(needle) + 3);

    it('shows meaning, value semantics, first release and source, over the key', () => {
      const h = at('kube-vip.io/egress-internal')!;
      assert.strictEqual(text.slice(h.span.start, h.span.end), 'kube-vip.io/egress-internal');
      assert.match(h.markdown, /^\*\*kube-vip\.io\/egress-internal\*\*: Service annotation, read by kube-vip/);
      assert.match(h.markdown, /Value: on for \*\*any\*\* non-empty value, `"false"` included/);
      assert.match(h.markdown, /kube-vip: from v1\.0\.0 \(still read by v1\.2\.3\)/);
      assert.match(h.markdown, /Source: `v1\.2\.3:pkg\/services\/services\.go:310`$/);
    });

    it('names the cloud provider where it reads the key too; nothing for unknown keys or values', () => {
      assert.match(at('kube-vip.io/loadbalancerIPs')!.markdown, /kube-vip-cloud-provider: reads and writes it from v0\.0\.5\./);
      assert.strictEqual(at('kube-vip.io/nope'), undefined);
      assert.strictEqual(hoverAt(lintText(text), text.indexOf('"10.0.0.5"') + 2), undefined);
    });
  });
});

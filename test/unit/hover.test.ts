import * as assert from 'assert';
import { lintText } from '../../server/src/core';
import { escapeMarkdownHtml, hoverAt, prefixListHover } from '../../server/src/core/hover';
import { ENV_VARS } from '../../server/src/core/catalog';
import { daemonSet, dualStack } from '../helpers';

const hoverOn = (text: string, needle: string, delta = 1) => hoverAt(lintText(text), text.indexOf(needle) + delta);

describe('hover', () => {
  it('explains prefix-list values', () => {
    assert.strictEqual(prefixListHover('32,128'), 'IPv4 /32, IPv6 /128');
    assert.strictEqual(prefixListHover('auto,128'), 'IPv4 auto (the subnet of the interface, Services only), IPv6 /128');
    assert.match(prefixListHover('128')!, /^IPv4 \/128; IPv6 Services get \/128/);
    assert.match(prefixListHover('/24')!, /pre-v0\.9\.0 vip_subnet form/);
  });

  it('on a vip_subnet value, over the value span', () => {
    const text = dualStack('ghcr.io/kube-vip/kube-vip:v1.2.3', [{ name: 'vip_subnet', raw: '"32,128"' }]);
    const h = hoverOn(text, '"32,128"', 2)!;
    assert.strictEqual(h.markdown, 'IPv4 /32, IPv6 /128');
    assert.strictEqual(text.slice(h.span.start, h.span.end), '"32,128"');
  });

  it('on a name: type, mode, summary, versions, default for the image version, example', () => {
    const text = dualStack('ghcr.io/kube-vip/kube-vip:v1.0.4', [{ name: 'vip_leaseduration', raw: '"15"' }]);
    const md = hoverOn(text, 'vip_leaseduration')!.markdown;
    assert.match(md, /^\*\*vip_leaseduration\*\*: integer, seconds \(kube-vip, leader-election\)/);
    assert.match(md, /- \*\*Read by:\*\* v0\.5\.0 and later/);
    assert.match(md, /- \*\*Default on v1\.0\.4:\*\* 5/);
    assert.match(md, /```yaml\n- name: vip_leaseduration\n {2}value: "\d+"\n```/);
    const newer = dualStack('ghcr.io/kube-vip/kube-vip:v1.2.3', [{ name: 'vip_leaseduration', raw: '"15"' }]);
    assert.match(hoverOn(newer, 'vip_leaseduration')!.markdown, /- \*\*Default on v1\.2\.3:\*\* 15/);
  });

  it('says when the image does not read the variable', () => {
    const text = dualStack('ghcr.io/kube-vip/kube-vip:v0.9.0', [{ name: 'vip_cidr', raw: '"32"' }]);
    const md = hoverOn(text, 'vip_cidr')!.markdown;
    assert.match(md, /until v0\.9\.0, which no longer reads it \(use `vip_subnet`\)/);
    assert.match(md, /\*\*Not read by v0\.9\.0\*\*/);
  });

  it('on names kube-vip never reads', () => {
    const text = daemonSet('ghcr.io/kube-vip/kube-vip:v1.2.3', [{ name: 'debounce_time', raw: '"1s"' }]);
    assert.match(hoverOn(text, 'debounce_time')!.markdown, /not read by kube-vip[\s\S]*--debounceTime/);
  });

  it('nothing outside kube-vip containers or on unknown names', () => {
    assert.strictEqual(hoverOn(dualStack('nginx:1', [{ name: 'vip_cidr', raw: '"32"' }]), 'vip_cidr'), undefined);
    assert.strictEqual(hoverOn(dualStack('ghcr.io/kube-vip/kube-vip:v1.2.3', [{ name: 'MY_VAR', raw: '"x"' }]), 'MY_VAR'), undefined);
  });

  it('every catalog entry renders', () => {
    const text = daemonSet('ghcr.io/kube-vip/kube-vip:v1.2.3', ENV_VARS.map((s) => ({ name: s.name, raw: JSON.stringify(s.example) })));
    const analysis = lintText(text);
    for (const spec of ENV_VARS) {
      const h = hoverAt(analysis, text.indexOf(`- name: ${spec.name}\n`) + 8);
      assert.ok(h, spec.name);
      assert.ok(h.markdown.startsWith(`**${spec.name}**`), spec.name);
      assert.ok(h.markdown.includes(escapeMarkdownHtml(spec.summary)), spec.name);
    }
  });
});

describe('hover markdown safety', () => {
  it('keeps placeholders visible: angle brackets are escaped outside code spans', () => {
    assert.strictEqual(escapeMarkdownHtml('Format "<v4>[,<v6>]" or `<iface>`'), 'Format "&lt;v4&gt;[,&lt;v6&gt;]" or `<iface>`');
    const text = dualStack('ghcr.io/kube-vip/kube-vip:v0.8.9', [{ name: 'vip_cidr', raw: '"32"' }]);
    const md = hoverOn(text, 'vip_cidr')!.markdown;
    assert.doesNotMatch(md.replace(/`[^`]*`/g, ''), /<[a-z]/i);
    assert.match(md, /`"<IPv4 prefix>,<IPv6 prefix>"`/);
  });
});

describe('hover on values', () => {
  const img = 'ghcr.io/kube-vip/kube-vip:v1.2.3';
  const valueHover = (name: string, raw: string, image = img) => {
    const text = daemonSet(image, [{ name, raw }]);
    return hoverOn(text, `value: ${raw}`, 8)?.markdown;
  };
  it('booleans: the reading and the accepted spellings', () => {
    assert.match(valueHover('vip_arp', '"True"')!, /^\*\*true\*\*\. Go's strconv\.ParseBool accepts `1` `t` `T` `TRUE` `true` `True` and `0` `f`/);
    assert.match(valueHover('vip_arp', '"0"')!, /^\*\*false\*\*/);
    assert.match(valueHover('vip_arp', '"yes"')!, /^\*\*not a boolean\*\* for kube-vip/);
  });
  it('enums list their exact values', () => {
    assert.strictEqual(valueHover('dns_mode', '"IPv4"'), '`IPv4` — **not** one of `first`, `ipv4`, `ipv6`, `dual` (exact, case-sensitive).');
  });
  it('durations name their unit', () => {
    assert.strictEqual(valueHover('vip_leaseduration', '"15"'), '15 seconds');
    assert.strictEqual(valueHover('vip_arpRate', '"3000"'), '3000 ms (3 s)');
  });
  it('audit H7: pre-v0.9.0 vip_subnet is a suffix appended to every VIP address', () => {
    assert.match(valueHover('vip_subnet', '"/24"', 'ghcr.io/kube-vip/kube-vip:v0.8.9')!, /^Suffix `\/24` appended, as written, to every VIP address on v0\.8\.9/);
  });
  it('audit H2: the prefix-list hover follows the version and mode', () => {
    const hoverIn = (tag: string, mode: string, raw: string) => {
      const text = daemonSet(`ghcr.io/kube-vip/kube-vip:${tag}`, [{ name: mode, raw: '"true"' }, { name: tag < 'v0.9' ? 'vip_cidr' : 'vip_subnet', raw }]);
      return hoverOn(text, `value: ${raw}`, 8)?.markdown;
    };
    assert.match(hoverIn('v0.8.9', 'bgp_enable', '"32,128"')!, /^BGP mode on v0\.8\.9 does not split the list: VIPs are advertised as `<ip>\/32,128`/);
    assert.match(hoverIn('v0.8.4', 'vip_arp', '"32,128"')!, /^Not used by v0\.8\.4 in this mode/);
    assert.strictEqual(hoverIn('v0.8.9', 'vip_arp', '"32,128"'), 'IPv4 /32, IPv6 /128');
    assert.match(hoverIn('v0.8.9', 'vip_arp', '"32"')!, /IPv6 VIPs also get \/32/);
    assert.match(hoverIn('v1.2.3', 'bgp_enable', '"32"')!, /IPv6 Services get \/128 \(the default\)/);
  });
  it('no value hover for a value over 4 KB: it would quote megabytes', () => {
    assert.ok(valueHover('bgp_peers', `"${'10.0.0.1:65000::false,'.repeat(180)}"`));
    assert.strictEqual(valueHover('bgp_peers', `"${'10.0.0.1:65000::false,'.repeat(200)}"`), undefined);
    assert.strictEqual(valueHover('vip_subnet', `"${'1'.repeat(5000)}"`), undefined);
  });
});

describe('hover on bgp_peers', () => {
  it('renders the peers as a table for the image version, with passwords masked', () => {
    const text = daemonSet('ghcr.io/kube-vip/kube-vip:v1.2.3', [{ name: 'bgp_peers', raw: '"192.168.0.10:65000:s3cret:true,[fd00::1]:65001"' }]);
    const md = hoverOn(text, '192.168', 2)!.markdown;
    assert.match(md, /\| 1 \| 192\.168\.0\.10 \| 65000 \| •••• \| true \| 179 \|/);
    assert.match(md, /\| 2 \| fd00::1 \| 65001 \|/);
    assert.doesNotMatch(md, /s3cret/);
  });
  it('audit M3: the port column shows the port dialled (179), a written port is marked ignored', () => {
    const text = daemonSet('ghcr.io/kube-vip/kube-vip:v1.2.3', [{ name: 'bgp_enable', raw: '"true"' }, { name: 'bgp_peers', raw: '"10.0.0.1:65000::false:1790,10.0.0.2:65000"' }]);
    const md = hoverOn(text, '10.0.0.1', 2)!.markdown;
    assert.match(md, /\| 1 \| 10\.0\.0\.1 \| 65000 \|  \| false \| 179 \(1790 ignored\) \|  \|/);
    assert.match(md, /Port "1790" is parsed but never used/);
  });
  it('missed trap: per-peer MP-BGP options shown as ignored when the mpbgp_nexthop env is unset', () => {
    const peers = { name: 'bgp_peers', raw: '"10.0.0.1:65000::false::mpbgp_nexthop=auto_sourceip"' };
    const unset = daemonSet('ghcr.io/kube-vip/kube-vip:v1.2.3', [{ name: 'bgp_enable', raw: '"true"' }, peers]);
    assert.match(hoverOn(unset, '10.0.0.1', 2)!.markdown, /mpbgp_nexthop=auto_sourceip \(ignored\)/);
    const set = daemonSet('ghcr.io/kube-vip/kube-vip:v1.2.3', [{ name: 'bgp_enable', raw: '"true"' }, peers, { name: 'mpbgp_nexthop', raw: 'fixed' }]);
    assert.doesNotMatch(hoverOn(set, '10.0.0.1', 2)!.markdown, /ignored/);
  });
});

describe('hover on a container (effective configuration)', () => {
  it('an env-list excerpt has no image: its first env name keeps the name hover', () => {
    const text = '- name: vip_arp\n  value: "true"\n- name: vip_interface\n  value: eth0\n';
    assert.match(hoverOn(text, 'vip_arp')!.markdown, /^\*\*vip_arp\*\*: boolean/);
  });
  it('a bare container excerpt: the table on its image', () => {
    const text = 'name: kube-vip\nimage: ghcr.io/kube-vip/kube-vip:v1.2.3\nenv:\n- name: vip_arp\n  value: "true"\n';
    const h = hoverOn(text, 'ghcr.io')!;
    assert.strictEqual(text.slice(h.span.start, h.span.end), 'ghcr.io/kube-vip/kube-vip:v1.2.3');
    assert.match(h.markdown, /^\*\*kube-vip v1\.2\.3 · ARP · control plane off · Services off\*\*\n\n\| Setting \| Value \| From \|/);
  });
});

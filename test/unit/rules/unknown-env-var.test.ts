import * as assert from 'assert';
import { rule } from '../../../server/src/core/rules/unknown-env-var';
import { checkRule, covered, daemonSet, fixed } from '../../helpers';

const img = (tag: string) => `ghcr.io/kube-vip/kube-vip:${tag}`;
const one = (tag: string, name: string, raw = '"1"') => daemonSet(img(tag), [{ name: 'vip_arp', raw: '"true"' }, { name, raw }]);

describe('unknown-env-var', () => {
  it('wrong case: vip_arprate -> vip_arpRate, warning on the name, preferred rename keeping the value', () => {
    const text = one('v1.2.3', 'vip_arprate', '"3000" # ms');
    const [f] = checkRule(rule, text);
    assert.strictEqual(f.severity, 'warning');
    assert.strictEqual(covered(text, f), 'vip_arprate');
    assert.strictEqual(
      f.message,
      'kube-vip does not read vip_arprate, so on v1.2.3 this entry is silently ignored. Names are case-sensitive: the variable is vip_arpRate.',
    );
    assert.strictEqual(f.fixes.length, 1);
    assert.strictEqual(f.fixes[0].title, 'Rename vip_arprate to vip_arpRate');
    assert.strictEqual(f.fixes[0].preferred, true);
    assert.strictEqual(fixed(text, f), text.replace('- name: vip_arprate', '- name: vip_arpRate'));
  });

  it('separators: bgp_source_if -> bgp_sourceif', () => {
    const text = one('v1.2.3', 'bgp_source_if', 'eth0');
    const [f] = checkRule(rule, text);
    assert.match(f.message, /The variable is spelt bgp_sourceif\.$/);
    assert.strictEqual(fixed(text, f), text.replace('bgp_source_if', 'bgp_sourceif'));
  });

  it('typo: cp_enabled -> cp_enable ("did you mean")', () => {
    const text = one('v1.2.3', 'cp_enabled', '"true"');
    const [f] = checkRule(rule, text);
    assert.match(f.message, /Did you mean cp_enable\?$/);
    assert.strictEqual(fixed(text, f), text.replace('- name: cp_enabled', '- name: cp_enable'));
  });

  it('transposition counts as one edit: vip_leaesduration -> vip_leaseduration', () => {
    const [f] = checkRule(rule, one('v1.2.3', 'vip_leaesduration', '"15"'));
    assert.match(f.message, /Did you mean vip_leaseduration\?/);
  });

  it('prefers the name this image reads: enableupnp is enable_upnp on v1.0.0 but enableUPNP on v0.9.2', () => {
    const [newer] = checkRule(rule, one('v1.0.0', 'enableupnp', '"true"'));
    assert.match(newer.message, /The variable is spelt enable_upnp\./);
    assert.strictEqual(newer.fixes[0].title, 'Rename enableupnp to enable_upnp');
    const [older] = checkRule(rule, one('v0.9.2', 'enableupnp', '"true"'));
    assert.match(older.message, /Names are case-sensitive: the variable is enableUPNP\./);
    assert.strictEqual(older.fixes[0].title, 'Rename enableupnp to enableUPNP');
  });

  it('a suggestion the image no longer reads: rename to its same-meaning replacement', () => {
    const text = one('v1.2.3', 'VIP_CIDR', '"32"');
    const [f] = checkRule(rule, text);
    assert.strictEqual(
      f.message,
      'kube-vip does not read VIP_CIDR, so on v1.2.3 this entry is silently ignored. Names are case-sensitive: the variable is vip_cidr. ' +
        'v1.2.3 does not read vip_cidr either (it is read from v0.5.0 until v0.9.0); use vip_subnet.',
    );
    assert.strictEqual(fixed(text, f), text.replace('- name: VIP_CIDR', '- name: vip_subnet'));
  });

  it('no rename when the target is already set', () => {
    const text = daemonSet(img('v1.2.3'), [{ name: 'vip_arpRate', raw: '"3000"' }, { name: 'vip_arprate', raw: '"3000"' }]);
    const [f] = checkRule(rule, text);
    assert.match(f.message, /the variable is vip_arpRate/);
    assert.deepStrictEqual(f.fixes, []);
  });

  it('catalog names are never reported, even when this image does not read them (env-var-version does)', () => {
    for (const name of ['enableUPNP', 'vip_cidr', 'EGRESS_CLEAN', 'vip_arp', 'HOSTNAME', 'vip_startleader']) {
      assert.deepStrictEqual(checkRule(rule, one('v1.2.3', name, '"true"')), [], name);
    }
  });

  describe('known wrong names get their specific reason', () => {
    it('annotations -> annotation', () => {
      const text = one('v1.2.3', 'annotations', 'metal.equinix.com');
      const [f] = checkRule(rule, text);
      assert.strictEqual(
        f.message,
        'kube-vip does not read annotations, so on v1.2.3 this entry is silently ignored. The docs table spells it in the plural, but kube-vip reads the singular "annotation". Use annotation instead.',
      );
      assert.strictEqual(fixed(text, f), text.replace('- name: annotations', '- name: annotation'));
    });
    it('bgppeers -> bgp_peers', () => {
      const text = one('v1.2.3', 'bgppeers', '"10.0.0.1:65000::false"');
      const [f] = checkRule(rule, text);
      assert.match(f.message, /spelling of the CLI flag \(--bgppeers\)/);
      assert.strictEqual(fixed(text, f), text.replace('- name: bgppeers', '- name: bgp_peers'));
    });
    it('debounce_time: pass the arg, with the value from the manifest; no fix', () => {
      const [f] = checkRule(rule, one('v1.2.3', 'debounce_time', '"500ms"'));
      assert.match(f.message, /^kube-vip does not read debounce_time, so on v1\.2\.3 this entry is silently ignored\. `kube-vip manifest --debounceTime` writes it/);
      assert.match(f.message, /Pass --debounceTime=500ms in the container's args instead\.$/);
      assert.deepStrictEqual(f.fixes, []);
      const [bare] = checkRule(rule, daemonSet(img('v1.2.3'), [{ name: 'debounce_time' }]));
      assert.match(bare.message, /Pass --debounceTime=<duration> in the container's args instead\.$/);
    });
    it('vip_routingtableprotocol -> vip_routingprotocol; bgp_interface -> bgp_routerinterface', () => {
      assert.strictEqual(checkRule(rule, one('v1.2.3', 'vip_routingtableprotocol', '"248"'))[0].fixes[0].title, 'Rename vip_routingtableprotocol to vip_routingprotocol');
      assert.strictEqual(checkRule(rule, one('v1.2.3', 'bgp_interface', 'eth0'))[0].fixes[0].title, 'Rename bgp_interface to bgp_routerinterface');
    });
    it('raft-era names without a replacement: reason, no fix', () => {
      const [f] = checkRule(rule, one('v0.8.9', 'vip_localpeer', 'a:b:c'));
      assert.match(f.message, /no kube-vip release from v0\.5\.0 on reads it/);
      assert.deepStrictEqual(f.fixes, []);
    });
    it('other spellings of a known wrong name get its reason too (DEBOUNCE_TIME)', () => {
      const [f] = checkRule(rule, one('v1.2.3', 'DEBOUNCE_TIME', '"1s"'));
      assert.match(f.message, /Pass --debounceTime=1s in the container's args instead\.$/);
    });
  });

  it('a kube-vip-looking name with no close match: warning without a suggestion', () => {
    const text = one('v1.2.3', 'vip_frobnicate', '"true"');
    const [f] = checkRule(rule, text);
    assert.strictEqual(
      f.message,
      'kube-vip does not read vip_frobnicate, so on v1.2.3 this entry is silently ignored. No kube-vip variable has a similar name: check the spelling against the kube-vip documentation for this version.',
    );
    assert.deepStrictEqual(f.fixes, []);
    assert.strictEqual(checkRule(rule, one('v1.2.3', 'EGRESS_SOMETHING'))[0]?.severity, 'warning');
  });

  it('names meant for the runtime, Go or libraries are left alone', () => {
    const names = ['TZ', 'HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'http_proxy', 'https_proxy', 'no_proxy', 'GODEBUG', 'GOMAXPROCS', 'GOMEMLIMIT', 'GOGC',
      'SSL_CERT_FILE', 'SSL_CERT_DIR', 'KUBECONFIG', 'POD_NAME', 'POD_NAMESPACE', 'NODE_NAME', 'POD_IP', 'NODE_IP', 'PATH', 'LANG', 'KUBERNETES_SERVICE_PORT'];
    const text = daemonSet(img('v1.2.3'), names.map((name) => ({ name, raw: '"x"' })));
    assert.deepStrictEqual(checkRule(rule, text), []);
  });

  it('templated names are not judged', () => {
    const text = daemonSet(img('v1.2.3'), ['        - name: "vip_{{ .Values.suffix }}"\n          value: "1"']);
    assert.deepStrictEqual(checkRule(rule, text), []);
  });

  it('images older than the researched range (v0.4.x) are not judged: the catalog may miss names they read', () => {
    assert.deepStrictEqual(checkRule(rule, one('v0.4.1', 'vip_localpeer', 'a:b:c')), []);
    assert.strictEqual(checkRule(rule, one('v0.5.0', 'vip_localpeer', 'a:b:c')).length, 1);
  });

  it('single-quoted names keep their quotes when renamed; flow style too', () => {
    const text = daemonSet(img('v1.2.3'), ["        - name: 'vip_arprate'\n          value: '3000'", '        - {name: bgp_source_if, value: eth0}']);
    const [a, b] = checkRule(rule, text);
    assert.strictEqual(fixed(text, a), text.replace("'vip_arprate'", "'vip_arpRate'"));
    assert.strictEqual(fixed(text, b), text.replace('{name: bgp_source_if,', '{name: bgp_sourceif,'));
  });

  it('several equally good suggestions: listed, no fix', () => {
    const [f] = checkRule(rule, one('v1.2.3', 'svc_namespac', 'x'));
    assert.ok(f);
    assert.match(f.message, /Did you mean svc_namespace\?/);
    const [tie] = checkRule(rule, one('v1.2.3', 'bgp_peera', '"65000"'));
    assert.match(tie.message, /Did you mean bgp_peeras or bgp_peers\?$/);
    assert.deepStrictEqual(tie.fixes, []);
  });
});

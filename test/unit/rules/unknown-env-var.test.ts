import * as assert from 'assert';
import { rule } from '../../../server/src/core/rules/unknown-env-var';
import { checkRule, covered, daemonSet, fixed } from '../../helpers';

const img = (tag: string) => `ghcr.io/kube-vip/kube-vip:${tag}`;
const one = (tag: string, name: string, raw = '"1"') => daemonSet(img(tag), [{ name: 'vip_arp', raw: '"true"' }, { name, raw }]);

describe('unknown-env-var', () => {
  it('wrong case: vip_arprate -> vip_arpRate, warning on the name, preferred rename keeping the value', () => {
    const text = one('v1.2.3', 'vip_arprate', '"3000" # ms');
    const [f] = checkRule(rule, text);
    assert.strictEqual(f.messageId, 'wrongCase');
    assert.strictEqual(f.severity, 'warning');
    assert.strictEqual(covered(text, f), 'vip_arprate');
    assert.strictEqual(f.message, 'vip_arprate is not a kube-vip variable: v1.2.3 ignores it. Did you mean vip_arpRate?');
    assert.strictEqual(
      f.detail,
      'kube-vip looks each variable up by its exact, case-sensitive name, so this entry is silently ignored. Names are case-sensitive: the variable is vip_arpRate.',
    );
    assert.strictEqual(f.fixes.length, 1);
    assert.strictEqual(f.fixes[0].title, 'Rename vip_arprate to vip_arpRate');
    assert.strictEqual(f.fixes[0].preferred, true);
    assert.strictEqual(fixed(text, f), text.replace('- name: vip_arprate', '- name: vip_arpRate'));
  });

  it('separators: bgp_source_if -> bgp_sourceif', () => {
    const text = one('v1.2.3', 'bgp_source_if', 'eth0');
    const [f] = checkRule(rule, text);
    assert.strictEqual(f.messageId, 'spelling');
    assert.match(f.message, /Did you mean bgp_sourceif\?$/);
    assert.match(f.detail!, /The variable is spelt bgp_sourceif\.$/);
    assert.strictEqual(fixed(text, f), text.replace('bgp_source_if', 'bgp_sourceif'));
  });

  it('typo: cp_enabled -> cp_enable ("did you mean")', () => {
    const text = one('v1.2.3', 'cp_enabled', '"true"');
    const [f] = checkRule(rule, text);
    assert.strictEqual(f.messageId, 'typo');
    assert.match(f.message, /Did you mean cp_enable\?$/);
    assert.strictEqual(fixed(text, f), text.replace('- name: cp_enabled', '- name: cp_enable'));
  });

  it('transposition counts as one edit: vip_leaesduration -> vip_leaseduration', () => {
    const [f] = checkRule(rule, one('v1.2.3', 'vip_leaesduration', '"15"'));
    assert.match(f.message, /Did you mean vip_leaseduration\?/);
  });

  it('prefers the name this image reads: enableupnp is enable_upnp on v1.0.0 but enableUPNP on v0.9.2', () => {
    const [newer] = checkRule(rule, one('v1.0.0', 'enableupnp', '"true"'));
    assert.match(newer.message, /Did you mean enable_upnp\?$/);
    assert.match(newer.detail!, /The variable is spelt enable_upnp\./);
    assert.strictEqual(newer.fixes[0].title, 'Rename enableupnp to enable_upnp');
    const [older] = checkRule(rule, one('v0.9.2', 'enableupnp', '"true"'));
    assert.match(older.message, /Did you mean enableUPNP\?$/);
    assert.match(older.detail!, /Names are case-sensitive: the variable is enableUPNP\./);
    assert.strictEqual(older.fixes[0].title, 'Rename enableupnp to enableUPNP');
  });

  it('a suggestion the image no longer reads: rename to its same-meaning replacement', () => {
    const text = one('v1.2.3', 'VIP_CIDR', '"32"');
    const [f] = checkRule(rule, text);
    assert.strictEqual(f.message, 'VIP_CIDR is not a kube-vip variable: v1.2.3 ignores it. Use vip_subnet.');
    assert.strictEqual(
      f.detail,
      'kube-vip looks each variable up by its exact, case-sensitive name, so this entry is silently ignored. Names are case-sensitive: the variable is vip_cidr. ' +
        'v1.2.3 does not read vip_cidr either (it is read from v0.5.0 until v0.9.0); use vip_subnet.',
    );
    assert.strictEqual(fixed(text, f), text.replace('- name: VIP_CIDR', '- name: vip_subnet'));
  });

  it('no rename when the target is already set', () => {
    const text = daemonSet(img('v1.2.3'), [{ name: 'vip_arpRate', raw: '"3000"' }, { name: 'vip_arprate', raw: '"3000"' }]);
    const [f] = checkRule(rule, text);
    assert.match(f.message, /Did you mean vip_arpRate\?$/);
    assert.match(f.detail!, /the variable is vip_arpRate/);
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
      assert.strictEqual(f.messageId, 'knownWrong');
      assert.strictEqual(f.message, 'annotations is not a kube-vip variable: v1.2.3 ignores it. Use annotation instead.');
      assert.strictEqual(
        f.detail,
        'kube-vip looks each variable up by its exact, case-sensitive name, so this entry is silently ignored. The docs table spells it in the plural, but kube-vip reads the singular "annotation".',
      );
      assert.strictEqual(fixed(text, f), text.replace('- name: annotations', '- name: annotation'));
    });
    it('bgppeers -> bgp_peers', () => {
      const text = one('v1.2.3', 'bgppeers', '"10.0.0.1:65000::false"');
      const [f] = checkRule(rule, text);
      assert.match(f.message, /Use bgp_peers instead\.$/);
      assert.match(f.detail!, /spelling of the CLI flag \(--bgppeers\)/);
      assert.strictEqual(fixed(text, f), text.replace('- name: bgppeers', '- name: bgp_peers'));
    });
    it('debounce_time: pass the arg, with the value from the manifest; no fix', () => {
      const [f] = checkRule(rule, one('v1.2.3', 'debounce_time', '"500ms"'));
      assert.match(f.message, /^debounce_time is not a kube-vip variable: v1\.2\.3 ignores it\. /);
      assert.match(f.detail!, /this entry is silently ignored\. `kube-vip manifest --debounceTime` writes it/);
      assert.match(f.message, /Pass --debounceTime=500ms in the container's args instead\.$/);
      assert.deepStrictEqual(f.fixes, []);
      const [bare] = checkRule(rule, daemonSet(img('v1.2.3'), [{ name: 'debounce_time' }]));
      assert.match(bare.message, /Pass --debounceTime=<duration> as an arg instead\.$/);
    });
    it('vip_routingtableprotocol -> vip_routingprotocol; bgp_interface -> bgp_routerinterface', () => {
      assert.strictEqual(checkRule(rule, one('v1.2.3', 'vip_routingtableprotocol', '"248"'))[0].fixes[0].title, 'Rename vip_routingtableprotocol to vip_routingprotocol');
      assert.strictEqual(checkRule(rule, one('v1.2.3', 'bgp_interface', 'eth0'))[0].fixes[0].title, 'Rename bgp_interface to bgp_routerinterface');
    });
    it('raft-era names without a replacement: reason, no fix', () => {
      const [f] = checkRule(rule, one('v0.8.9', 'vip_localpeer', 'a:b:c'));
      assert.match(f.message, /Remove it\.$/);
      assert.match(f.detail!, /no kube-vip release from v0\.5\.0 on reads it/);
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
    assert.strictEqual(f.messageId, 'noMatch');
    assert.strictEqual(f.message, 'vip_frobnicate is not a kube-vip variable: v1.2.3 ignores it. Check the spelling.');
    assert.strictEqual(
      f.detail,
      'kube-vip looks each variable up by its exact, case-sensitive name, so this entry is silently ignored. No kube-vip variable has a similar name: check the spelling against the kube-vip documentation for this version.',
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

  describe('issue 7: CLI flag and Go config field names written as env names', () => {
    it('servicesElection (the --servicesElection flag) -> svc_election: warning on the name, preferred rename for a valid value', () => {
      const text = one('v1.2.3', 'servicesElection', '"true" # per-Service leases');
      const [f] = checkRule(rule, text);
      assert.strictEqual(f.messageId, 'flagName');
      assert.strictEqual(f.severity, 'warning');
      assert.strictEqual(covered(text, f), 'servicesElection');
      assert.strictEqual(f.message, 'servicesElection is a kube-vip flag, not an env var: v1.2.3 ignores it. Use svc_election.');
      assert.strictEqual(
        f.detail,
        'kube-vip never reads servicesElection from the environment, so this entry is silently ignored: ' +
          'servicesElection is the kube-vip --servicesElection flag. The env var is svc_election.',
      );
      assert.deepStrictEqual(f.fixes.map((x) => [x.title, x.preferred]), [['Rename servicesElection to svc_election', true]]);
      assert.strictEqual(fixed(text, f), text.replace('- name: servicesElection', '- name: svc_election'));
    });

    it('enableServicesElection (kubevip.Config.EnableServicesElection, a real Cluster API template) -> svc_election', () => {
      const text = one('v0.8.9', 'enableServicesElection', '"true"');
      const [f] = checkRule(rule, text);
      assert.strictEqual(f.messageId, 'configField');
      assert.strictEqual(f.message, 'enableServicesElection is a kube-vip config field, not an env var: v0.8.9 ignores it. Use svc_election.');
      assert.strictEqual(
        f.detail,
        'kube-vip never reads enableServicesElection from the environment, so this entry is silently ignored: ' +
          'enableServicesElection is the kube-vip config field EnableServicesElection (pkg/kubevip/config_types.go). The env var is svc_election.',
      );
      assert.strictEqual(fixed(text, f), text.replace('- name: enableServicesElection', '- name: svc_election'));
      assert.strictEqual(f.fixes[0].preferred, true);
    });

    it('leaderElection, controlplane, arp, interface (flags) name their env vars', () => {
      const cases: [string, string, string][] = [
        ['leaderElection', '"true"', 'vip_leaderelection'],
        ['controlplane', '"true"', 'cp_enable'],
        ['arp', '"true"', 'vip_arp'],
        ['interface', 'eth0', 'vip_interface'],
      ];
      for (const [name, raw, env] of cases) {
        const [f] = checkRule(rule, daemonSet(img('v1.2.3'), [{ name, raw }]));
        assert.strictEqual(f?.messageId, 'flagName', name);
        assert.strictEqual(f.message, `${name} is a kube-vip flag, not an env var: v1.2.3 ignores it. Use ${env}.`);
        assert.ok(f.detail!.includes(`${name} is the kube-vip --${name} flag. The env var is ${env}.`), f.detail);
        assert.deepStrictEqual(f.fixes.map((x) => [x.title, x.preferred]), [[`Rename ${name} to ${env}`, true]]);
      }
    });

    it('EnableControlPlane "yes": the rename is offered but not preferred, cp_enable would reject the value', () => {
      const text = one('v1.2.3', 'EnableControlPlane', '"yes"');
      const [f] = checkRule(rule, text);
      assert.strictEqual(f.messageId, 'configField');
      assert.match(f.message, /Use cp_enable\.$/);
      assert.match(f.detail!, /EnableControlPlane is the kube-vip config field EnableControlPlane \(pkg\/kubevip\/config_types\.go\)\. The env var is cp_enable\.$/);
      assert.deepStrictEqual(f.fixes.map((x) => [x.title, x.preferred]), [['Rename EnableControlPlane to cp_enable', false]]);
    });

    it('VIPCIDR: vip_cidr up to v0.8.10, vip_subnet from v0.9.0 (the field went with vip_cidr); preferred only for a list the image accepts', () => {
      const [old] = checkRule(rule, one('v0.8.9', 'VIPCIDR', '"32"'));
      assert.strictEqual(old.messageId, 'configField');
      assert.match(old.message, /Use vip_cidr\.$/);
      assert.match(old.detail!, /VIPCIDR is the kube-vip config field VIPCIDR \(pkg\/kubevip\/config_types\.go\)\. The env var is vip_cidr\.$/);
      assert.deepStrictEqual(old.fixes.map((x) => [x.title, x.preferred]), [['Rename VIPCIDR to vip_cidr', true]]);
      const text = one('v1.2.3', 'VIPCIDR', '"32"');
      const [now] = checkRule(rule, text);
      assert.strictEqual(now.message, 'VIPCIDR is a kube-vip config field, not an env var: v1.2.3 ignores it. Use vip_subnet.');
      assert.match(now.detail!, /VIPCIDR is the kube-vip config field VIPCIDR \(pkg\/kubevip\/config_types\.go, until v0\.9\.0\)\. Its env var vip_cidr is not read by v1\.2\.3 either; use vip_subnet\.$/);
      assert.deepStrictEqual(now.fixes.map((x) => [x.title, x.preferred]), [['Rename VIPCIDR to vip_subnet', true]]);
      assert.strictEqual(fixed(text, now), text.replace('- name: VIPCIDR', '- name: vip_subnet'));
      // "/24" is the pre-v0.9.0 suffix form, which v0.9.0+ rejects for the control-plane VIP: offered, not preferred.
      const cp = daemonSet(img('v1.2.3'), [
        { name: 'vip_arp', raw: '"true"' },
        { name: 'cp_enable', raw: '"true"' },
        { name: 'address', raw: '192.168.0.40' },
        { name: 'VIPCIDR', raw: '"/24"' },
      ]);
      assert.deepStrictEqual(checkRule(rule, cp)[0].fixes.map((x) => [x.title, x.preferred]), [['Rename VIPCIDR to vip_subnet', false]]);
    });

    it('a setting whose env var this image no longer reads, with no same-meaning replacement: no fix', () => {
      const [f] = checkRule(rule, one('v1.2.3', 'enableEndpointSlices', '"true"'));
      assert.strictEqual(f.messageId, 'flagName');
      assert.strictEqual(f.message, 'enableEndpointSlices is a kube-vip flag, not an env var: v1.2.3 ignores it. enable_endpointslices is not read either.');
      assert.match(f.detail!, /Its env var enable_endpointslices is not read by v1\.2\.3 either \(it is read from v0\.7\.0 until v1\.0\.0\)\.$/);
      assert.deepStrictEqual(f.fixes, []);
    });

    it('EgressClean on v0.9.2 points to EGRESS_CLEAN, which reads values its own way: rename not preferred', () => {
      const [f] = checkRule(rule, one('v0.9.2', 'EgressClean', '"false"'));
      assert.match(f.message, /Use EGRESS_CLEAN\.$/);
      assert.match(f.detail!, /The env var is EGRESS_CLEAN\.$/);
      assert.deepStrictEqual(f.fixes.map((x) => [x.title, x.preferred]), [['Rename EgressClean to EGRESS_CLEAN', false]]);
    });

    it('a catalog name in another case stays a case finding (enableupnp, EnableUPNP on v0.9.2)', () => {
      const [f] = checkRule(rule, one('v0.9.2', 'EnableUPNP', '"true"'));
      assert.strictEqual(f.messageId, 'wrongCase');
      assert.match(f.message, /Did you mean enableUPNP\?$/);
      assert.match(f.detail!, /Names are case-sensitive: the variable is enableUPNP\.$/);
    });

    it('a value from the downward API keeps its reference: nodeName -> vip_nodename, preferred', () => {
      const text = daemonSet(img('v1.2.3'), ['        - name: nodeName\n          valueFrom:\n            fieldRef: {fieldPath: spec.nodeName}']);
      const [f] = checkRule(rule, text);
      assert.strictEqual(f.messageId, 'flagName');
      assert.match(f.message, /Use vip_nodename\.$/);
      assert.match(f.detail!, /nodeName is the kube-vip --nodeName flag\. The env var is vip_nodename\.$/);
      assert.deepStrictEqual(f.fixes.map((x) => [x.title, x.preferred]), [['Rename nodeName to vip_nodename', true]]);
      assert.strictEqual(fixed(text, f), text.replace('- name: nodeName', '- name: vip_nodename'));
    });

    it('no rename when the env var is already set', () => {
      const text = daemonSet(img('v1.2.3'), [{ name: 'svc_election', raw: '"true"' }, { name: 'servicesElection', raw: '"true"' }]);
      const [f] = checkRule(rule, text);
      assert.strictEqual(f.messageId, 'flagName');
      assert.deepStrictEqual(f.fixes, []);
    });

    it('quiet: all-capitals names other programs use (NAMESPACE, INTERFACE), downward-API names, proxies, KUBERNETES_*', () => {
      const names = ['NAMESPACE', 'INTERFACE', 'NODENAME', 'LOG', 'POD_NAMESPACE', 'NODE_NAME', 'KUBERNETES_SERVICE_PORT', 'KUBERNETES_PORT',
        'ALL_PROXY', 'all_proxy', 'TZ', 'GODEBUG', 'GOMAXPROCS'];
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v1.2.3'), names.map((name) => ({ name, raw: '"x"' })))), []);
    });

    it('quiet: a name that another value or an arg expands with $(NAME) is a helper variable', () => {
      const text = daemonSet(img('v1.2.3'), [
        '        - name: nodeName\n          valueFrom:\n            fieldRef: {fieldPath: spec.nodeName}',
        { name: 'vip_nodename', raw: '"$(nodeName)"' },
        { name: 'servicesElection', raw: '"true"' },
        { name: 'vip', raw: '10.0.0.5' },
      ]).replace('args: ["manager"]', 'args: ["manager", "--servicesElection=$(servicesElection)"]');
      const findings = checkRule(rule, text);
      assert.deepStrictEqual(findings.map((f) => covered(text, f)), ['vip']);
    });
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
    assert.strictEqual(tie.messageId, 'ambiguous');
    assert.match(tie.message, /Did you mean bgp_peeras or bgp_peers\?$/);
    assert.match(tie.detail!, /Did you mean bgp_peeras or bgp_peers\?$/);
    assert.deepStrictEqual(tie.fixes, []);
  });
});

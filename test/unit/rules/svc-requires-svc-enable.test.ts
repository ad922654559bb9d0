import * as assert from 'assert';
import { rule } from '../../../server/src/core/rules/svc-requires-svc-enable';
import { checkRule, covered, daemonSet } from '../../helpers';

const img = (tag: string) => `ghcr.io/kube-vip/kube-vip:${tag}`;
const base = [{ name: 'vip_arp', raw: '"true"' }, { name: 'cp_enable', raw: '"true"' }];

describe('svc-requires-svc-enable', () => {
  it('Services on through --services: warning on each nested variable, related to the flag', () => {
    const text = daemonSet(img('v1.2.3'), [...base, { name: 'svc_election', raw: '"true"' }, { name: 'svc_leasename', raw: 'my-lock' }]).replace(
      'args: ["manager"]',
      'args: ["manager", "--services"]',
    );
    const findings = checkRule(rule, text);
    assert.deepStrictEqual(findings.map((f) => covered(text, f)), ['svc_election', 'svc_leasename']);
    const [first] = findings;
    assert.strictEqual(first.messageId, 'ignoredServicesElsewhere');
    assert.strictEqual(first.severity, 'warning');
    assert.strictEqual(first.message, 'svc_election is ignored by v1.2.3: svc_enable is not in the env. Add svc_enable "true" to the env.');
    assert.strictEqual(
      first.detail,
      'kube-vip reads svc_election only when svc_enable is set in the environment; Services are enabled through the --services flag instead, so v1.2.3 silently ignores svc_election.',
    );
    assert.strictEqual(covered(text, { ...first, span: first.related[0].span }), '"--services"');
    assert.deepStrictEqual(first.fixes, []);
  });
  it('no Services at all: the variable has no effect', () => {
    const text = daemonSet(img('v0.8.9'), [...base, { name: 'lb_class_only', raw: '"true"' }]);
    const [finding] = checkRule(rule, text);
    assert.strictEqual(finding.messageId, 'noEffectWithoutServices');
    assert.strictEqual(finding.message, 'lb_class_only has no effect: svc_enable is not set. Add svc_enable "true" to the env, or remove lb_class_only.');
    assert.match(finding.detail ?? '', /this container does not set svc_enable, so lb_class_only has no effect\. Add svc_enable "true" if you want LoadBalancer Services/);
  });
  it('svc_enable with an empty value counts as not set, and is pointed at', () => {
    const text = daemonSet(img('v1.2.3'), [...base, { name: 'svc_enable', raw: '""' }, { name: 'svc_namespace', raw: 'tenant-a' }]);
    const [finding] = checkRule(rule, text);
    assert.strictEqual(covered(text, finding), 'svc_namespace');
    assert.strictEqual(finding.related[0].message, 'svc_enable is empty, which kube-vip treats as not set');
  });
  it('config file: Services may be on there', () => {
    const [finding] = checkRule(rule, daemonSet(img('v1.2.3'), [...base, { name: 'config_file', raw: '/etc/kv.yaml' }, { name: 'svc_election', raw: '"true"' }]));
    assert.match(finding.message, /Add svc_enable "true" to the env\.$/);
    assert.match(finding.detail ?? '', /Services are enabled through a config file instead/);
  });
  it('an explicitly empty lb_class_name is a setting (it is honoured when read)', () => {
    assert.strictEqual(checkRule(rule, daemonSet(img('v1.2.3'), [...base, { name: 'lb_class_name', raw: '""' }])).length, 1);
  });
  it('a nested variable from valueFrom is ignored all the same', () => {
    const text = daemonSet(img('v1.2.3'), [...base, '        - name: svc_election\n          valueFrom:\n            configMapKeyRef: {name: kv, key: el}']);
    assert.strictEqual(checkRule(rule, text).length, 1);
  });
  describe('not flagged', () => {
    it('svc_enable set, even to "false"', () => {
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v1.2.3'), [...base, { name: 'svc_enable', raw: '"true"' }, { name: 'svc_election', raw: '"true"' }])), []);
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v1.2.3'), [...base, { name: 'svc_enable', raw: '"false"' }, { name: 'svc_election', raw: '"true"' }])), []);
    });
    it('svc_enable unknown, or possibly set by envFrom', () => {
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v1.2.3'), [...base, { name: 'svc_enable', raw: '"{{ svc }}"' }, { name: 'svc_election', raw: '"true"' }])), []);
      const envFrom = daemonSet(img('v1.2.3'), [...base, { name: 'svc_election', raw: '"true"' }]).replace('        env:\n', '        envFrom:\n        - configMapRef: {name: kube-vip}\n        env:\n');
      assert.deepStrictEqual(checkRule(rule, envFrom), []);
    });
    it('empty nested values lose nothing', () => {
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v1.2.3'), [...base, { name: 'svc_election', raw: '""' }, { name: 'svc_leasename' }])), []);
    });
    it('variables the version does not read (env-var-version reports those)', () => {
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v0.8.0'), [...base, { name: 'lb_class_legacy_handling', raw: '"false"' }])), []);
    });
    it('svc_* variables outside the svc_enable block', () => {
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v1.2.3'), [...base, { name: 'vip_servicesinterface', raw: 'eth1' }])), []);
    });
    it('images older than v0.5.0', () => {
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v0.4.1'), [...base, { name: 'svc_election', raw: '"true"' }])), []);
    });
  });
});

import * as assert from 'assert';
import { rule } from '../../../server/src/core/rules/duplicate-env-var';
import { checkRule, covered, daemonSet, fixed } from '../../helpers';

const img = (tag: string) => `ghcr.io/kube-vip/kube-vip:${tag}`;

describe('duplicate-env-var', () => {
  describe('two different values', () => {
    const text = daemonSet(img('v1.2.3'), [
      { name: 'vip_arp', raw: '"true"' },
      { name: 'vip_interface', raw: 'eth0' },
      { name: 'vip_arp', raw: '"false"' },
    ]);
    const [f] = checkRule(rule, text);

    it('warns on the earlier, ignored entry and points at the winner', () => {
      assert.strictEqual(f.messageId, 'shadowed');
      assert.strictEqual(f.severity, 'warning');
      assert.strictEqual(covered(text, f), 'vip_arp');
      assert.strictEqual(f.span.start, text.indexOf('vip_arp'));
      assert.strictEqual(f.message, 'vip_arp is set again further down, so this "true" is ignored. Remove the entry you do not want.');
      assert.strictEqual(f.detail, 'Kubernetes passes only the last entry of a name to kube-vip, so this one ("true") is ignored and "false" is used.');
      assert.strictEqual(f.related.length, 1);
      assert.strictEqual(f.related[0].message, 'this value wins');
      assert.strictEqual(covered(text, { ...f, span: f.related[0].span }), '"false"');
      assert.strictEqual(f.related[0].span.start, text.lastIndexOf('"false"'));
    });

    it('offers to remove the ignored entry (not preferred: the user must choose)', () => {
      assert.strictEqual(f.fixes.length, 1);
      assert.strictEqual(f.fixes[0].title, 'Remove this ignored vip_arp entry');
      assert.strictEqual(f.fixes[0].preferred, false);
      assert.strictEqual(fixed(text, f), text.replace('        - name: vip_arp\n          value: "true"\n', ''));
    });
  });

  it('the same value twice: removing the earlier one is the preferred fix', () => {
    const text = daemonSet(img('v1.2.3'), [{ name: 'vip_arp', raw: '"true"' }, { name: 'vip_arp', raw: "'true'" }]);
    const [f] = checkRule(rule, text);
    assert.match(f.message, /Remove this one\.$/);
    assert.match(f.detail!, /Both hold the same value\.$/);
    assert.strictEqual(f.fixes[0].preferred, true);
    assert.strictEqual(fixed(text, f), text.replace('        - name: vip_arp\n          value: "true"\n', ''));
  });

  it('three entries: one finding per ignored entry, each pointing at the last', () => {
    const text = daemonSet(img('v1.2.3'), [{ name: 'port', raw: '"6443"' }, { name: 'port', raw: '"6444"' }, { name: 'port', raw: '"6445"' }]);
    const findings = checkRule(rule, text);
    assert.strictEqual(findings.length, 2);
    for (const f of findings) assert.strictEqual(f.related[0].span.start, text.indexOf('"6445"'));
  });

  it('describes references, missing values and non-strings', () => {
    const text = daemonSet(img('v1.2.3'), [
      '        - name: vip_interface\n          valueFrom:\n            configMapKeyRef: {name: kv, key: iface}',
      { name: 'vip_interface' },
      { name: 'port', raw: '6443' },
      { name: 'port', raw: '"6443"' },
    ]);
    const [a, b] = checkRule(rule, text);
    assert.strictEqual(a.message, 'vip_interface is set again further down, so this one is ignored. Keep one.'); // the long form does not fit

    assert.match(a.detail!, /so this one \(a valueFrom reference\) is ignored and no value is used/);
    assert.strictEqual(covered(text, { ...a, span: a.related[0].span }), 'vip_interface'); // no value: point at the name
    assert.match(b.message, /so this entry \(a non-string value\) is ignored\./);
    assert.match(b.detail!, /so this one \(a non-string value\) is ignored and "6443" is used/);
  });

  it('no removal fix when another entry expands $(name): removing the earlier value would change it', () => {
    const text = daemonSet(img('v1.2.3'), [
      { name: 'vip_interface', raw: 'eth0' },
      { name: 'vip_servicesinterface', raw: '"$(vip_interface)"' },
      { name: 'vip_interface', raw: 'eth1' },
    ]);
    const [f] = checkRule(rule, text);
    assert.deepStrictEqual(f.fixes, []);
  });

  it('flow-style env: reported, no removal fix', () => {
    const text = daemonSet(img('v1.2.3'), []).replace('env:\n', 'env: [{name: vip_arp, value: "true"}, {name: vip_arp, value: "true"}]\n');
    const [f] = checkRule(rule, text);
    assert.deepStrictEqual(f.fixes, []);
  });

  it('different containers and different names are not duplicates; names are case-sensitive', () => {
    const text = daemonSet(img('v1.2.3'), [{ name: 'vip_arp', raw: '"true"' }, { name: 'VIP_ARP', raw: '"true"' }, { name: 'cp_enable', raw: '"true"' }]);
    assert.deepStrictEqual(checkRule(rule, text), []);
  });

  it('skipped for templated containers with conditionals, whose branches may repeat a name', () => {
    const text = daemonSet(img('v1.2.3'), [
      '        {{- if .Values.bgp }}',
      { name: 'vip_arp', raw: '"false"' },
      '        {{- else }}',
      { name: 'vip_arp', raw: '"true"' },
      '        {{- end }}',
    ]);
    assert.deepStrictEqual(checkRule(rule, text), []);
    assert.strictEqual(checkRule(rule, text.replace(/ *\{\{.*\n/g, '')).length, 1);
  });

  describe('pitfall 24: `kube-vip manifest --loseLeadership` writes the timeout as a second vip_loseleadership', () => {
    const text = daemonSet(img('v1.2.3'), [
      { name: 'vip_arp', raw: '"true"' },
      { name: 'vip_loseleadership', raw: '"true"' },
      { name: 'vip_loseleadership', raw: '"30"' },
    ]);
    const findings = checkRule(rule, text);
    const [f] = findings;

    it('one error, on the later entry (the one to change)', () => {
      assert.strictEqual(findings.length, 1);
      assert.strictEqual(f.messageId, 'loseLeadershipTimeout');
      assert.strictEqual(f.severity, 'error');
      assert.strictEqual(f.span.start, text.lastIndexOf('vip_loseleadership'));
      assert.strictEqual(covered(text, f), 'vip_loseleadership');
    });

    it('explains ParseBool("30"), the exit code and the generator bug', () => {
      assert.strictEqual(f.message, 'vip_loseleadership "30" is not a boolean: v1.2.3 refuses to start. Rename it to vip_loseleadership_timeout_seconds.');
      assert.strictEqual(
        f.detail,
        'vip_loseleadership is set twice and Kubernetes passes only this last value, "30". kube-vip parses vip_loseleadership with strconv.ParseBool, which rejects "30": ' +
          'on v1.2.3 start-up aborts with exit code 0, so the Pod looks Completed and restarts in a loop. ' +
          'This is the `kube-vip manifest --loseLeadership` bug (v1.2.2+): the number is the grace period, which belongs in vip_loseleadership_timeout_seconds.',
      );
      assert.strictEqual(f.related.length, 1);
      assert.strictEqual(f.related[0].span.start, text.indexOf('vip_loseleadership'));
    });

    it('preferred fix renames the later entry to vip_loseleadership_timeout_seconds', () => {
      assert.strictEqual(f.fixes.length, 1);
      assert.strictEqual(f.fixes[0].title, 'Rename this entry to vip_loseleadership_timeout_seconds');
      assert.strictEqual(f.fixes[0].preferred, true);
      assert.strictEqual(
        fixed(text, f),
        text.replace('- name: vip_loseleadership\n          value: "30"', '- name: vip_loseleadership_timeout_seconds\n          value: "30"'),
      );
      assert.deepStrictEqual(checkRule(rule, fixed(text, f)), []);
    });
  });

  it('pitfall 24 on v1.2.2: error too; on HEAD-like newer images no exit-code claim', () => {
    const t = (tag: string) => daemonSet(img(tag), [{ name: 'vip_loseleadership', raw: '"true"' }, { name: 'vip_loseleadership', raw: '"30"' }]);
    const [a] = checkRule(rule, t('v1.2.2'));
    assert.strictEqual(a.severity, 'error');
    assert.match(a.message, /v1\.2\.2 refuses to start\. Rename it to vip_loseleadership_timeout_seconds\.$/);
    assert.match(a.detail!, /on v1\.2\.2 start-up aborts with exit code 0/);
    const [b] = checkRule(rule, t('v1.3.0'));
    assert.match(b.message, /v1\.3\.0 refuses to start\./);
    assert.match(b.detail!, /on v1\.3\.0 start-up aborts\. This is/);
  });

  it('pitfall 24 before v1.2.2: kube-vip reads neither name, so a plain duplicate warning', () => {
    const text = daemonSet(img('v1.2.1'), [{ name: 'vip_loseleadership', raw: '"true"' }, { name: 'vip_loseleadership', raw: '"30"' }]);
    const [f] = checkRule(rule, text);
    assert.strictEqual(f.messageId, 'shadowed');
    assert.strictEqual(f.severity, 'warning');
    assert.doesNotMatch(f.message, /aborts|refuses/);
    assert.doesNotMatch(f.detail!, /aborts/);
    assert.strictEqual(f.span.start, text.indexOf('vip_loseleadership'));
  });

  it('pitfall 24 with timeout "0": ParseBool accepts it, so a warning that the switch follows the timeout', () => {
    const text = daemonSet(img('v1.2.3'), [{ name: 'vip_loseleadership', raw: '"true"' }, { name: 'vip_loseleadership', raw: '"0"' }]);
    const [f] = checkRule(rule, text);
    assert.strictEqual(f.messageId, 'loseLeadershipNumericBool');
    assert.strictEqual(f.severity, 'warning');
    assert.strictEqual(f.message, 'vip_loseleadership "0" means false to v1.2.3, not a timeout. Rename it to vip_loseleadership_timeout_seconds.');
    assert.match(f.detail!, /kube-vip reads it as the boolean false, so on v1\.2\.3 the switch is off and the grace period stays at its default\./);
    assert.strictEqual(f.fixes[0].title, 'Rename this entry to vip_loseleadership_timeout_seconds');
  });

  it('pitfall 24 when vip_loseleadership_timeout_seconds is already set: remove the stray entry instead', () => {
    const text = daemonSet(img('v1.2.3'), [
      { name: 'vip_loseleadership', raw: '"true"' },
      { name: 'vip_loseleadership_timeout_seconds', raw: '"30"' },
      { name: 'vip_loseleadership', raw: '"30"' },
    ]);
    const [f] = checkRule(rule, text);
    assert.match(f.message, /Remove it; the timeout is already set\.$/);
    assert.match(f.detail!, /vip_loseleadership_timeout_seconds is already set: remove this entry\.$/);
    assert.strictEqual(f.fixes[0].title, 'Remove this vip_loseleadership entry');
    assert.strictEqual(fixed(text, f), text.replace('        - name: vip_loseleadership\n          value: "30"\n', ''));
  });

  it('the timeout first and the switch last: the number is ignored; rename it to the timeout', () => {
    const text = daemonSet(img('v1.2.3'), [{ name: 'vip_loseleadership', raw: '"30"' }, { name: 'vip_loseleadership', raw: '"true"' }]);
    const [f] = checkRule(rule, text);
    assert.strictEqual(f.messageId, 'shadowed');
    assert.strictEqual(f.severity, 'warning');
    assert.doesNotMatch(f.message, /aborts|refuses/);
    assert.doesNotMatch(f.detail!, /aborts/);
    assert.strictEqual(f.span.start, text.indexOf('vip_loseleadership'));
    assert.match(f.message, /Rename it to vip_loseleadership_timeout_seconds\.$/);
    assert.match(f.detail!, /The number is the grace period: it belongs in vip_loseleadership_timeout_seconds\.$/);
    assert.strictEqual(f.fixes[0].title, 'Rename this entry to vip_loseleadership_timeout_seconds');
    assert.strictEqual(f.fixes[0].preferred, true);
    assert.strictEqual(f.fixes[1].preferred, false);
    assert.strictEqual(fixed(text, f), text.replace('- name: vip_loseleadership\n          value: "30"', '- name: vip_loseleadership_timeout_seconds\n          value: "30"'));
  });

  it('quoted names keep their quotes in the pitfall 24 rename', () => {
    const text = daemonSet(img('v1.2.3'), [{ name: '"vip_loseleadership"', raw: '"true"' }, { name: '"vip_loseleadership"', raw: '"30"' }]);
    const [f] = checkRule(rule, text);
    assert.strictEqual(fixed(text, f), text.replace('"vip_loseleadership"\n          value: "30"', '"vip_loseleadership_timeout_seconds"\n          value: "30"'));
  });
});

import * as assert from 'assert';
import { rule } from '../../../server/src/core/rules/no-effect-env-var';
import { checkRule, covered, daemonSet, fixed } from '../../helpers';

const img = (tag: string) => `ghcr.io/kube-vip/kube-vip:${tag}`;

describe('no-effect-env-var', () => {
  const text = daemonSet(img('v1.2.3'), [
    { name: 'vip_arp', raw: '"true"' },
    { name: 'vip_startleader', raw: '"false" # leftover' },
    { name: 'address', raw: '192.168.0.40' },
  ]);
  const [f] = checkRule(rule, text);

  it('flags vip_startleader on the name, as a warning naming the version', () => {
    assert.strictEqual(f.messageId, 'noEffect');
    assert.strictEqual(f.severity, 'warning');
    assert.strictEqual(covered(text, f), 'vip_startleader');
    assert.strictEqual(f.message, 'vip_startleader has no effect on v1.2.3: kube-vip parses it but never uses it. Remove it.');
    assert.strictEqual(
      f.detail,
      'Only the `start` command (removed in v0.8.0) used it; `manager` parses it and ignores it. ' +
        'kube-vip still parses it, so a value strconv.ParseBool rejects aborts start-up.',
    );
  });

  it('removes the whole list item, comment and newline included', () => {
    assert.strictEqual(f.fixes[0].title, 'Remove vip_startleader');
    assert.strictEqual(f.fixes[0].preferred, true);
    assert.strictEqual(fixed(text, f), text.replace('        - name: vip_startleader\n          value: "false" # leftover\n', ''));
  });

  it('vip_singlenode and vip_configmap too; vip_configmap is not a boolean', () => {
    const t = daemonSet(img('v0.8.9'), [{ name: 'vip_singlenode', raw: '"true"' }, { name: 'vip_configmap', raw: 'plndr' }]);
    const [a, b] = checkRule(rule, t);
    assert.match(a.message, /^vip_singlenode has no effect on v0\.8\.9/);
    assert.deepStrictEqual([a.messageId, b.messageId], ['noEffect', 'noEffect']);
    assert.strictEqual(b.message, 'vip_configmap has no effect on v0.8.9: kube-vip parses it but never uses it. Remove it.');
    assert.strictEqual(b.detail, 'Parsed, but the manager has not used it in any release since v0.5.0.');
    assert.strictEqual(fixed(t, b), t.replace('        - name: vip_configmap\n          value: plndr\n', ''));
  });

  it('an entry without a value, and one from valueFrom, are removed just as cleanly', () => {
    const t = daemonSet(img('v1.2.3'), [
      { name: 'vip_startleader' },
      '        - name: vip_configmap\n          valueFrom:\n            configMapKeyRef: {name: kv, key: cm}',
      { name: 'vip_arp', raw: '"true"' },
    ]);
    const [a, b] = checkRule(rule, t);
    assert.strictEqual(fixed(t, a), t.replace('        - name: vip_startleader\n', ''));
    assert.strictEqual(fixed(t, b), t.replace('        - name: vip_configmap\n          valueFrom:\n            configMapKeyRef: {name: kv, key: cm}\n', ''));
  });

  it('the last item of the file, without a trailing newline', () => {
    const t = daemonSet(img('v1.2.3'), [{ name: 'vip_arp', raw: '"true"' }, { name: 'vip_startleader', raw: '"false"' }]).trimEnd();
    const [g] = checkRule(rule, t);
    assert.strictEqual(fixed(t, g), t.replace('\n        - name: vip_startleader\n          value: "false"', '\n'));
  });

  it('CRLF line endings', () => {
    const t = daemonSet(img('v1.2.3'), [{ name: 'vip_startleader', raw: '"false"' }, { name: 'vip_arp', raw: '"true"' }]).replace(/\n/g, '\r\n');
    const [g] = checkRule(rule, t);
    assert.strictEqual(fixed(t, g), t.replace('        - name: vip_startleader\r\n          value: "false"\r\n', ''));
  });

  it('an empty block scalar does not take the template control line after it along', () => {
    const t = daemonSet(img('v1.2.3'), [
      { name: 'vip_arp', raw: '"true"' },
      '        - name: vip_startleader\n          value: |\n            \n        {{- if .Values.port }}',
      { name: 'port', raw: '"6443"' },
      '        {{- end }}',
    ]);
    const [g] = checkRule(rule, t);
    assert.strictEqual(fixed(t, g), t.replace('        - name: vip_startleader\n          value: |\n            \n', ''));
  });

  it('a name set twice: the last entry\'s fix removes both, so that the earlier value never takes effect', () => {
    const t = daemonSet(img('v1.2.3'), [
      { name: 'vip_startleader', raw: '"yes"' },
      { name: 'vip_arp', raw: '"true"' },
      { name: 'vip_startleader', raw: '"false"' },
    ]);
    const [earlier, last] = checkRule(rule, t);
    assert.deepStrictEqual(earlier.fixes, [], 'duplicate-env-var offers the removal of the ignored entry');
    assert.strictEqual(last.fixes[0].title, 'Remove all 2 vip_startleader entries');
    assert.strictEqual(fixed(t, last), t.replace('        - name: vip_startleader\n          value: "yes"\n', '').replace('        - name: vip_startleader\n          value: "false"\n', ''));
  });

  it('flow-style items are reported without a fix', () => {
    const inFlowMap = daemonSet(img('v1.2.3'), ['        - {name: vip_startleader, value: "false"}']);
    assert.deepStrictEqual(checkRule(rule, inFlowMap)[0].fixes, []);
    const inFlowSeq = daemonSet(img('v1.2.3'), []).replace('env:\n', 'env: [{name: vip_startleader, value: "false"}, {name: vip_arp, value: "true"}]\n');
    const [g] = checkRule(rule, inFlowSeq);
    assert.ok(g);
    assert.deepStrictEqual(g.fixes, []);
  });

  it('not flagged with the retired start command, which used these switches', () => {
    const t = daemonSet(img('v0.7.2'), [{ name: 'vip_startleader', raw: '"true"' }]).replace('args: ["manager"]', 'args: ["start"]');
    assert.deepStrictEqual(checkRule(rule, t), []);
  });

  it('runtime-injected HOSTNAME is left alone even when written', () => {
    assert.deepStrictEqual(checkRule(rule, daemonSet(img('v1.1.0'), [{ name: 'HOSTNAME', raw: 'node-1' }])), []);
  });

  it('not before the researched range, where the catalog says nothing (env-var-version stays silent too)', () => {
    assert.deepStrictEqual(checkRule(rule, daemonSet(img('v0.4.1'), [{ name: 'vip_startleader', raw: '"false"' }])), []);
    assert.strictEqual(checkRule(rule, daemonSet(img('v0.5.0'), [{ name: 'vip_startleader', raw: '"false"' }])).length, 1);
  });

  it('audit M6: iptables_backend has no effect in any release (v0.8.0, v1.2.3): warning, preferred removal', () => {
    for (const tag of ['v0.8.0', 'v1.2.3']) {
      const t = daemonSet(img(tag), [{ name: 'vip_arp', raw: '"true"' }, { name: 'iptables_backend', raw: 'nft' }]);
      const [g] = checkRule(rule, t);
      assert.strictEqual(g.messageId, 'noEffect', tag);
      assert.strictEqual(g.severity, 'warning');
      assert.strictEqual(covered(t, g), 'iptables_backend');
      assert.strictEqual(g.message, `iptables_backend has no effect on ${tag}: kube-vip parses it but never uses it. Remove it.`);
      assert.strictEqual(g.detail, 'Parsed, but no release uses it: kube-vip always detects the iptables backend from the iptables binary.');
      assert.strictEqual(g.fixes[0].title, 'Remove iptables_backend');
      assert.strictEqual(g.fixes[0].preferred, true);
      assert.strictEqual(fixed(t, g), t.replace('        - name: iptables_backend\n          value: nft\n', ''));
    }
    // Not read before v0.8.0: env-var-version's business, not this rule's.
    assert.deepStrictEqual(checkRule(rule, daemonSet(img('v0.7.2'), [{ name: 'iptables_backend', raw: 'nft' }])), []);
  });

  it('pitfalls §27: k8s_config_file is ignored up to v1.2.1 (no preferred removal: the user wants that kubeconfig); honoured from v1.2.2', () => {
    const at = (tag: string) => daemonSet(img(tag), [{ name: 'vip_arp', raw: '"true"' }, { name: 'k8s_config_file', raw: '/etc/kubernetes/super-admin.conf' }]);
    for (const tag of ['v0.7.0', 'v0.8.9', 'v1.2.1']) {
      const t = at(tag);
      const [g] = checkRule(rule, t);
      assert.strictEqual(g.messageId, 'noEffectYet', tag);
      assert.strictEqual(g.severity, 'warning');
      assert.strictEqual(covered(t, g), 'k8s_config_file');
      assert.strictEqual(g.message, `k8s_config_file has no effect on ${tag} (ignored up to v1.2.1). Upgrade kube-vip, or use the workaround below.`);
      assert.strictEqual(
        g.detail,
        `The manager ignores it and always tries /etc/kubernetes/admin.conf, then $HOME/.kube/config, then the in-cluster config. ` +
          'Mount the kubeconfig at /etc/kubernetes/admin.conf, or use kube-vip v1.2.2 or later, which honours this path.',
      );
      assert.deepStrictEqual(g.fixes.map((x) => [x.title, x.preferred]), [['Remove k8s_config_file', false]]);
    }
    assert.deepStrictEqual(checkRule(rule, at('v1.2.2')), []);
    assert.deepStrictEqual(checkRule(rule, at('v1.2.3')), []);
    assert.deepStrictEqual(checkRule(rule, at('v0.6.4')), [], 'not read yet: env-var-version reports it');
  });

  it('variables with an effect are not flagged', () => {
    assert.deepStrictEqual(checkRule(rule, daemonSet(img('v1.2.3'), [{ name: 'vip_arp', raw: '"true"' }, { name: 'vip_leaderelection', raw: '"true"' }])), []);
  });
});

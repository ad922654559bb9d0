import * as assert from 'assert';
import { rule } from '../../../server/src/core/rules/mode-count';
import { checkRule, covered, daemonSet } from '../../helpers';

const img = (tag: string) => `ghcr.io/kube-vip/kube-vip:${tag}`;
const t = (name: string) => ({ name, raw: '"true"' });
const f = (name: string) => ({ name, raw: '"false"' });
const cp = t('cp_enable');

describe('mode-count', () => {
  describe('several modes', () => {
    it('v1.2.3: error on the later mode, related to the first', () => {
      const text = daemonSet(img('v1.2.3'), [t('vip_arp'), cp, { name: 'bgp_enable', raw: "'true'" }]);
      const [finding, ...rest] = checkRule(rule, text);
      assert.strictEqual(rest.length, 0);
      assert.strictEqual(finding.messageId, 'multipleModes');
      assert.strictEqual(finding.severity, 'error');
      assert.strictEqual(covered(text, finding), "'true'");
      assert.match(finding.message, /^vip_arp and bgp_enable are both "true": v1\.2\.3 refuses to start \(exit 0, restart loop\)\. Keep exactly one mode "true"\.$/);
      assert.match(finding.detail ?? '', /^kube-vip supports exactly one mode at a time, and vip_arp and bgp_enable are both "true"\./);
      assert.match(finding.detail ?? '', /v1\.2\.3 refuses to start: it logs "multiple kube-vip modes detected" and exits with code 0/);
      assert.strictEqual(finding.related.length, 1);
      assert.strictEqual(covered(text, { ...finding, span: finding.related[0].span }), '"true"');
      assert.strictEqual(finding.related[0].message, 'vip_arp is also "true"');
      assert.deepStrictEqual(finding.fixes, []);
    });
    it('v1.2.2 is the first release that refuses', () => {
      assert.strictEqual(checkRule(rule, daemonSet(img('v1.2.2'), [t('vip_arp'), t('bgp_enable'), cp]))[0].severity, 'error');
    });
    it('v1.2.1: warning, ARP wins on v1.1.0–v1.2.1', () => {
      const [finding] = checkRule(rule, daemonSet(img('v1.2.1'), [t('bgp_enable'), t('vip_arp'), cp]));
      assert.strictEqual(finding.severity, 'warning');
      assert.strictEqual(finding.message, 'bgp_enable and vip_arp are both "true": v1.2.1 silently runs ARP only. Keep exactly one mode "true".');
      assert.match(finding.detail ?? '', /on v1\.1\.0–v1\.2\.1 it prefers ARP over BGP over routing table over WireGuard, so vip_arp wins/);
      assert.match(finding.detail ?? '', /From v1\.2\.2 kube-vip refuses to start/);
    });
    it('v1.1.0: new precedence', () => {
      const [finding] = checkRule(rule, daemonSet(img('v1.1.0'), [t('vip_routingtable'), t('vip_wireguard'), cp]));
      assert.match(finding.detail ?? '', /so vip_routingtable wins/);
    });
    it('v1.0.4: warning, BGP wins on v0.5.0–v1.0.4', () => {
      const [finding] = checkRule(rule, daemonSet(img('v1.0.4'), [t('vip_arp'), t('bgp_enable'), cp]));
      assert.strictEqual(finding.severity, 'warning');
      assert.match(finding.detail ?? '', /v0\.5\.0–v1\.0\.4 it prefers BGP over ARP over WireGuard over routing table, so bgp_enable wins/);
    });
    it('three modes: one finding on each later entry', () => {
      const text = daemonSet(img('v1.2.3'), [t('vip_wireguard'), cp, t('vip_arp'), t('vip_routingtable')]);
      const findings = checkRule(rule, text);
      assert.strictEqual(findings.length, 2);
      assert.match(findings[0].detail ?? '', /vip_wireguard and vip_arp and vip_routingtable are all "true"/);
      assert.match(findings[0].message, /^3 mode variables are "true": .* Keep exactly one mode "true"\.$/);
      assert.strictEqual(findings[0].related.length, 2);
    });
    it('audit M4: v0.8.3 never reads a bgp_enable dropped after vip_routingtableid, so only one mode runs', () => {
      const env = [t('vip_routingtable'), cp, { name: 'vip_routingtableid', raw: '"200"' }, t('bgp_enable')];
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v0.8.3'), env)), []);
      const [finding] = checkRule(rule, daemonSet(img('v0.8.5'), env));
      assert.strictEqual(finding.messageId, 'multipleModes');
      assert.match(finding.detail ?? '', /so bgp_enable wins/);
    });
    it('audit M4: a dropped "true" mode is not reported as "no mode" (routing-table-id-drops-env explains it)', () => {
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v0.8.3'), [cp, { name: 'vip_routingtableid', raw: '"200"' }, t('bgp_enable')])), []);
    });
    it('"1" and "True" count as true', () => {
      assert.strictEqual(checkRule(rule, daemonSet(img('v1.2.3'), [{ name: 'vip_arp', raw: '"1"' }, { name: 'bgp_enable', raw: '"True"' }, cp])).length, 1);
    });
  });

  describe('no mode', () => {
    it('v1.2.3: error on the first mode entry that is present', () => {
      const text = daemonSet(img('v1.2.3'), [cp, { name: 'address', raw: '10.0.0.5' }, f('vip_arp'), f('bgp_enable')]);
      const [finding] = checkRule(rule, text);
      assert.strictEqual(finding.messageId, 'noMode');
      assert.strictEqual(finding.severity, 'error');
      assert.strictEqual(covered(text, finding), 'vip_arp');
      assert.strictEqual(finding.message, 'No mode variable is "true": v1.2.3 refuses to start (exit 0, restart loop). Set vip_arp or bgp_enable to "true".');
      assert.match(finding.detail ?? '', /Set one of them to "true" \(vip_arp for layer 2, bgp_enable for BGP\)\.$/);
      assert.match(finding.detail ?? '', /None of vip_arp, bgp_enable, vip_routingtable or vip_wireguard is "true"/);
      assert.match(finding.detail ?? '', /"no valid kube-vip mode detected"/);
    });
    it('no mode entry at all: on the container name', () => {
      const text = daemonSet(img('v1.2.0'), [cp, { name: 'address', raw: '10.0.0.5' }]);
      const [finding] = checkRule(rule, text);
      assert.strictEqual(covered(text, finding), 'kube-vip');
      assert.match(finding.message, /: v1\.2\.0 panics at start-up\. Set vip_arp or bgp_enable to "true"\.$/);
      assert.match(finding.detail ?? '', /v1\.2\.0 \(v1\.1\.0–v1\.2\.1\) panics with a nil pointer dereference/);
    });
    it('v1.0.4 and earlier: exits prematurely', () => {
      const [finding] = checkRule(rule, daemonSet(img('v0.8.9'), [cp, { name: 'vip_arp', raw: '""' }]));
      assert.strictEqual(finding.severity, 'error');
      assert.match(finding.detail ?? '', /v0\.8\.9 \(v1\.0\.4 and earlier\) starts no mode/);
      assert.match(finding.message, /: v0\.8\.9 exits prematurely\. /);
    });
  });

  describe('not flagged', () => {
    it('exactly one mode', () => {
      for (const name of ['vip_arp', 'bgp_enable', 'vip_routingtable', 'vip_wireguard']) {
        assert.deepStrictEqual(checkRule(rule, daemonSet(img('v1.2.3'), [t(name), cp])), []);
      }
    });
    it('a mode from valueFrom or a template is unknown: no "no mode" claim', () => {
      const ref = daemonSet(img('v1.2.3'), [cp, '        - name: vip_arp\n          valueFrom:\n            configMapKeyRef: {name: kv, key: arp}']);
      assert.deepStrictEqual(checkRule(rule, ref), []);
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v1.2.3'), [cp, { name: 'vip_arp', raw: '"{{ .Values.arp }}"' }])), []);
    });
    it('a bad spelling is not "no mode" (another rule reports the spelling)', () => {
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v1.2.3'), [cp, { name: 'vip_arp', raw: '"yes"' }])), []);
    });
    it('modes passed as CLI flags', () => {
      const text = daemonSet(img('v0.8.0'), [cp]);
      assert.strictEqual(checkRule(rule, text).length, 1);
      assert.deepStrictEqual(checkRule(rule, text.replace('args: ["manager"]', 'args: ["manager", "--arp"]')), []);
      assert.deepStrictEqual(checkRule(rule, text.replace('args: ["manager"]', 'args: ["manager", "--bgp=true"]')), []);
    });
    it('a config file (config_file, -c, --config-file)', () => {
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v1.2.3'), [cp, { name: 'config_file', raw: '/etc/kube-vip/config.yaml' }])), []);
      const flag = daemonSet(img('v1.2.3'), [cp]).replace('args: ["manager"]', 'args: ["manager", "--config-file=/etc/kv.yaml"]');
      assert.deepStrictEqual(checkRule(rule, flag), []);
    });
    it('envFrom may hold the mode', () => {
      const plain = daemonSet(img('v1.2.3'), [cp]);
      assert.strictEqual(checkRule(rule, plain).length, 1);
      const text = plain.replace('        env:\n', '        envFrom:\n        - configMapRef: {name: kube-vip}\n        env:\n');
      assert.deepStrictEqual(checkRule(rule, text), []);
    });
    it('template conditionals may hide entries', () => {
      const text = daemonSet(img('v1.2.3'), [cp, '        {% if arp %}', t('vip_arp'), '        {% else %}', t('bgp_enable'), '        {% endif %}']);
      assert.deepStrictEqual(checkRule(rule, text), []);
    });
    it('images older than the researched range (v0.5.0)', () => {
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v0.4.1'), [cp])), []);
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v0.4.1'), [cp, t('vip_arp'), t('bgp_enable')])), []);
    });
  });
});

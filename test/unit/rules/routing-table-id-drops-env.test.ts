import * as assert from 'assert';
import { rule as iptablesImage } from '../../../server/src/core/rules/iptables-image';
import { rule as modeCount } from '../../../server/src/core/rules/mode-count';
import { rule } from '../../../server/src/core/rules/routing-table-id-drops-env';
import { checkRule, covered, daemonSet } from '../../helpers';
import type { EnvLine } from '../../helpers';

const img = (tag: string) => `ghcr.io/kube-vip/kube-vip:${tag}`;
const t = (name: string): EnvLine => ({ name, raw: '"true"' });
const table = (raw = '"200"'): EnvLine => ({ name: 'vip_routingtableid', raw });

describe('routing-table-id-drops-env', () => {
  it('v0.8.3: error on the name, each dropped variable related', () => {
    const text = daemonSet(img('v0.8.3'), [t('vip_routingtable'), t('svc_enable'), table(), { name: 'vip_routingprotocol', raw: '"248"' }, { name: 'prometheus_server', raw: ':2113' }, t('lb_enable')]);
    const [finding, ...rest] = checkRule(rule, text);
    assert.strictEqual(rest.length, 0);
    assert.strictEqual(finding.messageId, 'droppedAfterTableId');
    assert.strictEqual(finding.severity, 'error');
    assert.strictEqual(covered(text, finding), 'vip_routingtableid');
    assert.strictEqual(finding.message, 'vip_routingtableid makes v0.8.3 ignore the 3 variables parsed after it. Upgrade to v0.8.5+ or use --tableID=200.');
    assert.strictEqual(
      finding.detail,
      'On v0.8.3 (v0.8.2–v0.8.4) a valid vip_routingtableid makes kube-vip stop reading the environment right after it, so vip_routingprotocol, prometheus_server and lb_enable are silently ignored. Upgrade to v0.8.5 or later, or remove vip_routingtableid and pass --tableID=200 as a container arg.',
    );
    assert.deepStrictEqual(finding.related.map((r) => covered(text, { ...finding, span: r.span })), ['vip_routingprotocol', 'prometheus_server', 'lb_enable']);
    assert.deepStrictEqual(finding.fixes, []);
  });
  it('audit M4: v0.8.3 names enable_node_labeling, vip_packet and the rest of the full list; enable_service_security still takes effect', () => {
    const text = daemonSet(img('v0.8.3'), [
      t('vip_routingtable'), t('svc_enable'), table(), t('enable_service_security'), t('enable_node_labeling'),
      { name: 'bgp_as', raw: '"65001"' }, { name: 'prometheus_server', raw: '":2113"' }, t('vip_packet'),
    ]);
    const [finding] = checkRule(rule, text);
    assert.strictEqual(finding.message, 'vip_routingtableid makes v0.8.3 ignore the 4 variables parsed after it. Upgrade to v0.8.5+ or use --tableID=200.');
    assert.strictEqual(
      finding.detail,
      'On v0.8.3 (v0.8.2–v0.8.4) a valid vip_routingtableid makes kube-vip stop reading the environment right after it, so enable_node_labeling, bgp_as, prometheus_server and vip_packet are silently ignored. (enable_service_security is skipped by the parser too, but the VIP code of this version reads the variable itself (the exact "true"), so it still takes effect.) Upgrade to v0.8.5 or later, or remove vip_routingtableid and pass --tableID=200 as a container arg.',
    );
    assert.deepStrictEqual(finding.related.map((r) => covered(text, { ...finding, span: r.span })), ['enable_node_labeling', 'bgp_as', 'prometheus_server', 'vip_packet']);
  });
  it('audit M4: enable_service_security alone loses nothing', () => {
    assert.deepStrictEqual(checkRule(rule, daemonSet(img('v0.8.3'), [t('vip_arp'), t('svc_enable'), table(), t('enable_service_security')])), []);
  });
  it('the order in the env list does not matter: kube-vip parses in its own order', () => {
    const text = daemonSet(img('v0.8.2'), [t('bgp_enable'), { name: 'bgp_as', raw: '"65000"' }, t('cp_enable'), table('"0"')]);
    const [finding] = checkRule(rule, text);
    assert.match(finding.detail ?? '', /so bgp_enable and bgp_as are silently ignored/);
    assert.strictEqual(finding.message, 'vip_routingtableid makes v0.8.2 ignore the 2 variables parsed after it; with no mode on, it stops. Upgrade to v0.8.5+.');
  });
  it('a dropped variable from valueFrom is dropped too', () => {
    const text = daemonSet(img('v0.8.4'), [t('vip_arp'), t('cp_enable'), table(), '        - name: bgp_routerid\n          valueFrom:\n            fieldRef: {fieldPath: status.podIP}']);
    const [finding] = checkRule(rule, text);
    assert.match(finding.detail ?? '', /so bgp_routerid is silently ignored/);
    assert.strictEqual(finding.message, 'vip_routingtableid makes v0.8.4 ignore bgp_routerid, parsed after it. Upgrade to v0.8.5+ or use --tableID=200.');
  });
  it('the other combination rules leave such a container alone: its env is not read as written', () => {
    const text = daemonSet(img('v0.8.3'), [t('vip_routingtable'), t('cp_enable'), { name: 'address', raw: '10.0.0.5' }, table(), t('bgp_enable'), t('lb_enable'), { name: 'lb_fwdmethod', raw: 'masquerade' }]);
    assert.strictEqual(checkRule(rule, text).length, 1);
    assert.deepStrictEqual(checkRule(modeCount, text), []);
    assert.deepStrictEqual(checkRule(iptablesImage, text), []);
    assert.strictEqual(checkRule(modeCount, text.replace('v0.8.3', 'v0.8.5')).length, 1);
  });
  describe('not flagged', () => {
    const dropped = { name: 'dns_mode', raw: 'first' };
    it('v0.8.1 and v0.8.5 (fixed by commit 1f089fe)', () => {
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v0.8.1'), [t('vip_routingtable'), t('cp_enable'), table(), dropped])), []);
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v0.8.5'), [t('vip_routingtable'), t('cp_enable'), table(), dropped])), []);
    });
    it('nothing set that is parsed later', () => {
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v0.8.3'), [t('vip_routingtable'), t('cp_enable'), t('svc_enable'), { name: 'svc_election', raw: '"true"' }, { name: 'lb_class_only', raw: '"true"' }, table()])), []);
    });
    it('empty values lose nothing', () => {
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v0.8.3'), [t('vip_routingtable'), t('cp_enable'), table(), { name: 'bgp_peerpass' }, { name: 'dns_mode', raw: '""' }])), []);
    });
    it('invalid or unknown table ids (they abort, or may not be valid)', () => {
      for (const raw of ['"-1"', '"main"', '"{{ id }}"', '""']) {
        assert.deepStrictEqual(checkRule(rule, daemonSet(img('v0.8.3'), [t('vip_routingtable'), t('cp_enable'), table(raw), dropped])), [], raw);
      }
    });
    it('names kube-vip never reads', () => {
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v0.8.3'), [t('vip_routingtable'), t('cp_enable'), table(), { name: 'bgp_interface', raw: 'eth0' }])), []);
    });
  });
  it('review: when the dropped variable is bgp_enable and no other mode is on, the message says kube-vip then stops', () => {
    const text = daemonSet('ghcr.io/kube-vip/kube-vip:v0.8.3', [{ name: 'cp_enable', raw: '"true"' }, { name: 'vip_routingtableid', raw: '"200"' }, { name: 'bgp_enable', raw: '"true"' }]);
    const [finding] = checkRule(rule, text);
    assert.strictEqual(finding.message, 'vip_routingtableid makes v0.8.3 ignore bgp_enable; with no mode on, it stops. Upgrade to v0.8.5+ or use --tableID=200.');
    assert.match(finding.detail ?? '', /bgp_enable is silently ignored\. With bgp_enable ignored no load-balancing mode is on, so kube-vip logs that it is exiting prematurely and stops\./);
    const withTable = text.replace('        - name: cp_enable', '        - name: vip_routingtable\n          value: "true"\n        - name: cp_enable');
    const [running] = checkRule(rule, withTable);
    assert.doesNotMatch(running.detail ?? '', /exiting prematurely/, 'routing-table mode still runs');
    assert.doesNotMatch(running.message, /it stops/, 'routing-table mode still runs');
  });
});

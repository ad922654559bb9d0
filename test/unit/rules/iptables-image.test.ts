import * as assert from 'assert';
import { rule } from '../../../server/src/core/rules/iptables-image';
import { checkRule, covered, daemonSet, fixed } from '../../helpers';
import type { EnvLine } from '../../helpers';

const img = (tag: string) => `ghcr.io/kube-vip/kube-vip:${tag}`;
const t = (name: string): EnvLine => ({ name, raw: '"true"' });
const lb = [t('vip_arp'), t('cp_enable'), t('lb_enable')];
const masq = (raw = 'masquerade'): EnvLine => ({ name: 'lb_fwdmethod', raw });
const noNft: EnvLine = { name: 'egress_withnftables', raw: '"false"' };
const ids = (text: string) => checkRule(rule, text).map((f) => [f.messageId, f.severity]);

describe('iptables-image', () => {
  describe('lb_fwdmethod masquerade (control-plane VIP)', () => {
    it('review: with vip_routingtable on too, the control-plane VIP is never added, so no masquerade or port-filter error', () => {
      assert.deepStrictEqual(ids(daemonSet(img('v0.8.9'), [...lb, t('vip_routingtable'), masq()])), []);
      assert.deepStrictEqual(ids(daemonSet(img('v0.8.9'), [t('vip_arp'), t('cp_enable'), t('vip_routingtable'), t('enable_service_security')])), []);
      assert.deepStrictEqual(ids(daemonSet(img('v0.8.9'), [...lb, masq()])), [['masqueradeFatal', 'error']]);
    });
    it('audit H3: v0.8.9: error on the value, log.Fatalf, fix inserts -iptables', () => {
      const text = daemonSet(img('v0.8.9'), [...lb, masq()]);
      const [finding, ...rest] = checkRule(rule, text);
      assert.strictEqual(rest.length, 0);
      assert.strictEqual(finding.messageId, 'masqueradeFatal');
      assert.strictEqual(finding.severity, 'error');
      assert.strictEqual(covered(text, finding), 'masquerade');
      assert.strictEqual(finding.message, 'lb_fwdmethod "masquerade" needs iptables: v0.8.9 crashes in a loop on this image. Use the kube-vip-iptables image.');
      assert.strictEqual(
        finding.detail,
        'ghcr.io/kube-vip/kube-vip is built without the iptables binary. On v0.8.9 kube-vip writes the masquerade rule whenever it adds the control-plane VIP, with or without lb_enable, and exits with log.Fatalf when that fails, so the Pod restarts in a loop. Use the kube-vip-iptables image with the same tag.',
      );
      assert.strictEqual(finding.fixes[0].title, 'Use ghcr.io/kube-vip/kube-vip-iptables:v0.8.9');
      assert.strictEqual(finding.fixes[0].preferred, true);
      assert.strictEqual(fixed(text, finding), text.replace('image: ghcr.io/kube-vip/kube-vip:v0.8.9', 'image: ghcr.io/kube-vip/kube-vip-iptables:v0.8.9'));
      assert.deepStrictEqual(checkRule(rule, fixed(text, finding)), []);
      assert.strictEqual(covered(text, { ...finding, span: finding.related[0].span }), 'ghcr.io/kube-vip/kube-vip:v0.8.9');
    });
    it('audit H3: v0.8.0–v0.8.9 write the rule without any IPVS check, so masquerade is fatal without lb_enable too (BGP as well)', () => {
      assert.deepStrictEqual(ids(daemonSet(img('v0.8.0'), [t('vip_arp'), t('cp_enable'), masq()])), [['masqueradeFatal', 'error']]);
      const bgp = [t('bgp_enable'), t('cp_enable'), { name: 'bgp_routerid', raw: '10.0.0.2' }, masq()];
      assert.deepStrictEqual(ids(daemonSet(img('v0.8.9'), bgp)), [['masqueradeFatal', 'error']]);
    });
    it('audit H3: v1.1.0–v1.2.0: StartVipService returns the error and the manager shuts down', () => {
      for (const tag of ['v1.1.0', 'v1.2.0']) {
        const [finding] = checkRule(rule, daemonSet(img(tag), [...lb, masq()]));
        assert.strictEqual(finding.messageId, 'masqueradeShutdown', tag);
        assert.strictEqual(finding.severity, 'error');
        assert.match(finding.message, new RegExp(`needs iptables: ${tag.replace(/\./g, '\\.')} shuts down and restarts in a loop.* Use kube-vip-iptables\\.$`));
        assert.match(finding.detail!, new RegExp(`adding the control-plane VIP fails on the masquerade rule, and kube-vip ${tag.replace(/\./g, '\\.')} \\(v1\\.1\\.0–v1\\.2\\.0\\) shuts its manager down`));
      }
    });
    it('audit H3: v0.8.10–v1.0.4 and v1.2.1 only log it: warning, the VIP is added without the rule', () => {
      for (const tag of ['v0.8.10', 'v1.0.4', 'v1.2.1']) {
        const [finding] = checkRule(rule, daemonSet(img(tag), [...lb, masq()]));
        assert.strictEqual(finding.messageId, 'masqueradeNotApplied', tag);
        assert.strictEqual(finding.severity, 'warning');
        assert.match(finding.message, new RegExp(`needs iptables: ${tag.replace(/\./g, '\\.')} skips the masquerade rule on this image\\. Use kube-vip-iptables\\.$`));
        assert.match(finding.detail!, /kube-vip only logs the failure: the control-plane VIP is added, but the masquerade rule for IPVS forwarding is not\./);
        assert.doesNotMatch(finding.message, /Fatal|restarts|crashes/);
        assert.doesNotMatch(finding.detail!, /Fatal|restarts/);
      }
    });
    it('audit H3: v1.2.2+ writes the rule with the Go nftables client by default: no finding', () => {
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v1.2.3'), [...lb, masq(), t('svc_enable'), t('enable_service_security')])), []);
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v1.2.2'), [...lb, masq(), t('egress_withnftables')])), []);
    });
    it('audit H3: v1.2.3 with egress_withnftables "false": iptables again, only logged', () => {
      const text = daemonSet(`"${img('v1.2.3')}"`, [...lb, masq(), noNft]);
      const [finding] = checkRule(rule, text);
      assert.strictEqual(finding.messageId, 'masqueradeNotApplied');
      assert.strictEqual(finding.severity, 'warning');
      assert.strictEqual(fixed(text, finding), text.replace('"ghcr.io/kube-vip/kube-vip:v1.2.3"', '"ghcr.io/kube-vip/kube-vip-iptables:v1.2.3"'));
    });
    it('audit H3: v1.2.3 with egress_withnftables unknown: a conditional warning', () => {
      const text = daemonSet(img('v1.2.3'), [...lb, masq(), { name: 'egress_withnftables', raw: '"{{ nft }}"' }]);
      const [finding] = checkRule(rule, text);
      assert.strictEqual(finding.severity, 'warning');
      assert.match(finding.message, /^lb_fwdmethod "masquerade" may need iptables: if so, v1\.2\.3 skips the masquerade rule\. Use kube-vip-iptables\.$/);
      assert.match(finding.detail!, /built without the iptables binary\. kube-vip needs it unless egress_withnftables is true, the default from v1\.2\.2, when it writes these rules with nftables\. On v1\.2\.3/);
      const flag = daemonSet(img('v1.2.3'), [...lb, masq()]).replace('args: ["manager"]', 'args: ["manager", "--egressWithNftables=false"]');
      assert.strictEqual(checkRule(rule, flag).length, 1);
    });
    it('no fix for a digest, another registry, or an assumed version', () => {
      assert.deepStrictEqual(checkRule(rule, daemonSet(`${img('v0.8.9')}@sha256:37036d0f`, [...lb, masq()]))[0].fixes, []);
      assert.deepStrictEqual(checkRule(rule, daemonSet('plndr/kube-vip:v0.8.7', [...lb, masq()]))[0].fixes, []);
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('latest'), [...lb, masq(), noNft]))[0].fixes, []);
    });
    describe('not flagged', () => {
      it('audit H3: v0.8.10+ writes the rule only with IPVS (lb_enable) and for an IPv4 VIP', () => {
        assert.deepStrictEqual(checkRule(rule, daemonSet(img('v1.0.4'), [t('vip_arp'), t('cp_enable'), masq()])), []);
        assert.deepStrictEqual(checkRule(rule, daemonSet(img('v1.0.4'), [...lb, { name: 'address', raw: 'fd00::10' }, masq()])), []);
        assert.strictEqual(checkRule(rule, daemonSet(img('v1.0.4'), [...lb, { name: 'address', raw: '192.168.0.40' }, masq()])).length, 1);
      });
      it('audit H3: the rule is for the control-plane VIP only (Services carry no forwarding method), and not in table or WireGuard mode', () => {
        assert.deepStrictEqual(checkRule(rule, daemonSet(img('v0.8.9'), [t('vip_arp'), t('svc_enable'), t('lb_enable'), masq()])), []);
        assert.deepStrictEqual(checkRule(rule, daemonSet(img('v0.8.9'), [t('vip_routingtable'), t('cp_enable'), masq()])), []);
        assert.deepStrictEqual(checkRule(rule, daemonSet(img('v0.8.9'), [t('vip_wireguard'), t('cp_enable'), masq()])), []);
      });
      it('the VIP code compares the exact string "masquerade" (only IPVS lower-cases it)', () => {
        assert.deepStrictEqual(checkRule(rule, daemonSet(img('v0.8.9'), [...lb, masq('Masquerade')])), []);
      });
      it('the -iptables image, images before v0.8.0, other methods, unknown values', () => {
        assert.deepStrictEqual(checkRule(rule, daemonSet('ghcr.io/kube-vip/kube-vip-iptables:v0.8.9', [...lb, masq()])), []);
        assert.deepStrictEqual(checkRule(rule, daemonSet(img('v0.7.2'), [...lb, masq()])), []);
        assert.deepStrictEqual(checkRule(rule, daemonSet(img('v0.8.9'), [...lb, masq('local')])), []);
        assert.deepStrictEqual(checkRule(rule, daemonSet(img('v0.8.9'), [...lb, masq('"{{ method }}"')])), []);
      });
      it('audit M4: v0.8.3 drops lb_fwdmethod after vip_routingtableid', () => {
        assert.deepStrictEqual(checkRule(rule, daemonSet(img('v0.8.3'), [...lb, { name: 'vip_routingtableid', raw: '"200"' }, masq()])), []);
        assert.strictEqual(checkRule(rule, daemonSet(img('v0.8.5'), [...lb, { name: 'vip_routingtableid', raw: '"200"' }, masq()])).length, 1);
      });
    });
  });

  describe('enable_service_security', () => {
    it('with Services, before v1.2.2: warning, only logged', () => {
      const text = daemonSet(img('v1.2.1'), [t('vip_arp'), t('svc_enable'), t('enable_service_security')]);
      const [finding] = checkRule(rule, text);
      assert.strictEqual(finding.messageId, 'serviceSecurity');
      assert.strictEqual(finding.severity, 'warning');
      assert.strictEqual(finding.message, 'enable_service_security needs iptables: v1.2.1 skips the Service port filter on this image. Use kube-vip-iptables.');
      assert.match(finding.detail!, /^ghcr\.io\/kube-vip\/kube-vip is built without the iptables binary\. .* kube-vip only logs the failure when it adds a Service VIP, so the Service port filtering is never applied\./);
    });
    it('audit H3: v1.2.3 needs iptables only with egress_withnftables "false"', () => {
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v1.2.3'), [t('vip_arp'), t('svc_enable'), t('enable_service_security')])), []);
      assert.deepStrictEqual(ids(daemonSet(img('v1.2.3'), [t('vip_arp'), t('svc_enable'), t('enable_service_security'), noNft])), [
        ['serviceSecurity', 'warning'],
        ['iptablesEgress', 'warning'],
      ]);
    });
    it('"True" did nothing on v0.6.0–v0.9.2, so no iptables call', () => {
      const on = (tag: string, raw: string) => checkRule(rule, daemonSet(img(tag), [t('vip_arp'), t('svc_enable'), { name: 'enable_service_security', raw }])).length;
      assert.strictEqual(on('v0.9.2', '"True"'), 0);
      assert.strictEqual(on('v0.9.2', '"true"'), 1);
      assert.strictEqual(on('v1.0.0', '"True"'), 1);
    });
    it('audit M4: v0.8.3 still applies it after vip_routingtableid: the VIP code reads the env itself', () => {
      const text = daemonSet(img('v0.8.3'), [t('vip_arp'), t('svc_enable'), { name: 'vip_routingtableid', raw: '"200"' }, t('enable_service_security')]);
      assert.deepStrictEqual(ids(text), [['serviceSecurity', 'warning']]);
    });
    it('audit H3 (missed case): v0.6.3–v0.8.9 also filter the control-plane VIP, and its failed AddIP is fatal', () => {
      const text = daemonSet(img('v0.8.9'), [t('vip_arp'), t('cp_enable'), t('enable_service_security')]);
      const [finding, ...rest] = checkRule(rule, text);
      assert.strictEqual(rest.length, 0);
      assert.strictEqual(finding.messageId, 'securityControlPlaneFatal');
      assert.strictEqual(finding.severity, 'error');
      assert.strictEqual(covered(text, finding), '"true"');
      assert.match(finding.message, /^enable_service_security needs iptables: v0\.8\.9 crashes in a loop on this image\. Use the kube-vip-iptables image\.$/);
      assert.match(finding.detail!, /On v0\.8\.9 kube-vip writes the port-filter rules for the control-plane VIP too, and exits with log\.Fatalf when that fails/);
      assert.strictEqual(checkRule(rule, daemonSet(img('v0.6.3'), [t('bgp_enable'), t('cp_enable'), t('svc_enable'), t('enable_service_security')]))[0].messageId, 'securityControlPlaneFatal');
      // v0.6.0–v0.6.2 only warned; v0.8.10+ only logs it for the control plane (v1.0.3+ skips it: no ports).
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v0.6.2'), [t('vip_arp'), t('cp_enable'), t('enable_service_security')])), []);
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v0.9.0'), [t('vip_arp'), t('cp_enable'), t('enable_service_security')])), []);
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v0.8.9'), [t('vip_arp'), t('cp_enable'), { name: 'enable_service_security', raw: '"True"' }])), []);
    });
    it('not without Services', () => {
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v1.2.1'), [t('vip_arp'), t('cp_enable'), t('enable_service_security')])), []);
    });
  });

  describe('egress_withnftables "false"', () => {
    it('with Services: warning', () => {
      const text = daemonSet(img('v1.2.3'), [t('vip_arp'), t('svc_enable'), noNft]);
      const [finding] = checkRule(rule, text);
      assert.strictEqual(finding.messageId, 'iptablesEgress');
      assert.strictEqual(finding.severity, 'warning');
      assert.match(finding.message, /^egress_withnftables "false" needs iptables: v1\.2\.3 sets up no Service egress on this image\. Use kube-vip-iptables\.$/);
      assert.match(finding.detail!, /^egress_withnftables "false" selects iptables egress\. ghcr\.io\/kube-vip\/kube-vip is built without the iptables binary\./);
      assert.match(finding.detail!, /egress for Services annotated kube-vip\.io\/egress is not set up/);
    });
    it('not flagged: unset (only explicit settings), a version that does not read it, no Services', () => {
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v1.2.1'), [t('vip_arp'), t('svc_enable')])), []);
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v0.5.11'), [t('vip_arp'), t('svc_enable'), noNft])), []);
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v1.2.3'), [t('vip_arp'), t('cp_enable'), noNft])), []);
    });
  });
});

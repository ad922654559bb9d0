import * as assert from 'assert';
import { rule } from '../../../server/src/core/rules/lb-class-ignores-services';
import { checkRule, covered, daemonSet } from '../../helpers';
import type { EnvLine } from '../../helpers';

const img = (tag: string) => `ghcr.io/kube-vip/kube-vip:${tag}`;
const t = (name: string): EnvLine => ({ name, raw: '"true"' });
const svc = [t('vip_arp'), t('svc_enable')];
const only: EnvLine = { name: 'lb_class_only', raw: '"true"' };
const strict: EnvLine = { name: 'lb_class_legacy_handling', raw: '"false"' };

describe('lb-class-ignores-services', () => {
  it('audit Missed §17: lb_class_only "true" on v1.2.1: warning on the value, conditional wording, no fix', () => {
    const text = daemonSet(img('v1.2.1'), [...svc, only]);
    const [finding, ...rest] = checkRule(rule, text);
    assert.strictEqual(rest.length, 0);
    assert.strictEqual(finding.messageId, 'classOnly');
    assert.strictEqual(finding.severity, 'warning');
    assert.strictEqual(covered(text, finding), '"true"');
    assert.strictEqual(finding.message, 'lb_class_only "true": v1.2.1 ignores Services with no loadBalancerClass (if any). Remove it to serve them.');
    assert.strictEqual(
      finding.detail,
      'With lb_class_only "true", kube-vip v1.2.1 ignores every LoadBalancer Service without spec.loadBalancerClass: such Services get no VIP. This matters only if the cluster has such Services, which the linter cannot see. Remove lb_class_only (or set it to "false") if kube-vip should serve them.',
    );
    assert.deepStrictEqual(finding.fixes, []);
  });
  it('audit Missed §17: lb_class_only "true" on v0.5.5 (before lb_class_legacy_handling existed)', () => {
    assert.strictEqual(checkRule(rule, daemonSet(img('v0.5.5'), [...svc, only]))[0].messageId, 'classOnly');
  });
  it('audit Missed §17: lb_class_legacy_handling "false" with the default class name (unset or written out): warning on its value', () => {
    const text = daemonSet(img('v1.2.3'), [...svc, strict]);
    const [finding] = checkRule(rule, text);
    assert.strictEqual(finding.messageId, 'classRequired');
    assert.strictEqual(finding.severity, 'warning');
    assert.strictEqual(covered(text, finding), '"false"');
    assert.strictEqual(finding.message, 'lb_class_legacy_handling "false": v1.2.3 ignores Services with no loadBalancerClass (if any). Remove it.');
    assert.match(finding.detail ?? '', /Remove lb_class_legacy_handling if kube-vip should serve them, or set lb_class_name to "" to serve only Services without a class\.$/);
    assert.match(
      finding.detail ?? '',
      /^With lb_class_legacy_handling "false", kube-vip v1\.2\.3 serves only Services whose spec\.loadBalancerClass is lb_class_name \("kube-vip\.io\/kube-vip-class"\): every LoadBalancer Service without spec\.loadBalancerClass gets no VIP\. This matters only if the cluster has such Services, which the linter cannot see\./,
    );
    const written = daemonSet(img('v0.8.1'), [...svc, strict, { name: 'lb_class_name', raw: 'kube-vip.io/kube-vip-class' }]);
    const [named] = checkRule(rule, written);
    assert.strictEqual(named.messageId, 'classRequired');
    assert.strictEqual(covered(written, { ...named, span: named.related[0].span }), 'kube-vip.io/kube-vip-class');
  });
  it('the strict filter ignores lb_class_only: one finding, on lb_class_legacy_handling', () => {
    const text = daemonSet(img('v1.2.3'), [...svc, only, strict]);
    assert.deepStrictEqual(checkRule(rule, text).map((f) => [f.messageId, covered(text, f)]), [['classRequired', '"false"']]);
  });
  describe('not flagged', () => {
    it('audit Missed §17: without svc_enable the variables are never parsed (svc-requires-svc-enable reports them)', () => {
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v1.2.3'), [t('vip_arp'), t('cp_enable'), only, strict])), []);
      const flag = daemonSet(img('v1.2.3'), [t('vip_arp'), only]).replace('args: ["manager"]', 'args: ["manager", "--services"]');
      assert.deepStrictEqual(checkRule(rule, flag), []);
    });
    it('Services off, or lb_class_only false or unknown', () => {
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v1.2.3'), [t('vip_arp'), { name: 'svc_enable', raw: '"false"' }, only])), []);
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v1.2.3'), [...svc, { name: 'lb_class_only', raw: '"false"' }])), []);
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v1.2.3'), [...svc, { name: 'lb_class_only', raw: '"{{ only }}"' }])), []);
    });
    it('a chosen class name, or "" (serve only Services without a class)', () => {
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v1.2.3'), [...svc, strict, { name: 'lb_class_name', raw: 'example.com/lb' }])), []);
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v1.2.3'), [...svc, strict, { name: 'lb_class_name', raw: '""' }])), []);
      const flag = daemonSet(img('v1.2.3'), [...svc, strict]).replace('args: ["manager"]', 'args: ["manager", "--lbClassName=example.com/lb"]');
      assert.deepStrictEqual(checkRule(rule, flag), []);
    });
    it('the class filter is unknown (lb_class_legacy_handling from a template or a flag)', () => {
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v1.2.3'), [...svc, only, { name: 'lb_class_legacy_handling', raw: '"{{ legacy }}"' }])), []);
      const flag = daemonSet(img('v1.2.3'), [...svc, only]).replace('args: ["manager"]', 'args: ["manager", "--lbClassNameLegacyHandling=false"]');
      assert.deepStrictEqual(checkRule(rule, flag), []);
    });
    it('versions that do not read the variable (lb_class_only before v0.5.5, lb_class_legacy_handling before v0.8.1)', () => {
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v0.5.0'), [...svc, only])), []);
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v0.8.0'), [...svc, strict])), []);
    });
  });
});

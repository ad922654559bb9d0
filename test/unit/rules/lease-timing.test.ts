import * as assert from 'assert';
import { rule } from '../../../server/src/core/rules/lease-timing';
import { checkRule, covered, daemonSet } from '../../helpers';
import type { EnvLine } from '../../helpers';

const img = (tag: string) => `ghcr.io/kube-vip/kube-vip:${tag}`;
const t = (name: string): EnvLine => ({ name, raw: '"true"' });
const arpCp = [t('vip_arp'), t('cp_enable')];
const timings = (lease?: string, renew?: string, retry?: string): EnvLine[] =>
  [
    ['vip_leaseduration', lease],
    ['vip_renewdeadline', renew],
    ['vip_retryperiod', retry],
  ]
    .filter(([, raw]) => raw !== undefined)
    .map(([name, raw]) => ({ name: name!, raw: raw! }));

describe('lease-timing', () => {
  it('1/1/1 (kube-vip#924): error on the renew deadline, related to the lease duration', () => {
    const text = daemonSet(img('v0.8.9'), [...arpCp, ...timings('"1"', "'1'", '"1"')]);
    const [finding, ...rest] = checkRule(rule, text);
    assert.strictEqual(rest.length, 0);
    assert.strictEqual(finding.severity, 'error');
    assert.strictEqual(finding.messageId, 'leaseNotAboveRenew');
    assert.strictEqual(covered(text, finding), "'1'");
    assert.match(finding.detail ?? '', /^vip_leaseduration "1" must be greater than vip_renewdeadline "1": on v0\.8\.9 client-go panics with "leaseDuration must be greater than renewDeadline"/);
    assert.match(finding.detail ?? '', /\(in ARP mode the control plane always elects a leader\)/);
    assert.match(finding.detail ?? '', /e\.g\. 15\/10\/2\.$/);
    assert.strictEqual(finding.message, 'vip_leaseduration "1" must exceed vip_renewdeadline "1": v0.8.9 panics. Use e.g. 15/10/2 (lease/renew/retry).');
    assert.deepStrictEqual(finding.related.map((r) => r.message), ['vip_leaseduration is "1"']);
    assert.deepStrictEqual(finding.fixes, []);
  });
  it('10/10/2: on the renew deadline', () => {
    const text = daemonSet(img('v1.2.3'), [...arpCp, ...timings('"10"', '"10"', '"2"')]);
    const [finding] = checkRule(rule, text);
    assert.ok(text.slice(finding.span.start - 40, finding.span.start).includes('vip_renewdeadline'));
  });
  it('15/6/5: 6 is not greater than 1.2 × 5', () => {
    const text = daemonSet(img('v1.2.3'), [...arpCp, ...timings('"15"', '"6"', '"5"')]);
    const [finding] = checkRule(rule, text);
    assert.strictEqual(finding.messageId, 'renewNotAboveRetry');
    assert.match(finding.detail ?? '', /^vip_renewdeadline "6" must be greater than 1\.2 × vip_retryperiod "5" = 6: .*"renewDeadline must be greater than retryPeriod\*JitterFactor"/);
    assert.deepStrictEqual(finding.related.map((r) => r.message), ['vip_retryperiod is "5"']);
  });
  it('15/7/5 passes (7 > 6)', () => {
    assert.deepStrictEqual(checkRule(rule, daemonSet(img('v1.2.3'), [...arpCp, ...timings('"15"', '"7"', '"5"')])), []);
  });
  it('only vip_leaseduration "4" on v1.2.3: the default renew deadline is 10 there', () => {
    const text = daemonSet(img('v1.2.3'), [...arpCp, ...timings('"4"')]);
    const [finding] = checkRule(rule, text);
    assert.strictEqual(covered(text, finding), '"4"');
    assert.match(finding.detail ?? '', /^vip_leaseduration "4" must be greater than vip_renewdeadline \(unset, so the v1\.2\.3 default 10\)/);
    assert.match(finding.message, /^vip_leaseduration "4" must exceed vip_renewdeadline \(default 10\): v1\.2\.3 panics.* Use e\.g\. 15\/10\/2/);
    assert.match(finding.detail ?? '', /\(the defaults changed from 5\/3\/1 to 15\/10\/2 in v1\.1\.0-rc\.0\)/);
    assert.deepStrictEqual(finding.related, []);
  });
  it('the same manifest is fine on v1.0.4 (default 3) and breaks from v1.1.0-rc.0', () => {
    assert.deepStrictEqual(checkRule(rule, daemonSet(img('v1.0.4'), [...arpCp, ...timings('"4"')])), []);
    assert.strictEqual(checkRule(rule, daemonSet(img('v1.1.0-rc.0'), [...arpCp, ...timings('"4"')])).length, 1);
  });
  it('only vip_retryperiod "9" on v1.2.3: on the retry period', () => {
    const text = daemonSet(img('v1.2.3'), [...arpCp, ...timings(undefined, undefined, '"9"')]);
    const [finding] = checkRule(rule, text);
    assert.strictEqual(covered(text, finding), '"9"');
    assert.match(finding.detail ?? '', /^vip_renewdeadline \(unset, so the v1\.2\.3 default 10\) must be greater than 1\.2 × vip_retryperiod "9" = 10\.8/);
  });
  it('values below 1 are left to invalid-number', () => {
    assert.deepStrictEqual(checkRule(rule, daemonSet(img('v1.2.3'), [...arpCp, ...timings(undefined, undefined, '"0"')])), []);
    assert.deepStrictEqual(checkRule(rule, daemonSet(img('v1.2.3'), [...arpCp, ...timings('"0"')])), []);
  });
  describe('when leader election runs', () => {
    const bad = timings('"10"', '"10"', '"2"');
    it('ARP Services elect a leader', () => {
      assert.match(checkRule(rule, daemonSet(img('v1.2.3'), [t('vip_arp'), t('svc_enable'), ...bad]))[0].detail ?? '', /in ARP mode Services always elect a leader/);
    });
    it('BGP control plane with vip_leaderelection', () => {
      assert.match(checkRule(rule, daemonSet(img('v1.2.3'), [t('bgp_enable'), t('cp_enable'), t('vip_leaderelection'), ...bad]))[0].detail ?? '', /vip_leaderelection is "true"/);
    });
    it('per-Service election', () => {
      assert.match(checkRule(rule, daemonSet(img('v1.2.3'), [t('bgp_enable'), t('svc_enable'), t('svc_election'), ...bad]))[0].detail ?? '', /svc_election is "true"/);
    });
    it('BGP without any election: the timings are unused', () => {
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v1.2.3'), [t('bgp_enable'), t('cp_enable'), t('svc_enable'), ...bad])), []);
    });
    it('routing-table mode never elects for the control plane, whatever vip_leaderelection says', () => {
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v1.2.3'), [t('vip_routingtable'), t('cp_enable'), t('vip_leaderelection'), ...bad])), []);
    });
    it('review: routing-table Services elect per Service with svc_election, and one leader with vip_leaderelection from v0.7.0', () => {
      assert.match(checkRule(rule, daemonSet(img('v0.6.4'), [t('vip_routingtable'), t('svc_enable'), t('svc_election'), ...bad]))[0].detail ?? '', /svc_election is "true"/);
      assert.match(checkRule(rule, daemonSet(img('v0.7.0'), [t('vip_routingtable'), t('svc_enable'), t('vip_leaderelection'), ...bad]))[0].detail ?? '', /routing-table mode elects one leader for the Services/);
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v0.6.4'), [t('vip_routingtable'), t('svc_enable'), t('vip_leaderelection'), ...bad])), []);
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v1.2.3'), [t('vip_routingtable'), t('svc_enable'), ...bad])), [], 'no election without either');
    });
    it('BGP elects for the control plane only from v0.6.1', () => {
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v0.6.0'), [t('bgp_enable'), t('cp_enable'), t('vip_leaderelection'), ...bad])), []);
      assert.strictEqual(checkRule(rule, daemonSet(img('v0.6.1'), [t('bgp_enable'), t('cp_enable'), t('vip_leaderelection'), ...bad])).length, 1);
    });
    it('ARP mode not certain (two modes): no claim from ARP alone', () => {
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v1.0.4'), [t('vip_arp'), t('bgp_enable'), t('cp_enable'), ...bad])), []);
      // The same with bgp_enable unknown (a template): ARP alone is then truly not certain.
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v1.0.4'), [t('vip_arp'), { name: 'bgp_enable', raw: '"{{ .Values.bgp }}"' }, t('cp_enable'), ...bad])), []);
      assert.strictEqual(checkRule(rule, daemonSet(img('v1.0.4'), [t('vip_arp'), t('cp_enable'), ...bad])).length, 1, 'and ARP alone is reported');
    });
  });
  describe('audit L7: --leaderElectionType', () => {
    const bad = [...arpCp, ...timings('"10"', '"10"', '"2"')];
    const withArgs = (args: string) => daemonSet(img('v1.2.3'), bad).replace('args: ["manager"]', args);
    it('audit L7: etcd election never runs client-go\'s checks: no finding (--flag=etcd and --flag etcd)', () => {
      assert.deepStrictEqual(checkRule(rule, withArgs('args: ["manager", "--leaderElectionType=etcd"]')), []);
      assert.deepStrictEqual(checkRule(rule, withArgs('args: ["manager", "--leaderElectionType", "etcd"]')), []);
    });
    it('audit L7: an unknown election type is not guessed', () => {
      assert.deepStrictEqual(checkRule(rule, withArgs('args: ["manager", "--leaderElectionType=$(TYPE)"]')), []);
    });
    it('audit L7: --leaderElectionType=kubernetes still panics', () => {
      const text = withArgs('args: ["manager", "--leaderElectionType=kubernetes"]');
      const [finding] = checkRule(rule, text);
      assert.strictEqual(finding.messageId, 'leaseNotAboveRenew');
      assert.match(finding.detail ?? '', /client-go panics with "leaseDuration must be greater than renewDeadline"/);
    });
  });
  describe('not flagged', () => {
    it('the defaults and the generator values', () => {
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v1.2.3'), arpCp)), []);
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v0.8.9'), [...arpCp, ...timings('"5"', '"3"', '"1"')])), []);
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v1.2.3'), [...arpCp, ...timings('"15"', '"10"', '"2"')])), []);
    });
    it('unknown values', () => {
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v1.2.3'), [...arpCp, ...timings('"{{ .Values.lease }}"', '"10"', '"2"')])), []);
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v1.2.3'), [...arpCp, ...timings('"15s"', '"10"', '"2"')])), []);
      const ref = daemonSet(img('v1.2.3'), [...arpCp, '        - name: vip_renewdeadline\n          valueFrom:\n            configMapKeyRef: {name: kv, key: renew}', ...timings('"4"')]);
      assert.deepStrictEqual(checkRule(rule, ref), []);
    });
    it('a default that a CLI flag may override', () => {
      const text = daemonSet(img('v1.2.3'), [...arpCp, ...timings('"4"')]).replace('args: ["manager"]', 'args: ["manager", "--leaseRenewDuration=3"]');
      assert.deepStrictEqual(checkRule(rule, text), []);
    });
    it('images older than v0.5.0', () => {
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v0.4.1'), [...arpCp, ...timings('"1"', '"1"', '"1"')])), []);
    });
  });
});

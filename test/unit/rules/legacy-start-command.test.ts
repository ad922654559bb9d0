import * as assert from 'assert';
import { rule } from '../../../server/src/core/rules/legacy-start-command';
import { checkRule, covered, daemonSet, fixed } from '../../helpers';

const img = (tag: string) => `ghcr.io/kube-vip/kube-vip:${tag}`;
const env = [{ name: 'vip_arp', raw: '"true"' }, { name: 'cp_enable', raw: '"true"' }];
const withArgs = (tag: string, args: string) => daemonSet(img(tag), env).replace('args: ["manager"]', args);

describe('legacy-start-command', () => {
  it('args ["start"] on v0.8.0: error, preferred fix keeps the quotes', () => {
    const text = withArgs('v0.8.0', 'args: ["start"]');
    const [finding] = checkRule(rule, text);
    assert.strictEqual(finding.severity, 'error');
    assert.strictEqual(finding.messageId, 'startRemoved');
    assert.strictEqual(covered(text, finding), '"start"');
    assert.strictEqual(finding.message, 'The "start" sub-command was removed in v0.8.0: v0.8.0 exits at once (code 1, restart loop). Use "manager".');
    assert.strictEqual(
      finding.detail,
      `v0.7.2 is the last release that has it. kube-vip v0.8.0 stops at once with 'unknown command "start" for "kube-vip"' (exit code 1) and the container restarts in a loop.`,
    );
    assert.strictEqual(finding.fixes[0].title, 'Replace "start" with "manager"');
    assert.strictEqual(finding.fixes[0].preferred, true);
    assert.strictEqual(fixed(text, finding), text.replace('args: ["start"]', 'args: ["manager"]'));
    assert.deepStrictEqual(checkRule(rule, fixed(text, finding)), []);
  });
  it('block style, plain and single-quoted', () => {
    const plain = withArgs('v1.2.3', 'args:\n        - start');
    assert.strictEqual(fixed(plain, checkRule(rule, plain)[0]), plain.replace('- start', '- manager'));
    const single = withArgs('v1.2.3', "args: ['start']");
    assert.strictEqual(fixed(single, checkRule(rule, single)[0]), single.replace("['start']", "['manager']"));
  });
  it('after the binary in command', () => {
    const text = withArgs('v0.8.9', 'command: ["/kube-vip", "start"]');
    assert.strictEqual(covered(text, checkRule(rule, text)[0]), '"start"');
  });
  it('config-file style: flagged, the fix is offered but not preferred', () => {
    const text = withArgs('v0.9.0', 'args: ["start", "-c", "/etc/kube-vip/config.yaml"]');
    const [finding] = checkRule(rule, text);
    assert.match(finding.message, /Use "manager" and move the -c settings\.$/);
    assert.match(finding.detail ?? '', /`start` read its settings from the -c file; `manager` reads env variables/);
    assert.strictEqual(finding.fixes[0].preferred, false);
    assert.strictEqual(fixed(text, finding), text.replace('["start", "-c"', '["manager", "-c"'));
  });
  it('an image without a version tag is assumed to be the newest release', () => {
    const text = daemonSet('plndr/kube-vip:latest', env).replace('args: ["manager"]', 'args: ["start"]');
    const [finding] = checkRule(rule, text);
    assert.match(finding.message, /: v1\.2\.3 \(assumed\) exits at once/);
    assert.match(finding.detail ?? '', /v1\.2\.3 \(assumed: the image tag names no version/);
  });
  describe('not flagged', () => {
    it('v0.7.2 still has start (corpus 086 runs 0.1.8)', () => {
      assert.deepStrictEqual(checkRule(rule, withArgs('v0.7.2', 'args: ["start"]')), []);
      assert.deepStrictEqual(checkRule(rule, daemonSet('docker.io/plndr/kube-vip:0.1.8', env).replace('args: ["manager"]', 'args: [start, -c, /etc/kube-vip/config.yaml]')), []);
    });
    it('manager, and "start" that is not the sub-command', () => {
      assert.deepStrictEqual(checkRule(rule, withArgs('v1.2.3', 'args: ["manager"]')), []);
      assert.deepStrictEqual(checkRule(rule, withArgs('v1.2.3', 'args: ["manager", "--leaseName", "start"]')), []);
      assert.deepStrictEqual(checkRule(rule, withArgs('v1.2.3', 'command: ["sh", "-c", "kube-vip start"]')), []);
    });
  });
});

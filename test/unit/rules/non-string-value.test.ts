import * as assert from 'assert';
import { rule } from '../../../server/src/core/rules/non-string-value';
import { checkRule, covered, daemonSet, fixed } from '../../helpers';
import type { EnvLine } from '../../helpers';

const img = (tag: string) => `ghcr.io/kube-vip/kube-vip:${tag}`;
const run = (env: readonly (EnvLine | string)[], tag = 'v1.2.3') => {
  const text = daemonSet(img(tag), env);
  return { text, fs: checkRule(rule, text) };
};

describe('non-string-value', () => {
  it('value: true is an error on the scalar; the fix quotes it and keeps the comment', () => {
    const { text, fs } = run([{ name: 'svc_enable', raw: 'true # services' }]);
    assert.strictEqual(fs.length, 1);
    assert.strictEqual(fs[0].messageId, 'notString');
    assert.strictEqual(fs[0].severity, 'error');
    assert.strictEqual(covered(text, fs[0]), 'true');
    assert.strictEqual(fs[0].message, 'svc_enable: unquoted true is a YAML boolean, not a string: the Kubernetes API rejects the object. Quote it: "true".');
    assert.strictEqual(
      fs[0].detail,
      'The unquoted value true is a boolean in YAML, but an env value must be a string. The Kubernetes API rejects the object, so kubectl apply fails (a static Pod manifest is not decoded by the kubelet).',
    );
    assert.strictEqual(fs[0].fixes[0].title, 'Quote the value: "true"');
    assert.strictEqual(fs[0].fixes[0].preferred, true);
    assert.strictEqual(fixed(text, fs[0]), text.replace('value: true # services', 'value: "true" # services'));
  });

  it('YAML 1.1 yes/off on a boolean variable become "true"/"false", which ParseBool accepts', () => {
    for (const [raw, want] of [['yes', 'true'], ['Y', 'true'], ['off', 'false'], ['NO', 'false'], ['On', 'true']]) {
      const { text, fs } = run([{ name: 'vip_arp', raw }]);
      assert.strictEqual(fs[0].messageId, 'yaml11Bool');
      assert.match(fs[0].message, new RegExp(`^vip_arp: unquoted ${raw} is a YAML 1\\.1 boolean, not a string: .* Quote it: "${want}"\\.$`));
      assert.match(fs[0].detail!, /is a boolean in YAML, because Kubernetes reads YAML 1\.1/);
      assert.match(fs[0].detail!, new RegExp(`Quoted, it must be "${want}": kube-vip's strconv\\.ParseBool rejects "${raw}"\\.$`));
      assert.strictEqual(fixed(text, fs[0]), text.replace(`value: ${raw}`, `value: "${want}"`), raw);
    }
  });

  it('True and FALSE keep their spelling (ParseBool accepts them)', () => {
    const { text, fs } = run([{ name: 'cp_enable', raw: 'True' }]);
    assert.strictEqual(fixed(text, fs[0]), text.replace('value: True', 'value: "True"'));
  });

  it('yes on a non-boolean variable keeps the text as typed', () => {
    const { text, fs } = run([{ name: 'vip_interface', raw: 'yes' }]);
    assert.strictEqual(fixed(text, fs[0]), text.replace('value: yes', 'value: "yes"'));
    assert.match(fs[0].message, /Quote it: "yes"\.$/);
    assert.doesNotMatch(fs[0].detail!, /ParseBool/);
  });

  it('numbers keep their source text; 0755 mentions the octal reading', () => {
    const port = run([{ name: 'port', raw: '6443' }]);
    assert.strictEqual(port.fs[0].messageId, 'notString');
    assert.strictEqual(port.fs[0].message, 'port: unquoted 6443 is a YAML number, not a string: the Kubernetes API rejects the object. Quote it: "6443".');
    assert.match(port.fs[0].detail!, /^The unquoted value 6443 is a number in YAML/);
    assert.strictEqual(fixed(port.text, port.fs[0]), port.text.replace('value: 6443', 'value: "6443"'));
    const octal = run([{ name: 'vip_leaseduration', raw: '0755' }]);
    assert.match(octal.fs[0].message, /^vip_leaseduration: unquoted 0755 is a YAML number, not a string: .* Quote it\b/);
    assert.match(octal.fs[0].detail!, /is a number \(read as 493\) in YAML/);
    assert.strictEqual(fixed(octal.text, octal.fs[0]), octal.text.replace('value: 0755', 'value: "0755"'));
  });

  it('any env name is checked, known to kube-vip or not, on any version', () => {
    assert.strictEqual(run([{ name: 'MY_SETTING', raw: '5' }], 'v0.5.0').fs.length, 1);
  });

  it('flow-style entries are fixed in place', () => {
    const { text, fs } = run(['        - {name: port, value: 6443}']);
    assert.strictEqual(covered(text, fs[0]), '6443');
    assert.strictEqual(fixed(text, fs[0]), text.replace('value: 6443}', 'value: "6443"}'));
  });

  it('an explicitly tagged value is reported without a fix (quoting would keep the tag)', () => {
    const { fs } = run([{ name: 'port', raw: '!!int 6443' }]);
    assert.strictEqual(fs.length, 1);
    assert.deepStrictEqual(fs[0].fixes, []);
  });

  it('strings, empty and null values, references and templates are not flagged', () => {
    for (const raw of ['"true"', "'6443'", '""', '', '~', 'eth0', 'null']) {
      assert.deepStrictEqual(run([{ name: 'vip_arp', raw }]).fs, [], raw);
    }
    assert.deepStrictEqual(run(['        - name: vip_arp\n          valueFrom:\n            configMapKeyRef: {name: kv, key: arp}']).fs, []);
    assert.deepStrictEqual(run([{ name: 'port', raw: '{{ .Values.port }}' }]).fs, []);
    assert.deepStrictEqual(run([{ name: 'vip_arp' }]).fs, []);
  });

  it('values go-yaml v2 keeps as strings (timestamps, base-60) are not flagged', () => {
    assert.deepStrictEqual(run([{ name: 'x', raw: '2001-12-14' }]).fs, []);
    assert.deepStrictEqual(run([{ name: 'x', raw: '10:30' }]).fs, []);
  });
});

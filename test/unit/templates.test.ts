import * as assert from 'assert';
import { maskTemplates } from '../../server/src/core/templates';
import { lint } from '../helpers';

const JINJA = `apiVersion: v1
kind: Pod
metadata: {name: kube-vip}
spec:
  containers:
  - name: kube-vip
    image: ghcr.io/kube-vip/kube-vip:{{ kube_vip_tag }}
    env:
{% if kube_vip_iface %}
    - name: vip_interface
      value: {{ kube_vip_iface }}
{% endif %}
    - name: vip_arp
      value: "{{ 'true' if arp else 'false' }}"
    - name: svc_enable
      value: "true"
    - name: vip_subnet
      value: "128"
`;

describe('template masking', () => {
  it('keeps every offset and line: same length, same newlines', () => {
    const masked = maskTemplates(JINJA);
    assert.strictEqual(masked.text.length, JINJA.length);
    assert.deepStrictEqual(masked.text.split('\n').map((l) => l.length), JINJA.split('\n').map((l) => l.length));
    assert.strictEqual(masked.controlLines.length, 2);
    assert.match(masked.text, /value: \$\(_+\)\n/);
  });
  it('leaves text without templates untouched', () => {
    const plain = 'a: "b"\n';
    assert.strictEqual(maskTemplates(plain).text, plain);
  });
  it('lints a Jinja template: literal values are checked, templated ones are unknown', () => {
    const findings = lint(JINJA);
    const image = JINJA.slice(JINJA.indexOf('image: ') + 7, JINJA.indexOf('\n', JINJA.indexOf('image: ')));
    assert.deepStrictEqual(findings.map((f) => [f.rule, JINJA.slice(f.span.start, f.span.end)]), [['not-checked', image], ['vip-prefix-list', '"128"']]);
    assert.strictEqual(findings[0].severity, 'info', 'the templated tag is said, as an info note on the image');
    assert.strictEqual(findings[1].message, 'vip_subnet "128" has no IPv4 prefix: v1.2.3 (assumed) gives IPv4 Services no VIP. Use "32,128".');
    assert.match(findings[1].detail!, /assumed: the image tag names no version/);
  });
  it('Helm control lines are masked too', () => {
    const helm = JINJA.replace('{% if kube_vip_iface %}', '{{- if .Values.iface }}').replace('{% endif %}', '{{- end }}');
    assert.strictEqual(maskTemplates(helm).controlLines.length, 2);
    assert.deepStrictEqual(lint(helm).map((f) => f.rule), ['not-checked', 'vip-prefix-list']);
  });
  it('control lines are masked with CRLF line endings too', () => {
    const crlf = JINJA.replace(/\n/g, '\r\n');
    const masked = maskTemplates(crlf);
    assert.strictEqual(masked.controlLines.length, 2);
    assert.strictEqual(masked.text.length, crlf.length);
    assert.strictEqual(masked.text.split('\r\n').length, crlf.split('\r\n').length);
    const findings = lint(crlf);
    assert.deepStrictEqual(findings.map((f) => f.rule), ['not-checked', 'vip-prefix-list']);
    assert.strictEqual(crlf.slice(findings[1].span.start, findings[1].span.end), '"128"');
  });
});

import * as assert from 'assert';
import { analyze } from '../../server/src/core';
import { lookup } from '../../server/src/core/catalog';
import { completionsAt } from '../../server/src/core/completion';
import type { CompletionResult } from '../../server/src/core/completion';
import { specMarkdown } from '../../server/src/core/hover';
import { daemonSet } from '../helpers';

const img = (tag: string) => `ghcr.io/kube-vip/kube-vip:${tag}`;
const CURSOR = '‸';

/** Completions at the cursor mark in `withCursor`, plus the text without the mark. */
function complete(withCursor: string): { text: string; result: CompletionResult | undefined; offset: number } {
  const offset = withCursor.indexOf(CURSOR);
  assert.ok(offset >= 0, 'no cursor mark');
  const text = withCursor.slice(0, offset) + withCursor.slice(offset + CURSOR.length);
  return { text, offset, result: completionsAt(analyze(text), offset) };
}

const labels = (result: CompletionResult | undefined) => result?.items.map((i) => i.label) ?? [];
const item = (result: CompletionResult | undefined, label: string) => result?.items.find((i) => i.label === label);

describe('completion', () => {
  describe('names after `- name: ` (the name scalar is still null)', () => {
    const { text, offset, result } = complete(daemonSet(img('v1.2.3'), [{ name: 'vip_arp', raw: '"true"' }, `        - name: ${CURSOR}`]));

    it('offers the variables v1.2.3 reads, except those already set, implicit ones and aliases', () => {
      const names = labels(result);
      assert.ok(names.includes('vip_subnet'));
      assert.ok(names.includes('vip_skipdad'));
      assert.ok(!names.includes('vip_arp'), 'already set');
      assert.ok(!names.includes('vip_cidr'), 'not read by v1.2.3');
      assert.ok(!names.includes('enableUPNP'), 'not read by v1.2.3');
      assert.ok(!names.includes('HOME') && !names.includes('KUBERNETES_SERVICE_HOST'), 'implicit');
      assert.ok(!names.includes('EGRESS_CLEAN') && !names.includes('INSTANCE_NAME'), 'aliases');
      assert.ok(!names.includes('debounce_time') && !names.includes('annotations'), 'never read');
    });

    it('an empty replace span at the cursor', () => {
      assert.deepStrictEqual(result!.span, { start: offset, end: offset });
      assert.deepStrictEqual(item(result, 'vip_subnet')!.replaceSpan, { start: offset, end: offset });
    });

    it('a snippet that adds `value: ""` on the next line, aligned with `name:`', () => {
      const subnet = item(result, 'vip_subnet')!;
      assert.strictEqual(subnet.kind, 'variable');
      assert.strictEqual(subnet.insertText, 'vip_subnet\n          value: "$1"');
      assert.strictEqual(subnet.isSnippet, true);
      const accepted = text.slice(0, offset) + 'vip_subnet\n          value: ""' + text.slice(offset);
      assert.match(accepted, /\n {8}- name: vip_subnet\n {10}value: ""\n/);
    });

    it('detail is type and mode; documentation is the hover markdown', () => {
      const subnet = item(result, 'vip_subnet')!;
      assert.strictEqual(subnet.detail, 'prefix-list · control-plane');
      assert.strictEqual(subnet.documentation, specMarkdown(lookup('vip_subnet')!, analyze(text).containers[0]));
      assert.strictEqual(item(result, 'vip_leaseduration')!.detail, 'seconds · leader-election');
    });

    it('no-effect variables are offered last, struck through', () => {
      const leftover = item(result, 'vip_startleader')!;
      assert.strictEqual(leftover.deprecated, true);
      assert.strictEqual(leftover.detail, 'bool · control-plane · no effect');
      assert.ok(leftover.sortText! > item(result, 'vip_subnet')!.sortText!);
      assert.strictEqual(item(result, 'vip_subnet')!.deprecated, false);
    });
  });

  it('the version decides: vip_cidr on v0.8.10, vip_subnet list form from v0.9.0', () => {
    const older = complete(daemonSet(img('v0.8.10'), [`        - name: ${CURSOR}`])).result;
    assert.ok(labels(older).includes('vip_cidr'));
    assert.ok(labels(older).includes('enableUPNP'));
    assert.ok(!labels(older).includes('vip_loseleadership'));
    const newer = complete(daemonSet(img('v0.9.0'), [`        - name: ${CURSOR}`])).result;
    assert.ok(!labels(newer).includes('vip_cidr'));
  });

  it('a partial name: the replace span covers the word typed so far', () => {
    const { text, result } = complete(daemonSet(img('v1.2.3'), [`        - name: vip_a${CURSOR}`]));
    assert.strictEqual(text.slice(result!.span!.start, result!.span!.end), 'vip_a');
    const arp = item(result, 'vip_arp')!;
    assert.strictEqual(text.slice(arp.replaceSpan!.start, arp.replaceSpan!.end), 'vip_a');
    assert.strictEqual(arp.insertText, 'vip_arp\n          value: "$1"');
  });

  it('an entry that already has a value: just the name', () => {
    const { result } = complete(daemonSet(img('v1.2.3'), [`        - name: ${CURSOR}\n          value: "x"`]));
    const arp = item(result, 'vip_arp')!;
    assert.strictEqual(arp.insertText, 'vip_arp');
    assert.strictEqual(arp.isSnippet, false);
  });

  it('an entry with valueFrom: just the name', () => {
    const { result } = complete(daemonSet(img('v1.2.3'), [`        - name: ${CURSOR}\n          valueFrom:\n            fieldRef: {fieldPath: spec.nodeName}`]));
    assert.strictEqual(item(result, 'vip_nodename')!.insertText, 'vip_nodename');
  });

  it('the name being retyped is not excluded as "already set"', () => {
    const { result } = complete(daemonSet(img('v1.2.3'), [`        - name: vip_arp${CURSOR}`, { name: 'cp_enable', raw: '"true"' }]));
    assert.ok(labels(result).includes('vip_arp'));
    assert.ok(!labels(result).includes('cp_enable'));
  });

  it('text after the cursor on the line: just the name', () => {
    const { result } = complete(daemonSet(img('v1.2.3'), [`        - name: vip_a${CURSOR}rp`]));
    assert.strictEqual(item(result, 'vip_arp')!.insertText, 'vip_arp');
  });

  it('inside quotes: the bare name', () => {
    const { text, result } = complete(daemonSet(img('v1.2.3'), [`        - name: "vip_a${CURSOR}"`]));
    const arp = item(result, 'vip_arp')!;
    assert.strictEqual(arp.insertText, 'vip_arp');
    assert.strictEqual(text.slice(arp.replaceSpan!.start, arp.replaceSpan!.end), 'vip_a');
  });

  it('flow style: just the name', () => {
    const { text, result } = complete(daemonSet(img('v1.2.3'), [`        - {name: vip_a${CURSOR}}`]));
    const arp = item(result, 'vip_arp')!;
    assert.strictEqual(arp.insertText, 'vip_arp');
    assert.strictEqual(arp.isSnippet, false);
    assert.strictEqual(text.slice(arp.replaceSpan!.start, arp.replaceSpan!.end), 'vip_a');
  });

  it('the snippet indentation follows the entry (indented items, a Pod at another depth)', () => {
    const indented = daemonSet(img('v1.2.3'), []).replace('        env:\n', `        env:\n          - name: vip_arp\n            value: "true"\n          - name: ${CURSOR}`);
    assert.strictEqual(item(complete(indented).result, 'cp_enable')!.insertText, 'cp_enable\n            value: "$1"');
    const pod = `apiVersion: v1\nkind: Pod\nmetadata: {name: kv}\nspec:\n  containers:\n  - name: kube-vip\n    image: ${img('v1.2.3')}\n    env:\n    - name: ${CURSOR}\n`;
    assert.strictEqual(item(complete(pod).result, 'cp_enable')!.insertText, 'cp_enable\n      value: "$1"');
  });

  describe('values after `value: `', () => {
    it('a boolean: "true" and "false", quoted when the value is not', () => {
      const { offset, result } = complete(daemonSet(img('v1.2.3'), [`        - name: vip_arp\n          value: ${CURSOR}`]));
      assert.deepStrictEqual(labels(result), ['true', 'false']);
      assert.deepStrictEqual(result!.items.map((i) => i.insertText), ['"true"', '"false"']);
      assert.strictEqual(item(result, 'true')!.kind, 'value');
      assert.strictEqual(item(result, 'false')!.detail, 'default on v1.2.3');
      assert.strictEqual(item(result, 'true')!.detail, undefined);
      assert.match(item(result, 'true')!.documentation!, /^\*\*true\*\*\. Go's strconv\.ParseBool accepts/);
      assert.deepStrictEqual(result!.span, { start: offset, end: offset });
    });

    it('inside quotes: bare values', () => {
      const { result } = complete(daemonSet(img('v1.2.3'), [`        - name: vip_arp\n          value: "${CURSOR}"`]));
      assert.deepStrictEqual(result!.items.map((i) => i.insertText), ['true', 'false']);
      const single = complete(daemonSet(img('v1.2.3'), [`        - name: vip_arp\n          value: 'tr${CURSOR}'`]));
      assert.deepStrictEqual(single.result!.items.map((i) => i.insertText), ['true', 'false']);
      assert.strictEqual(single.text.slice(single.result!.span!.start, single.result!.span!.end), 'tr');
    });

    it('an enum: its exact spellings, with the default marked', () => {
      const { text, result } = complete(daemonSet(img('v1.2.3'), [`        - name: dns_mode\n          value: f${CURSOR}`]));
      assert.deepStrictEqual(labels(result), ['first', 'ipv4', 'ipv6', 'dual']);
      assert.deepStrictEqual(result!.items.map((i) => i.insertText), ['"first"', '"ipv4"', '"ipv6"', '"dual"']);
      assert.strictEqual(item(result, 'first')!.detail, 'default on v1.2.3');
      assert.strictEqual(text.slice(result!.span!.start, result!.span!.end), 'f');
      assert.deepStrictEqual(labels(complete(daemonSet(img('v1.2.3'), [`        - name: lb_fwdmethod\n          value: "${CURSOR}"`])).result), [
        'local', 'masquerade', 'tunnel', 'directroute', 'bypass',
      ]);
    });

    it('vip_subnet: "32,128", "32", "auto" from v0.9.0; the "/32" suffix before', () => {
      const { result } = complete(daemonSet(img('v1.2.3'), [`        - name: vip_subnet\n          value: "${CURSOR}"`]));
      assert.deepStrictEqual(labels(result), ['32,128', '32', 'auto']);
      assert.strictEqual(item(result, '32,128')!.documentation, 'IPv4 /32, IPv6 /128');
      assert.deepStrictEqual(labels(complete(daemonSet(img('v0.8.10'), [`        - name: vip_subnet\n          value: ${CURSOR}`])).result), ['/32']);
      assert.deepStrictEqual(labels(complete(daemonSet(img('v0.8.4'), [`        - name: vip_cidr\n          value: ${CURSOR}`])).result), ['32,128', '32']);
      assert.deepStrictEqual(labels(complete(daemonSet(img('v0.8.5'), [`        - name: vip_cidr\n          value: ${CURSOR}`])).result), ['32,128', '32', 'auto']);
    });

    it('flow style', () => {
      const { result } = complete(daemonSet(img('v1.2.3'), [`        - {name: svc_enable, value: ${CURSOR}}`]));
      assert.deepStrictEqual(result!.items.map((i) => i.insertText), ['"true"', '"false"']);
    });

    it('nothing for free-form variables, unknown names, or after a complete quoted value', () => {
      assert.strictEqual(complete(daemonSet(img('v1.2.3'), [`        - name: address\n          value: ${CURSOR}`])).result, undefined);
      assert.strictEqual(complete(daemonSet(img('v1.2.3'), [`        - name: MY_FLAG\n          value: ${CURSOR}`])).result, undefined);
      assert.strictEqual(complete(daemonSet(img('v1.2.3'), [`        - name: vip_arp\n          value: "true"${CURSOR}`])).result, undefined);
    });
  });

  describe('nothing anywhere else', () => {
    it('not in a container that is not kube-vip', () => {
      assert.strictEqual(complete(daemonSet('nginx:1.27', [`        - name: ${CURSOR}`])).result, undefined);
    });
    it('not on the container name, the image, or other keys', () => {
      const text = daemonSet(img('v1.2.3'), [{ name: 'vip_arp', raw: '"true"' }]);
      for (const needle of ['- name: kube-vip', 'image: ghcr', 'args: [', 'name: kube-vip\n  namespace']) {
        const at = text.indexOf(needle) + needle.length;
        assert.strictEqual(completionsAt(analyze(text), at), undefined, needle);
      }
    });
    it('not before the colon, nor on the next line', () => {
      assert.strictEqual(complete(daemonSet(img('v1.2.3'), [`        - na${CURSOR}me: vip_arp`])).result, undefined);
      assert.strictEqual(complete(daemonSet(img('v1.2.3'), [`        - name:${CURSOR}`])).result, undefined);
      assert.strictEqual(complete(daemonSet(img('v1.2.3'), [{ name: 'vip_arp', raw: '"true"' }, `        ${CURSOR}`])).result, undefined);
    });
    it('not in a document with YAML errors', () => {
      assert.strictEqual(complete(daemonSet(img('v1.2.3'), [`        - name: ${CURSOR}`, '      bad: [unclosed'])).result, undefined);
    });
  });

  it('in the second document of a file, with offsets in file terms', () => {
    const first = daemonSet(img('v0.8.9'), [{ name: 'vip_cidr', raw: '"32"' }]);
    const { text, offset, result } = complete(`${first}---\n${daemonSet(img('v1.2.3'), [`        - name: vip_s${CURSOR}`])}`);
    assert.ok(labels(result).includes('vip_subnet'));
    assert.ok(!labels(result).includes('vip_cidr'));
    assert.deepStrictEqual(result!.span, { start: offset - 5, end: offset });
    assert.strictEqual(text.slice(result!.span!.start, result!.span!.end), 'vip_s');
  });
});

import * as assert from 'assert';
import { hoverAt, lintText } from '../../server/src/core';
import { activePools, handOutCount, handsOut, isProviderConfigMap, poolFor, readProviderConfig, shadowOf, sizeOf } from '../../server/src/core/pools';
import type { ConfigMapFact } from '../../server/src/core/resources';

/** A ConfigMap with the given data lines (written verbatim, two-space indented). */
function configMap(data: readonly string[], name = 'kubevip', namespace: string | undefined = 'kube-system'): string {
  return `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}
${namespace === undefined ? '' : `  namespace: ${namespace}\n`}data:
${data.map((d) => `  ${d}`).join('\n')}
`;
}

function read(text: string) {
  const cm = lintText(text).resources.find((r): r is ConfigMapFact => r.kind === 'ConfigMap');
  assert.ok(cm, 'a ConfigMap was extracted');
  return { cm, config: readProviderConfig(cm, text) };
}

const pool = (text: string, key: string) => {
  const found = read(text).config.pools.find((p) => p.key === key);
  assert.ok(found, key);
  return found;
};

describe('pools: the cloud provider ConfigMap', () => {
  describe('which ConfigMap it is', () => {
    it('kubevip in kube-system, or with no namespace, even without pools', () => {
      assert.ok(isProviderConfigMap(read(configMap(['search-order: desc'])).cm));
      assert.ok(isProviderConfigMap(read(configMap(['search-order: desc'], 'kubevip', undefined)).cm));
    });
    it('a kubevip ConfigMap in another namespace is not, unless it holds a parseable pool', () => {
      assert.ok(!isProviderConfigMap(read(configMap(['search-order: desc'], 'kubevip', 'apps')).cm));
      assert.ok(isProviderConfigMap(read(configMap(['cidr-global: 10.0.0.0/29'], 'kubevip', 'apps')).cm));
    });
    it('the Helm chart names it after the release: kube-vip in the name and a pool key is enough', () => {
      assert.ok(isProviderConfigMap(read(configMap(['cidr-global: "10.0.0.0/29 "'], 'kube-vip-cloud-provider')).cm));
    });
    it('an unrelated ConfigMap with a range- key that is no pool is left alone', () => {
      assert.ok(!isProviderConfigMap(read(configMap(['range-min: "5"', 'kubevip-note: x'], 'app-settings', 'apps')).cm));
    });
  });

  describe('parsing like pkg/ipam/addressbuilder.go', () => {
    it('a CIDR is masked, counted, and its host bits noted', () => {
      const p = pool(configMap(['cidr-global: 192.168.0.220/29']), 'cidr-global');
      assert.strictEqual(p.parse, 'cidr');
      assert.strictEqual(p.elements[0].maskedTo, '192.168.0.216/29');
      assert.strictEqual(sizeOf(p.ranges), 8n);
      assert.strictEqual(handOutCount(p), 8n);
    });
    it('skip-end-ips-in-cidr "true" drops the ends of each prefix of the merged set, so two adjacent /25 lose only .0 and .255', () => {
      const text = configMap(['cidr-global: 10.0.0.0/25,10.0.0.128/25', 'skip-end-ips-in-cidr: "true"']);
      const p = pool(text, 'cidr-global');
      assert.strictEqual(sizeOf(p.ranges), 256n);
      assert.strictEqual(handOutCount(p), 254n);
      assert.ok(handsOut(p, '10.0.0.127'));
      assert.ok(!handsOut(p, '10.0.0.0'));
    });
    it('without skip-end-ips the ends stay, but IPv4 addresses ending in .0 and .255 are never handed out', () => {
      const p = pool(configMap(['cidr-global: 10.0.0.0/23']), 'cidr-global');
      assert.strictEqual(handOutCount(p), 512n - 4n);
      assert.ok(!handsOut(p, '10.0.0.255'));
      assert.ok(handsOut(p, '10.0.1.1'));
    });
    it('/31 and /32 keep their addresses with skip-end-ips; a lone x.x.x.0/32 yields nothing', () => {
      const text = configMap(['cidr-a: 10.0.0.6/31', 'cidr-b: 10.0.0.9/32', 'cidr-c: 10.0.1.0/32', 'skip-end-ips-in-cidr: "true"']);
      assert.strictEqual(handOutCount(pool(text, 'cidr-a')), 2n);
      assert.strictEqual(handOutCount(pool(text, 'cidr-b')), 1n);
      assert.strictEqual(handOutCount(pool(text, 'cidr-c')), 0n);
    });
    it('ranges, IPv6 and dual stack', () => {
      const p = pool(configMap(['range-dev: 10.0.0.10-10.0.0.19,fd00::10-fd00::1f']), 'range-dev');
      assert.strictEqual(p.parse, 'range');
      assert.deepStrictEqual(
        p.ranges.map((r) => r.family),
        ['ipv4', 'ipv6'],
      );
      assert.strictEqual(sizeOf(p.ranges), 26n);
    });
    it('the value decides, not the key: a "/" makes a range- key a CIDR list', () => {
      assert.strictEqual(pool(configMap(['range-global: 10.0.0.0/30']), 'range-global').parse, 'cidr');
      assert.strictEqual(pool(configMap(['cidr-global: 10.0.0.1-10.0.0.3']), 'cidr-global').parse, 'range');
    });
    it('problems: whitespace, reversed and mixed-family ranges, bad addresses, a stray comma', () => {
      const kinds = (value: string) => pool(configMap([`range-x: "${value}"`]), 'range-x').elements.map((e) => e.problem?.kind ?? 'ok');
      assert.deepStrictEqual(kinds('10.0.0.1 - 10.0.0.9'), ['whitespace']);
      assert.deepStrictEqual(kinds('10.0.0.9-10.0.0.1'), ['reversed']);
      assert.deepStrictEqual(kinds('10.0.0.1-fd00::1'), ['mixedFamily']);
      assert.deepStrictEqual(kinds('10.0.0.1-10.0.0.300,10.0.1.1-10.0.1.2'), ['invalid', 'ok']);
      assert.deepStrictEqual(kinds('010.0.0.1-010.0.0.2'), ['invalid']); // netip rejects leading zeros
      assert.deepStrictEqual(kinds('10.0.0.1-10.0.0.2,'), ['ok', 'invalid']);
      assert.ok(!pool(configMap(['range-x: "10.0.0.1-10.0.0.2,"']), 'range-x').ok);
    });
    it('an IPv6 zone in a range is not judged', () => {
      const p = pool(configMap(['range-x: "fe80::1%eth0-fe80::9%eth0"']), 'range-x');
      assert.ok(p.ok);
      assert.strictEqual(p.elements[0].unchecked, true);
    });
    it('element spans point into the file for plain and quoted values', () => {
      const text = configMap(['cidr-a: "10.0.0.0/29,10.0.1.0/29"']);
      const e = pool(text, 'cidr-a').elements[1];
      assert.strictEqual(text.slice(e.span.start, e.span.end), '10.0.1.0/29');
    });
  });

  describe('which pool serves a namespace (discoverPool)', () => {
    const text = configMap(['range-dev: 10.0.2.1-10.0.2.9', 'cidr-global: 10.0.0.0/29', 'cidr-prod: 10.0.1.0/29', 'range-global: 10.0.3.1-10.0.3.9']);
    it('cidr-<ns>, then cidr-global, then range-<ns>, then range-global', () => {
      const { config } = read(text);
      assert.strictEqual(poolFor(config, 'prod')?.key, 'cidr-prod');
      assert.strictEqual(poolFor(config, 'dev')?.key, 'cidr-global');
      assert.strictEqual(poolFor(config, 'other')?.key, 'cidr-global');
    });
    it('cidr-global shadows range-dev and range-global; only the cidr pools are active', () => {
      const { config } = read(text);
      assert.strictEqual(shadowOf(config, config.pools.find((p) => p.key === 'range-dev')!)?.key, 'cidr-global');
      assert.strictEqual(shadowOf(config, config.pools.find((p) => p.key === 'range-global')!)?.key, 'cidr-global');
      assert.deepStrictEqual(
        activePools(config).map((p) => p.key),
        ['cidr-global', 'cidr-prod'],
      );
    });
  });

  describe('hover', () => {
    const hoverOn = (text: string, needle: string) => hoverAt(lintText(text), text.indexOf(needle) + 1);
    it('on a CIDR pool value: size, family, handed-out count, namespaces served, shadowed keys', () => {
      const text = configMap(['cidr-global: 192.168.0.220/29', 'cidr-prod: 10.0.1.0/28', 'range-dev: 10.0.2.1-10.0.2.9', 'skip-end-ips-in-cidr: "true"']);
      const h = hoverOn(text, '192.168.0.220/29')!;
      assert.ok(h, 'a hover');
      assert.strictEqual(text.slice(h.span.start, h.span.end), '192.168.0.220/29');
      assert.match(h.markdown, /^\*\*cidr-global\*\*: kube-vip-cloud-provider address pool/);
      assert.match(h.markdown, /- \*\*IPv4:\*\* 8 addresses \(192\.168\.0\.216–192\.168\.0\.223\)/);
      assert.match(h.markdown, /- \*\*Host bits:\*\* `192\.168\.0\.220\/29` is read as `192\.168\.0\.216\/29`/);
      assert.match(h.markdown, /- \*\*Handed out:\*\* 6 \(skip-end-ips-in-cidr drops/);
      assert.match(h.markdown, /- \*\*Serves:\*\* every namespace without its own cidr-<ns> key \(these have one: `cidr-prod`\)/);
      assert.match(h.markdown, /- \*\*Shadows:\*\* `range-dev`/);
    });
    it('on an IPv6 key: the size as a power of two', () => {
      const text = configMap(['cidr-v6: "fd00::/64"']);
      const md = hoverOn(text, 'cidr-v6')!.markdown;
      assert.match(md, /- \*\*IPv6:\*\* 2\^64 addresses/);
      assert.match(md, /- \*\*Serves:\*\* namespace `v6`/);
    });
    it('on a shadowed range and on the DHCP pool', () => {
      const text = configMap(['cidr-global: "0.0.0.0/32"', 'range-dev: 10.0.2.1-10.0.2.9']);
      assert.match(hoverOn(text, '10.0.2.1')!.markdown, /- \*\*Serves:\*\* nothing: `cidr-global` is looked up first/);
      assert.match(hoverOn(text, '0.0.0.0/32')!.markdown, /- \*\*DHCP:\*\* every Service this key serves gets `0\.0\.0\.0`/);
    });
    it('no pool hover outside the provider ConfigMap', () => {
      const text = configMap(['range-min: "5"'], 'app-settings', 'apps');
      assert.strictEqual(hoverOn(text, '"5"'), undefined);
    });
  });
});

import * as assert from 'assert';
import { analyze } from '../../server/src/core';
import { ENV_VARS, lookup, noEffectFor } from '../../server/src/core/catalog';
import { hoverAt } from '../../server/src/core/hover';
import { v } from '../../server/src/core/version';
import { daemonSet } from '../helpers';

/** The hover of an env name for an image tag: what a user reads about the catalog facts. */
function hover(tag: string, name: string, raw = '"1"'): string {
  const text = daemonSet(`ghcr.io/kube-vip/kube-vip:${tag}`, [{ name, raw }]);
  const markdown = hoverAt(analyze(text, {}, []), text.indexOf(`name: ${name}`) + 7)?.markdown;
  assert.ok(markdown, `hover on ${name}`);
  return markdown;
}

describe('catalog facts, as the hover shows them', () => {
  it('audit L1: vip_nodename is lower-cased from v1.2.0-rc.0, not only after v1.2.3', () => {
    const md = hover('v1.2.0-rc.0', 'vip_nodename', 'Node-1');
    assert.match(md, /From v1\.2\.0-rc\.0 kube-vip lower-cases it/);
    assert.doesNotMatch(md, /Unreleased/);
  });

  it('audit L3: lb_enable without ip_vs: log.Fatalf up to v0.8.9, panic v0.8.10–v1.0.3, an error that shuts the manager down from v1.0.4', () => {
    const md = hover('v1.2.3', 'lb_enable', '"true"');
    assert.match(md, /log\.Fatalf up to v0\.8\.9, panic on v0\.8\.10–v1\.0\.3, and from v1\.0\.4 an error that shuts the manager down/);
    assert.doesNotMatch(md, /panics at start-up/);
  });

  it('audit L9: the derived prefix list comes from address only; address order kept v0.8.3–v1.0.0, IPv4 first from v1.0.1', () => {
    assert.match(hover('v0.8.9', 'vip_cidr', '"32"'), /\*\*Default on v0\.8\.9:\*\* derived from address only: "32" or "128" per address, in the order written \(so "128,32" is possible\); empty without address/);
    assert.match(hover('v1.0.0', 'vip_subnet', '"32"'), /\*\*Default on v1\.0\.0:\*\* derived from address only: .*in the order written \(so "128,32" is possible\)/);
    assert.match(hover('v1.0.1', 'vip_subnet', '"32"'), /\*\*Default on v1\.0\.1:\*\* derived from address only: "32", "128" or "32,128" \(IPv4 first\); empty without address/);
    assert.match(hover('v0.8.2', 'vip_cidr', '"32"'), /\*\*Default on v0\.8\.2:\*\* empty/);
  });

  it('audit L10: vip_address without a prefix is advertised as "<ip>/" over BGP on v0.8.1–v0.8.10; legacy vip_subnet also goes onto Service IPs', () => {
    const md = hover('v0.8.9', 'vip_address', '10.0.0.5');
    assert.match(md, /v0\.8\.1–v0\.8\.10 advertise an invalid "&lt;ip&gt;\/" over BGP \(from v0\.8\.3 the prefix is derived from address only\)/);
    assert.match(hover('v0.8.9', 'vip_subnet', '"/32"'), /appended as written to the control-plane VIP and to every Service IP/);
  });

  it('audit M5 (catalog): EGRESS_CLEAN before v1.0.0 is read in ARP mode (lenient) and table mode v0.8.5–v0.9.2 (ParseBool); never in WireGuard', () => {
    const md = hover('v0.9.2', 'EGRESS_CLEAN', '"false"');
    assert.match(md, /Up to v0\.9\.2 only ARP mode and \(from v0\.8\.5\) routing-table mode read it; BGP and WireGuard never do/);
    assert.match(md, /Table mode \(v0\.8\.5–v0\.9\.2\) parses it with ParseBool/);
    assert.doesNotMatch(md, /ARP and WireGuard/);
  });

  it('audit M6: iptables_backend is a no-effect entry whose summary no longer claims it selects the backend', () => {
    const md = hover('v1.2.3', 'iptables_backend', 'nft');
    assert.match(md, /no release uses the value: kube-vip always detects it/);
    assert.match(md, /- \*\*No effect:\*\* Parsed, but no release uses it/);
  });

  it('pitfalls §27: k8s_config_file has a versioned no-effect: up to v1.2.1 only', () => {
    const spec = lookup('k8s_config_file')!;
    assert.match(noEffectFor(spec, v('v1.2.1'))!, /^The manager ignores it/);
    assert.strictEqual(noEffectFor(spec, v('v1.2.2')), undefined);
    assert.match(noEffectFor(spec)!, /^v0\.7\.0–v1\.2\.1: The manager ignores it/);
    assert.match(hover('v0.8.9', 'k8s_config_file', '/etc/kubernetes/super-admin.conf'), /- \*\*No effect:\*\* The manager ignores it/);
    assert.doesNotMatch(hover('v1.2.2', 'k8s_config_file', '/etc/kubernetes/super-admin.conf'), /No effect/);
  });

  it('issue 7: each flag and Go field the catalog records belongs to one variable (and its upper-case fallback)', () => {
    for (const key of ['cliFlag', 'goField'] as const) {
      const owners = new Map<string, string[]>();
      for (const spec of ENV_VARS) {
        const k = spec[key]?.toLowerCase();
        if (k) owners.set(k, [...(owners.get(k) ?? []), spec.name]);
      }
      for (const [k, names] of owners) {
        const mains = names.filter((n) => !lookup(n)!.aliasOf);
        assert.strictEqual(mains.length, 1, `${key} ${k} is shared by ${names.join(', ')}`);
      }
    }
  });
});

import * as assert from 'assert';
import { acceptsValue } from '../../server/src/core/accepts';
import { lintText } from '../../server/src/core';
import { daemonSet } from '../helpers';

/** The first kube-vip container of a DaemonSet with this tag and env. */
const containerOf = (tag: string, env: [string, string][]) =>
  lintText(daemonSet(`ghcr.io/kube-vip/kube-vip:${tag}`, env.map(([name, raw]) => ({ name, raw })))).containers[0];

describe('accepts: the parser model behind fix safety', () => {
  const ARP: [string, string] = ['vip_arp', '"true"'];
  const BGP: [string, string] = ['bgp_enable', '"true"'];
  const SVC: [string, string] = ['svc_enable', '"true"'];
  const CP: [string, string] = ['cp_enable', '"true"'];

  it('booleans: exactly strconv.ParseBool', () => {
    const c = containerOf('v1.2.3', [ARP]);
    assert.strictEqual(acceptsValue(c, 'svc_enable', 'True'), true);
    assert.strictEqual(acceptsValue(c, 'svc_enable', 'yes'), false);
  });
  it('prefix lists: "32,128" works in ARP mode on v0.8.9 but not in BGP mode (the whole value is appended)', () => {
    assert.strictEqual(acceptsValue(containerOf('v0.8.9', [ARP, SVC]), 'vip_cidr', '32,128'), true);
    assert.strictEqual(acceptsValue(containerOf('v0.8.9', [BGP, SVC]), 'vip_cidr', '32,128'), false);
    assert.strictEqual(acceptsValue(containerOf('v0.9.0', [BGP, SVC]), 'vip_subnet', '32,128'), true);
  });
  it('prefix lists: a lone "128" fails IPv4 Services on v1.2.3, and is fine for an IPv6-only control plane', () => {
    assert.strictEqual(acceptsValue(containerOf('v1.2.3', [ARP, SVC]), 'vip_subnet', '128'), false);
    assert.strictEqual(acceptsValue(containerOf('v1.2.3', [ARP, CP, ['address', 'fd00::10']]), 'vip_subnet', '128'), true);
  });
  it('legacy vip_subnet: "/128" is not accepted where an IPv4 address gets it (audit H7)', () => {
    assert.strictEqual(acceptsValue(containerOf('v0.8.9', [ARP, CP, ['address', '192.168.0.40']]), 'vip_subnet', '/128'), false);
    assert.strictEqual(acceptsValue(containerOf('v0.8.9', [ARP, CP, ['address', '192.168.0.40']]), 'vip_subnet', '/32'), true);
    assert.strictEqual(acceptsValue(containerOf('v0.8.9', [ARP, CP, ['address', 'fd00::10']]), 'vip_subnet', '/128'), true);
  });
  it('numbers, enums and addresses', () => {
    const c = containerOf('v1.2.3', [ARP]);
    assert.strictEqual(acceptsValue(c, 'port', '6443'), true);
    assert.strictEqual(acceptsValue(c, 'port', '6443s'), false);
    assert.strictEqual(acceptsValue(c, 'address', '192.168.0.40/24'), false);
    assert.strictEqual(acceptsValue(c, 'address', '192.168.0.40,fd00::10'), true);
  });
  it('types the model does not judge, and variables the version does not read, are undefined', () => {
    const c = containerOf('v1.2.3', [ARP]);
    assert.strictEqual(acceptsValue(c, 'vip_cidr', '32'), undefined);
    assert.strictEqual(acceptsValue(c, 'no_such_variable', 'x'), undefined);
  });
});

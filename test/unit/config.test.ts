import * as assert from 'assert';
import { lintText } from '../../server/src/core';
import { configOf } from '../../server/src/core/config';
import { daemonSet } from '../helpers';

/** The effective config of the first kube-vip container, env written as `name: "value"` pairs. */
const configFor = (tag: string, env: [string, string][], args = '["manager"]') =>
  configOf(lintText(daemonSet(`ghcr.io/kube-vip/kube-vip:${tag}`, env.map(([name, v]) => ({ name, raw: JSON.stringify(v) }))).replace('args: ["manager"]', `args: ${args}`)).containers[0]);

describe('effective config: one interpretation per container', () => {
  it('mode precedence: BGP wins over ARP up to v1.0.4, ARP wins from v1.1.0-rc.0', () => {
    const both: [string, string][] = [['vip_arp', 'true'], ['bgp_enable', 'true']];
    assert.strictEqual(configFor('v1.0.4', both).mode, 'bgp');
    assert.strictEqual(configFor('v1.1.0-rc.0', both).mode, 'arp');
    assert.deepStrictEqual(configFor('v1.2.3', both).modesOn, ['arp', 'bgp']);
  });
  it('no mode is "none"; a mode flag in args makes it unknown', () => {
    assert.strictEqual(configFor('v1.2.3', [['svc_enable', 'true']]).mode, 'none');
    const flagged = configFor('v1.2.3', [['svc_enable', 'true']], '["manager", "--arp"]');
    assert.strictEqual(flagged.mode, 'unknown');
    assert.strictEqual(flagged.isMode('arp'), 'unknown');
    assert.strictEqual(flagged.isMode('wireguard'), 'off', 'nothing can turn WireGuard on here');
  });
  it('an explicit "false" is off even when a flag could set the mode', () => {
    assert.strictEqual(configFor('v1.2.3', [['vip_arp', 'false'], ['bgp_enable', 'true']], '["manager", "--arp"]').mode, 'bgp');
  });
  it('svc_* and lb_class_* are not parsed without svc_enable; "false" is enough to parse them', () => {
    assert.deepStrictEqual(configFor('v1.2.3', [['vip_arp', 'true'], ['svc_election', 'yes']]).notParsed('svc_election'), { reason: 'gate', gate: 'svc_enable' });
    assert.strictEqual(configFor('v1.2.3', [['svc_enable', 'false'], ['svc_election', 'yes']]).notParsed('svc_election'), undefined);
  });
  it('v0.8.2–v0.8.4 drop the variables parsed after a valid vip_routingtableid, but not enable_service_security', () => {
    const env: [string, string][] = [['vip_routingtable', 'true'], ['vip_routingtableid', '200'], ['bgp_as', '65001'], ['enable_node_labeling', 'true'], ['enable_service_security', 'true'], ['svc_enable', 'true']];
    const config = configFor('v0.8.3', env);
    assert.deepStrictEqual(config.droppedByTableId.map((e) => e.name), ['bgp_as', 'enable_node_labeling']);
    assert.strictEqual(config.notParsed('bgp_as')?.reason, 'table-id');
    assert.strictEqual(config.notParsed('svc_enable'), undefined);
    assert.deepStrictEqual(configFor('v0.8.5', env).droppedByTableId, []);
  });
  it('the prefix list: set, derived from address (v0.8.3+, in the address order until v1.0.0), none or unknown', () => {
    const dual: [string, string][] = [['vip_arp', 'true'], ['address', 'fd00::10,192.168.0.40']];
    assert.deepStrictEqual(pick(configFor('v0.9.0', dual).prefixList), { source: 'derived', name: 'vip_subnet', value: '128,32' });
    assert.deepStrictEqual(pick(configFor('v1.0.1', dual).prefixList), { source: 'derived', name: 'vip_subnet', value: '32,128' });
    assert.deepStrictEqual(pick(configFor('v0.8.2', dual).prefixList), { source: 'none', name: 'vip_cidr' });
    assert.deepStrictEqual(pick(configFor('v0.8.9', [['vip_arp', 'true'], ['vip_address', '192.168.0.40']]).prefixList), { source: 'none', name: 'vip_cidr' });
    assert.deepStrictEqual(pick(configFor('v1.2.3', [['vip_arp', 'true'], ['vip_subnet', '32,128']]).prefixList), { source: 'env', name: 'vip_subnet', value: '32,128' });
    assert.deepStrictEqual(pick(configFor('v1.2.3', [['vip_arp', 'true'], ['address', 'cp.example.com']]).prefixList), { source: 'unknown', name: 'vip_subnet' });
  });
  it('--leaderElectionType: etcd, kubernetes (the default), or unknown', () => {
    assert.strictEqual(configFor('v1.2.3', [], '["manager", "--leaderElectionType=etcd"]').leaderElectionType, 'etcd');
    assert.strictEqual(configFor('v1.2.3', [], '["manager", "--leaderElectionType", "etcd"]').leaderElectionType, 'etcd');
    assert.strictEqual(configFor('v1.2.3', []).leaderElectionType, 'kubernetes');
    assert.strictEqual(configFor('v1.2.3', [], '["manager", "--leaderElectionType=$(TYPE)"]').leaderElectionType, 'unknown');
  });
  it('is computed once per container', () => {
    const container = lintText(daemonSet('ghcr.io/kube-vip/kube-vip:v1.2.3', [{ name: 'vip_arp', raw: '"true"' }])).containers[0];
    assert.strictEqual(configOf(container), configOf(container));
  });
});

function pick(list: { source: string; name: string; value?: string }): object {
  return list.value === undefined ? { source: list.source, name: list.name } : { source: list.source, name: list.name, value: list.value };
}

import * as assert from 'assert';
import { rule } from '../../../server/src/core/rules/bgp-config';
import { checkRule, covered, daemonSet } from '../../helpers';
import type { EnvLine } from '../../helpers';

const img = (tag: string) => `ghcr.io/kube-vip/kube-vip:${tag}`;
const ON: EnvLine = { name: 'bgp_enable', raw: '"true"' };
const ROUTER_IF: EnvLine = { name: 'bgp_routerinterface', raw: 'eth0' };
const PEERS: EnvLine = { name: 'bgp_peers', raw: '"192.168.0.1:65000::false"' };
const ds = (tag: string, env: (EnvLine | string)[]) => daemonSet(img(tag), env);
/** The same container as a static Pod. */
const pod = (tag: string, env: (EnvLine | string)[]) =>
  `apiVersion: v1
kind: Pod
metadata: {name: kube-vip, namespace: kube-system}
spec:
  hostNetwork: true
  containers:
  - name: kube-vip
    image: ${img(tag)}
    args: ["manager"]
    env:
${env.map((e) => (typeof e === 'string' ? e : `    - name: ${e.name}\n      value: ${e.raw}`)).join('\n')}
`;

describe('bgp-config', () => {
  describe('no router ID', () => {
    it('error on bgp_enable\'s name, saying what kube-vip logs and does on this version', () => {
      const text = ds('v1.2.3', [ON, PEERS]);
      const fs = checkRule(rule, text);
      assert.strictEqual(fs.length, 1);
      assert.strictEqual(fs[0].severity, 'error');
      assert.strictEqual(covered(text, fs[0]), 'bgp_enable');
      assert.strictEqual(fs[0].messageId, 'missingRouterId');
      assert.strictEqual(fs[0].message, 'No BGP router ID is set: v1.2.3 refuses to start (exit 0, restart loop). Set bgp_routerid or bgp_routerinterface.');
      assert.match(fs[0].detail!, /^bgp_enable is "true" but there is no BGP router ID: none of bgp_routerid, bgp_routerinterface, annotation is set\. GoBGP refuses to start BGP \("invalid router-id format: "\): kube-vip v1\.2\.3 refuses to start/);
      assert.match(fs[0].detail!, /kube-vip v1\.2\.3 refuses to start and exits with code 0 \(v0\.8\.10–v1\.2\.3\)/);
      assert.match(fs[0].detail!, /valueFrom\.fieldRef\.fieldPath: status\.podIP/);
    });
    it('on an empty bgp_routerid entry when there is one, related to bgp_enable', () => {
      const text = ds('v0.8.9', [ON, '        - name: bgp_routerid', PEERS]);
      const [f] = checkRule(rule, text);
      assert.strictEqual(covered(text, f), 'bgp_routerid');
      assert.strictEqual(f.message, 'No BGP router ID is set: v0.8.9 refuses to start. Set bgp_routerid or bgp_routerinterface.');
      assert.match(f.detail!, /no BGP router ID: bgp_routerid is empty, and bgp_routerinterface and annotation are not set\./);
      assert.match(f.detail!, /kube-vip v0\.8\.9 refuses to start and exits with code 1\./);
      assert.strictEqual(covered(text, { ...f, span: f.related[0].span }), 'bgp_enable');
    });
    for (const [what, env] of [
      ['bgp_routerinterface', [ROUTER_IF]],
      ['a literal bgp_routerid', [{ name: 'bgp_routerid', raw: '"10.0.0.11"' }]],
      ['annotation', [{ name: 'annotation', raw: 'metal.equinix.com' }]],
    ] as [string, EnvLine[]][]) {
      it(`satisfied by ${what}`, () => assert.deepStrictEqual(checkRule(rule, pod('v1.2.3', [ON, PEERS, ...env])), []));
    }
    it('satisfied by valueFrom (the documented DaemonSet way)', () => {
      const text = ds('v1.2.3', [ON, PEERS, '        - name: bgp_routerid\n          valueFrom:\n            fieldRef: {fieldPath: status.podIP}']);
      assert.deepStrictEqual(checkRule(rule, text), []);
    });
    it('satisfied by the --bgpRouterID flag or a config file', () => {
      assert.deepStrictEqual(checkRule(rule, ds('v1.2.3', [ON, PEERS]).replace('args: ["manager"]', 'args: ["manager", "--bgpRouterID=10.0.0.1"]')), []);
      assert.deepStrictEqual(checkRule(rule, ds('v1.2.3', [ON, PEERS, { name: 'config_file', raw: '/etc/kube-vip/config.yaml' }])), []);
    });
  });

  describe('no peer', () => {
    it('error when none of bgp_peers, bgp_peeraddress, annotation is set', () => {
      const text = ds('v1.2.3', [ON, ROUTER_IF, '        - name: bgp_peeraddress', { name: 'bgp_peeras', raw: '"65000"' }]);
      const fs = checkRule(rule, text);
      assert.strictEqual(fs.length, 1);
      assert.strictEqual(covered(text, fs[0]), 'bgp_peeraddress');
      assert.strictEqual(fs[0].messageId, 'missingPeer');
      assert.strictEqual(fs[0].message, 'No BGP peer is set: v1.2.3 refuses to start (exit 0, restart loop). Add bgp_peers, e.g. "192.168.0.1:65000::false".');
      assert.match(fs[0].detail!, /no BGP peer: bgp_peeraddress is empty, and bgp_peers and annotation are not set\. NewBGPServer fails with "you need to provide at least one peer": kube-vip v1\.2\.3 refuses to start/);
    });
    it('bgp_peeraddress alone is enough', () => {
      assert.deepStrictEqual(checkRule(rule, pod('v1.2.3', [ON, ROUTER_IF, { name: 'bgp_peeraddress', raw: '192.168.0.1' }])), []);
    });
    it('Equinix Metal (provider_config) supplies peers and router ID before v0.9.0 (corpus 002 shape)', () => {
      const env: (EnvLine | string)[] = [
        { name: 'provider_config', raw: '/etc/cloud-sa/cloud-sa.json' },
        ON,
        '        - name: bgp_routerid',
        { name: 'bgp_as', raw: '"65000"' },
        '        - name: bgp_peeraddress',
        '        - name: bgp_peerpass',
        { name: 'bgp_peeras', raw: '"65000"' },
      ];
      assert.deepStrictEqual(checkRule(rule, ds('v0.8.10', env)), []);
      assert.deepStrictEqual(checkRule(rule, ds('v0.5.0', [{ name: 'vip_packet', raw: '"true"' }, ON])), []);
      const removed = checkRule(rule, ds('v0.9.0', env));
      assert.strictEqual(removed.length, 2, 'provider_config is no longer read from v0.9.0');
    });
    it('versions before v0.5.0 are not judged (corpus 082, v0.3.9)', () => {
      assert.deepStrictEqual(checkRule(rule, pod('v0.3.9', [ON, { name: 'bgp_as', raw: '"65000"' }])), []);
    });
    it('bgp_enable false or unset: nothing', () => {
      assert.deepStrictEqual(checkRule(rule, pod('v1.2.3', [{ name: 'bgp_enable', raw: '"false"' }])), []);
      assert.deepStrictEqual(checkRule(rule, pod('v1.2.3', [{ name: 'vip_arp', raw: '"true"' }])), []);
    });
    it('skipped when env may come from envFrom', () => {
      const text = ds('v1.2.3', [ON]).replace('        env:\n', '        envFrom:\n        - configMapRef: {name: kube-vip}\n        env:\n');
      assert.deepStrictEqual(checkRule(rule, text), []);
    });
  });

  describe('bgp_sourceif and bgp_sourceip', () => {
    it('error on the later entry, related to the other', () => {
      const text = pod('v1.2.3', [ON, ROUTER_IF, PEERS, { name: 'bgp_sourceif', raw: 'eth0' }, { name: 'bgp_sourceip', raw: '10.0.0.5' }]);
      const [f] = checkRule(rule, text);
      assert.strictEqual(f.severity, 'error');
      assert.strictEqual(covered(text, f), 'bgp_sourceip');
      assert.strictEqual(f.messageId, 'sourceConflict');
      assert.strictEqual(f.message, 'bgp_sourceif and bgp_sourceip are both set: v1.2.3 refuses to start (exit 0, restart loop). Remove one of them.');
      assert.match(f.detail!, /accepts only one of them: NewBGPServer fails with "sourceIP and SourceIF are mutually exclusive": kube-vip v1\.2\.3 refuses to start and exits with code 0/);
      assert.strictEqual(f.related[0].message, 'bgp_sourceif is also set');
    });
    it('one of them, or one empty: fine', () => {
      assert.deepStrictEqual(checkRule(rule, pod('v1.2.3', [ON, ROUTER_IF, PEERS, { name: 'bgp_sourceif', raw: 'eth0' }, { name: 'bgp_sourceip', raw: '""' }])), []);
    });
  });

  describe('bgp_peeraddress together with bgp_peers', () => {
    it('info: it is appended as one more peer', () => {
      const text = pod('v1.2.3', [ON, ROUTER_IF, PEERS, { name: 'bgp_peeraddress', raw: '192.168.0.2' }]);
      const [f] = checkRule(rule, text);
      assert.strictEqual(f.severity, 'info');
      assert.strictEqual(covered(text, f), '192.168.0.2');
      assert.strictEqual(f.message, 'bgp_peeraddress "192.168.0.2" is added as a peer after bgp_peers. Remove it if bgp_peers lists every neighbour.');
      assert.match(f.detail!, /adds bgp_peeraddress "192\.168\.0\.2" as one more peer after the bgp_peers list, with bgp_peeras, bgp_peerpass and bgp_multihop/);
    });
    it('error when it repeats a bgp_peers address (any spelling)', () => {
      const text = pod('v1.2.3', [ON, ROUTER_IF, { name: 'bgp_peers', raw: '"[fd00::0:1]:65000"' }, { name: 'bgp_peeraddress', raw: 'fd00::1' }]);
      const [f] = checkRule(rule, text);
      assert.strictEqual(f.severity, 'error');
      assert.strictEqual(f.message, 'bgp_peeraddress "fd00::1" repeats bgp_peers peer 1: v1.2.3 cannot add it twice, so BGP does not start. Remove one.');
      assert.match(f.detail!, /adds bgp_peeraddress as one more peer .* GoBGP refuses the same neighbour twice \("can't overwrite the existing peer"\), so on v1\.2\.3 kube-vip cannot add the second copy and the BGP server does not start\. Remove bgp_peeraddress \(and bgp_peeras, bgp_peerpass, bgp_multihop\) or that bgp_peers entry\./);
    });
  });

  describe('a literal router ID in a DaemonSet', () => {
    it('warning on the value; mentions that it overrides bgp_routerinterface (corpus 004 shape)', () => {
      const text = ds('v1.2.3', [ROUTER_IF, ON, PEERS, { name: 'bgp_routerid', raw: '"10.0.255.254"' }]);
      const [f] = checkRule(rule, text);
      assert.strictEqual(f.severity, 'warning');
      assert.strictEqual(covered(text, f), '"10.0.255.254"');
      assert.strictEqual(f.message, 'bgp_routerid "10.0.255.254" is the same on every DaemonSet node: the BGP sessions break. Take it from status.podIP.');
      assert.match(f.detail!, /same BGP router ID on every node.* It also overrides bgp_routerinterface "eth0"/);
      assert.match(f.detail!, /valueFrom\.fieldRef\.fieldPath: status\.podIP \(the node IP with hostNetwork\), or remove it and set bgp_routerinterface\./);
    });
    it('inside a List wrapper too', () => {
      const text = `apiVersion: v1\nkind: List\nitems:\n- ${ds('v1.2.3', [ON, PEERS, { name: 'bgp_routerid', raw: '10.0.0.1' }]).split('\n').join('\n  ').trimEnd()}\n`;
      assert.strictEqual(checkRule(rule, text).length, 1);
    });
    it('a static Pod carries a per-node value: fine', () => {
      assert.deepStrictEqual(checkRule(rule, pod('v1.2.3', [ON, PEERS, { name: 'bgp_routerid', raw: '10.0.0.1' }])), []);
    });
  });

  describe('bgp_peeras that no peer uses (corpus 094 shape)', () => {
    it('info, and points out iBGP with kube-vip\'s own AS', () => {
      const text = pod('v0.5.0', [ON, ROUTER_IF, { name: 'bgp_as', raw: '"65000"' }, '    - name: bgp_peeraddress', { name: 'bgp_peeras', raw: '"65200"' }, { name: 'bgp_peers', raw: '10.5.100.11:65000::false,10.5.100.12:65000::false' }]);
      const [f] = checkRule(rule, text);
      assert.strictEqual(f.severity, 'info');
      assert.strictEqual(covered(text, f), '"65200"');
      assert.strictEqual(f.message, 'bgp_peeras "65200" is unused (no bgp_peeraddress), and the peers use kube-vip\'s own AS 65000. Check their AS.');
      assert.match(f.detail!, /only applies to the bgp_peeraddress peer, which is not set; the bgp_peers entries carry their own AS \(65000\)\. That is kube-vip's own AS \(bgp_as 65000\), so these are iBGP sessions/);
    });
    it('nothing when bgp_peeras matches a peer (the generated default)', () => {
      assert.deepStrictEqual(checkRule(rule, pod('v1.2.3', [ON, ROUTER_IF, { name: 'bgp_peeras', raw: '"65000"' }, PEERS])), []);
    });
  });

  it('a correct BGP DaemonSet is not flagged', () => {
    const text = ds('v1.2.3', [ON, ROUTER_IF, { name: 'bgp_as', raw: '"65001"' }, { name: 'bgp_peers', raw: '"192.168.0.1:65000::false,192.168.0.2:65000::false"' }, { name: 'bgp_sourceif', raw: 'eth0' }]);
    assert.deepStrictEqual(checkRule(rule, text), []);
  });

  describe('audit L5: the error texts kube-vip prints, by version, and only where the BGP server is created', () => {
    it('v0.8.9 prints the capitalised texts (exit code 1)', () => {
      const peer = checkRule(rule, pod('v0.8.9', [ON, ROUTER_IF]));
      assert.deepStrictEqual(peer.map((f) => [f.messageId, f.severity]), [['missingPeer', 'error']]);
      assert.match(peer[0].detail!, /NewBGPServer fails with "You need to provide at least one peer": kube-vip v0\.8\.9 refuses to start and exits with code 1\./);
      const text = pod('v0.5.0', [ON, ROUTER_IF, PEERS, { name: 'bgp_sourceif', raw: 'eth0' }, { name: 'bgp_sourceip', raw: '10.0.0.5' }]);
      const [source] = checkRule(rule, text);
      assert.strictEqual(source.messageId, 'sourceConflict');
      assert.strictEqual(covered(text, source), 'bgp_sourceip');
      assert.match(source.detail!, /NewBGPServer fails with "SourceIP and SourceIF are mutually exclusive": kube-vip v0\.5\.0 refuses to start and exits with code 1\./);
      assert.strictEqual(source.message, 'bgp_sourceif and bgp_sourceip are both set: v0.5.0 refuses to start. Remove one of them.');
    });
    it('v0.8.10 prints them lower-cased (exit code 0)', () => {
      const [peer] = checkRule(rule, pod('v0.8.10', [ON, ROUTER_IF]));
      assert.match(peer.detail!, /"you need to provide at least one peer": kube-vip v0\.8\.10 refuses to start and exits with code 0/);
      const [source] = checkRule(rule, pod('v0.8.10', [ON, ROUTER_IF, PEERS, { name: 'bgp_sourceif', raw: 'eth0' }, { name: 'bgp_sourceip', raw: '10.0.0.5' }]));
      assert.match(source.detail!, /"sourceIP and SourceIF are mutually exclusive"/);
    });
    it('bgp_enable dropped by the v0.8.2–v0.8.4 table id: BGP never starts, nothing reported', () => {
      const text = pod('v0.8.3', [{ name: 'vip_routingtable', raw: '"true"' }, { name: 'vip_routingtableid', raw: '"200"' }, ON]);
      assert.deepStrictEqual(checkRule(rule, text), []);
    });
    it('v1.1.0 with vip_arp too: ARP runs, so no router-ID claim, but manager.New still creates the BGP server and needs a peer', () => {
      const fs = checkRule(rule, pod('v1.1.0', [{ name: 'vip_arp', raw: '"true"' }, ON]));
      assert.deepStrictEqual(fs.map((f) => f.messageId), ['missingPeer']);
    });
    it('only the error NewBGPServer prints first: AS 0 (invalid-number), then the source options, then the peers', () => {
      const source = [{ name: 'bgp_sourceif', raw: 'eth0' }, { name: 'bgp_sourceip', raw: '10.0.0.5' }];
      assert.deepStrictEqual(checkRule(rule, pod('v1.2.3', [ON, ROUTER_IF, ...source])).map((f) => f.messageId), ['sourceConflict']);
      assert.deepStrictEqual(checkRule(rule, pod('v1.2.3', [ON, ROUTER_IF, { name: 'bgp_as', raw: '"0"' }, ...source])), []);
    });
    it('v1.2.2 with vip_arp too: start-up stops at the mode check before the BGP server exists (mode-count)', () => {
      assert.deepStrictEqual(checkRule(rule, pod('v1.2.2', [{ name: 'vip_arp', raw: '"true"' }, ON])), []);
    });
  });
  it('review: bgp_peers of commas only holds no peer, so BGP mode refuses to start as if it were unset', () => {
    const text = daemonSet('ghcr.io/kube-vip/kube-vip:v1.2.3', [
      { name: 'bgp_enable', raw: '"true"' },
      { name: 'bgp_routerid', raw: '"10.0.0.2"' },
      { name: 'bgp_as', raw: '"65001"' },
      { name: 'bgp_peers', raw: '","' },
    ]);
    const findings = checkRule(rule, text).filter((f) => f.messageId === 'missingPeer');
    assert.strictEqual(findings.length, 1);
    assert.strictEqual(findings[0].severity, 'error');
    assert.strictEqual(findings[0].message, 'bgp_peers "," holds no peer: v1.2.3 refuses to start. Write the peers, e.g. "192.168.0.1:65000::false".');
    assert.match(findings[0].detail!, /bgp_peers "," holds no peer, only commas/);
    assert.match(findings[0].detail!, /you need to provide at least one peer/);
  });
});

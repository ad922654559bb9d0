import * as assert from 'assert';
import { bgpPeersHoverMarkdown, parseBgpPeers } from '../../server/src/core/bgpPeers';
import type { PeerEnv } from '../../server/src/core/bgpPeers';
import { v } from '../../server/src/core/version';

describe('bgpPeers', () => {
  describe('parseBgpPeers', () => {
    it('reads every field of the v1.2.2+ layout', () => {
      const [peer] = parseBgpPeers('[fd00::1]:65001:pw:true:1790:mpbgp_nexthop=fixed;mpbgp_ipv4=10.0.0.5:true;300;300;3', v('v1.2.3')).entries;
      assert.deepStrictEqual(
        { address: peer.address, as: peer.as, password: peer.password, multihop: peer.multihop, port: peer.port, extras: peer.extras, problems: peer.problems.map((p) => p.id) },
        { address: 'fd00::1', as: 65001, password: 'pw', multihop: true, port: 1790, extras: ['mpbgp_nexthop=fixed', 'mpbgp_ipv4=10.0.0.5', 'BFD true;300;300;3'], problems: ['portIgnored'] },
      );
    });
    it('counts peers as written, empty entries included', () => {
      const list = parseBgpPeers('10.0.0.1:65000,,10.0.0.2:x', v('v1.2.3'));
      assert.deepStrictEqual(list.entries.map((e) => [e.index, e.skipped, e.problems.length]), [[1, false, 0], [2, true, 0], [3, false, 1]]);
    });
    it('unnumbered peers have an interface and no address', () => {
      const [peer] = parseBgpPeers('unnumbered:eth1:65000', v('v1.2.0')).entries;
      assert.strictEqual(peer.iface, 'eth1');
      assert.strictEqual(peer.address, undefined);
    });
  });

  describe('bgpPeersHoverMarkdown', () => {
    it('renders the peers as a table, password masked', () => {
      const md = bgpPeersHoverMarkdown('192.168.0.10:65001::false:::true;300000;300000;3,[fd00::1]:65000:secret:true,unnumbered:eth0', v('v1.2.3'))!;
      assert.strictEqual(
        md,
        [
          '**bgp_peers** as kube-vip v1.2.3 reads it:',
          '',
          '| # | address | AS | password | multihop | port dialled | extras |',
          '| --- | --- | --- | --- | --- | --- | --- |',
          '| 1 | 192.168.0.10 | 65001 |  | false | 179 | BFD true;300000;300000;3 |',
          '| 2 | fd00::1 | 65000 | •••• | true | 179 |  |',
          '| 3 | unnumbered (eth0) |  |  | false | 179 |  |',
        ].join('\n'),
      );
      assert.doesNotMatch(md, /secret/);
    });
    it('the first fatal problem instead of a table', () => {
      assert.strictEqual(
        bgpPeersHoverMarkdown('10.0.0.1:65000::', v('v1.1.0')),
        '**bgp_peers** on v1.1.0: peer 1 ("10.0.0.1:65000::"), multihop: The multihop field is empty; before v1.2.0 kube-vip parses it with strconv.ParseBool, which rejects "" ("BGP MultiHop format error"). Write "false". On v1.1.0 start-up aborts with exit code 0, so the Pod looks Completed and restarts in a loop.',
      );
    });
    it('non-fatal problems under the table; port fixed at 179 before v0.8.10', () => {
      const md = bgpPeersHoverMarkdown('10.0.0.1:65000::false:1179', v('v0.8.9'))!;
      assert.match(md, /\| 1 \| 10\.0\.0\.1 \| 65000 \|  \| false \| 179 \|  \|/);
      assert.match(md, /\n\n- peer 1 .* from v0\.8\.10 a 5th field is parsed as a port, but no release uses it \(every peer is dialled on port 179\)\. On v0\.8\.9 it is silently ignored\.$/);
    });
    it('audit M3: a written port is not shown as effective; the port dialled is 179, with a note', () => {
      const md = bgpPeersHoverMarkdown('10.0.0.1:65000::false:1790,10.0.0.2:65000', v('v1.2.3'))!;
      assert.match(md, /\| 1 \| 10\.0\.0\.1 \| 65000 \|  \| false \| 179 \(1790 ignored\) \|  \|/);
      assert.match(md, /\| 2 \| 10\.0\.0\.2 \| 65000 \|  \| false \| 179 \|  \|/);
      assert.doesNotMatch(md, /\| 1790 \|/);
      assert.match(md, /- peer 1 \("10\.0\.0\.1:65000::false:1790"\), port: Port "1790" is parsed but never used: kube-vip always connects to the peer on port 179/);
    });
    it('missed trap: per-peer MP-BGP options are marked ignored when mpbgp_nexthop is unset', () => {
      const unset: PeerEnv = { mpbgpNexthop: 'unset', bgp: 'on' };
      const md = bgpPeersHoverMarkdown('10.0.0.1:65000::false::mpbgp_nexthop=fixed;mpbgp_ipv4=10.0.0.5', v('v1.2.3'), unset)!;
      assert.match(md, /\| 179 \| mpbgp_nexthop=fixed \(ignored\), mpbgp_ipv4=10\.0\.0\.5 \(ignored\) \|/);
      assert.match(md, /MP-BGP options: "mpbgp_nexthop=fixed;mpbgp_ipv4=10\.0\.0\.5" is parsed but not used/);
      const set = bgpPeersHoverMarkdown('10.0.0.1:65000::false::mpbgp_nexthop=fixed;mpbgp_ipv4=10.0.0.5', v('v1.2.3'), { mpbgpNexthop: 'set', bgp: 'on' })!;
      assert.doesNotMatch(set, /ignored/);
    });
    it('escapes pipes and angle brackets', () => {
      const md = bgpPeersHoverMarkdown('a|b<c>:65000', v('v1.2.3'))!;
      assert.match(md, /a\\\|b&lt;c&gt;/);
    });
    it('empty value: no hover; before v0.5.0: not researched', () => {
      assert.strictEqual(bgpPeersHoverMarkdown('', v('v1.2.3')), undefined);
      assert.match(bgpPeersHoverMarkdown('10.0.0.1:65000', v('v0.4.2'))!, /was not researched/);
    });
  });
});

import * as assert from 'assert';
import { rule } from '../../../server/src/core/rules/invalid-number';
import { checkRule, covered, daemonSet, fixed } from '../../helpers';
import type { EnvLine } from '../../helpers';

const img = (tag: string) => `ghcr.io/kube-vip/kube-vip:${tag}`;
const run = (tag: string, name: string, raw: string, extra: readonly (EnvLine | string)[] = []) => {
  const text = daemonSet(img(tag), [...extra, { name, raw }]);
  return { text, fs: checkRule(rule, text) };
};
/** The fixed text after the preferred fix, checked against a plain replacement of the value. */
const assertFix = (tag: string, name: string, raw: string, want: string) => {
  const { text, fs } = run(tag, name, raw);
  assert.strictEqual(fs.length, 1, `${name} ${raw}`);
  assert.strictEqual(fs[0].fixes[0]?.preferred, true);
  assert.strictEqual(fixed(text, fs[0]), text.replace(`value: ${raw}`, `value: ${want}`), `${name} ${raw}`);
};

describe('invalid-number', () => {
  describe('unit suffixes and names', () => {
    it('"15s" in seconds: error on the value, exit code 0 on v1.2.3, fix "15"', () => {
      const { text, fs } = run('v1.2.3', 'vip_leaseduration', '"15s" # lease');
      assert.strictEqual(fs[0].severity, 'error');
      assert.strictEqual(covered(text, fs[0]), '"15s"');
      assert.strictEqual(fs[0].message, 'vip_leaseduration "15s" is not a plain number: v1.2.3 refuses to start (exit 0, restart loop). Use "15" (seconds).');
      assert.strictEqual(
        fs[0].detail,
        'strconv.ParseInt(value, 10, 32) requires a plain decimal number. kube-vip v1.2.3 refuses to start: it logs "strconv.ParseInt: parsing "15s": invalid syntax" and exits with code 0 (v0.8.10–v1.2.3), so the Pod looks Completed and restarts in a loop. Use "15" (seconds, without a unit).',
      );
      assert.strictEqual(fs[0].fixes[0].title, 'Set vip_leaseduration to "15"');
      assert.strictEqual(fixed(text, fs[0]), text.replace('"15s" # lease', '"15" # lease'));
    });
    it('exit-code boundary: v0.8.9 exits 1, v0.8.10 exits 0', () => {
      const [old] = run('v0.8.9', 'vip_renewdeadline', '"10s"').fs;
      assert.match(old.message, /: v0\.8\.9 refuses to start\. Use "10" \(seconds\)\.$/);
      assert.match(old.detail!, /kube-vip v0\.8\.9 refuses to start: it logs "strconv\.ParseInt: parsing "10s": invalid syntax" and exits with code 1\./);
      const [now] = run('v0.8.10', 'vip_renewdeadline', '"10s"').fs;
      assert.match(now.message, /: v0\.8\.10 refuses to start \(exit 0, restart loop\)\./);
      assert.match(now.detail!, /kube-vip v0\.8\.10 refuses to start: .* exits with code 0 \(v0\.8\.10–v1\.2\.3\)/);
    });
    it('durations convert to the variable\'s unit; quotes are kept', () => {
      assertFix('v1.2.3', 'vip_renewdeadline', '"1m"', '"60"');
      assertFix('v1.2.3', 'vip_retryperiod', "'2s'", "'2'");
      assertFix('v1.2.3', 'bgp_hold_time', '"1m30s"', '"90"');
      assertFix('v1.2.3', 'vip_arpRate', '"3s"', '"3000"');
      assertFix('v1.2.3', 'vip_arpRate', '"500ms"', '"500"');
    });
    it('no fix when the converted value would be wrong too', () => {
      assert.deepStrictEqual(run('v1.2.3', 'vip_leaseduration', '"500ms"').fs[0].fixes, []); // half a second
      assert.deepStrictEqual(run('v1.2.3', 'vip_arpRate', '"100ms"').fs[0].fixes, []); // below 500: replaced by 3000
      assert.deepStrictEqual(run('v1.2.3', 'vip_leaseduration', '"1.5"').fs[0].fixes, []);
    });
    it('RTN_* names become the route type number', () => {
      assertFix('v1.2.3', 'vip_routingtabletype', '"RTN_LOCAL"', '"2"');
      assertFix('v1.2.3', 'vip_routingtabletype', 'rtn_blackhole', '"6"');
      assert.deepStrictEqual(run('v1.2.3', 'vip_routingtabletype', '"RTN_FOO"').fs[0].fixes, []);
    });
    it('spaces and a "+" that ParseUint rejects are removed', () => {
      assertFix('v1.2.3', 'port', '" 6443"', '"6443"');
      const { text, fs } = run('v1.2.3', 'bgp_as', '"+65000"');
      assert.match(fs[0].message, /^bgp_as "\+65000" is not a plain number: .* Use "65000"\.$/);
      assert.match(fs[0].detail!, /strconv\.ParseUint\(value, 10, 32\)/);
      assert.strictEqual(fixed(text, fs[0]), text.replace('"+65000"', '"65000"'));
    });
  });

  describe('vip_loglevel', () => {
    it('non-numeric: panic up to v1.0.3, start-up error from v1.0.4', () => {
      const [panic] = run('v1.0.3', 'vip_loglevel', '"verbose"').fs;
      assert.strictEqual(panic.message, 'vip_loglevel "verbose" is not a plain number: v1.0.3 panics at start-up. Write a plain number.');
      assert.match(panic.detail!, /kube-vip v1\.0\.3 panics at start-up \(v1\.0\.3 and earlier\): "Unable to parse environment variable \[vip_loglevel\], should be int"/);
      const [error] = run('v1.0.4', 'vip_loglevel', '"verbose"').fs;
      assert.match(error.message, /: v1\.0\.4 refuses to start \(exit 0, restart loop\)\./);
      assert.match(error.detail!, /kube-vip v1\.0\.4 refuses to start: it logs "strconv\.ParseInt: parsing "verbose": invalid syntax" and exits with code 0/);
    });
    it('level names become the number of the image\'s scale (slog from v0.8.10, logrus before)', () => {
      assertFix('v0.8.10', 'vip_loglevel', '"debug"', '"-4"');
      assertFix('v1.2.3', 'vip_loglevel', '"INFO"', '"0"');
      assertFix('v0.8.9', 'vip_loglevel', '"debug"', '"5"');
    });
    it('negative values: ParseUint up to v0.8.7, ParseInt from v0.8.8', () => {
      const { fs } = run('v0.8.7', 'vip_loglevel', '"-4"');
      assert.match(fs[0].message, /^vip_loglevel "-4" is negative: v0\.8\.7 panics at start-up\./);
      assert.match(fs[0].detail!, /^strconv\.ParseUint\(value, 10, 32\) rejects negative numbers\. kube-vip v0\.8\.7 panics at start-up/);
      assert.deepStrictEqual(run('v0.8.8', 'vip_loglevel', '"-4"').fs, []);
    });
  });

  describe('ports', () => {
    it('70000: out of range for ParseUint(16) from v0.8.8 (error), accepted by ParseInt(32) before (warning)', () => {
      const now = run('v0.8.8', 'port', '"70000"').fs[0];
      assert.strictEqual(now.severity, 'error');
      assert.strictEqual(now.message, 'port "70000" is out of range: v0.8.8 refuses to start. Use a number from 1 to 65535.');
      assert.strictEqual(now.detail, 'It is out of range for strconv.ParseUint(value, 10, 16). kube-vip v0.8.8 refuses to start: it logs "strconv.ParseUint: parsing "70000": value out of range" and exits with code 1.');
      const before = run('v0.8.7', 'lb_port', '"70000"').fs[0];
      assert.strictEqual(before.severity, 'warning');
      assert.strictEqual(before.message, 'lb_port "70000" is outside 1–65535: v0.8.7 accepts it, v0.8.8+ refuse to start. Use 1–65535.');
      assert.match(before.detail!, /outside the range 1–65535 that kube-vip can use; v0\.8\.7 \(before v0\.8\.8\) accepts it at start-up, from v0\.8\.8 start-up aborts/);
    });
    it('"-1": ParseUint rejects it from v0.8.8; before, a warning', () => {
      assert.match(run('v0.8.8', 'port', '"-1"').fs[0].message, /^port "-1" is negative: v0\.8\.8 refuses to start\. Use a number from 1 to 65535\.$/);
      assert.strictEqual(run('v0.8.7', 'port', '"-1"').fs[0].severity, 'warning');
    });
    it('port 0 passes ParseUint but is not usable', () => {
      assert.strictEqual(run('v1.2.3', 'port', '"0"').fs[0].severity, 'warning');
    });
    it('health_check_port: below 1024 aborts (1024 itself is allowed); read from v0.8.10', () => {
      const { fs } = run('v1.2.3', 'health_check_port', '"0"');
      assert.strictEqual(fs[0].severity, 'error');
      assert.strictEqual(fs[0].message, 'health_check_port "0" is below 1024: v1.2.3 refuses to start. Remove it to keep the health endpoint off.');
      assert.match(fs[0].detail!, /kube-vip rejects values below 1024 after parsing\. kube-vip v1\.2\.3 refuses to start: it logs "health check port should be > 1024" and exits with code 0 .* Leave it unset to keep the health endpoint off\.$/);
      assert.strictEqual(run('v0.8.10', 'health_check_port', '"1023"').fs[0].severity, 'error');
      assert.deepStrictEqual(run('v0.8.10', 'health_check_port', '"1024"').fs, []);
      assert.deepStrictEqual(run('v0.8.9', 'health_check_port', '"80"').fs, []);
    });
  });

  describe('ranges by variable', () => {
    it('ASN: negative or above uint32 aborts; bgp_peeras 0 is a warning', () => {
      assert.strictEqual(run('v1.2.3', 'bgp_as', '"-1"').fs[0].severity, 'error');
      const [big] = run('v1.2.3', 'bgp_peeras', '"4294967296"').fs;
      assert.match(big.message, /^bgp_peeras "4294967296" is out of range: v1\.2\.3 refuses to start/);
      assert.match(big.detail!, /out of range for strconv\.ParseUint\(value, 10, 32\)/);
      const zero = run('v1.2.3', 'bgp_peeras', '"0"', [{ name: 'bgp_enable', raw: '"true"' }]).fs[0];
      assert.deepStrictEqual([zero.messageId, zero.severity], ['peerAsZero', 'warning']);
      assert.strictEqual(zero.message, 'bgp_peeras "0" is not a valid peer AS: AS 0 is reserved (RFC 7607). Use the AS number of the bgp_peeraddress peer.');
      assert.match(zero.detail!, /AS number of the bgp_peeraddress peer/);
      assert.deepStrictEqual(run('v1.2.3', 'bgp_as', '"4294967295"').fs, []);
      assert.deepStrictEqual(run('v1.2.3', 'bgp_peeras', '"0"', [{ name: 'vip_arp', raw: '"true"' }]).fs, [], 'not used outside BGP mode');
    });
    it('vip_routingtableid "-1": accepted by ParseInt(32) up to v0.8.1 (warning), rejected from v0.8.2', () => {
      assert.strictEqual(run('v0.8.1', 'vip_routingtableid', '"-1"').fs[0].severity, 'warning');
      const { fs } = run('v0.8.2', 'vip_routingtableid', '"-1"');
      assert.strictEqual(fs[0].severity, 'error');
      assert.strictEqual(fs[0].message, 'vip_routingtableid "-1" is below 0: v0.8.2 refuses to start. Use 0 or more.');
      assert.match(fs[0].detail!, /kube-vip rejects values below 0 after parsing\. kube-vip v0\.8\.2 refuses to start: it logs "no support of negative \[-1\] in env var "vip_routingtableid"" and exits with code 1/);
    });
    it('lease timings below 1 panic in client-go (an ARP control plane always elects)', () => {
      const { fs } = run('v1.2.3', 'vip_retryperiod', '"0"', [{ name: 'vip_arp', raw: '"true"' }, { name: 'cp_enable', raw: '"true"' }]);
      assert.strictEqual(fs[0].severity, 'error');
      assert.strictEqual(fs[0].message, 'vip_retryperiod "0" is below 1 second: v1.2.3 panics when it starts leader election. Use 1 or more.');
      assert.match(fs[0].detail!, /^Lease timings must be at least 1 second: client-go's leader election rejects retryPeriod 0 and panics as soon as kube-vip starts leader election/);
    });
    it('review: without a certain election (BGP without vip_leaderelection or svc_election) it is a conditional warning', () => {
      const { fs } = run('v1.2.3', 'vip_retryperiod', '"0"', [{ name: 'bgp_enable', raw: '"true"' }, { name: 'cp_enable', raw: '"true"' }]);
      assert.deepStrictEqual([fs[0].messageId, fs[0].severity], ['leaseBelowOne', 'warning']);
      assert.strictEqual(fs[0].message, 'vip_retryperiod "0" is below 1 second: v1.2.3 panics if it starts a leader election. Use 1 or more.');
      assert.match(fs[0].detail!, /panics if kube-vip starts a leader election; this manifest does not show one for certain/);
    });
    it('replacements are warnings', () => {
      const [arp] = run('v1.2.3', 'vip_arpRate', '"100"').fs;
      assert.match(arp.message, /is below 500: v1\.2\.3 uses 3000 ms instead .* Use 500 or more\.$/);
      assert.match(arp.detail!, /replaces values below 500 with 3000/);
      const [interval] = run('v1.2.3', 'backend_health_check_interval', '"0"').fs;
      assert.strictEqual(interval.message, 'backend_health_check_interval "0" is not positive: v1.2.3 silently uses 5 seconds. Use 1 or more.');
      assert.match(interval.detail!, /replaces zero or negative values with 5/);
      const [dhcp] = run('v1.0.4', 'dhcp_backoff_attempts', '"-1"').fs;
      assert.strictEqual(dhcp.message, 'dhcp_backoff_attempts "-1" is negative: v1.0.4 silently keeps the default, 3. Use 0 or more.');
      assert.match(dhcp.detail!, /silently drops a negative one, so the default of 3 attempts stays/);
      const [type] = run('v1.2.3', 'vip_routingtabletype', '"12"').fs;
      assert.strictEqual(type.severity, 'warning');
      assert.strictEqual(type.message, 'vip_routingtabletype "12" is not a Linux route type: the kernel rejects the routes kube-vip adds. Use 0 to 11.');
      assert.match(type.detail!, /0 \(RTN_UNSPEC\) to 11 \(RTN_XRESOLVE\)/);
    });
  });

  describe('not flagged', () => {
    it('plain numbers in range', () => {
      for (const [name, raw] of [['port', '"6443"'], ['vip_leaseduration', "'15'"], ['vip_loglevel', '"-4"'], ['vip_routingtableid', '"198"'], ['vip_arpRate', '"3000"']]) {
        assert.deepStrictEqual(run('v1.2.3', name, raw).fs, [], name);
      }
    });
    it('empty, referenced, templated, unquoted numbers (another rule), other types, unread variables', () => {
      assert.deepStrictEqual(run('v1.2.3', 'port', '""').fs, []);
      assert.deepStrictEqual(run('v1.2.3', 'port', '"{{ .Values.port }}"').fs, []);
      assert.deepStrictEqual(run('v1.2.3', 'port', '6443').fs, []);
      assert.deepStrictEqual(run('v1.2.3', 'vip_interface', '"15s"').fs, []);
      assert.deepStrictEqual(run('v1.2.1', 'vip_loseleadership_timeout_seconds', '"30s"').fs, []);
      const ref = daemonSet(img('v1.2.3'), ['        - name: port\n          valueFrom:\n            configMapKeyRef: {name: kv, key: port}']);
      assert.deepStrictEqual(checkRule(rule, ref), []);
    });
  });

  describe('audit M7: bgp_as "0" stops the BGP server from being created', () => {
    const BGP: EnvLine[] = [{ name: 'bgp_enable', raw: '"true"' }];
    it('v1.2.3 BGP mode: error, NewBGPServer\'s text, exit code 0', () => {
      const { text, fs } = run('v1.2.3', 'bgp_as', '"0"', BGP);
      assert.strictEqual(fs.length, 1);
      const [f] = fs;
      assert.deepStrictEqual([f.messageId, f.severity], ['asZero', 'error']);
      assert.strictEqual(covered(text, f), '"0"');
      assert.strictEqual(f.message, 'bgp_as "0" means no AS: v1.2.3 refuses to start (exit 0, restart loop). Use your AS number (e.g. 65000).');
      assert.strictEqual(
        f.detail,
        'NewBGPServer fails with "you need to provide AS": kube-vip v1.2.3 refuses to start and exits with code 0 (v0.8.10–v1.2.3), so the Pod looks Completed and restarts in a loop. AS numbers run from 1 to 4294967295.',
      );
      assert.deepStrictEqual(f.fixes, []);
      assert.doesNotMatch(`${f.message} ${f.detail}`, /RFC 7607/);
    });
    it('v0.8.9 and v0.5.0: the capitalised text, exit code 1', () => {
      for (const tag of ['v0.5.0', 'v0.8.9']) {
        const [f] = run(tag, 'bgp_as', '"0"', BGP).fs;
        assert.strictEqual(f.messageId, 'asZero');
        assert.strictEqual(f.message, `bgp_as "0" means no AS: ${tag} refuses to start. Use your AS number (e.g. 65000).`);
        assert.match(f.detail!, new RegExp(`NewBGPServer fails with "You need to provide AS": kube-vip ${tag.replace(/\./g, '\\.')} refuses to start and exits with code 1\\.`));
      }
    });
    it('outside BGP mode the value has no effect: no finding', () => {
      assert.deepStrictEqual(run('v1.2.3', 'bgp_as', '"0"').fs, []);
      assert.deepStrictEqual(run('v1.2.3', 'bgp_as', '"0"', [{ name: 'vip_arp', raw: '"true"' }]).fs, []);
    });
    it('node annotations or a config file may supply the AS: conditional warning', () => {
      const [ann] = run('v1.2.3', 'bgp_as', '"0"', [...BGP, { name: 'annotation', raw: 'example.com' }]).fs;
      assert.deepStrictEqual([ann.messageId, ann.severity], ['asZeroMaybe', 'warning']);
      assert.strictEqual(ann.message, 'bgp_as "0" means no AS: v1.2.3 refuses to start unless a node annotation sets one. Use your AS number (e.g. 65000).');
      assert.match(ann.detail!, /unless the node annotations \(annotation\) supplies an AS, NewBGPServer fails with "you need to provide AS"/);
      const [file] = run('v1.2.3', 'bgp_as', '"0"', [...BGP, { name: 'config_file', raw: '/etc/kv.yaml' }]).fs;
      assert.match(file.message, /^bgp_as "0" means no AS: v1\.2\.3 may refuse to start\./);
      assert.match(file.detail!, /unless the config file supplies an AS/);
    });
    it('bgp_enable from envFrom: conditional warning', () => {
      const text = run('v1.2.3', 'bgp_as', '"0"').text.replace('        env:\n', '        envFrom:\n        - configMapRef: {name: kv}\n        env:\n');
      const [f] = checkRule(rule, text);
      assert.deepStrictEqual([f.messageId, f.severity], ['asZeroMaybe', 'warning']);
      assert.strictEqual(f.message, 'bgp_as "0" means no AS: v1.2.3 refuses to start if BGP is enabled elsewhere. Use your AS number (e.g. 65000).');
      assert.match(f.detail!, /^AS 0 means "no AS": if bgp_enable is set outside this env list, .* AS numbers run from 1 to 4294967295\.$/);
    });
    it('parse errors no longer offer 0 as usable: "between 1 and 4294967295"', () => {
      const [f] = run('v1.2.3', 'bgp_as', '"-5"', BGP).fs;
      assert.strictEqual(f.messageId, 'parseError');
      assert.match(f.message, /Use a number from 1 to 4294967295\.$/);
      assert.doesNotMatch(`${f.message} ${f.detail}`, /from 0 to|between 0 and|\b0–4294967295/);
    });
  });

  describe('audit L2: vip_arpRate below 500 is replaced and logged, not silently', () => {
    it('warning that says kube-vip logs it', () => {
      const { text, fs } = run('v1.2.3', 'vip_arpRate', '"100"', [{ name: 'vip_arp', raw: '"true"' }]);
      assert.deepStrictEqual([fs[0].messageId, fs[0].severity], ['arpRateReplaced', 'warning']);
      assert.strictEqual(covered(text, fs[0]), '"100"');
      assert.strictEqual(fs[0].message, 'vip_arpRate "100" is below 500: v1.2.3 uses 3000 ms instead and logs it. Use 500 or more.');
      assert.strictEqual(fs[0].detail, 'kube-vip replaces values below 500 with 3000 (milliseconds) and logs that the ARP broadcast rate is too low.');
      const [old] = run('v0.8.9', 'vip_arpRate', '"499"').fs;
      assert.doesNotMatch(`${old.message} ${old.detail}`, /silently/);
      assert.deepStrictEqual(run('v1.2.3', 'vip_arpRate', '"500"').fs, []);
    });
    it('review: no finding when another mode certainly runs: only the ARP code reads it', () => {
      assert.deepStrictEqual(run('v1.2.3', 'vip_arpRate', '"100"', [{ name: 'vip_routingtable', raw: '"true"' }]).fs, []);
    });
    it('review: port "0" parses on every version, so the note does not claim that start-up aborts', () => {
      const [f] = run('v0.8.7', 'port', '"0"').fs;
      assert.strictEqual(f.messageId, 'outOfRange');
      assert.strictEqual(f.message, 'port "0" is outside 1–65535, the range kube-vip can use. Use a number from 1 to 65535.');
      assert.doesNotMatch(`${f.message} ${f.detail}`, /start-up aborts|refuse/);
      const [big] = run('v0.8.7', 'port', '"70000"').fs;
      assert.match(big.message, /v0\.8\.8\+ refuse to start/);
      assert.match(big.detail!, /from v0\.8\.8 start-up aborts/);
    });
  });

  describe('a variable the image never parses gets no "refuses to start"', () => {
    it('v0.8.3: bgp_as after a valid vip_routingtableid is never read', () => {
      const table: EnvLine[] = [{ name: 'vip_routingtable', raw: '"true"' }, { name: 'vip_routingtableid', raw: '"200"' }];
      assert.deepStrictEqual(run('v0.8.3', 'bgp_as', '"65000x"', table).fs, []);
      assert.deepStrictEqual(run('v0.8.3', 'port', '"6443x"', table).fs.map((f) => f.messageId), ['parseError'], 'port is read before the table id');
      assert.strictEqual(run('v0.8.5', 'bgp_as', '"65000x"', table).fs[0].messageId, 'parseError');
    });
  });
});

// Preloaded with `node --require` into the server and the CLI under test: any attempt to start a
// process or open a network connection ends the process with exit code 97 and says what it tried.
'use strict';
const forbid = (what) =>
  function forbidden() {
    process.stderr.write(`FORBIDDEN: ${what}\n`);
    process.exit(97);
  };
const childProcess = require('child_process');
for (const fn of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']) childProcess[fn] = forbid(`child_process.${fn}`);
const net = require('net');
net.connect = net.createConnection = forbid('net.connect');
net.Socket.prototype.connect = forbid('net.Socket.connect');
const dns = require('dns');
for (const fn of ['lookup', 'resolve', 'resolve4', 'resolve6']) dns[fn] = forbid(`dns.${fn}`);
for (const mod of ['http', 'https', 'http2']) {
  const m = require(mod);
  for (const fn of ['request', 'get', 'connect']) if (typeof m[fn] === 'function') m[fn] = forbid(`${mod}.${fn}`);
}
const dgram = require('dgram');
dgram.createSocket = forbid('dgram.createSocket');
if (typeof globalThis.fetch === 'function') globalThis.fetch = forbid('fetch');
process.env.KUBE_VIP_LINT_GUARDED = '1';

// A minimal LSP client over stdio (JSON-RPC with Content-Length framing), written out rather than
// taken from vscode-jsonrpc so that the benchmark depends on nothing but node and times messages
// at the moment their bytes arrive.
import { spawn } from 'child_process';
import { readFileSync } from 'fs';

/** Every child still running, so that the benchmark can kill them whatever happens. */
const live = new Set();
export function killAll() {
  for (const child of live) child.kill('SIGKILL');
}

export class LspClient {
  /** `configuration(item)` answers each item of a workspace/configuration request. */
  constructor(args, { configuration = () => null } = {}) {
    this.spawnedAt = performance.now();
    this.child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    live.add(this.child);
    this.configuration = configuration;
    this.buffer = Buffer.alloc(0);
    this.nextId = 1;
    this.pending = new Map();
    this.waiters = new Set();
    this.stderr = '';
    this.child.stdout.on('data', (chunk) => this.receive(chunk));
    this.child.stderr.on('data', (d) => (this.stderr = (this.stderr + d).slice(-4000)));
    this.child.stdin.on('error', () => undefined); // the server may exit first; `exit` reports it
    this.child.on('exit', (code, signal) => {
      live.delete(this.child);
      this.exited = true;
      const error = new Error(`server exited (${signal ?? code}): ${this.stderr.trim().slice(-500)}`);
      for (const { reject } of this.pending.values()) reject(error);
      for (const w of this.waiters) w.reject(error);
    });
  }

  receive(chunk) {
    const at = performance.now();
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: *(\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString('ascii'))?.[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const message = JSON.parse(this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8'));
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.dispatch(message, at);
    }
  }

  dispatch(message, at) {
    if (message.method === undefined) {
      const pending = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.error) pending?.reject(new Error(`${message.error.code}: ${message.error.message}`));
      else pending?.resolve({ result: message.result, at });
      return;
    }
    if (message.id !== undefined) {
      // Server → client requests: configuration gets the offline settings, everything else null.
      const result = message.method === 'workspace/configuration' ? message.params.items.map(this.configuration) : null;
      this.send({ jsonrpc: '2.0', id: message.id, result });
    }
    for (const w of this.waiters) {
      if (w.method === message.method && w.test(message.params)) {
        this.waiters.delete(w);
        w.resolve({ params: message.params, at });
      }
    }
  }

  send(message) {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.child.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
  }

  notify(method, params) {
    this.send({ jsonrpc: '2.0', method, params });
  }

  /** Sends a request; resolves with its result and the milliseconds until the response arrived. */
  request(method, params, timeoutMs = 30000) {
    const id = this.nextId++;
    const sent = performance.now();
    return this.bounded(
      new Promise((resolve, reject) => {
        this.pending.set(id, { resolve: ({ result, at }) => resolve({ result, ms: at - sent }), reject });
        this.send({ jsonrpc: '2.0', id, method, params });
      }),
      timeoutMs,
      method,
    );
  }

  /** The next message `method` (notification or request) whose params pass `test`. Register before triggering. */
  waitFor(method, test = () => true, timeoutMs = 60000) {
    let waiter;
    const promise = new Promise((resolve, reject) => {
      waiter = { method, test, resolve, reject };
      this.waiters.add(waiter);
    });
    return this.bounded(promise, timeoutMs, method, () => this.waiters.delete(waiter));
  }

  bounded(promise, ms, what, cleanup = () => undefined) {
    if (this.exited) return Promise.reject(new Error(`server exited: ${this.stderr.trim().slice(-500)}`));
    let timer;
    const timeout = new Promise((_, reject) => (timer = setTimeout(() => (cleanup(), reject(new Error(`${what}: no answer within ${ms} ms`))), ms)));
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
  }

  /** Peak resident set size in MB, from the kernel's high-water mark (Linux only). */
  peakRssMb() {
    const kb = /VmHWM:\s*(\d+) kB/.exec(readFileSync(`/proc/${this.child.pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? NaN : Number(kb) / 1024;
  }

  /** shutdown + exit, then SIGKILL if the server has not gone within a second. */
  async close() {
    if (!this.exited) {
      try {
        await this.request('shutdown', null, 5000);
        this.notify('exit');
      } catch {
        // gone or stuck: killed below
      }
    }
    if (!this.exited) {
      await Promise.race([new Promise((resolve) => this.child.once('exit', resolve)), new Promise((resolve) => setTimeout(resolve, 1000))]);
    }
    this.child.kill('SIGKILL');
  }
}

/** LSP position (0-based line, UTF-16 character) of an offset. */
export function positionAt(text, offset) {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, character: offset - lineStart };
}

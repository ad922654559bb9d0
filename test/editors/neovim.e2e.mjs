#!/usr/bin/env node
// End-to-end test of the language server in a real Neovim: Debian 12's Neovim 0.7.2, run as
// `nvim --headless --clean` with a Lua script that (1) is the README's Neovim snippet for this Neovim
// version, run verbatim (or, while the README has none, the snippet below), and (2) drives the editor the
// way a person would and writes what it saw as JSON for this script to check.
//
// The server is the repo's build (dist/server.js), copied to a temp folder at start (so a concurrent
// rebuild cannot change it mid-run) and put on PATH as `kube-vip-lint-server`, the package's bin name,
// so the snippet runs exactly as the README prints it.
//
// Checked, on two manifests with non-ASCII text (Neovim counts columns in bytes, LSP in UTF-16):
//   - the vip-prefix-list error sits exactly on `"128"` (Neovim's byte columns);
//   - hover on vip_cidr is markdown mentioning IPv4;
//   - the preferred code action "Set vip_cidr to "32,128"", applied and saved, changes exactly that
//     value on disk (block manifest: through vim.lsp.buf.code_action() as a person runs it; flow-style
//     manifest with multi-byte text before the value on the same line: the codeAction response applied
//     with vim.lsp.util.apply_workspace_edit(edit, 'utf-16')), and the error goes away;
//   - completion after `- name: ` offers vip_subnet;
//   - the README has a Neovim snippet for the installed version; the server exits with Neovim.
//
// Setup first: scripts/editors-setup.sh (apt: neovim, emacs-nox, elpa-eglot). Build: node scripts/build.mjs.
// Usage:
//   node test/editors/neovim.e2e.mjs [--server FILE] [--out DIR] [--timeout SECONDS] [--keep] [--readme FILE]
//     --server   the server bundle to test (default: dist/server.js in the repo)
//     --out      where logs go (default: .e2e/neovim in the repo): nvim stderr, lsp.log, results.json
//     --timeout  global limit for the whole run (default 90 s): then everything is killed, exit 1
//     --keep     keep the temp folder (fixtures, Lua script) and print its path
//     --readme   the README whose Neovim snippet to check and run (default: README.md in the repo)
// Prints "e2e: N passed, N failed" last and exits 1 when anything failed.

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BLOCK, BLOCK_BAD, BLOCK_FIXED, BLOCK_NAME, FLOW, FLOW_BAD, FLOW_FIXED, FLOW_NAME } from './fixtures.mjs';
import { cmdline, createChecks, createLog, pidsOfRun } from '../e2e/harness.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

// ---------------------------------------------------------------------------------------------------
// The snippet this test runs when the README has none for the installed Neovim: the one proposed for
// the README's "Neovim 0.7–0.9" block. Neovim < 0.10 has no vim.fs.root (and 0.7 no vim.lsp.start), does
// not send `settings` by itself (hence the on_init push), and sets neither 'omnifunc' nor K for LSP.
const FALLBACK_SNIPPET = `local kube_vip_lint_client
vim.api.nvim_create_autocmd('FileType', {
  pattern = 'yaml',
  callback = function(args)
    if not (kube_vip_lint_client and vim.lsp.get_client_by_id(kube_vip_lint_client)) then
      kube_vip_lint_client = vim.lsp.start_client({
        name = 'kube-vip-lint',
        cmd = { 'kube-vip-lint-server', '--stdio' },
        root_dir = vim.fn.getcwd(),
        settings = { kubeVipLint = { kubeVipVersion = '' } },
        on_init = function(client)
          -- Neovim < 0.10 does not send settings by itself.
          client.notify('workspace/didChangeConfiguration', { settings = client.config.settings })
        end,
      })
    end
    if kube_vip_lint_client then
      vim.lsp.buf_attach_client(args.buf, kube_vip_lint_client)
      vim.bo[args.buf].omnifunc = 'v:lua.vim.lsp.omnifunc' -- completion: <C-x><C-o>
      vim.keymap.set('n', 'K', vim.lsp.buf.hover, { buffer = args.buf })
    end
  end,
})
`;

// ---------------------------------------------------------------------------------------------------
/** Where `needle` sits in `text`: 0-based line, byte column and UTF-16 column (start and end). */
function locate(text, lineText, needle) {
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l === lineText);
  if (line < 0) throw new Error(`fixture has no line ${JSON.stringify(lineText)}`);
  const u16 = lines[line].indexOf(needle);
  const byte = Buffer.byteLength(lines[line].slice(0, u16), 'utf8');
  return { line, byteCol: byte, byteEnd: byte + Buffer.byteLength(needle), u16Col: u16, u16End: u16 + needle.length };
}

// ---------------------------------------------------------------------------------------------------
// The driver: runs in Neovim after the snippet. It reads its paths from a JSON file, does what a person
// does, and writes everything it saw to the results file; then quits. Each step is protected, so one
// failure still leaves the others' results.
const DRIVER = String.raw`
do
  local cfg = vim.fn.json_decode(table.concat(vim.fn.readfile(KVL_CONFIG), '\n'))
  local R = { messages = {}, registrations = {}, steps = {}, nvim = vim.version() }
  local function wait(ms, cond) return vim.wait(ms, cond, 20) end
  local function step(name, fn)
    local ok, err = xpcall(fn, debug.traceback)
    R.steps[name] = ok and 'ok' or tostring(err)
  end

  -- What the server says besides answers (window/logMessage, showMessage) and dynamic registrations.
  for _, m in ipairs({ 'window/logMessage', 'window/showMessage' }) do
    vim.lsp.handlers[m] = function(_, result)
      table.insert(R.messages, { method = m, type = result and result.type, message = result and result.message })
    end
  end
  local register = vim.lsp.handlers['client/registerCapability']
  vim.lsp.handlers['client/registerCapability'] = function(err, result, ctx, config)
    table.insert(R.registrations, result)
    return register(err, result, ctx, config)
  end

  local function client_of(bufnr)
    local _, c = next(vim.lsp.buf_get_clients(bufnr))
    return c
  end

  local function diags(bufnr)
    return vim.tbl_map(function(d)
      return { lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col, severity = d.severity,
               code = d.code, source = d.source, message = d.message }
    end, vim.diagnostic.get(bufnr))
  end
  local function has_rule(bufnr, rule)
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do if d.code == rule then return true end end
    return false
  end

  local function open(key, file)
    local r = {}
    R[key] = r
    vim.cmd('edit ' .. vim.fn.fnameescape(file))
    local bufnr = vim.api.nvim_get_current_buf()
    r.filetype = vim.bo[bufnr].filetype
    r.attached = wait(15000, function() return client_of(bufnr) ~= nil end)
    local c = client_of(bufnr)
    if c then
      r.client = { id = c.id, name = c.name, offset_encoding = c.offset_encoding }
      wait(15000, function() return c.initialized end)
      r.initialized = c.initialized and true or false
    end
    r.got_diagnostics = wait(20000, function() return #vim.diagnostic.get(bufnr) > 0 end)
    r.diagnostics = diags(bufnr)
    return r, bufnr
  end

  -- Cursor on the first byte of needle in the first line containing it (as a person would put it).
  local function cursor_on(bufnr, needle, after)
    local lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, true)
    for i, l in ipairs(lines) do
      local s = l:find(needle, 1, true)
      if s and (not after or l:find(after, 1, true)) then
        vim.api.nvim_win_set_cursor(0, { i, s - 1 })
        return i - 1, s - 1
      end
    end
    error('no line contains ' .. needle)
  end

  local function code_actions(r, bufnr)
    -- The request exactly as vim.lsp.buf.code_action() builds it in this Neovim.
    local params = vim.lsp.util.make_range_params()
    params.context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(bufnr) }
    r.code_action_params = params
    local responses, err = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, 10000)
    r.code_action_error = err
    r.actions = {}
    for _, resp in pairs(responses or {}) do
      if resp.err then r.code_action_error = resp.err end
      for _, a in ipairs(resp.result or {}) do table.insert(r.actions, a) end
    end
  end

  local function after_fix(r, bufnr, lnum)
    r.line_after_fix = vim.api.nvim_buf_get_lines(bufnr, lnum, lnum + 1, true)[1]
    vim.cmd('write')
    r.modified_after_write = vim.bo[bufnr].modified
    r.diagnostic_cleared = wait(10000, function() return not has_rule(bufnr, 'vip-prefix-list') end)
    r.diagnostics_after_fix = diags(bufnr)
  end

  local ok, fatal = xpcall(function()
    -- (a) block manifest
    local r, bufnr = open('block', cfg.block)
    step('block: hover', function()
      cursor_on(bufnr, 'vip_cidr', '- name:')
      local params = vim.lsp.util.make_position_params()
      r.hover_params = params
      local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', params, 10000)
      for _, resp in pairs(responses or {}) do
        r.hover = resp.result
        r.hover_error = resp.err
      end
      -- Then as a person: K, and read the floating window it opens.
      local function float()
        for _, w in ipairs(vim.api.nvim_list_wins()) do
          if vim.api.nvim_win_get_config(w).relative ~= '' then return w end
        end
      end
      vim.api.nvim_feedkeys('K', 'xt', false)
      local w = wait(10000, float) and float()
      r.hover_float = w and table.concat(vim.api.nvim_buf_get_lines(vim.api.nvim_win_get_buf(w), 0, -1, false), '\n')
      if w then vim.api.nvim_win_close(w, true) end
    end)
    step('block: code action', function()
      local lnum = cursor_on(bufnr, '128', 'value:')
      code_actions(r, bufnr)
      -- Then as a person does it: vim.lsp.buf.code_action(), picking the preferred entry in the menu.
      local select = vim.ui.select
      vim.ui.select = function(items, opts, on_choice)
        r.menu = {}
        local chosen
        for _, t in ipairs(items) do
          table.insert(r.menu, (opts.format_item(t)))
          if not chosen and t[2].isPreferred then chosen = t end
        end
        r.chosen = chosen and chosen[2].title
        on_choice(chosen)
      end
      local tick = vim.api.nvim_buf_get_changedtick(bufnr)
      vim.lsp.buf.code_action()
      r.edited = wait(10000, function() return vim.api.nvim_buf_get_changedtick(bufnr) ~= tick end)
      vim.ui.select = select
      after_fix(r, bufnr, lnum)
    end)
    step('block: completion', function()
      -- A new env entry after the fixed one, cursor at the end of "- name: " (as in insert mode).
      local lnum = cursor_on(bufnr, 'value: "32,128"')
      local line = '        - name: '
      vim.api.nvim_buf_set_lines(bufnr, lnum + 1, lnum + 1, true, { line })
      r.omnifunc = vim.bo[bufnr].omnifunc
      local params = { textDocument = vim.lsp.util.make_text_document_params(bufnr),
                       position = { line = lnum + 1, character = #line },
                       context = { triggerKind = 1 } }
      r.completion_params = params
      local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/completion', params, 10000)
      r.completion_labels = {}
      for _, resp in pairs(responses or {}) do
        r.completion_error = resp.err
        local items = resp.result and (resp.result.items or resp.result) or {}
        for _, it in ipairs(items) do
          table.insert(r.completion_labels, it.label)
          if it.label == 'vip_subnet' then r.completion_vip_subnet = it end
        end
        -- What <C-x><C-o> (vim.lsp.omnifunc) would insert for it.
        for _, it in ipairs(vim.lsp.util.text_document_completion_list_to_complete_items(resp.result or {}, '')) do
          if it.abbr == 'vip_subnet' then r.completion_vip_subnet_word = it.word end
        end
      end
      -- Then as a person: A, <C-x><C-o> (the omnifunc the snippet set), pick vip_subnet in the menu.
      vim.api.nvim_win_set_cursor(0, { lnum + 2, 0 })
      _G.kvl_pick = function()
        r.completion_menu = wait(10000, function() return vim.fn.pumvisible() == 1 end)
        local items = vim.fn.complete_info({ 'items' }).items
        r.completion_menu_size = #items
        for i, it in ipairs(items) do
          if it.abbr == 'vip_subnet' then
            vim.api.nvim_select_popupmenu_item(i - 1, true, true, {})
            r.completion_picked = true
            return
          end
        end
      end
      vim.keymap.set('i', '<F20>', '<Cmd>lua _G.kvl_pick()<CR>', { buffer = bufnr })
      vim.api.nvim_feedkeys(vim.api.nvim_replace_termcodes('A<C-x><C-o><F20><Esc>', true, false, true), 'xt', false)
      -- A NUL in a line (what complete() inserts for a newline) shown as ^@, as Neovim displays it.
      r.completed_lines = vim.tbl_map(function(l) return (l:gsub('%z', '^@')) end,
        vim.api.nvim_buf_get_lines(bufnr, lnum + 1, lnum + 3, true))
    end)

    -- (b) flow-style manifest: same client, second buffer
    local f, fbuf = open('flow', cfg.flow)
    step('flow: code action', function()
      local lnum = cursor_on(fbuf, '128"')
      code_actions(f, fbuf)
      local preferred
      for _, a in ipairs(f.actions) do if a.isPreferred and not preferred then preferred = a end end
      f.chosen = preferred and preferred.title
      if preferred then vim.lsp.util.apply_workspace_edit(preferred.edit, 'utf-16') end
      after_fix(f, fbuf, lnum)
    end)
  end, debug.traceback)
  if not ok then R.fatal = tostring(fatal) end

  local out = io.open(cfg.result, 'w')
  out:write(vim.fn.json_encode(R))
  out:close()
  vim.cmd('qa!')
end
`;

// ---------------------------------------------------------------------------------------------------
// Arguments
function parseArgs(argv) {
  const opts = { server: path.join(repoRoot, 'dist', 'server.js'), out: path.join(repoRoot, '.e2e', 'neovim'), timeout: 90, keep: false, readme: path.join(repoRoot, 'README.md') };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--server') opts.server = path.resolve(value());
    else if (a === '--out') opts.out = path.resolve(value());
    else if (a === '--timeout') opts.timeout = Number(value());
    else if (a === '--keep') opts.keep = true;
    else if (a === '--readme') opts.readme = path.resolve(value());
    else if (a === '-h' || a === '--help') {
      console.log(fs.readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1, 30).join('\n'));
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  return opts;
}

// ---------------------------------------------------------------------------------------------------
// Small helpers
const { log, sleep } = createLog('nvim-e2e');


/** The README's Neovim snippets: [{ label, min, max, code }] (max undefined for "X.Y+"). */
function readmeNeovimSnippets() {
  const readme = fs.readFileSync(opts.readme, 'utf8');
  const out = [];
  const re = /^(Neovim\s+(\d+)\.(\d+)(?:\+|\s*(?:–|-|to)\s*(\d+)\.(\d+))?[^\n]*?):?\s*\n```lua\n([\s\S]*?)```/gm;
  for (const m of readme.matchAll(re)) {
    out.push({
      label: m[1].replace(/:$/, ''),
      min: [Number(m[2]), Number(m[3])],
      max: m[4] === undefined ? undefined : [Number(m[4]), Number(m[5])],
      code: m[6],
    });
  }
  return out;
}
const cmpMinor = (a, b) => a[0] - b[0] || a[1] - b[1];

// ---------------------------------------------------------------------------------------------------
const opts = parseArgs(process.argv.slice(2));
const { results, check, assert } = createChecks(log);
let nvim;
let cleanupPromise;
let timedOut = false;

const runRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'kvl-nvim-e2e-'));
const RUN_MARKER = `KVL_E2E_RUN=${runRoot}`;
const dirs = Object.fromEntries(
  ['work', 'bin', 'server', 'home', 'tmp', 'xdg-config', 'xdg-data', 'xdg-cache', 'xdg-state', 'xdg-runtime'].map((n) => [n, path.join(runRoot, n)]),
);
for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true, mode: 0o700 });
const childEnv = {
  ...process.env,
  KVL_E2E_RUN: runRoot,
  PATH: `${dirs.bin}:${process.env.PATH}`,
  HOME: dirs.home,
  TMPDIR: dirs.tmp,
  XDG_CONFIG_HOME: dirs['xdg-config'],
  XDG_DATA_HOME: dirs['xdg-data'],
  XDG_CACHE_HOME: dirs['xdg-cache'],
  XDG_STATE_HOME: dirs['xdg-state'],
  XDG_RUNTIME_DIR: dirs['xdg-runtime'],
};
delete childEnv.VIMINIT;
delete childEnv.NVIM_LISTEN_ADDRESS;
delete childEnv.NVIM;


/** Kills what this run started and removes its temp folder; every caller waits for the same work. */
function cleanup() {
  cleanupPromise ??= doCleanup();
  return cleanupPromise;
}
async function doCleanup() {
  if (nvim && nvim.exitCode === null && nvim.signalCode === null) {
    try {
      process.kill(-nvim.pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
  for (let round = 0; round < 2; round++) {
    const left = pidsOfRun(RUN_MARKER);
    if (!left.length) break;
    for (const pid of left) {
      try {
        process.kill(pid, round === 0 ? 'SIGTERM' : 'SIGKILL');
      } catch {
        /* gone */
      }
    }
    await sleep(500);
  }
  try {
    const lspLog = path.join(dirs['xdg-cache'], 'nvim', 'lsp.log');
    if (fs.existsSync(lspLog)) fs.copyFileSync(lspLog, path.join(opts.out, 'lsp.log'));
  } catch {
    /* best effort */
  }
  if (opts.keep) log(`kept ${runRoot}`);
  else fs.rmSync(runRoot, { recursive: true, force: true, maxRetries: 3 });
}

function finish(code) {
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  for (const r of results.filter((x) => !x.ok)) console.log(`  failed: ${r.name}: ${r.error}`);
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  process.exit(code ?? (failed ? 1 : 0));
}

const globalTimer = setTimeout(async () => {
  timedOut = true;
  log(`global timeout of ${opts.timeout} s reached: killing Neovim and the server`);
  results.push({ name: 'global timeout', ok: false, error: `run exceeded ${opts.timeout} s` });
  await Promise.race([cleanup(), sleep(5000)]);
  finish(1);
}, opts.timeout * 1000);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, async () => {
    log(`${sig}: cleaning up`);
    await Promise.race([cleanup(), sleep(5000)]);
    process.exit(130);
  });
}

function printLogs() {
  for (const f of ['nvim.stderr.log', 'lsp.log']) {
    const p = f === 'lsp.log' ? path.join(dirs['xdg-cache'], 'nvim', 'lsp.log') : path.join(opts.out, f);
    if (!fs.existsSync(p)) continue;
    const lines = fs.readFileSync(p, 'utf8').trimEnd().split('\n');
    console.log(`----- ${f} (last ${Math.min(40, lines.length)} of ${lines.length} lines)`);
    console.log(lines.slice(-40).map((l) => (l.length > 400 ? `${l.slice(0, 400)}…` : l)).join('\n'));
  }
}

// ---------------------------------------------------------------------------------------------------
async function main() {
  fs.mkdirSync(opts.out, { recursive: true });
  for (const f of ['nvim.stderr.log', 'lsp.log', 'results.json']) fs.rmSync(path.join(opts.out, f), { force: true });

  // Neovim and its version
  const v = spawnSync('nvim', ['--version'], { env: childEnv, encoding: 'utf8', timeout: 10000 });
  if (v.error || v.status !== 0) throw new Error(`nvim --version failed (${v.error?.message ?? v.status}): run scripts/editors-setup.sh`);
  const vm = /NVIM v(\d+)\.(\d+)\.(\d+)/.exec(v.stdout);
  if (!vm) throw new Error(`cannot read the Neovim version from ${JSON.stringify(v.stdout.split('\n')[0])}`);
  const nvimVersion = [Number(vm[1]), Number(vm[2])];
  log(`Neovim ${vm[1]}.${vm[2]}.${vm[3]}`);

  // The server: a private copy, on PATH under the package's bin name.
  if (!fs.existsSync(opts.server)) throw new Error(`no server at ${opts.server}: run node scripts/build.mjs`);
  const serverCopy = path.join(dirs.server, 'server.js');
  fs.copyFileSync(opts.server, serverCopy);
  if (fs.existsSync(`${opts.server}.map`)) fs.copyFileSync(`${opts.server}.map`, `${serverCopy}.map`);
  fs.chmodSync(serverCopy, 0o755);
  fs.symlinkSync(serverCopy, path.join(dirs.bin, 'kube-vip-lint-server'));
  log(`server: copy of ${path.relative(repoRoot, opts.server) || opts.server} on PATH as kube-vip-lint-server`);

  // The snippet: the README's for this Neovim version, else the fallback (and that check fails).
  const snippets = readmeNeovimSnippets();
  const covering = snippets.filter((s) => cmpMinor(s.min, nvimVersion) <= 0 && (!s.max || cmpMinor(nvimVersion, s.max) <= 0));
  log(`README Neovim snippets: ${snippets.map((s) => JSON.stringify(s.label)).join(', ') || 'none'}`);
  check(`README has a Neovim snippet for the installed Neovim ${nvimVersion.join('.')}`, () => {
    assert(
      covering.length,
      `no README snippet claims Neovim ${nvimVersion.join('.')} (found: ${snippets.map((s) => s.label).join(', ') || 'none'}); ` +
        'running the proposed 0.7–0.9 snippet from this test instead',
    );
    return covering[0].label;
  });
  const snippet = covering[0]?.code ?? FALLBACK_SNIPPET;
  const snippetFrom = covering[0] ? `README (${covering[0].label})` : 'this test (FALLBACK_SNIPPET)';
  log(`running the snippet from ${snippetFrom}`);

  // Fixtures, config, script
  const blockPath = path.join(dirs.work, BLOCK_NAME);
  const flowPath = path.join(dirs.work, FLOW_NAME);
  fs.writeFileSync(blockPath, BLOCK);
  fs.writeFileSync(flowPath, FLOW);
  const resultPath = path.join(dirs.tmp, 'results.json');
  const configPath = path.join(dirs.tmp, 'config.json');
  fs.writeFileSync(configPath, JSON.stringify({ block: blockPath, flow: flowPath, result: resultPath }));
  const script = path.join(dirs.tmp, 'init.lua');
  fs.writeFileSync(
    script,
    `-- snippet from ${snippetFrom}\n${snippet}\n-- test driver\nvim.lsp.set_log_level('debug')\nlocal KVL_CONFIG = ${JSON.stringify(configPath)}\n${DRIVER}`,
  );

  // Run Neovim
  const stderrPath = path.join(opts.out, 'nvim.stderr.log');
  const errFd = fs.openSync(stderrPath, 'w');
  const started = Date.now();
  // -n: no swap file (a killed run's swap file would stop the next one at the E325 prompt). The driver
  // quits Neovim itself; `cquit 3` runs only when the script stopped early (a Lua error at top level).
  nvim = spawn('nvim', ['--headless', '--clean', '-n', '-c', `luafile ${script}`, '-c', 'cquit 3'], {
    cwd: dirs.work,
    env: childEnv,
    detached: true,
    stdio: ['ignore', errFd, errFd],
  });
  const exit = await new Promise((resolve) => {
    nvim.on('exit', (code, signal) => resolve({ code, signal }));
    nvim.on('error', (e) => resolve({ code: null, signal: null, error: e }));
  });
  fs.closeSync(errFd);
  log(`nvim exited (${exit.error?.message ?? exit.code ?? exit.signal}) after ${((Date.now() - started) / 1000).toFixed(1)} s`);

  // The server must go away with Neovim (Neovim sends shutdown/exit on quit).
  let left = [];
  for (let i = 0; i < 30; i++) {
    left = pidsOfRun(RUN_MARKER);
    if (!left.length) break;
    await sleep(100);
  }
  const leftDesc = left.map((p) => `${p} ${cmdline(p)}`);

  if (!fs.existsSync(resultPath)) throw new Error(`the Lua driver wrote no results (nvim exit ${exit.code ?? exit.signal}); see ${stderrPath}`);
  const R = JSON.parse(fs.readFileSync(resultPath, 'utf8'));
  fs.writeFileSync(path.join(opts.out, 'results.json'), JSON.stringify(R, null, 2));
  if (R.fatal) log(`driver error: ${R.fatal}`);
  for (const [name, status] of Object.entries(R.steps ?? {})) if (status !== 'ok') log(`driver step "${name}" failed: ${status}`);
  for (const m of R.messages ?? []) log(`server ${m.method} (type ${m.type}): ${m.message}`);
  for (const reg of R.registrations ?? []) log(`note: server sent client/registerCapability ${JSON.stringify(reg)} although Neovim ${nvimVersion.join('.')} does not announce dynamicRegistration for it`);

  const blockAt = locate(BLOCK, BLOCK_BAD, '"128"');
  const flowAt = locate(FLOW, FLOW_BAD, '"128"');
  const b = R.block ?? {};
  const f = R.flow ?? {};

  check('snippet starts kube-vip-lint for a yaml buffer and attaches it (offset encoding utf-16)', () => {
    assert(b.filetype === 'yaml', `filetype is ${JSON.stringify(b.filetype)}, not yaml`);
    assert(b.attached && b.client, 'no LSP client attached to the buffer');
    assert(b.client.name === 'kube-vip-lint', `client name ${b.client.name}`);
    assert(b.initialized, 'client never finished initialize');
    assert(b.client.offset_encoding === 'utf-16', `offset_encoding ${b.client.offset_encoding}`);
    assert(f.client && f.client.id === b.client.id, `the second yaml buffer got client ${f.client?.id}, not the same client ${b.client.id}`);
    return `client ${b.client.id} on both buffers`;
  });

  const diagCheck = (r, at, label) => () => {
    assert(r.got_diagnostics, 'no diagnostics within 20 s');
    const ours = r.diagnostics.filter((d) => d.code === 'vip-prefix-list');
    assert(ours.length === 1, `expected one vip-prefix-list diagnostic, got ${JSON.stringify(r.diagnostics)}`);
    const d = ours[0];
    const want = { lnum: at.line, col: at.byteCol, end_lnum: at.line, end_col: at.byteEnd };
    const got = { lnum: d.lnum, col: d.col, end_lnum: d.end_lnum, end_col: d.end_col };
    assert(JSON.stringify(got) === JSON.stringify(want), `${label}: diagnostic at ${JSON.stringify(got)}, "128" is at ${JSON.stringify(want)} (bytes)`);
    assert(d.severity === 1, `severity ${d.severity}, not ERROR (1)`);
    assert(d.source === 'kube-vip-lint', `source ${d.source}`);
    const others = r.diagnostics.filter((x) => x.code !== 'vip-prefix-list');
    if (others.length) log(`note (${label}): other diagnostics ${JSON.stringify(others)}`);
    return `line ${at.line + 1}, bytes ${at.byteCol}-${at.byteEnd} (UTF-16 ${at.u16Col}-${at.u16End})`;
  };
  check('block: one vip-prefix-list error exactly on "128" (Neovim byte columns)', diagCheck(b, blockAt, 'block'));

  check('block: hover on vip_cidr (request, and K from the snippet) is markdown mentioning IPv4', () => {
    assert(!b.hover_error, `hover error ${JSON.stringify(b.hover_error)}`);
    const c = b.hover?.contents;
    assert(c, `no hover (params ${JSON.stringify(b.hover_params)})`);
    assert(c.kind === 'markdown', `hover kind ${JSON.stringify(c.kind)}`);
    assert(/IPv4/.test(c.value), `hover does not mention IPv4: ${JSON.stringify(String(c.value).slice(0, 200))}`);
    assert(typeof b.hover_float === 'string', 'K opened no floating window');
    assert(/IPv4/.test(b.hover_float), `the K float does not mention IPv4: ${JSON.stringify(b.hover_float.slice(0, 200))}`);
    return `${c.value.length} chars; K shows ${JSON.stringify(b.hover_float.split('\n')[0])}`;
  });

  const actionCheck = (r, at, label) => () => {
    assert(!r.code_action_error, `codeAction error ${JSON.stringify(r.code_action_error)}`);
    const titles = (r.actions ?? []).map((a) => a.title);
    assert(titles.length, `no code actions for ${JSON.stringify(r.code_action_params)}`);
    const preferred = r.actions.filter((a) => a.isPreferred);
    assert(preferred.length === 1, `expected one preferred action, got ${JSON.stringify(titles)} (preferred: ${JSON.stringify(preferred.map((a) => a.title))})`);
    assert(preferred[0].title === 'Set vip_cidr to "32,128"', `preferred action is ${JSON.stringify(preferred[0].title)}`);
    const edits = Object.values(preferred[0].edit?.changes ?? {}).flat();
    assert(edits.length === 1, `expected one edit, got ${JSON.stringify(preferred[0].edit)}`);
    const { range, newText } = edits[0];
    const u16 = { start: { line: at.line, character: at.u16Col }, end: { line: at.line, character: at.u16End } };
    const covers = range.start.line === at.line && range.end.line === at.line && range.start.character >= u16.start.character && range.end.character <= u16.end.character;
    assert(covers, `${label}: edit range ${JSON.stringify(range)} is not within "128" at ${JSON.stringify(u16)} (UTF-16)`);
    // What Neovim sent: the cursor as a UTF-16 range, and the line's diagnostics echoed in byte columns.
    const sent = r.code_action_params?.range?.start;
    // (the driver puts the cursor on the 1 of "128", one character after the quote)
    assert(sent && sent.line === at.line && sent.character === at.u16Col + 1, `Neovim sent the cursor as ${JSON.stringify(sent)}, expected UTF-16 ${at.u16Col + 1}`);
    const echoed = r.code_action_params?.context?.diagnostics?.[0]?.range;
    if (echoed) log(`note (${label}): Neovim echoed the diagnostic in context.diagnostics as ${JSON.stringify(echoed)} (bytes ${at.byteCol}-${at.byteEnd}, UTF-16 ${at.u16Col}-${at.u16End})`);
    return `${titles.length} actions: ${titles.map((t) => JSON.stringify(t)).join(', ')}; edit ${JSON.stringify(range)} -> ${JSON.stringify(newText)}`;
  };
  check('block: codeAction at the cursor on "128" offers the preferred "Set vip_cidr to "32,128"" with a UTF-16 edit inside "128"', actionCheck(b, blockAt, 'block'));

  const diskCheck = (r, file, original, bad, fixed, how) => () => {
    if (r.menu) log(`code action menu: ${JSON.stringify(r.menu)}; chosen ${JSON.stringify(r.chosen)}`);
    assert(r.chosen === 'Set vip_cidr to "32,128"', `chose ${JSON.stringify(r.chosen)}`);
    assert(r.line_after_fix === fixed, `buffer line after the fix is ${JSON.stringify(r.line_after_fix)}`);
    assert(r.modified_after_write === false, 'buffer still modified after :write');
    const onDisk = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(path.join(opts.out, `${path.basename(file, '.yaml')}.after-fix.yaml`), onDisk);
    const expected = original.replace(bad, fixed);
    if (onDisk !== expected) {
      const a = expected.split('\n');
      const c = onDisk.split('\n');
      const diffs = [];
      for (let i = 0; i < Math.max(a.length, c.length); i++) if (a[i] !== c[i]) diffs.push(`line ${i + 1}: expected ${JSON.stringify(a[i])}, got ${JSON.stringify(c[i])}`);
      throw new Error(`file on disk is not the original with the one value fixed: ${diffs.slice(0, 5).join('; ') || '(line endings / final newline differ)'}`);
    }
    assert(r.diagnostic_cleared, `vip-prefix-list still reported after the fix: ${JSON.stringify(r.diagnostics_after_fix)}`);
    return how;
  };
  check(
    'block: vim.lsp.buf.code_action() + :write puts exactly value: "32,128" on disk, the rest byte-identical, and the error goes away',
    diskCheck(b, blockPath, BLOCK, BLOCK_BAD, BLOCK_FIXED, 'preferred entry picked in vim.ui.select'),
  );

  check('block: completion after "- name: " offers vip_subnet', () => {
    assert(!b.completion_error, `completion error ${JSON.stringify(b.completion_error)}`);
    const labels = b.completion_labels ?? [];
    assert(labels.includes('vip_subnet'), `no vip_subnet among ${labels.length} items: ${JSON.stringify(labels.slice(0, 20))}`);
    return `${labels.length} items; vip_subnet: ${JSON.stringify(b.completion_vip_subnet?.textEdit ?? b.completion_vip_subnet?.insertText)} (insertTextFormat ${b.completion_vip_subnet?.insertTextFormat})`;
  });
  // Neovim < 0.10 announces snippetSupport = false and cannot insert multi-line completion words
  // (complete() puts a NUL where a newline was: neovim/neovim#7769, #20250).
  check('block: <C-x><C-o> and picking vip_subnet inserts a clean "- name: vip_subnet" line', () => {
    assert(b.omnifunc === 'v:lua.vim.lsp.omnifunc', `'omnifunc' is ${JSON.stringify(b.omnifunc)}`);
    assert(b.completion_menu, 'no completion menu after <C-x><C-o>');
    assert(b.completion_picked, `vip_subnet not in the menu (${b.completion_menu_size} items)`);
    const [line, next] = b.completed_lines ?? [];
    const ok = line === '        - name: vip_subnet' && !/\^@|\$\{?\d/.test(`${line}${next}`);
    assert(ok, `the buffer now has ${JSON.stringify(b.completed_lines)} (server sent ${JSON.stringify(b.completion_vip_subnet?.textEdit?.newText ?? b.completion_vip_subnet?.insertText)} as insertTextFormat ${b.completion_vip_subnet?.insertTextFormat} to a client with snippetSupport = false)`);
    return JSON.stringify(b.completed_lines);
  });

  check('flow: one vip-prefix-list error exactly on "128" with multi-byte text before it on the line', () => {
    assert(flowAt.byteCol !== flowAt.u16Col, 'fixture mistake: byte and UTF-16 columns are equal');
    return diagCheck(f, flowAt, 'flow')();
  });
  check('flow: codeAction at the cursor on "128" offers the preferred fix with a UTF-16 edit inside "128"', actionCheck(f, flowAt, 'flow'));
  check(
    "flow: apply_workspace_edit(edit, 'utf-16') + :write puts exactly value: \"32,128\" on disk, the rest byte-identical",
    diskCheck(f, flowPath, FLOW, FLOW_BAD, FLOW_FIXED, "vim.lsp.util.apply_workspace_edit(edit, 'utf-16')"),
  );

  check('the server reports no errors or warnings (window/logMessage, showMessage)', () => {
    const bad = (R.messages ?? []).filter((m) => m.type === 1 || m.type === 2);
    assert(!bad.length, JSON.stringify(bad));
    return `${(R.messages ?? []).length} messages`;
  });
  check('the Lua driver finished without errors', () => {
    assert(!R.fatal, R.fatal);
    const failed = Object.entries(R.steps ?? {}).filter(([, s]) => s !== 'ok');
    assert(!failed.length, failed.map(([n, s]) => `${n}: ${s.split('\n')[0]}`).join('; '));
    assert(exit.code === 0, `nvim exit ${exit.code ?? exit.signal}`);
  });
  check('no process left behind when Neovim quits (the server exits)', () => {
    assert(!left.length, `still running 3 s after nvim exited: ${leftDesc.join('; ')}`);
  });
}

try {
  await main();
} catch (e) {
  if (!timedOut) {
    results.push({ name: 'setup', ok: false, error: e.message });
    log(`setup failed: ${e.stack || e.message}`);
  }
}
if (timedOut) await new Promise(() => {}); // the global timeout's handler finishes the run
clearTimeout(globalTimer);
if (results.some((r) => !r.ok)) printLogs();
await cleanup();
log(`logs in ${path.relative(process.cwd(), opts.out) || opts.out}`);
finish();

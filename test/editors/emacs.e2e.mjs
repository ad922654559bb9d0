#!/usr/bin/env node
// End-to-end test of the language server in a real Emacs: Debian 12's Emacs 28 (emacs-nox) with Eglot 1.9
// (elpa-eglot), run as `emacs --batch` with a Lisp file that (1) is the Eglot snippet (the README's, run
// verbatim, when the README has one; else the one below), and (2) drives Emacs the way a person would and
// writes what it saw as JSON for this script to check.
//
// The server is the repo's build (dist/server.js), copied to a temp folder at start (so a concurrent
// rebuild cannot change it mid-run) and put on PATH as `kube-vip-lint-server`, the package's bin name.
// Emacs 28 has no YAML major mode; when the yaml-mode package (MELPA, or Debian's elpa-yaml-mode) is not
// installed, the test defines a stand-in `yaml-mode` for *.yaml, so the snippet is the one a yaml-mode
// user writes.
//
// Checked, on two manifests with non-ASCII text (Emacs counts characters, LSP UTF-16 code units):
//   - Eglot connects through eglot-ensure and Flymake shows the vip-prefix-list error exactly on `"128"`;
//   - M-x eglot-code-actions on "128" offers "Set vip_cidr to "32,128"" as the default (preferred) action;
//     picking it and saving changes exactly that value on disk, without a confirmation prompt, and the
//     error goes away;
//   - hover on vip_cidr mentions IPv4; completion after `- name: ` offers vip_subnet, and completing
//     `vip_sub` inserts a clean line;
//   - Eglot logs no warnings about the server; the server exits with Emacs.
//
// Setup first: scripts/editors-setup.sh (apt: neovim, emacs-nox, elpa-eglot). Build: node scripts/build.mjs.
// Usage:
//   node test/editors/emacs.e2e.mjs [--server FILE] [--out DIR] [--timeout SECONDS] [--keep] [--readme FILE]
//     --server   the server bundle to test (default: dist/server.js in the repo)
//     --out      where logs go (default: .e2e/emacs in the repo): Emacs output, Eglot events, results.json
//     --timeout  global limit for the whole run (default 90 s): then everything is killed, exit 1
//     --keep     keep the temp folder (fixtures, Lisp driver) and print its path
//     --readme   the README whose Eglot snippet to run, if it has one (default: README.md in the repo)
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
// The snippet this test runs when the README has no Eglot snippet: the one proposed for the README.
const FALLBACK_SNIPPET = `(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs
               '(yaml-mode . ("kube-vip-lint-server" "--stdio"))))
(add-hook 'yaml-mode-hook #'eglot-ensure)
`;

// ---------------------------------------------------------------------------------------------------
/** Where `needle` sits: 1-based line, Emacs column (characters = code points) and UTF-16 column. */
function locate(text, lineText, needle) {
  const lines = text.split('\n');
  const index = lines.findIndex((l) => l === lineText);
  if (index < 0) throw new Error(`fixture has no line ${JSON.stringify(lineText)}`);
  const u16 = lines[index].indexOf(needle);
  const chars = [...lines[index].slice(0, u16)].length;
  return { line: index + 1, col: chars, endCol: chars + [...needle].length, u16Col: u16, u16End: u16 + needle.length };
}

// ---------------------------------------------------------------------------------------------------
// Emacs Lisp: setup (before the snippet) and the driver (after it).
const PRELUDE = String.raw`;;; -*- lexical-binding: t; coding: utf-8 -*-
(require 'cl-lib)
(require 'subr-x)
(require 'json)
(require 'eglot)
(unless (require 'yaml-mode nil t)
  ;; Stand-in for the yaml-mode package (MELPA, or Debian's elpa-yaml-mode): Emacs 28 ships no YAML mode.
  (define-derived-mode yaml-mode text-mode "YAML")
  (add-to-list 'auto-mode-alist '("\\.ya?ml\\'" . yaml-mode))
  (put 'yaml-mode 'kvl-stand-in t))
`;

const DRIVER = String.raw`
(defvar kvl-config (let ((json-object-type 'alist) (json-array-type 'list)) (json-read-file KVL-CONFIG)))
(defun kvl-cfg (key) (alist-get key kvl-config))
(defvar kvl-results nil)
(defun kvl-put (key value) (setq kvl-results (cons (cons key value) (assq-delete-all key kvl-results))))
(defvar kvl-warnings nil)
(defvar kvl-prompts nil)
(defvar kvl-steps nil)
(defvar kvl-idle-errors nil)

;; What Eglot tells the user (warnings, messages), and any yes/no question (there must be none).
(advice-add 'eglot--warn :before (lambda (fmt &rest args) (push (apply #'format fmt args) kvl-warnings)))
(advice-add 'y-or-n-p :override (lambda (prompt) (push prompt kvl-prompts) nil))
(advice-add 'yes-or-no-p :override (lambda (prompt) (push prompt kvl-prompts) nil))

(defun kvl-wait (secs pred)
  "Let Emacs run (process output, timers) until PRED is non-nil or SECS pass."
  (let ((end (+ (float-time) secs)))
    (while (and (not (funcall pred)) (< (float-time) end))
      (accept-process-output nil 0.02))
    (funcall pred)))

(defun kvl-idle ()
  "What happens when a person pauses: run the idle timers (Eglot's didChange, Flymake, ...), which
batch Emacs never runs by itself."
  (dolist (timer (copy-sequence timer-idle-list))
    (condition-case err (timer-event-handler timer)
      (error (push (format "%S" err) kvl-idle-errors)))))

(defun kvl-step (name fn)
  (condition-case err
      (progn (funcall fn) (push (cons name "ok") kvl-steps))
    (error (push (cons name (format "%S" err)) kvl-steps))))

(defun kvl-diags ()
  (mapcar (lambda (d)
            (let ((beg (flymake-diagnostic-beg d)) (end (flymake-diagnostic-end d)))
              (list :line (line-number-at-pos beg t)
                    :col (save-excursion (goto-char beg) (- beg (line-beginning-position)))
                    :end_line (line-number-at-pos end t)
                    :end_col (save-excursion (goto-char end) (- end (line-beginning-position)))
                    :type (symbol-name (flymake-diagnostic-type d))
                    :text (flymake-diagnostic-text d))))
          (flymake-diagnostics)))

(defun kvl-has-rule (rule)
  (cl-some (lambda (d) (string-match-p (regexp-quote (format "[%s]" rule)) (flymake-diagnostic-text d)))
           (flymake-diagnostics)))

(defun kvl-line () (buffer-substring-no-properties (line-beginning-position) (line-end-position)))

(defun kvl-open (file)
  "Visit FILE as C-x C-f does, and let the command loop finish (eglot-ensure connects then)."
  (find-file file)
  (run-hooks 'post-command-hook)
  (let ((r (list :mode (symbol-name major-mode)
                 :stand_in_mode (if (get 'yaml-mode 'kvl-stand-in) t :json-false))))
    (setq r (plist-put r :managed (if (kvl-wait 15 (lambda () (and (eglot-current-server) eglot--managed-mode))) t :json-false)))
    (when-let ((server (eglot-current-server)))
      (setq r (plist-put r :server_name (or (plist-get (eglot--server-info server) :name) "")))
      (setq r (plist-put r :language_id (eglot--language-id server))))
    (setq r (plist-put r :flymake (if flymake-mode t :json-false)))
    (let ((got (kvl-wait 10 (lambda () (kvl-has-rule "vip-prefix-list")))))
      (unless got
        ;; In an interactive Emacs, redisplay and commands start Flymake; batch Emacs has neither.
        (setq r (plist-put r :flymake_started_by_hand t))
        (flymake-start)
        (setq got (kvl-wait 10 (lambda () (kvl-has-rule "vip-prefix-list")))))
      (setq r (plist-put r :got_diagnostics (if got t :json-false))))
    (setq r (plist-put r :diagnostics (vconcat (kvl-diags))))
    r))

(defun kvl-goto (line-text needle &optional offset)
  "Point on NEEDLE (plus OFFSET characters) in the line equal to LINE-TEXT."
  (goto-char (point-min))
  (unless (re-search-forward (concat "^" (regexp-quote line-text) "$") nil t)
    (error "No line %S" line-text))
  (beginning-of-line)
  (search-forward needle (line-end-position))
  (goto-char (+ (match-beginning 0) (or offset 0))))

(defun kvl-code-action (r)
  "M-x eglot-code-actions with point on the 1 of \"128\", picking the Set vip_cidr entry."
  (let ((last-nonmenu-event ?\C-m) ; a keyboard event, so Eglot asks with completing-read, not a popup menu
        menu default chosen request)
    (cl-letf (((symbol-function 'completing-read)
               (lambda (_prompt collection &optional _pred _req _init _hist def &rest _)
                 (setq menu (mapcar #'car collection) default def)
                 (setq chosen (or (cl-find-if (lambda (title) (string-prefix-p "Set vip_cidr" title)) menu) def)))))
      (let ((orig (symbol-function 'jsonrpc-request)))
        (cl-letf (((symbol-function 'jsonrpc-request)
                   (lambda (conn method params &rest args)
                     (let ((result (apply orig conn method params args)))
                       (when (eq method :textDocument/codeAction)
                         (setq request (list :params params :result result)))
                       result))))
          (call-interactively #'eglot-code-actions))))
    (plist-put r :menu (vconcat menu))
    (plist-put r :default (or default ""))
    (plist-put r :chosen (or chosen ""))
    (plist-put r :code_action_request (or request :json-false))))

(defun kvl-fix-and-save (key file line-text fixed-text)
  (let ((r (kvl-open file)))
    (kvl-step (format "%s: code action" key)
      (lambda ()
        (kvl-goto line-text "\"128\"" 1)
        (setq r (kvl-code-action r))
        (setq r (plist-put r :line_after_fix (kvl-line)))
        (save-buffer)
        (setq r (plist-put r :modified_after_save (if (buffer-modified-p) t :json-false)))
        (setq r (plist-put r :cleared (if (kvl-wait 10 (lambda () (not (kvl-has-rule "vip-prefix-list")))) t :json-false)))
        (setq r (plist-put r :diagnostics_after_fix (vconcat (kvl-diags))))))
    (kvl-put key r)
    r))

(defun kvl-main ()
  ;; (a) block manifest
  (let ((r (kvl-fix-and-save 'block (kvl-cfg 'block) (kvl-cfg 'block_bad) (kvl-cfg 'block_fixed))))
    (kvl-step "block: hover"
      (lambda ()
        (kvl-goto "        - name: vip_cidr # ½ü€ 日本" "vip_cidr" 2)
        (let* ((hover (jsonrpc-request (eglot--current-server-or-lose) :textDocument/hover
                                       (eglot--TextDocumentPositionParams)))
               (contents (plist-get hover :contents)))
          (setq r (plist-put r :hover_kind (or (plist-get contents :kind) "")))
          (setq r (plist-put r :hover_value (or (plist-get contents :value) "")))
          ;; What eldoc shows (Eglot's own formatting of the hover).
          (setq r (plist-put r :hover_shown (substring-no-properties (or (eglot--hover-info contents (plist-get hover :range)) "")))))))
    (kvl-step "block: completion"
      (lambda ()
        (kvl-goto (kvl-cfg 'block_fixed) "value")
        (end-of-line)
        (insert "\n        - name: ")
        (kvl-idle)
        (let* ((capf (eglot-completion-at-point))
               (labels (all-completions "" (nth 2 capf))))
          (setq r (plist-put r :completion_labels (vconcat (mapcar #'substring-no-properties labels))))
          (setq r (plist-put r :completion_vip_subnet
                             (or (get-text-property 0 'eglot--lsp-item (or (car (member "vip_subnet" labels)) " ")) :json-false))))
        ;; Then as a person: type vip_sub and complete (C-M-i).
        (insert "vip_sub")
        (kvl-idle)
        (let ((start (line-beginning-position)))
          (completion-at-point)
          (setq r (plist-put r :completed_text
                             (buffer-substring-no-properties start (save-excursion (forward-line 2) (line-end-position))))))))
    (kvl-put 'block r))
  ;; (b) flow-style manifest, second buffer of the same server
  (kvl-fix-and-save 'flow (kvl-cfg 'flow) (kvl-cfg 'flow_bad) (kvl-cfg 'flow_fixed)))

(defun kvl-save-events ()
  "The LSP traffic as Eglot logged it (M-x eglot-events-buffer)."
  (dolist (server (apply #'append (hash-table-values eglot--servers-by-project)))
    (with-current-buffer (jsonrpc-events-buffer server)
      (let ((coding-system-for-write 'utf-8-unix))
        (write-region (point-min) (point-max) (kvl-cfg 'events) t 'silent)))))

(let ((fatal nil))
  (condition-case err (kvl-main)
    (error (setq fatal (format "%S" err))))
  (condition-case err (kvl-save-events) (error (push (format "saving the events buffer: %S" err) kvl-warnings)))
  (kvl-put 'fatal (or fatal :json-false))
  ;; Eglot announces markdown hovers only when markdown-mode (gfm-view-mode) is installed.
  (kvl-put 'hover_markdown_announced (if (fboundp 'gfm-view-mode) t :json-false))
  (kvl-put 'steps (vconcat (mapcar (lambda (s) (list :name (car s) :status (cdr s))) (reverse kvl-steps))))
  (kvl-put 'warnings (vconcat (reverse kvl-warnings)))
  (kvl-put 'prompts (vconcat (reverse kvl-prompts)))
  (kvl-put 'idle_errors (vconcat (reverse kvl-idle-errors)))
  (kvl-put 'emacs emacs-version)
  (kvl-put 'eglot (file-name-directory (locate-library "eglot")))
  (let ((coding-system-for-write 'utf-8-unix))
    (with-temp-file (kvl-cfg 'result) (insert (json-encode kvl-results))))
  (kill-emacs 0))
`;

// ---------------------------------------------------------------------------------------------------
// Arguments
function parseArgs(argv) {
  const opts = { server: path.join(repoRoot, 'dist', 'server.js'), out: path.join(repoRoot, '.e2e', 'emacs'), timeout: 90, keep: false, readme: path.join(repoRoot, 'README.md') };
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
      console.log(fs.readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1, 31).join('\n'));
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  return opts;
}

// ---------------------------------------------------------------------------------------------------
// Small helpers
const { log, sleep } = createLog('emacs-e2e');


/** The README's Emacs/Eglot snippet: the first ```elisp / ```emacs-lisp block that sets eglot-server-programs. */
function readmeEglotSnippet() {
  const readme = fs.readFileSync(opts.readme, 'utf8');
  for (const m of readme.matchAll(/```(?:elisp|emacs-lisp|lisp)\n([\s\S]*?)```/g)) if (/eglot-server-programs/.test(m[1])) return m[1];
  return undefined;
}

// ---------------------------------------------------------------------------------------------------
const opts = parseArgs(process.argv.slice(2));
const { results, check, assert } = createChecks(log);
let emacs;
let cleanupPromise;
let timedOut = false;

const runRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'kvl-emacs-e2e-'));
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
  LANG: process.env.LANG || 'C.UTF-8',
};
delete childEnv.EMACSLOADPATH;
delete childEnv.EMACSDATA;


/** Kills what this run started and removes its temp folder; every caller waits for the same work. */
function cleanup() {
  cleanupPromise ??= doCleanup();
  return cleanupPromise;
}
async function doCleanup() {
  if (emacs && emacs.exitCode === null && emacs.signalCode === null) {
    try {
      process.kill(-emacs.pid, 'SIGKILL');
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
  log(`global timeout of ${opts.timeout} s reached: killing Emacs and the server`);
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
  for (const f of ['emacs.log', 'eglot-events.log']) {
    const p = path.join(opts.out, f);
    if (!fs.existsSync(p)) continue;
    const lines = fs.readFileSync(p, 'utf8').trimEnd().split('\n');
    console.log(`----- ${f} (last ${Math.min(40, lines.length)} of ${lines.length} lines)`);
    console.log(lines.slice(-40).map((l) => (l.length > 400 ? `${l.slice(0, 400)}…` : l)).join('\n'));
  }
}

// ---------------------------------------------------------------------------------------------------
async function main() {
  fs.mkdirSync(opts.out, { recursive: true });
  for (const f of ['emacs.log', 'eglot-events.log', 'results.json']) fs.rmSync(path.join(opts.out, f), { force: true });

  const v = spawnSync('emacs', ['--batch', '--eval', '(progn (require (quote eglot)) (princ emacs-version) (terpri) (princ (locate-library "eglot")))'], {
    env: childEnv,
    encoding: 'utf8',
    timeout: 20000,
  });
  if (v.error || v.status !== 0) throw new Error(`emacs --batch cannot load eglot (${v.error?.message ?? v.stderr.trim()}): run scripts/editors-setup.sh`);
  const [emacsVersion, eglotPath] = v.stdout.trim().split('\n');
  log(`Emacs ${emacsVersion}, Eglot from ${eglotPath}`);

  // The server: a private copy, on PATH under the package's bin name.
  if (!fs.existsSync(opts.server)) throw new Error(`no server at ${opts.server}: run node scripts/build.mjs`);
  const serverCopy = path.join(dirs.server, 'server.js');
  fs.copyFileSync(opts.server, serverCopy);
  if (fs.existsSync(`${opts.server}.map`)) fs.copyFileSync(`${opts.server}.map`, `${serverCopy}.map`);
  fs.chmodSync(serverCopy, 0o755);
  fs.symlinkSync(serverCopy, path.join(dirs.bin, 'kube-vip-lint-server'));
  log(`server: copy of ${path.relative(repoRoot, opts.server) || opts.server} on PATH as kube-vip-lint-server`);

  const readmeSnippet = readmeEglotSnippet();
  const snippet = readmeSnippet ?? FALLBACK_SNIPPET;
  const snippetFrom = readmeSnippet ? 'README' : 'this test (FALLBACK_SNIPPET; the README has no Eglot snippet)';
  log(`running the Eglot snippet from ${snippetFrom}`);

  const blockPath = path.join(dirs.work, BLOCK_NAME);
  const flowPath = path.join(dirs.work, FLOW_NAME);
  fs.writeFileSync(blockPath, BLOCK);
  fs.writeFileSync(flowPath, FLOW);
  const resultPath = path.join(dirs.tmp, 'results.json');
  const configPath = path.join(dirs.tmp, 'config.json');
  const eventsPath = path.join(opts.out, 'eglot-events.log');
  fs.writeFileSync(
    configPath,
    JSON.stringify({
      block: blockPath,
      block_bad: BLOCK_BAD,
      block_fixed: BLOCK_FIXED,
      flow: flowPath,
      flow_bad: FLOW_BAD,
      flow_fixed: FLOW_FIXED,
      result: resultPath,
      events: eventsPath,
    }),
  );
  const script = path.join(dirs.tmp, 'driver.el');
  fs.writeFileSync(
    script,
    `${PRELUDE}\n;; snippet from ${snippetFrom}\n${snippet}\n;; test driver\n(defvar KVL-CONFIG ${JSON.stringify(configPath)})\n${DRIVER}`,
  );

  // Not -Q: Debian's site-start (/etc/emacs/site-start.d) is what puts elpa-eglot on the load path, as
  // for any Debian user; --batch already skips the user's init file.
  const logPath = path.join(opts.out, 'emacs.log');
  const logFd = fs.openSync(logPath, 'w');
  const started = Date.now();
  emacs = spawn('emacs', ['--batch', '-l', script], { cwd: dirs.work, env: childEnv, detached: true, stdio: ['ignore', logFd, logFd] });
  const exit = await new Promise((resolve) => {
    emacs.on('exit', (code, signal) => resolve({ code, signal }));
    emacs.on('error', (e) => resolve({ code: null, signal: null, error: e }));
  });
  fs.closeSync(logFd);
  log(`emacs exited (${exit.error?.message ?? exit.code ?? exit.signal}) after ${((Date.now() - started) / 1000).toFixed(1)} s`);

  let left = [];
  for (let i = 0; i < 30; i++) {
    left = pidsOfRun(RUN_MARKER);
    if (!left.length) break;
    await sleep(100);
  }
  const leftDesc = left.map((p) => `${p} ${cmdline(p)}`);

  if (!fs.existsSync(resultPath)) throw new Error(`the Lisp driver wrote no results (emacs exit ${exit.code ?? exit.signal}); see ${logPath}`);
  const R = JSON.parse(fs.readFileSync(resultPath, 'utf8'));
  fs.writeFileSync(path.join(opts.out, 'results.json'), JSON.stringify(R, null, 2));
  if (R.fatal) log(`driver error: ${R.fatal}`);
  for (const s of R.steps ?? []) if (s.status !== 'ok') log(`driver step "${s.name}" failed: ${s.status}`);
  for (const w of R.warnings ?? []) log(`Eglot warning: ${w}`);
  for (const e of R.idle_errors ?? []) log(`note: an idle timer failed: ${e}`);

  const b = R.block ?? {};
  const f = R.flow ?? {};
  const blockAt = locate(BLOCK, BLOCK_BAD, '"128"');
  const flowAt = locate(FLOW, FLOW_BAD, '"128"');

  check('eglot-ensure connects kube-vip-lint to a yaml-mode buffer, with Flymake on', () => {
    assert(b.mode === 'yaml-mode', `major mode ${b.mode}`);
    assert(b.managed === true, 'the buffer is not managed by Eglot after 15 s');
    assert(b.server_name === 'kube-vip-lint', `server name ${JSON.stringify(b.server_name)}`);
    assert(b.flymake === true, 'flymake-mode is off');
    assert(f.managed === true, 'the second yaml buffer is not managed');
    return `languageId ${b.language_id}${b.stand_in_mode ? '; yaml-mode is the test stand-in' : ''}`;
  });

  const diagCheck = (r, at, label) => () => {
    if (r.flymake_started_by_hand) log(`note (${label}): Flymake had to be started by hand (batch Emacs)`);
    assert(r.got_diagnostics, `no vip-prefix-list diagnostic in Flymake: ${JSON.stringify(r.diagnostics)}`);
    const ours = r.diagnostics.filter((d) => /\[vip-prefix-list\]/.test(d.text));
    assert(ours.length === 1, `expected one vip-prefix-list diagnostic, got ${JSON.stringify(r.diagnostics)}`);
    const d = ours[0];
    const got = { line: d.line, col: d.col, end_line: d.end_line, end_col: d.end_col };
    const want = { line: at.line, col: at.col, end_line: at.line, end_col: at.endCol };
    assert(JSON.stringify(got) === JSON.stringify(want), `${label}: Flymake diagnostic at ${JSON.stringify(got)}, "128" is at ${JSON.stringify(want)} (Emacs columns)`);
    assert(d.type === 'eglot-error', `type ${d.type}`);
    assert(/^kube-vip-lint \[vip-prefix-list\]: /.test(d.text), `text ${JSON.stringify(d.text.slice(0, 80))}`);
    return `line ${at.line}, columns ${at.col}-${at.endCol} (UTF-16 ${at.u16Col}-${at.u16End})`;
  };
  const actionCheck = (r) => () => {
    const req = r.code_action_request;
    assert(req && req.result, 'no textDocument/codeAction answer');
    log(`code action menu: ${JSON.stringify(r.menu)}; default ${JSON.stringify(r.default)}; chosen ${JSON.stringify(r.chosen)}`);
    assert(r.default === 'Set vip_cidr to "32,128"', `Eglot's default (the preferred action) is ${JSON.stringify(r.default)}`);
    assert(r.chosen === 'Set vip_cidr to "32,128"', `chose ${JSON.stringify(r.chosen)}`);
    return `range sent ${JSON.stringify(req.params.range)}; ${r.menu.length} actions`;
  };
  const diskCheck = (r, file, original, bad, fixed) => () => {
    assert(!(R.prompts ?? []).length, `Emacs asked: ${JSON.stringify(R.prompts)}`);
    assert(r.line_after_fix === fixed, `buffer line after the fix is ${JSON.stringify(r.line_after_fix)}`);
    assert(r.modified_after_save === false, 'buffer still modified after save-buffer');
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
    assert(r.cleared === true, `vip-prefix-list still in Flymake after the fix: ${JSON.stringify(r.diagnostics_after_fix)}`);
  };

  check('block: Flymake shows one vip-prefix-list error exactly on "128"', diagCheck(b, blockAt, 'block'));
  check('block: M-x eglot-code-actions on "128" offers "Set vip_cidr to "32,128"" as the default (preferred)', actionCheck(b));
  check('block: picking it and saving puts exactly value: "32,128" on disk (rest byte-identical, no prompt), error gone', diskCheck(b, blockPath, BLOCK, BLOCK_BAD, BLOCK_FIXED));
  check('block: hover on vip_cidr mentions IPv4', () => {
    assert(/IPv4/.test(b.hover_value ?? ''), `hover ${JSON.stringify(String(b.hover_value).slice(0, 200))}`);
    assert(/IPv4/.test(b.hover_shown ?? ''), `what Eglot shows: ${JSON.stringify(String(b.hover_shown).slice(0, 200))}`);
    if (b.hover_kind === 'markdown' && R.hover_markdown_announced === false) {
      log('note: the server answered hover with markdown although Eglot announced contentFormat ["plaintext"] (no markdown-mode): Eglot shows the markup as is');
    }
    return `kind ${b.hover_kind}; Eglot shows ${JSON.stringify(b.hover_shown.split('\n')[0])}`;
  });
  check('block: completion after "- name: " offers vip_subnet', () => {
    const labels = b.completion_labels ?? [];
    assert(labels.includes('vip_subnet'), `no vip_subnet among ${labels.length}: ${JSON.stringify(labels.slice(0, 20))}`);
    const item = b.completion_vip_subnet || {};
    return `${labels.length} items; vip_subnet: ${JSON.stringify(item.textEdit?.newText ?? item.insertText)} (insertTextFormat ${item.insertTextFormat})`;
  });
  // Eglot 1.9 without yasnippet announces snippetSupport false and inserts a snippet's text literally.
  check('block: typing "vip_sub" and completing (C-M-i) inserts a clean "- name: vip_subnet"', () => {
    const text = b.completed_text ?? '';
    const [line, next = ''] = text.split('\n');
    assert(line === '        - name: vip_subnet' && !/\$\{?\d/.test(next), `the buffer now has ${JSON.stringify(text)}`);
    return JSON.stringify(text);
  });

  check('flow: Flymake shows one vip-prefix-list error exactly on "128" (multi-byte text before it on the line)', () => {
    assert(flowAt.col !== flowAt.u16Col, 'fixture mistake: Emacs and UTF-16 columns are equal');
    return diagCheck(f, flowAt, 'flow')();
  });
  check('flow: M-x eglot-code-actions on "128" offers "Set vip_cidr to "32,128"" as the default (preferred)', actionCheck(f));
  check('flow: picking it and saving puts exactly value: "32,128" on disk (rest byte-identical, no prompt), error gone', diskCheck(f, flowPath, FLOW, FLOW_BAD, FLOW_FIXED));

  check('Eglot logs no warnings about the server', () => {
    assert(!(R.warnings ?? []).length, JSON.stringify(R.warnings));
  });
  check('the Lisp driver finished without errors', () => {
    assert(!R.fatal, R.fatal);
    const failed = (R.steps ?? []).filter((s) => s.status !== 'ok');
    assert(!failed.length, failed.map((s) => `${s.name}: ${s.status}`).join('; '));
    assert(exit.code === 0, `emacs exit ${exit.code ?? exit.signal}`);
  });
  check('no process left behind when Emacs quits (the server exits)', () => {
    assert(!left.length, `still running 3 s after emacs exited: ${leftDesc.join('; ')}`);
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

#!/usr/bin/env node
/** The language server's Node entry point (dist/server.js, the kube-vip-lint-server bin). */
import * as path from 'path';
import { fileURLToPath, pathToFileURL } from 'url';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import * as fs from 'fs';
import { DEFAULT_EXTENSIONS, globMatcher, listFiles } from './files';
import { CONFIG_NAMES, ConfigResolver } from './configFile';
import { KUSTOMIZATION_NAMES, KustomizeResolver } from './kustomize';
import { startServer } from './lsp/server';

// `kube-vip-lint-server` with no transport flag talks over stdio.
if (!process.argv.some((a) => /^--(stdio|node-ipc|socket|pipe)/.test(a))) process.argv.push('--stdio');

/** The docs pages ship beside dist/ in the extension and the npm package. */
const DOCS_DIR = path.join(__dirname, '..', 'docs', 'rules');
const resolver = new KustomizeResolver();
const configs = new ConfigResolver();

const connection = createConnection(ProposedFeatures.all);
startServer(connection, {
  docsUrl: (rule) => pathToFileURL(path.join(DOCS_DIR, `${rule}.md`)).toString(),
  kustomize: {
    fileNames: KUSTOMIZATION_NAMES,
    imageOverridesFor(uri) {
      try {
        return resolver.imageOverridesFor(fileURLToPath(uri));
      } catch {
        return []; // not a local path
      }
    },
    clear: () => resolver.clear(),
  },
  configFile: {
    fileNames: CONFIG_NAMES,
    configFor(uri) {
      try {
        const found = configs.configFor(path.dirname(fileURLToPath(uri)));
        return found && { ...found, uri: pathToFileURL(found.file).toString() };
      } catch {
        return undefined; // not a local path
      }
    },
    clear: () => configs.clear(),
  },
  workspace: {
    extensions: DEFAULT_EXTENSIONS,
    async *list(folderUri, exclude) {
      const matchers = exclude.map(globMatcher);
      for await (const file of listFiles(fileURLToPath(folderUri), (relative) => matchers.some((m) => m(relative)))) yield pathToFileURL(file).toString();
    },
    async read(uri) {
      try {
        return await fs.promises.readFile(fileURLToPath(uri), 'utf8');
      } catch {
        return undefined; // gone, unreadable, or not a local file
      }
    },
  },
});
connection.listen();

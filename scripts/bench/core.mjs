// In-process measurements of the pure core (out/, emitted by `npx tsc -p .`) against the floor:
// what any YAML tool must at least do to a text, i.e. parse every document and visit every node.
import { createRequire } from 'module';
import path from 'path';

const require = createRequire(import.meta.url);
// The same `yaml` package the core itself uses, so the floor is the core's own parser.
const { parseAllDocuments, visit } = require('yaml');

export function loadCore(root) {
  return require(path.join(root, 'out', 'server', 'src', 'core', 'index.js'));
}

/** The floor: parse every document and walk every node once. */
export function floor(text) {
  let nodes = 0;
  for (const doc of parseAllDocuments(text)) visit(doc, () => void nodes++);
  return nodes;
}

/**
 * Runs each task in turn, round after round, and returns the durations each task reports.
 * Interleaving keeps drift (GC pressure, CPU frequency, the other core's load) from favouring one
 * task. Warm-up rounds let the JIT optimise before anything is recorded. Bounded in rounds.
 */
export function sample(tasks, { minRuns = 7, minMs = 300, maxRuns = 200, warmupMs = 200, warmupRuns = 2 } = {}) {
  const times = tasks.map(() => []);
  const start = performance.now();
  for (let round = 0; round < 100; round++) {
    for (const task of tasks) task();
    if (round + 1 >= warmupRuns && performance.now() - start >= warmupMs) break;
  }
  const measured = performance.now();
  for (let round = 0; round < maxRuns; round++) {
    tasks.forEach((task, i) => times[i].push(task()));
    if (round + 1 >= minRuns && performance.now() - measured >= minMs) break;
  }
  return times;
}

/** Times a call; tasks return their own duration so that set-up can stay outside the clock. */
function timed(fn) {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

/** A one-character replacement at `offset` that differs from what is there. */
export function editAt(text, offset, char = 'a') {
  const replacement = text[offset] === char ? 'b' : char;
  return text.slice(0, offset) + replacement + text.slice(offset + 1);
}

/**
 * 1. core lint vs floor; 4. re-analysis of one edited document against a warm cache vs a full
 * uncached lint of the same edited text. Every run of the cached path gets a fresh cache warmed
 * with the unedited text (outside the clock), so the edited document is always a miss.
 */
export function measureCore(core, manifest) {
  const { text } = manifest;
  const [coreMs, floorMs] = sample([() => timed(() => core.analyze(text)), () => timed(() => floor(text))]);

  const target = middle(manifest);
  const edited = editAt(text, target.edit);
  const [fullMs, incrementalMs] = sample([
    () => timed(() => core.analyze(edited)),
    () => {
      const cache = core.createAnalysisCache();
      core.analyze(text, {}, undefined, cache);
      return timed(() => core.analyze(edited, {}, undefined, cache));
    },
  ]);
  // The cache must not change results, or the speed-up means nothing.
  const cache = core.createAnalysisCache();
  core.analyze(text, {}, undefined, cache);
  const sameFindings = JSON.stringify(core.analyze(edited, {}, undefined, cache).findings) === JSON.stringify(core.analyze(edited).findings);

  const analysis = core.analyze(text);
  return { coreMs, floorMs, fullMs, incrementalMs, sameFindings, findings: analysis.findings.length, containers: analysis.containers.length };
}

/** The kube-vip document closest to the middle of the file: edits and hovers happen there. */
export function middle(manifest) {
  const half = manifest.text.length / 2;
  return manifest.kubeVipDocs.reduce((best, d) => (Math.abs(d.start - half) < Math.abs(best.start - half) ? d : best));
}

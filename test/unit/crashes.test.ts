import * as assert from 'assert';
import { CrashCounter } from '../../client/src/crashes';

describe('client: restarting a crashed server (issue 10)', () => {
  it('restarts up to 5 crashes within 3 minutes, then gives up, and counts again after that', () => {
    const counter = new CrashCounter();
    assert.deepStrictEqual([0, 10, 20, 30].map((s) => counter.crashed(s * 1000)), ['restart', 'restart', 'restart', 'restart']);
    assert.strictEqual(counter.crashed(40 * 1000), 'give-up');
    assert.strictEqual(counter.crashed(41 * 1000), 'restart', 'after a manual restart it counts from zero');
  });
  it('crashes older than the window are forgotten', () => {
    const counter = new CrashCounter();
    const minute = 60 * 1000;
    for (let i = 0; i < 4; i++) assert.strictEqual(counter.crashed(i * minute), 'restart');
    assert.strictEqual(counter.crashed(4 * minute), 'restart', 'the first ones are more than 3 minutes old');
  });
});

/** How often a crashed language server is restarted before the client gives up (pure: no VS Code API). */
export class CrashCounter {
  static readonly MAX = 5;
  static readonly WINDOW_MS = 3 * 60 * 1000;
  private readonly crashes: number[] = [];

  /** A crash at `now`: restart it, or give up after MAX crashes within WINDOW_MS (then the count starts over). */
  crashed(now: number): 'restart' | 'give-up' {
    this.crashes.push(now);
    while (this.crashes.length && this.crashes[0] <= now - CrashCounter.WINDOW_MS) this.crashes.shift();
    if (this.crashes.length < CrashCounter.MAX) return 'restart';
    this.crashes.length = 0;
    return 'give-up';
  }
}

/**
 * Background work done in rounds, one at a time: every `everyMs` once started,
 * and whenever asked. Asked while a round runs, it runs another round after it
 * rather than beside it; a round that says there is more to do is followed by
 * another at once while started. A round that fails is told to `failed`, and
 * the next round tries again.
 */
export function inRounds(everyMs: number, round: () => Promise<boolean>, failed: (error: unknown) => void) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let askedAgain = false;

  function ask(): void {
    if (running) {
      askedAgain = true;
      return;
    }
    running = (async () => {
      do {
        askedAgain = false;
        if (await round()) askedAgain = true;
      } while (askedAgain && timer);
    })()
      .catch(failed)
      .finally(() => {
        running = undefined;
      });
  }

  return {
    ask,
    /** Runs a round now and every `everyMs` after; says false when already started. */
    start(): boolean {
      if (timer) return false;
      timer = setInterval(ask, everyMs);
      // The HTTP server keeps the process alive; this work alone should not.
      timer.unref();
      ask();
      return true;
    },
    /** Starts no further round, and resolves once a round in progress has finished. */
    async stop(): Promise<void> {
      clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}

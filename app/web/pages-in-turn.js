// @ts-check
/**
 * Express middleware that works on at most `limit` requests at once, starts
 * them in the order they came, and starts at most one per turn of the event
 * loop. A waiting request whose client has gone is dropped unworked.
 *
 * One per turn because Node accepts one new connection per turn: while every
 * turn rendered all the pages that had arrived, a connection opened during a
 * busy spell waited seconds to be accepted (at 200 connections, 10 s and more
 * for a hundred of them), however quickly the pages came.
 *
 * More than `waitingAtMost` waiting, a request is told at once that the
 * service is busy (503, try again in a few seconds) rather than held.
 * @param {number} limit
 * @param {number} waitingAtMost
 * @returns {import("express").RequestHandler}
 */
export function pagesInTurn(limit, waitingAtMost) {
  let working = 0;
  let scheduled = false;
  /** @type {{ go: () => void, gone: boolean }[]} */
  const waiting = [];

  const schedule = () => {
    if (scheduled || working >= limit || waiting.length === 0) return;
    scheduled = true;
    setImmediate(startNext);
  };
  const startNext = () => {
    scheduled = false;
    let turn = waiting.shift();
    while (turn?.gone) turn = waiting.shift();
    turn?.go();
    schedule();
  };

  return (_req, res, carryOn) => {
    if (waiting.length >= waitingAtMost) {
      res.status(503).set("Retry-After", "5").type("text/plain").send("Sorry, the service is busy. Try again in a few seconds.");
      return;
    }
    const turn = {
      gone: false,
      go: () => {
        working++;
        res.once("close", () => {
          working--;
          schedule();
        });
        carryOn();
      },
    };
    res.once("close", () => (turn.gone = true));
    waiting.push(turn);
    schedule();
  };
}

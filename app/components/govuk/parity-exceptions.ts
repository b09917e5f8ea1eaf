/**
 * GOV.UK Frontend fixtures the parity test skips: component directory name →
 * fixture name → why that example cannot apply to a React component.
 * Keep it short; anything that can be matched should be.
 */
export const parityExceptions: Record<string, Record<string, string>> = {};

import { afterEach, vi } from "vitest";

// A test that makes the code under test log an error fails, unless it says it expects one
// (`vi.mocked(console.error).mockImplementation(() => {})` or `expectConsoleError()`).
let allowed = 0;
const original = console.error;
const spy = vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
  if (allowed > 0) return;
  original(...args);
  throw new Error(`console.error was called: ${args.map(String).join(" ")}`);
});

/** Lets the code under test log errors during the rest of the current test. */
export function expectConsoleError() {
  allowed += 1;
}

afterEach(() => {
  allowed = 0;
  spy.mockClear();
});

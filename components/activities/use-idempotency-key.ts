"use client";

import { useCallback, useEffect, useState } from "react";
import { newIdempotencyKey } from "@/lib/validation/idempotency-key";

/**
 * Keys that created a record in this browser tab. A page that the router shows again from its cache (Back after
 * registering a company) carries the key it was rendered with; that key already found its record, and a new
 * form filled in on that page must not be answered with the old record.
 */
const spentKeys = new Set<string>();

/**
 * The one-time key of a create or log form. `rendered` is the key the server component put in the page
 * (lib/validation/idempotency-key.ts), so the form's HTML carries it before hydration; every submit of the
 * form sends the same key, so a double submit finds the first record. `renew()` — once the record exists —
 * retires the key and makes the next one in the browser.
 *
 * Without `rendered` (a form not yet given a server-rendered key) the key is made after hydration and is ""
 * until then: the server refuses a keyless submit, so such a form must keep its submit disabled until then.
 */
export function useIdempotencyKey(rendered?: string): [key: string, renew: () => void] {
  // Only ever differs from `rendered` on a client-side remount (spentKeys is empty during hydration).
  const [key, setKey] = useState(() => (rendered && spentKeys.has(rendered) ? newIdempotencyKey() : (rendered ?? "")));
  useEffect(() => {
    if (rendered) return;
    // eslint-disable-next-line react-hooks/set-state-in-effect -- generated on the client only, after hydration
    setKey(newIdempotencyKey());
  }, [rendered]);
  const renew = useCallback(() => {
    setKey((used) => {
      if (used) spentKeys.add(used);
      return newIdempotencyKey();
    });
  }, []);
  return [key, renew];
}

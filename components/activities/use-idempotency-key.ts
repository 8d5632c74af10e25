"use client";

import { useCallback, useState } from "react";
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
 * `rendered` is undefined for a component that edits as well as creates when it edits (a contact, an IP right,
 * an organization): it creates nothing, so it has no key ("") and sends none.
 */
export function useIdempotencyKey(rendered: string | undefined): [key: string, renew: () => void] {
  // Only ever differs from `rendered` on a client-side remount (spentKeys is empty during hydration).
  const [key, setKey] = useState(() => (rendered && spentKeys.has(rendered) ? newIdempotencyKey() : (rendered ?? "")));
  const renew = useCallback(() => {
    setKey((used) => {
      if (used) spentKeys.add(used);
      return newIdempotencyKey();
    });
  }, []);
  return [key, renew];
}

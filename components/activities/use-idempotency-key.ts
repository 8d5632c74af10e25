"use client";

import { useCallback, useEffect, useState } from "react";

/** A random UUID, also where crypto.randomUUID is missing (it needs a secure context: https or localhost). */
function newKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The one-time key of a create or log form: made when the form mounts (after hydration, so that the server's
 * HTML and the browser agree), sent with every submit of that form so that a double submit finds the first
 * record, and renewed by `renew()` once the record exists and the form is ready for the next one.
 */
export function useIdempotencyKey(): [key: string, renew: () => void] {
  const [key, setKey] = useState("");
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- generated on the client only, after hydration
    setKey(newKey());
  }, []);
  const renew = useCallback(() => setKey(newKey()), []);
  return [key, renew];
}

import ja from "./messages/ja.json";
import en from "./messages/en.json";
import type { Locale } from "./config";

export type Messages = typeof ja;
const all: Record<Locale, Messages> = { ja, en };

export function loadMessages(locale: Locale): Messages {
  return all[locale];
}

/**
 * Translates a dotted message key outside React (server-action results, exports, e-mails).
 * Unknown keys come back unchanged so that a missing message is visible rather than blank.
 */
export function translate(locale: Locale, key: string, params: Record<string, string | number> = {}): string {
  let node: unknown = all[locale];
  for (const part of key.split(".")) {
    if (node && typeof node === "object" && part in node) node = (node as Record<string, unknown>)[part];
    else return key;
  }
  if (typeof node !== "string") return key;
  return node.replace(/\{(\w+)\}/g, (_, name: string) => (name in params ? String(params[name]) : `{${name}}`));
}

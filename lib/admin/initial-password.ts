import { randomInt } from "node:crypto";

/**
 * Characters of an initial password: no 0/O, 1/l/I, which people misread when the administrator tells them
 * the password on the phone or they copy it from a screen.
 */
const ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
const GROUPS = 4;
const GROUP_LENGTH = 4;

/**
 * A one-time initial password, e.g. `h7Kq-9wPz-mT3e-Rb4x`: 16 characters from 56 (about 93 bits), from the
 * operating system's CSPRNG. Shown to the administrator once, stored only as its argon2id hash
 * (docs/decisions/009-user-invitation-and-audit-view.md).
 */
export function generateInitialPassword(): string {
  const groups: string[] = [];
  for (let g = 0; g < GROUPS; g += 1) {
    let group = "";
    for (let i = 0; i < GROUP_LENGTH; i += 1) group += ALPHABET[randomInt(ALPHABET.length)];
    groups.push(group);
  }
  return groups.join("-");
}

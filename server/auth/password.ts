import { hash, verify } from "@node-rs/argon2";

// argon2id (the library's default algorithm) at OWASP's recommended floor: 19 MiB, 2 passes.
const PARAMS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, PARAMS);
}

// Verified against when the account does not exist, so that an unknown email costs the same time
// as a wrong password and the answer time tells nothing.
const DUMMY_HASH = hash("tianshan-no-such-account", PARAMS);

export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  try {
    return await verify(storedHash ?? (await DUMMY_HASH), password);
  } catch {
    return false;
  }
}

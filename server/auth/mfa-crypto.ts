import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { env } from "~/env.js";

/**
 * Development and demo only: env.js refuses to start in production without TOTP_ENCRYPTION_KEY.
 * Public on purpose, so that the demo seed and the server it launches agree without sharing a file.
 */
export const DEVELOPMENT_TOTP_KEY = "tianshan-development-only-totp-encryption-key";

const VERSION = "v1";
let derived: { material: string; key: Buffer } | undefined;

function key(): Buffer {
  const material = env.TOTP_ENCRYPTION_KEY ?? DEVELOPMENT_TOTP_KEY;
  if (derived?.material !== material) {
    derived = { material, key: Buffer.from(hkdfSync("sha256", material, "tianshan", "totp-secret-v1", 32)) };
  }
  return derived.key;
}

/**
 * AES-256-GCM with the user's id as associated data: a ciphertext copied onto another user's row
 * does not decrypt, and any tampering is detected.
 */
export function encryptSecret(secret: string, userId: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  cipher.setAAD(Buffer.from(userId));
  const body = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), body].map((part) => (typeof part === "string" ? part : part.toString("base64url"))).join(".");
}

/** The secret, or an exception when the ciphertext was not made for this user with this key. */
export function decryptSecret(stored: string, userId: string): string {
  const [version, iv, tag, body] = stored.split(".");
  if (version !== VERSION || !iv || !tag || !body) throw new Error("unreadable TOTP secret");
  const decipher = createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64url"));
  decipher.setAAD(Buffer.from(userId));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
}

import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { basename } from "node:path";

export const checksumFile = (file: string) => `${file}.sha256`;

export async function sha256Of(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** Writes `<file>.sha256` in sha256sum's format, naming the file without its folder: `sha256sum -c` works beside it. */
export async function writeChecksum(file: string): Promise<string> {
  const digest = await sha256Of(file);
  await writeFile(checksumFile(file), `${digest}  ${basename(file)}\n`);
  return digest;
}

/** Refuses a file whose checksum file is missing, malformed, or names another digest. */
export async function verifyChecksum(file: string): Promise<void> {
  const line = await readFile(checksumFile(file), "utf8").catch(() => {
    throw new Error(`${checksumFile(file)} is missing: a backup is restored only with its checksum`);
  });
  const expected = /^([0-9a-f]{64}) [ *]/.exec(line)?.[1];
  if (!expected) throw new Error(`${checksumFile(file)} holds no SHA-256 checksum`);
  const actual = await sha256Of(file);
  if (actual !== expected) throw new Error(`${file} does not match its checksum (${checksumFile(file)}): it was changed or damaged; nothing was restored`);
}

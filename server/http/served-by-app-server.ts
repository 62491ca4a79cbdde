import { clientAddressWritten } from "./client-address";

/**
 * The app trusts the client-address header only because its own server writes it on every request
 * (scripts/serve.ts). Started any other way (plain `next start`), a client could write it: refuse.
 */
export function requireAppServer(): void {
  if (clientAddressWritten()) return;
  console.error("Tianshan must be served by its own server (npm start, npm run demo, npm run dev), not `next start`: it decides the client address.");
  process.exit(1);
}

// Only a type comes back from typed-back.ts: no cycle once compiled, none for the lint.
import type { Back } from "./typed-back";
export const typed = (back: Back) => back.n;

// Half of a cycle (b.ts imports this module back): the lint refuses both imports.
import { b } from "./b";
export const a = () => b;

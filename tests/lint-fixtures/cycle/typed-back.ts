import { typed } from "./typed";
export type Back = { n: number };
export const again = typed;

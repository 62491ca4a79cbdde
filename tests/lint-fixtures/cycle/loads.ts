// Loads loaded.ts on demand, which imports this module back: a cycle all the same.
export const load = () => import("./loaded");
export const shared = 1;

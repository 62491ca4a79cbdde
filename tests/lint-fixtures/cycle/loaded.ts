import { shared } from "./loads";
export const loaded = shared + 1;

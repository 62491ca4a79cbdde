import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/** Whether this render runs in a browser with JavaScript (false on the server, and so without it). */
export function useScripted(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}

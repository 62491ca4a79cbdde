import { forgetUnsavedForms } from "~/app/_components/form-drafts";
import { clearOutbox, countAll } from "./outbox";

// Loaded lazily by the sign-out form: the outbox's code is not needed until someone signs out.

export { countAll as waitingCount };

/**
 * Removes what this site kept on the device for the user signing out: the outbox, the pages the
 * service worker kept (they show the user's name and agency), and the drafts of open forms. The
 * sign-out answer asks the browser to do the same (Clear-Site-Data); this covers browsers that
 * ignore it.
 */
export async function forgetDevice(): Promise<void> {
  forgetUnsavedForms();
  await Promise.allSettled([clearOutbox(), caches.keys().then((names) => Promise.all(names.map((name) => caches.delete(name))))]);
}

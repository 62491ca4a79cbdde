"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState, useTransition, type FormEvent } from "react";

/**
 * A form posted to a server action that answers `{ message }` (a key of `errors`) when it refuses.
 * Without JavaScript the browser posts it (`action`). With JavaScript the action is called from
 * `onSubmit`, so that a request the server refuses before the action runs (429 past the request
 * budget, answered with a key) or one that never arrives (a dropped link) is said in the form,
 * where `useActionState` alone would throw it to the error page. Redirects and other errors go on.
 */
type Answer = { message: string | null };

/**
 * The key of `errors` that a failed call from a form is told with: a request the server refused
 * before the action ran (429 past the request budget, answered with its key) or one that got no
 * answer at all ("network"). Null for anything else — a redirect, a bug — which goes on.
 */
export function refusalKey(error: unknown, has: (key: string) => boolean): string | null {
  if (error instanceof TypeError) return "network";
  return error instanceof Error && has(error.message) ? error.message : null;
}

export function useFormAction<State extends Answer>(action: (previous: State, form: FormData) => Promise<State>, initial: State) {
  const t = useTranslations("errors");
  const [posted, formAction, posting] = useActionState<State, FormData>(action, initial as Awaited<State>);
  const [answer, setAnswer] = useState<State | null>(null);
  const [sending, startTransition] = useTransition();
  const state = answer ?? posted;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
    startTransition(async () => {
      try {
        const next = await action(state, form);
        startTransition(() => setAnswer(next));
      } catch (error) {
        const message = refusalKey(error, t.has);
        if (message === null) throw error;
        startTransition(() => setAnswer({ ...initial, message }));
      }
    });
  }

  return { state, formProps: { action: formAction, onSubmit }, pending: posting || sending };
}

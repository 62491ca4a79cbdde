// Not a "use client" module: nothing here needs the browser (useId and useTranslations work in
// Server Components too), so a server page's fields (the feed's GET filters) render on the server
// and ship no script, while a client form that imports them gets them in its own bundle.

import type { TRPCClientError } from "@trpc/client";
import { useTranslations } from "next-intl";
import { useId, type ComponentProps, type ReactNode } from "react";
import type { FieldError } from "~/schemas/issues";

export type FormErrors = { fields: Record<string, FieldError>; message: string | null };

export const noErrors: FormErrors = { fields: {}, message: null };

/**
 * What a failed mutation means for a form: errors next to fields (from the shared zod schema or a
 * service), or one message (a key of the `errors` namespace) for the whole form.
 */
export function formErrors(error: unknown): FormErrors {
  // By name, not `instanceof`: importing the class would bring all of @trpc/client (~9 KB, not
  // marked side-effect free) into every page with a form field.
  if (isTrpcClientError(error)) {
    const data = error.data as { fields?: Record<string, FieldError> | null; code?: string } | undefined;
    // No data: the request never got an answer from the server (offline, dropped link).
    if (!data) return { fields: {}, message: "network" };
    if (data?.fields && Object.keys(data.fields).length > 0) return { fields: data.fields, message: null };
    if (data?.code === "INTERNAL_SERVER_ERROR") return { fields: {}, message: "internal" };
    return { fields: {}, message: error.message || "internal" };
  }
  return { fields: {}, message: "network" };
}

function isTrpcClientError(error: unknown): error is TRPCClientError<never> {
  return error instanceof Error && error.name === "TRPCClientError";
}

export function FieldMessage({ id, error }: { id: string; error?: FieldError }) {
  const t = useTranslations("validation");
  if (!error) return null;
  return (
    <p id={id} className="mt-1 text-sm text-red-700" data-field-error>
      {t.has(error.key) ? t(error.key, error.values) : t("invalid")}
    </p>
  );
}

export function FormMessage({ message }: { message: string | null }) {
  const t = useTranslations("errors");
  if (!message) return null;
  return (
    <div role="alert" data-form-error className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">
      {t.has(message) ? t(message) : t("internal")}
    </div>
  );
}

export const inputClass =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-600 aria-[invalid=true]:border-red-600";

type FieldProps = { label: ReactNode; error?: FieldError; hint?: ReactNode };

function Field({ label, error, hint, children }: FieldProps & { children: (id: string, describedBy?: string) => ReactNode }) {
  const id = useId();
  const ids = { hint: `${id}-hint`, error: `${id}-error` };
  const describedBy = [hint ? ids.hint : "", error ? ids.error : ""].join(" ").trim() || undefined;
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-700">
        {label}
      </label>
      {children(id, describedBy)}
      {hint ? (
        <p id={ids.hint} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      <FieldMessage id={ids.error} error={error} />
    </div>
  );
}

export function TextField({ label, error, hint, ...input }: FieldProps & ComponentProps<"input">) {
  return (
    <Field label={label} error={error} hint={hint}>
      {(id, describedBy) => (
        // dir="auto": what is typed runs in its own direction (Russian, Chinese, or an Arabic name) without turning the field around.
        <input id={id} dir="auto" aria-invalid={error ? true : undefined} aria-describedby={describedBy} className={inputClass} {...input} />
      )}
    </Field>
  );
}

export function SelectField({ label, error, hint, children, ...select }: FieldProps & ComponentProps<"select">) {
  return (
    <Field label={label} error={error} hint={hint}>
      {(id, describedBy) => (
        <select id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy} className={inputClass} {...select}>
          {children}
        </select>
      )}
    </Field>
  );
}

export function TextAreaField({ label, error, hint, ...textarea }: FieldProps & ComponentProps<"textarea">) {
  return (
    <Field label={label} error={error} hint={hint}>
      {(id, describedBy) => (
        <textarea id={id} dir="auto" aria-invalid={error ? true : undefined} aria-describedby={describedBy} className={inputClass} {...textarea} />
      )}
    </Field>
  );
}

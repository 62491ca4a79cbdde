/**
 * The few ways a service says no. `key` names a message in the `errors` namespace of the
 * translations, so every surface (form, page, CLI) can show it in the user's language; `field`
 * ties it to a form field.
 */
export type ServiceErrorKind = "NOT_FOUND" | "FORBIDDEN" | "CONFLICT" | "INVALID";

export class ServiceError extends Error {
  constructor(
    readonly kind: ServiceErrorKind,
    readonly key: string,
    readonly field?: string,
  ) {
    super(`${kind}: ${key}${field ? ` (${field})` : ""}`);
    this.name = "ServiceError";
  }
}

/** Anything the viewer may not see is reported exactly like something that does not exist. */
export const notFound = () => new ServiceError("NOT_FOUND", "notFound");

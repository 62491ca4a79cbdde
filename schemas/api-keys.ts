import { z } from "zod";
import { API_KEY_MAX_DAYS, API_SCOPES } from "./api-key-enums";
import { text } from "./fields";

// Input schemas of the API keys an agency admin issues (server/services/api-keys.ts), shared by
// the admin page's forms and the apiKeys procedures.

export const ZApiKeyCreate = z
  .strictObject({
    // An existing service account of the admin's agency, or "" for a new one named `accountName`.
    accountId: z.uuid().or(z.literal("")).default(""),
    accountName: text(200).default(""),
    scopes: z.array(z.enum(API_SCOPES)).min(1, { error: "scopeRequired" }).max(API_SCOPES.length),
    expiresInDays: z.int().min(1).max(API_KEY_MAX_DAYS),
  })
  .refine((input) => input.accountId !== "" || input.accountName.length >= 3, { path: ["accountName"], error: "accountNameRequired" });
export type ApiKeyCreateInput = z.input<typeof ZApiKeyCreate>;
export type ApiKeyCreate = z.output<typeof ZApiKeyCreate>;

export const ZApiKeyRef = z.strictObject({ keyId: z.uuid() });

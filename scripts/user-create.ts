import { parseArgs } from "node:util";
import type { z } from "zod";
import errors from "~/i18n/messages/en/errors.json" with { type: "json" };
import validation from "~/i18n/messages/en/validation.json" with { type: "json" };
import { describeIssue } from "~/schemas/issues";
import { ZUserInvite } from "~/schemas/users";
import { ServiceError } from "~/server/services/errors";
import { withDatabase } from "./lib/launch";

// `npm run user:create`: invites a user from the server's shell, typically the first administrator
// of a fresh installation, through the same validation and service as the users page.

const USAGE = `Usage: npm run user:create -- --email <email> --agency <agency id> --role <role>
         [--name "<full name>"] [--duty-station <crossing id>] [--locale en|ru|zh] [--time-zone <IANA zone>]`;

const FLAGS = {
  email: "--email",
  name: "--name",
  agencyId: "--agency",
  role: "--role",
  dutyStationId: "--duty-station",
  locale: "--locale",
  timeZone: "--time-zone",
} as const;
type Field = keyof typeof FLAGS;

function fail(lines: string[]): never {
  for (const line of lines) console.error(line);
  process.exit(1);
}

/** The English text of a message key, with its {placeholders} filled. */
function english(messages: Record<string, string>, key: string, values: Record<string, string | number> = {}): string {
  const text = messages[key] ?? messages.invalid ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? name));
}

function explain(field: string, key: string, input: Record<Field, unknown>, values?: Record<string, string | number>): string {
  const flag = FLAGS[field as Field] ?? field;
  const given = input[field as Field];
  if (given === undefined) return `Missing ${flag}: ${english(validation, key, values)}`;
  return `${flag} ${JSON.stringify(given)}: ${english(validation, key, values)}`;
}

function describe(issue: z.core.$ZodIssue, input: Record<Field, unknown>): string {
  const { key, values } = describeIssue(issue);
  const choices = issue.code === "invalid_value" ? ` (one of: ${issue.values.join(", ")})` : "";
  return explain(String(issue.path[0] ?? ""), key, input, values) + choices;
}

let args;
try {
  args = parseArgs({
    options: {
      email: { type: "string" },
      name: { type: "string" },
      agency: { type: "string" },
      role: { type: "string" },
      "duty-station": { type: "string" },
      locale: { type: "string" },
      "time-zone": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
    allowPositionals: false,
  }).values;
} catch (error) {
  fail([error instanceof Error ? error.message : String(error), USAGE]);
}
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}

const raw: Record<Field, string | undefined> = {
  email: args.email,
  // Without --name the address's local part stands in; the user can change it on their profile.
  name: args.name ?? args.email?.split("@")[0],
  agencyId: args.agency,
  role: args.role,
  dutyStationId: args["duty-station"],
  locale: args.locale,
  timeZone: args["time-zone"],
};

const parsed = ZUserInvite.safeParse(raw);
if (!parsed.success) {
  const issues = parsed.error.issues.filter((issue) => args.name !== undefined || issue.path[0] !== "name");
  fail([...issues.map((issue) => describe(issue, raw)), USAGE]);
}

await withDatabase(async () => {
  const { db } = await import("~/db/index");
  const { CLI_ACTOR, inviteUser } = await import("~/server/services/users");
  const { INVITATION_TTL_HOURS } = await import("~/server/services/invitations");
  try {
    const input = parsed.data;
    const invitation = await inviteUser({ viewer: CLI_ACTOR, input });
    console.log(`Invited ${input.email} as ${input.role} of ${input.agencyId}.`);
    console.log(`Send them this link; it expires in ${INVITATION_TTL_HOURS} hours (${invitation.expiresAt.toISOString()}) and is not shown again:`);
    console.log(invitation.link);
    return 0;
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    console.error(error.field ? explain(error.field, error.key, raw) : english(errors, error.key));
    return 1;
  } finally {
    await db.$client.end();
  }
});

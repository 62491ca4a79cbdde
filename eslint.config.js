import { readFileSync } from "node:fs";
import { defineConfig } from "eslint/config";
import nextPlugin from "@next/eslint-plugin-next";
import tseslint from "typescript-eslint";
import { boundariesConfig } from "./eslint/boundaries.js";
import { cyclesConfig } from "./eslint/cycles.js";
import { sizesConfig } from "./eslint/sizes.js";

/**
 * typescript-eslint's and Next's recommended rules over the whole TypeScript/TSX tree, and two
 * architectural rules: the layers and what each may import (eslint/boundaries.js, ARCHITECTURE.md
 * "Layers"), and the one below. An exception to any rule is a block below naming its files and
 * its reason.
 *
 * The notice-table rule: the notice tables are read only through the visibility module
 * (server/services/visibility.ts, issue 13). Only the modules listed in NOTICE_TABLE_IMPORTERS may
 * import them, or name them in raw SQL; each says why in one line. A new module that needs a
 * notice table must either read through a visibility builder or be added here with its reason,
 * in review.
 */

// The files that declare notice tables: the shared table and what it carries (notices.ts), each
// kind's details (notice-kinds.ts), and the tables derived from notices (entities.ts: entities and
// where notices mention them, issue 19). A new file of tables derived from notices is added here.
const NOTICE_SCHEMA_FILES = ["db/schema/notices.ts", "db/schema/notice-kinds.ts", "db/schema/entities.ts"];
// Every table declared in them (its TypeScript and its SQL name), read from the files so that a
// table added there is restricted without anyone remembering to list it.
const DECLARED = NOTICE_SCHEMA_FILES.flatMap((file) => [
  ...readFileSync(new URL(`./${file}`, import.meta.url), "utf8").matchAll(/^export const (\w+) = pgTable\(\s*"(\w+)"/gm),
]);
const NOTICE_TABLES = DECLARED.map((m) => m[1]);
const NOTICE_TABLES_SQL = DECLARED.map((m) => m[2]);

// A path that reaches the notice tables: db/schema (its index re-exports them) or one of
// NOTICE_SCHEMA_FILES, spelt through the `~` alias, relatively (`../../db/schema`, `./schema` from
// db/) or absolutely, with or without an extension or `/index`.
const SCHEMA_MODULES = ["index", ...NOTICE_SCHEMA_FILES.map((file) => file.replace(/^db\/schema\/(.*)\.ts$/, "$1"))];
const SCHEMA_PATH = String.raw`^(~/|(\.\.?/)+|/(.*/)?)?(db/)?schema(/(${SCHEMA_MODULES.join("|")}))?(\.[cm]?[jt]sx?)?/?$`;

// The allowed importers, each with its reason. Globs are relative to the repository root.
const NOTICE_TABLE_IMPORTERS = [
  // The rule itself: the visibility predicate is written over the notices table's columns.
  "server/services/visibility.ts",
  // The table definitions: foreign keys to notices, and the schema index that re-exports them.
  "db/schema/**",
  // The database client is typed over the whole schema; it reads nothing by itself.
  "db/index.ts",
  // Seeds write notices directly: no viewer exists while a database is seeded.
  "db/seed/**",
  // Create and edit: one notice per author and idempotency key; an edit first finds the notice with
  // visibleTo(viewer) (editableNotice, steps.ts).
  "server/services/notices/write.ts",
  // The rows a notice is made of (release lists, the kind's details), written for write.ts only.
  "server/services/notices/write-parts.ts",
  // Submit, release, retract: each first finds the notice with visibleTo(viewer).
  "server/services/notices/steps.ts",
  // Links: both notices first found with visibleTo(viewer).
  "server/services/notices/links.ts",
  // Loads a whole notice by id for callers that checked visibleTo(viewer) first (read, write, review).
  "server/services/notices/snapshot.ts",
  // TAXII collection pages: released notices filtered with visibleTo(viewer), keyset on release time.
  "server/services/exports/taxii.ts",
  // Feed: every page and count is filtered with visibleTo(viewer).
  "server/services/notices/{feed,feed-count}.ts",
  // A list line's columns and its kind's facts (feed, search, pins): selected only by those reads,
  // each filtered with visibleTo(viewer).
  "server/services/notices/summaries.ts",
  // Search results, counts and suggestions: filtered with visibleTo(viewer).
  "server/services/notices/search.ts",
  // A picker's options (linking a notice, a merge's duplicate): filtered with visibleTo(viewer).
  "server/services/notices/pick.ts",
  // Search counts and facets, and result snippets: every read is filtered with visibleTo(viewer).
  "server/services/notices/search-facets.ts",
  "server/services/notices/snippets.ts",
  // Detail, links, history and versions: each read is scoped with visibleTo(viewer).
  "server/services/notices/read.ts",
  // Similar-company suggestions while writing an alert: filtered with visibleTo(viewer).
  "server/services/notices/similar.ts",
  // Notifications list, unread count, the bell and the ids marking reads through: joined to notices
  // under visibleTo(viewer) at read time.
  "server/services/notifications/read.ts",
  // Watching a notice: only one found with visibleTo(viewer).
  "server/services/subscriptions/manage.ts",
  // Moderation's one way to a notice: locked for a decision only if visibleTo(viewer).
  "server/services/moderation/scope.ts",
  // Moderation writes (decisions, redaction, merge, pins) to notices locked through moderation/scope.ts.
  "server/services/moderation/{decisions,redact,merge,pins}.ts",
  // Moderation reads (queue, quality signals, log, reports): filtered with visibleTo(viewer).
  "server/services/moderation/{queue,quality,log,reports}.ts",
  // Who read the agency's notices: joined to notices under visibleTo(viewer).
  "server/services/audit-trail/search.ts",
  // Fan-out (raw SQL): who hears of an event, decided for all recipients at once with visibleToUsers().
  "server/services/subscriptions/recipients.ts",
  // Mail (raw SQL): each recipient's pending items, decided again at send time with visibleToUsers().
  "server/jobs/mail.ts",
  // Admin mailbox and dead letters (raw SQL): joined to notices only to decide, with the visibility
  // builders, whether the admin is shown more than the envelope (issue 13, item 4).
  "server/services/mail-admin.ts",
  // Exports (STIX, CSV, PICS): the selection's ids come from the feed and search readers, and every
  // id passes visibleTo(viewer) again in the transaction that loads the snapshots; links only
  // between exported notices; linked company names under visibleTo(viewer).
  "server/services/exports/select.ts",
  // INCB Form D: seizure items of the notices that pass visibleTo(viewer), aggregated per substance.
  "server/services/exports/form-d.ts",
  // Entities (issue 19): a notice's mentions, written in the transaction that writes or redacts the
  // notice (write-parts.ts, moderation/redact.ts); it reads nothing out.
  "server/services/entities/store.ts",
  // The notices written before extraction, by id only, handed to store.ts; no viewer, no output.
  "server/services/entities/backfill.ts",
  // Correlations and entity pages: mentions read only joined to notices under visibleTo(viewer).
  "server/services/entities/{correlate,page}.ts",
  // Confirm or split: both entities must be named in notices that pass visibleTo(viewer).
  "server/services/entities/decide.ts",
  // Deconfliction: hints and targets only of notices that fail visibleTo(viewer) and whose author
  // marked them (never what they hold); the holder's requests and answers under visibleTo(viewer);
  // a release through the notice's release list, which visibleTo then reads.
  "server/services/deconfliction/{held,request,answer,list,tell}.ts",
  // The regional picture (map counts, trends): visible-set.ts filters every notice with
  // visibleTo(viewer); crossing-counts.ts and trends.ts count only that set, trends.ts joining the
  // details of its notices for the "top" lists.
  "server/services/picture/{visible-set,crossing-counts,trends}.ts",
  // The pre-aggregate's live part: only notices that also pass visibleToInBulk(viewer) (the callers'
  // pictureConditions), narrowed to those outside the viewer's classes.
  "server/services/picture/classes.ts",
  // Declaration screening: seizures by declared-as text and identifier, company alerts by name and
  // registration number, each read filtered with visibleTo(viewer) (issue 18).
  "server/services/screening/notices.ts",
  // The home pages' alerts by expiry and agencies by their last notice: filtered with visibleTo(viewer).
  "server/services/home.ts",
  // Tests, e2e fixtures and benchmarks build worlds of notices and check them from outside.
  "**/__tests__/**",
  "tests/**",
  "e2e/**",
  "bench/**",
];

const MESSAGE =
  "The notice tables are read only through the visibility module (server/services/visibility.ts): use its builders, or add this module to NOTICE_TABLE_IMPORTERS in eslint.config.js with a one-line reason.";
const tableNames = `^(${NOTICE_TABLES.join("|")})$`;
// Raw SQL that names a notice table reads it without any import: the same rule applies.
const RAW_SQL = String.raw`\b(from|join|into|update)\s+(${NOTICE_TABLES_SQL.join("|")})\b`;
const TABLE_IMPORTS = { regex: SCHEMA_PATH, importNamePattern: tableNames, message: MESSAGE };
// Next's Link prefetches every link in the viewport and ships its code per page; the app's Link is
// a plain <a> that app/_components/link-navigation.tsx navigates and prefetches on intent only (issue 14).
const LINK_MODULE = "app/_components/link.tsx";
const NEXT_LINK = {
  name: "next/link",
  message: `Use { Link } from "~/${LINK_MODULE.replace(/\.tsx$/, "")}": it prefetches only on intent, never on a slow link, and costs no script.`,
};
// esquery's /regex/ in a selector cannot contain a slash, even escaped.
const selectorRegex = (source) => source.replaceAll("/", String.raw`\x2F`);

export default defineConfig(
  {
    ignores: [
      "node_modules/**",
      ".next/**",
      ".data/**",
      "coverage/**",
      "playwright-report/**",
      "test-results/**",
      "next-env.d.ts",
      "tests/lint-fixtures/**",
      "public/sw.js",
    ],
  },
  {
    files: ["**/*.{ts,tsx,js,mjs,cjs}"],
    languageOptions: { parser: tseslint.parser, ecmaVersion: "latest", sourceType: "module" },
    // No inline `eslint-disable`: an exception to the rule is written above, with its reason, or not at all.
    linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: "off" },
  },
  // typescript-eslint's recommended rules, and Next's (recommended and Core Web Vitals).
  ...tseslint.configs.recommended.map((config) => ({ ...config, files: ["**/*.{ts,tsx}"] })),
  {
    files: ["**/*.{ts,tsx}"],
    rules: {
      // A leading underscore names what is left out on purpose (a field dropped from a copy, an
      // action's unused previous state).
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true }],
    },
  },
  {
    // Conform's field metadata is generic over every form's shape; these two modules hand it to
    // components that read only names, ids, values and errors.
    files: ["app/_components/form/conform.tsx", "app/(app)/notices/_components/form/values.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    files: ["app/**/*.{ts,tsx}"],
    plugins: { "@next/next": nextPlugin },
    rules: { ...nextPlugin.configs.recommended.rules, ...nextPlugin.configs["core-web-vitals"].rules },
  },
  {
    // The enrolment QR code is a data URL drawn on the server, which next/image cannot optimise.
    files: ["app/(auth)/mfa/_components/enrolment.tsx"],
    rules: { "@next/next/no-img-element": "off" },
  },
  ...boundariesConfig,
  ...cyclesConfig,
  ...sizesConfig,
  {
    files: ["**/*.{ts,tsx,js,mjs,cjs}"],
    ignores: NOTICE_TABLE_IMPORTERS,
    rules: {
      // Named, namespace (`* as schema`), type-only and re-exported imports of the tables alike.
      "no-restricted-imports": ["error", { paths: [NEXT_LINK], patterns: [TABLE_IMPORTS] }],
      "no-restricted-syntax": [
        "error",
        // A dynamic import or require() of the schema would hand over every table at once.
        { selector: `ImportExpression[source.value=/${selectorRegex(SCHEMA_PATH)}/]`, message: MESSAGE },
        { selector: `CallExpression[callee.name="require"][arguments.0.value=/${selectorRegex(SCHEMA_PATH)}/]`, message: MESSAGE },
        { selector: `TemplateElement[value.raw=/${selectorRegex(RAW_SQL)}/i]`, message: MESSAGE },
        { selector: `Literal[value=/${selectorRegex(RAW_SQL)}/i]`, message: MESSAGE },
      ],
      // drizzle's relational API (`db.query.notices`) reaches every table of the schema without an import.
      "no-restricted-properties": ["error", { object: "db", property: "query", message: MESSAGE }],
    },
  },
  {
    // An allowed module must not hand the tables on, under their names or others: every importer
    // of it would be an unlisted reader. (db/schema/index.ts is the one re-export; importing it is
    // restricted above.)
    files: NOTICE_TABLE_IMPORTERS,
    ignores: ["db/schema/**"],
    rules: {
      "no-restricted-syntax": [
        "error",
        { selector: `ExportSpecifier[local.name=/${selectorRegex(tableNames)}/]`, message: MESSAGE },
        { selector: `ExportAllDeclaration[source.value=/${selectorRegex(SCHEMA_PATH)}/]`, message: MESSAGE },
        { selector: `ExportNamedDeclaration VariableDeclarator[init.name=/${selectorRegex(tableNames)}/]`, message: MESSAGE },
      ],
    },
  },
);

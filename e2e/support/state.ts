import { join } from "node:path";

/** Where the e2e server leaves the URL of the database it serves, for the fixtures to seed into. */
export const databaseUrlFile = () => join(process.env.E2E_STATE_DIR!, "database-url");

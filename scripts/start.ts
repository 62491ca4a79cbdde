import { fail, provideDatabase, serve } from "./lib/launch";

// `npm start`: serves the built app (`npm run build`) on DATABASE_URL, or on the embedded
// PostgreSQL in DATA_DIR when it is unset. Migrations are a separate step: `npm run db:migrate`.
const database = await provideDatabase().catch(fail);
await serve({}, database);

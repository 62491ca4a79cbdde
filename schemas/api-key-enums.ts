// The scopes an API key may carry: each opens a group of /api/v1 operations (server/api/rest/).
// Plain values, so that the admin form does not bring the database schema to the browser.
export const API_SCOPES = ["notices:read", "notices:write", "reference:read", "export"] as const;
export type ApiScope = (typeof API_SCOPES)[number];

// The longest a key may live: a partner's system is set up again at least once a year.
export const API_KEY_MAX_DAYS = 366;

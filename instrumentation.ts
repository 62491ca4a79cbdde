// Next compiles this hook for the Edge runtime too, where the app never runs; the check is Node's.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") (await import("~/server/http/served-by-app-server")).requireAppServer();
}

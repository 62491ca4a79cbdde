// Its pages call tRPC from the browser; the feed and the notice page do without the client.
export { TRPCReactProvider as default } from "~/app/_trpc/react";

import { clientSection } from "~/app/_components/client-messages";
import { TRPCReactProvider } from "~/app/_trpc/react";

export default clientSection("profile", TRPCReactProvider);

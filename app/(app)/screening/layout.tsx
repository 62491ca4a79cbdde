import { clientSection } from "~/app/_components/client-messages";

export default clientSection("screening");

import { redirect } from "next/navigation";
import { getActor } from "@/lib/auth/session";

/** The root has no content of its own: signed-in users go to their home, everyone else to sign-in. */
export default async function RootPage() {
  const actor = await getActor();
  redirect(actor ? "/dashboard" : "/sign-in");
}

import { NotFoundMessage } from "@/components/app-shell/not-found-message";

/** notFound() inside the signed-in app: the same plain message, inside the shell. */
export default function AppNotFound() {
  return <NotFoundMessage />;
}

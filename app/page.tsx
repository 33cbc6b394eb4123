import { redirect } from "next/navigation";

// The portal starts at the dashboard; it sends unauthenticated visitors on to /login.
export default function Home(): never {
  redirect("/dashboard");
}

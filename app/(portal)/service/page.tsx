import { redirect } from "next/navigation";
import { rolesWith } from "@/lib/permissions";
import { requireStaff } from "@/server/auth/require-staff";

export default async function ServicePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireStaff(...rolesWith("service:read"));
  const p = await searchParams;
  redirect(typeof p.municipality === "string" ? `/service/offerings?municipality=${encodeURIComponent(p.municipality)}` : "/service/offerings");
}

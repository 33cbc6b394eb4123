"use client";

import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";
import { updateSession } from "@/components/auth/update-session";

// Keeps the 15-minute idle timeout sliding while the user works: on navigation and on input, at most once a
// minute, it asks next-auth to record the activity in the session cookie. Server components cannot rewrite
// the cookie, so activity is recorded from the client. Mount once in the portal layout.
const MIN_INTERVAL_MS = 60_000;

export function SessionActivity() {
  const pathname = usePathname();
  const last = useRef(0);

  useEffect(() => {
    const ping = () => {
      const now = Date.now();
      if (now - last.current < MIN_INTERVAL_MS) return;
      last.current = now;
      void updateSession({ activity: true }).catch(() => undefined);
    };
    ping();
    window.addEventListener("pointerdown", ping, { passive: true });
    window.addEventListener("keydown", ping, { passive: true });
    return () => {
      window.removeEventListener("pointerdown", ping);
      window.removeEventListener("keydown", ping);
    };
  }, [pathname]);

  return null;
}

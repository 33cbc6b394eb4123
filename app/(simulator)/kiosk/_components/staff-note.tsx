import type { ReactNode } from "react";

/** A note for the staff watching the simulator (not shown by a real kiosk). */
export const StaffNote = ({ children }: { children: ReactNode }) => <p className="text-dns-14N-130 text-solid-gray-700">{children}</p>;

import { CERTIFICATE_NAMES, CERTIFICATE_TYPES } from "@/lib/certificate-types";

export const TYPE_OPTIONS = CERTIFICATE_TYPES.map((t) => ({ value: t, label: CERTIFICATE_NAMES[t] }));
export const TYPE_OR_ALL_OPTIONS = [{ value: "all", label: "すべての証明書" }, ...TYPE_OPTIONS];

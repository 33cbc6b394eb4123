import { CERTIFICATE_NAMES, CERTIFICATE_TYPES } from "@/lib/certificate-types";

export const TYPE_OPTIONS = CERTIFICATE_TYPES.map((t) => ({ value: t, label: CERTIFICATE_NAMES[t] }));
export const TYPE_OR_ALL_OPTIONS = [{ value: "all", label: "すべての証明書" }, ...TYPE_OPTIONS];

const dateTime = new Intl.DateTimeFormat("ja-JP", { timeZone: "Asia/Tokyo", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" });
const date = new Intl.DateTimeFormat("ja-JP", { timeZone: "Asia/Tokyo", year: "numeric", month: "2-digit", day: "2-digit", weekday: "short" });
export const formatJstDateTime = (d: Date) => dateTime.format(d);
export const formatJstDate = (d: Date) => date.format(d);

// What a server action returns to its form (server/http/form-result.ts): success with data, or the Japanese
// message with per-field messages. A type only: nothing of the server module reaches the browser.
export type { FormResult } from "@/server/http/form-result";

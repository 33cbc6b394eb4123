// What a service-configuration server action returns to its form.
export type FormResult = { ok: true } | { ok: false; message: string; fieldErrors?: Record<string, string> };

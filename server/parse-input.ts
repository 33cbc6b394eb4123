import "server-only";
import type { z } from "zod";
import { AppError } from "./errors";

/** One violation as `details.errors` of a `validation_failed` carries it: the field path and the schema's message. */
export type ValidationError = { path: string; message: string };

/** The violations of a zod parse, in the one shape every caller reads (forms, problem+json `errors`). */
export function validationErrors(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): ValidationError[] {
  return issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
}

/**
 * Parses a verb's (or an edge's) input with its shared zod schema. A failure is `validation_failed` with the
 * violations in `details.errors`; their messages are the schema's (Japanese, from lib/schemas), the error's own
 * message is English for logs and the problem's `detail` (`describe` words it from the violations).
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, describe: string | ((errors: ValidationError[]) => string) = "the input is not valid"): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const errors = validationErrors(parsed.error.issues);
    throw new AppError("validation_failed", typeof describe === "string" ? describe : describe(errors), { details: { errors } });
  }
  return parsed.data;
}

import "server-only";
import type { z } from "zod";
import { AppError } from "../errors";

/** Parses a verb's input with its shared form schema; failures carry the field paths and Japanese messages. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    throw new AppError("validation_failed", "the input is not valid", {
      details: { errors: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })) },
    });
  }
  return parsed.data;
}

// The field-encryption keyring as FIELD_ENCRYPTION_KEYS / FIELD_ENCRYPTION_KEY_ID describe it. Its own module,
// without imports, so that server/env.ts validates the setting with the same parser field-encryption.ts uses.
// No "server-only": the start script and the CLIs load it.

export type Keyring = { currentKeyId: string; keys: Map<string, Buffer> };

export class KeyringError extends Error {}

export function parseKeyring(keysSpec: string | undefined, currentKeyId: string | undefined): Keyring {
  if (!keysSpec) throw new KeyringError("FIELD_ENCRYPTION_KEYS is not set");
  const keys = new Map<string, Buffer>();
  for (const part of keysSpec.split(",").map((s) => s.trim()).filter(Boolean)) {
    const idx = part.indexOf(":");
    const kid = part.slice(0, idx);
    if (idx <= 0 || !/^[A-Za-z0-9_-]{1,32}$/.test(kid)) throw new KeyringError("malformed key entry (expected kid:base64)");
    const key = Buffer.from(part.slice(idx + 1), "base64");
    if (key.length !== 32) throw new KeyringError(`key ${kid} must be 32 bytes`);
    keys.set(kid, key);
  }
  const current = currentKeyId ?? [...keys.keys()][0];
  if (!current || !keys.has(current)) throw new KeyringError("FIELD_ENCRYPTION_KEY_ID does not name a configured key");
  return { currentKeyId: current, keys };
}

/**
 * `work`, or the error `onExpiry()` as soon as `deadline` aborts, whichever comes first. When the deadline wins,
 * `work` goes on in the background only to fail or be rolled back by its owner; its outcome is swallowed here.
 * Used where an answer must not wait on something that may hang (a stalled database connection): the issuance
 * deadline (server/issuance/issue-certificate.ts) and the issuance route as a whole (server/http/with-kiosk-client.ts).
 */
export function beforeDeadline<T>(deadline: AbortSignal, work: Promise<T>, onExpiry: () => unknown): Promise<T> {
  if (deadline.aborted) {
    work.catch(() => undefined);
    return Promise.reject(onExpiry());
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      work.catch(() => undefined);
      reject(onExpiry());
    };
    deadline.addEventListener("abort", onAbort, { once: true });
    work.then(
      (v) => {
        deadline.removeEventListener("abort", onAbort);
        resolve(v);
      },
      (e: unknown) => {
        deadline.removeEventListener("abort", onAbort);
        reject(e);
      },
    );
  });
}

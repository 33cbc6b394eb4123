// A Node-style response object for calling next-auth's handler directly in a unit test, and what it recorded.

export type Reply = { status: number; headers: Record<string, string | string[]>; body: unknown };

export function fakeNextAuthResponse() {
  const reply: Reply = { status: 200, headers: {}, body: undefined };
  const res = {
    status(code: number) {
      reply.status = code;
      return res;
    },
    getHeader: (name: string) => reply.headers[name.toLowerCase()],
    setHeader(name: string, value: string | string[]) {
      reply.headers[name.toLowerCase()] = value;
      return res;
    },
    end: () => undefined,
    json: (body: unknown) => void (reply.body = body),
    send: (body: unknown) => void (reply.body = body),
  };
  return { reply, res };
}

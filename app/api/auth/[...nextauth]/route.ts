import NextAuth from "next-auth";
import { authOptions } from "@/server/auth/auth-options";
import { otherMethods } from "@/server/http/method-not-allowed";

const handler = NextAuth(authOptions);
export { handler as GET, handler as POST };

// The methods this route does not serve: 405 problem+json with Allow (next-auth's handler serves GET and POST).
export const { PUT, DELETE, PATCH, OPTIONS } = otherMethods(["GET", "POST"]);

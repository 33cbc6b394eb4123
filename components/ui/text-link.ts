/** The class of a plain text link (in tables, detail lists and running text). */
export const TEXT_LINK_CLASS = "text-blue-900 underline underline-offset-[calc(3/16*1rem)] hover:text-blue-1000 hover:decoration-[calc(3/16*1rem)]";

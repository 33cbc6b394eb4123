// The document model handed to the PDF worker: plain, serialisable data that says exactly what is printed.
// Built by server/certificates/* from the database (the same builders serve issuance and the staff preview).
// No "server-only": the worker thread loads this file outside Next.

export type MunicipalityBlock = {
  name: string;
  mayorTitle: string;
  mayorName: string;
  /** 公印 image (PNG bytes), drawn over the mayor's name. */
  sealImage: Uint8Array | null;
};

/** One labelled line of a person block, e.g. ["生年月日", "昭和55年4月1日"]. */
export type Field = [label: string, value: string];

export type PersonBlock = {
  /** Name as printed, e.g. "山川 一郎". Used by the post-render check. */
  name: string;
  fields: Field[];
};

export type ResidenceBody = {
  kind: "residence" | "residence-entry";
  address: string;
  householdHead: string | null;
  persons: PersonBlock[];
};

export type SealBody = {
  kind: "seal";
  sealImage: Uint8Array;
  person: PersonBlock;
};

export type CertificateDocument = {
  title: string;
  issuanceId: string;
  issuanceNo: string;
  /** SHA-256 (hex) over the canonical subject; written into the PDF metadata and read back after rendering. */
  subjectDigest: string;
  /** 和暦 date printed with the 認証文. */
  issuedOn: string;
  certificationText: string;
  municipality: MunicipalityBlock;
  body: ResidenceBody | SealBody;
};

/** Every name that must appear in the rendered text (the post-render check looks for each). */
export function namesIn(doc: CertificateDocument): string[] {
  return doc.body.kind === "seal" ? [doc.body.person.name] : doc.body.persons.map((p) => p.name);
}

/** PDF Keywords: machine-readable binding of the bytes to the request. ASCII only. */
export function bindingKeywords(doc: Pick<CertificateDocument, "issuanceId" | "issuanceNo" | "subjectDigest">): string {
  return `issuance-id:${doc.issuanceId} issuance-no:${doc.issuanceNo} subject:${doc.subjectDigest}`;
}

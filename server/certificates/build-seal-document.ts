import "server-only";
import { CERTIFICATE_NAMES } from "@/lib/certificate-types";
import { jstDateString } from "@/lib/jst";
import { formatWareki } from "@/lib/wareki";
import { refusalError } from "../eligibility/refusal";
import type { Municipality, Resident, SealRegistration } from "../generated/prisma/client";
import type { BuiltDocument } from "./build-residence-document";
import { printedDate, printedName } from "./person-format";
import { subjectDigest } from "./subject-digest";
import type { PrintedIssuance } from "../pdf/document-model";

/** 印鑑登録証明書 of the requester (本人 only) with the active registration's 印影. */
export function buildSealDocument(c: {
  municipality: Municipality;
  requester: Resident;
  address: string;
  registration: SealRegistration | null;
  issuance: PrintedIssuance;
  now: Date;
}): BuiltDocument {
  if (!c.registration || c.registration.status !== "active") {
    throw refusalError("seal_not_registered");
  }
  const r = c.requester;
  const name = printedName(r);
  const digest = subjectDigest({ issuanceId: c.issuance.id, issuanceNo: c.issuance.no, municipalityCode: c.municipality.code, certificateType: "seal", persons: [{ id: r.id, name }] });
  return {
    document: {
      title: CERTIFICATE_NAMES.seal,
      issuanceId: c.issuance.id,
      issuanceNo: c.issuance.no,
      verification: c.issuance.verification,
      subjectDigest: digest,
      issuedOn: formatWareki(jstDateString(c.now)),
      certificationText: "この写しは、登録されている印影と相違ないことを証明します。",
      municipality: {
        name: c.municipality.name,
        mayorTitle: c.municipality.mayorTitle,
        mayorName: c.municipality.mayorName,
        sealImage: c.municipality.sealImage ? new Uint8Array(c.municipality.sealImage) : null,
      },
      body: {
        kind: "seal",
        sealImage: new Uint8Array(c.registration.sealImage),
        person: {
          name,
          fields: [
            ["生年月日", printedDate(r.dateOfBirth, !!r.nationality)],
            ["住所", c.address],
            ["登録番号", c.registration.registrationNo],
          ],
        },
      },
    },
    residentIds: [r.id],
    sensitiveReads: [],
  };
}

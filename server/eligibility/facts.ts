import "server-only";
import type { CertificateTypeId } from "@/lib/certificate-types";
import type { Availability } from "../service-calendar/check-availability";

// Everything a rule may look at, loaded once per request (inside the issuing transaction for an issuance)
// by load-eligibility-facts.ts. Dates are JST calendar dates "YYYY-MM-DD"; instants are Date.

export type PersonFacts = {
  residentId: string;
  status: "active" | "moved_out" | "deceased";
  dateOfBirth: string;
  moveOutPlannedOn: string | null;
  /**
   * Protected like a 支援措置 (docs/decisions/0011): a 支援措置 in force, a counter block (交付停止) for a
   * 支援措置の申出, or the 支援措置 flag of the 戸籍 or 附票 feed on the person's register entry.
   */
  supportMeasure: boolean;
  /** A counter block (交付停止) in force, whatever its reason: the person's own requests are refused. */
  issuanceBlocked: boolean;
  gaijiPending: boolean;
  adultWard: boolean;
  becameResidentOn: string;
  addressSetOn: string;
  /** Characters (code points) of the longest name form printed (kanji name or alias). */
  nameLength: number;
  addressLength: number;
};

export type CardFacts = {
  status: "active" | "suspended" | "revoked";
  validFrom: Date;
  validUntil: Date;
  cardIssuedOn: string;
  pinChangedOn: string | null;
};

export type MunicipalityPolicy = {
  status: "preparing" | "active" | "suspended";
  usableFromNextDay: boolean;
  /** Characters a line and lines of the name and address fields (docs/decisions/0014). */
  nameMaxLength: number;
  nameMaxLines: number;
  addressMaxLength: number;
  addressMaxLines: number;
  excludeAdultWards: boolean;
  /** A 公印 image is stored: every certificate prints it (DOMAIN.md §7), so none is issued without one. */
  hasOfficialSeal: boolean;
};

export type OfferingFacts = { enabled: boolean; copyLimit: number; allowMyNumber: boolean; allowJoseki: boolean; allowKaiseiGenkoseki: boolean };

/** 年度 offered now (latest first, per the municipality's switch date and count) and the requester's records. */
export type TaxFacts = { offeredYears: number[]; records: Array<{ fiscalYear: number; residentOnJan1: boolean }> };

export type KosekiRegisterKind = "current" | "joseki" | "kaisei_genkoseki";

/** Where the cardholder's 戸籍 stands at the target (本籍地) municipality. */
export type KosekiFacts =
  | {
      status: "found";
      recordId: string;
      memberId: string;
      kind: KosekiRegisterKind;
      pendingFiling: boolean;
      /** The cardholder's own entry in the register is protected (支援措置 by feed flag or resident data). */
      memberSupportMeasure: boolean;
      /** Some member of the register is protected: its 附票 (every member's address) is never printed. */
      supportMeasureInRecord: boolean;
    }
  | { status: "registration_missing" | "registration_pending" | "registration_rejected" | "registration_renewal_needed" | "record_not_found" };

export type TypeFacts = {
  offering: OfferingFacts | null;
  availability: Availability;
  /** Fee per copy in force now, or null when none is configured. */
  fee: number | null;
};

export type EligibilityFacts = {
  now: Date;
  /** JST calendar date of `now`. */
  today: string;
  purpose: "residence" | "honseki";
  policy: MunicipalityPolicy;
  card: CardFacts;
  /** The cardholder as a resident of the target municipality; null when they are not one. */
  requester: PersonFacts | null;
  /** The other members of the requester's household on the register (any status). */
  householdOthers: PersonFacts[];
  hasActiveSealRegistration: boolean;
  tax: TaxFacts;
  /** Null when no 戸籍 type was asked about. */
  koseki: KosekiFacts | null;
  /** What this request asks for beyond the type (issuance only): a 年度, a register kind. */
  request: { fiscalYear?: number; register?: KosekiRegisterKind };
  types: Partial<Record<CertificateTypeId, TypeFacts>>;
};

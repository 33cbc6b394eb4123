import "server-only";
import type { MunicipalityKindName, MunicipalityStatusName } from "@/lib/schemas/municipality";
import type { Municipality } from "../generated/prisma/client";

/** A municipality as the operator screens show it (no seal bytes: the image comes from the seal route). */
export type MunicipalityDto = {
  id: string;
  code: string;
  name: string;
  nameKana: string;
  prefecture: string;
  kind: MunicipalityKindName;
  mayorTitle: string;
  mayorName: string;
  status: MunicipalityStatusName;
  hasSeal: boolean;
  updatedAt: string;
};

/** The columns a DTO needs; `sealImageMime` stands in for the (possibly large) image to tell whether one exists. */
export const municipalityDtoSelect = {
  id: true,
  code: true,
  name: true,
  nameKana: true,
  prefecture: true,
  kind: true,
  mayorTitle: true,
  mayorName: true,
  status: true,
  sealImageMime: true,
  updatedAt: true,
} as const;

export function toMunicipalityDto(m: Pick<Municipality, keyof typeof municipalityDtoSelect>): MunicipalityDto {
  return {
    id: m.id,
    code: m.code,
    name: m.name,
    nameKana: m.nameKana,
    prefecture: m.prefecture,
    kind: m.kind,
    mayorTitle: m.mayorTitle,
    mayorName: m.mayorName,
    status: m.status,
    hasSeal: m.sealImageMime !== null,
    updatedAt: m.updatedAt.toISOString(),
  };
}

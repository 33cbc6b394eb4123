import type { Metadata } from "next";
import { ChooseMunicipality } from "@/components/layout/choose-municipality";
import { DataTable } from "@/components/ui/data-table";
import { CERTIFICATE_NAMES } from "@/lib/certificate-types";
import { getServiceConfig } from "@/server/service-config/get-service-config";
import { requireStaffTarget } from "@/server/auth/target-municipality";
import { OfferingForm } from "../_components/offering-form";
import { ServiceHeader } from "../_components/service-header";
import { TaxPolicyForm } from "../_components/tax-policy-form";

export const metadata: Metadata = { title: "提供する証明書" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function OfferingsPage({ searchParams }: Props) {
  const { staff, municipalities, target, canEdit, choosesMunicipality } = await requireStaffTarget(await searchParams, { read: "service:read", edit: "service:edit" });
  const header = <ServiceHeader current="/service/offerings" title="提供する証明書" {...{ choosesMunicipality, municipalities, target, canEdit }} />;
  if (!target) return <div className="flex flex-col gap-8">{header}<ChooseMunicipality /></div>;
  const config = await getServiceConfig({ ctx: staff.ctx, input: choosesMunicipality ? { municipalityId: target.id } : {} });
  const municipalityId = choosesMunicipality ? target.id : undefined;
  const yes = (b: boolean) => (b ? "可" : "不可");

  return (
    <div className="flex flex-col gap-10">
      {header}
      <section aria-labelledby="offerings-heading" className="flex flex-col gap-4">
        <h2 id="offerings-heading" className="text-std-24B-150 text-solid-gray-900">証明書ごとの設定</h2>
        {canEdit ? (
          <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
            {config.offerings.map((o) => (
              <OfferingForm
                key={o.certificateType}
                initial={{ municipalityId, certificateType: o.certificateType, enabled: o.enabled, copyLimit: o.copyLimit, allowMyNumber: o.allowMyNumber, allowJoseki: o.allowJoseki, allowKaiseiGenkoseki: o.allowKaiseiGenkoseki }}
              />
            ))}
          </div>
        ) : (
          <DataTable
            label="証明書ごとの設定の表"
            headerClassName="border-b border-solid-gray-420 px-3 py-3 text-dns-16B-130"
            rows={config.offerings}
            rowKey={(o) => o.certificateType}
            columns={[
              { header: "証明書", rowHeader: true, className: "px-3 py-3 font-normal", cell: (o) => CERTIFICATE_NAMES[o.certificateType] },
              { header: "提供", className: "px-3 py-3", cell: (o) => (o.enabled ? "提供中" : "提供なし") },
              { header: "上限通数", className: "px-3 py-3", cell: (o) => `${o.copyLimit}通` },
              { header: "個人番号", className: "px-3 py-3", cell: (o) => yes(o.allowMyNumber) },
              { header: "除籍", className: "px-3 py-3", cell: (o) => yes(o.allowJoseki) },
              { header: "改製原戸籍", className: "px-3 py-3", cell: (o) => yes(o.allowKaiseiGenkoseki) },
            ]}
          />
        )}
      </section>
      <section aria-labelledby="tax-heading" className="flex flex-col gap-4">
        <h2 id="tax-heading" className="text-std-24B-150 text-solid-gray-900">税証明書の年度</h2>
        {canEdit ? (
          <TaxPolicyForm initial={{ municipalityId, taxYearSwitchDate: config.municipality.taxYearSwitchDate, taxYearsOffered: config.municipality.taxYearsOffered }} />
        ) : (
          <p className="text-std-16N-170">
            切替日 {config.municipality.taxYearSwitchDate}・提供する年度数 {config.municipality.taxYearsOffered}
          </p>
        )}
      </section>
    </div>
  );
}

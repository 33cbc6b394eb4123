"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { useFormAction } from "@/components/form/use-form-action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import {
  MUNICIPALITY_KIND_LABELS,
  MUNICIPALITY_KINDS,
  PREFECTURES,
  ZMunicipalityForm,
  type MunicipalityFormInput,
} from "@/lib/schemas/municipality";
import { createMunicipalityAction, updateMunicipalityAction } from "../actions";
import { SelectField } from "@/components/ui/select-field";
import { FormErrorAlert } from "@/components/form/form-error-alert";

const PREFECTURE_OPTIONS = PREFECTURES.map((p) => ({ value: p, label: p }));
const KIND_OPTIONS = MUNICIPALITY_KINDS.map((k) => ({ value: k, label: MUNICIPALITY_KIND_LABELS[k] }));

const MAYOR_EDIT_HINT = "現在証明書に印字されている内容です。変更は「市区町村長と公印」の画面で適用開始日を指定して登録します。";

type Props = { mode: "create" } | { mode: "edit"; defaultValues: MunicipalityFormInput };

/** Registration (new) and editing of a municipality's basic data; the code is fixed once registered. */
export function MunicipalityForm(props: Props) {
  const router = useRouter();
  const form = useForm<MunicipalityFormInput>({
    resolver: zodResolver(ZMunicipalityForm),
    defaultValues:
      props.mode === "edit"
        ? props.defaultValues
        : ({ code: "", name: "", nameKana: "", prefecture: "", kind: "", mayorTitle: "", mayorName: "" } as unknown as MunicipalityFormInput),
    mode: "onSubmit",
    reValidateMode: "onChange",
  });

  const {
    register,
    formState: { errors, isSubmitting },
  } = form;
  const { onSubmit, message, alertRef, result } = useFormAction(form, props.mode === "create" ? createMunicipalityAction : updateMunicipalityAction, {
    onSuccess: (code) => {
      if (props.mode === "create") router.push(`/municipalities/${code}?created=1`);
      else router.refresh();
    },
  });
  const saved = props.mode === "edit" && result?.ok;

  return (
    <form noValidate className="flex flex-col gap-6" onSubmit={onSubmit}>
      <FormErrorAlert message={message} alertRef={alertRef} title="保存できませんでした" />
      {saved ? (
        <Alert variant="success" role="status" title="保存しました">
          基本情報を更新しました。
        </Alert>
      ) : null}
      <TextField
        label="団体コード"
        hint="全国地方公共団体コード（検査数字を含む6桁）。登録後は変更できません。"
        inputMode="numeric"
        autoComplete="off"
        maxLength={6}
        required
        readOnly={props.mode === "edit"}
        error={errors.code?.message}
        {...register("code")}
      />
      <TextField label="自治体名" hint="例：世田谷区" required error={errors.name?.message} {...register("name")} />
      <TextField label="自治体名（カナ）" hint="全角カタカナ。例：セタガヤク" required error={errors.nameKana?.message} {...register("nameKana")} />
      <SelectField label="都道府県" options={PREFECTURE_OPTIONS} placeholder="選択してください" required error={errors.prefecture?.message} {...register("prefecture")} />
      <SelectField label="区分" options={KIND_OPTIONS} placeholder="選択してください" required error={errors.kind?.message} {...register("kind")} />
      {/* Once registered, the mayor changes from a day on with its history (「市区町村長と公印」, docs/decisions/0015). */}
      <TextField
        label="市区町村長の職名"
        hint={props.mode === "edit" ? MAYOR_EDIT_HINT : "証明書に印字されます。例：世田谷区長"}
        required
        readOnly={props.mode === "edit"}
        error={errors.mayorTitle?.message}
        {...register("mayorTitle")}
      />
      <TextField
        label="市区町村長の氏名"
        hint={props.mode === "edit" ? MAYOR_EDIT_HINT : "証明書に印字されます。"}
        required
        readOnly={props.mode === "edit"}
        error={errors.mayorName?.message}
        {...register("mayorName")}
      />
      <div>
        <Button type="submit" size="lg" disabled={isSubmitting}>
          {isSubmitting ? "保存しています…" : props.mode === "create" ? "登録する" : "変更を保存する"}
        </Button>
      </div>
    </form>
  );
}

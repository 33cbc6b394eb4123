import "server-only";
import type { ImportFeedName } from "@/lib/import-feeds";
import type { ColumnDef, FeedDefinition } from "../types";
import { cardCertificatesFeed } from "./card-certificates";
import { changesFeed } from "./changes";
import { fuhyoFeed } from "./fuhyo";
import { kosekiFeed } from "./koseki";
import { residentsFeed } from "./residents";
import { sealsFeed } from "./seals";
import { taxFeed } from "./tax";

/** The 異動区分 column of every feed except 異動 itself: add / update / remove (追加 / 更新 / 削除). */
export const OP_COLUMN: ColumnDef = { key: "op", label: "異動区分", required: false };

export const FEEDS: Record<ImportFeedName, FeedDefinition> = {
  residents: residentsFeed,
  changes: changesFeed,
  seals: sealsFeed,
  tax: taxFeed,
  koseki: kosekiFeed,
  fuhyo: fuhyoFeed,
  card_certificates: cardCertificatesFeed,
};

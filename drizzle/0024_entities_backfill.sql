-- Custom SQL migration file, put your code below! --
-- Every notice written before entity extraction existed waits here for `npm run db:migrate`, which
-- extracts its entities in TypeScript (server/services/entities/backfill.ts: pinyin and phone
-- numbering are libraries SQL does not have) and removes it from the list.
INSERT INTO "entity_backfill" ("notice_id") SELECT "id" FROM "notices";

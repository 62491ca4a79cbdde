-- See db/schema/subscriptions.ts (mail_items.delivery_id): taken items name their delivery without a
-- foreign key check per item.
ALTER TABLE "mail_items" DROP CONSTRAINT "mail_items_delivery_id_mail_deliveries_id_fk";

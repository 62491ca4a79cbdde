-- Why each notification reached its user (a subscription's criteria then, a watch, their own
-- notice), written by the fan-out. Older notifications keep NULL: what matched them is not known.
ALTER TABLE "notifications" ADD COLUMN "matched" jsonb;

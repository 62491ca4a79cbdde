-- Custom SQL migration file, put your code below! --
-- In the database rather than in each service: users are created by the invitation service, the
-- user:create CLI, the demo seed and the test factories, and every one of them must subscribe a
-- user with a duty station to that crossing's feed (a daily digest; the user may change or drop it).
CREATE FUNCTION subscribe_to_duty_station() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.duty_station_id IS NOT NULL THEN
    INSERT INTO subscriptions (user_id, crossing_ids, delivery) VALUES (NEW.id, ARRAY[NEW.duty_station_id], 'daily');
  END IF;
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER users_duty_station_subscription AFTER INSERT ON users
  FOR EACH ROW EXECUTE FUNCTION subscribe_to_duty_station();--> statement-breakpoint
INSERT INTO subscriptions (user_id, crossing_ids, delivery)
  SELECT id, ARRAY[duty_station_id], 'daily' FROM users WHERE duty_station_id IS NOT NULL;

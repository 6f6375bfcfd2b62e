-- Which process claimed a delivery: a request redelivered by Kafka after that process died mid-send
-- (kill -9, OOM) is taken over by email, whose Message-ID lets mail clients collapse a second copy.
ALTER TABLE delivery ADD COLUMN claimed_by text;

-- Events waiting to be relayed to Kafka. A row is inserted in the same transaction as the state change it
-- announces and deleted once Kafka has acknowledged it; seq gives the publishing order.
CREATE TABLE outbox_event (
    seq         BIGSERIAL PRIMARY KEY,
    event_id    UUID        NOT NULL UNIQUE,
    topic       TEXT        NOT NULL,
    message_key TEXT        NOT NULL,
    event_type  TEXT        NOT NULL,
    payload     TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

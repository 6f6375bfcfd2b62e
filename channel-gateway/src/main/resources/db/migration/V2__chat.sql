-- Live chat: visitor sessions, their transcripts (replayed on reconnect) and who is connected.

CREATE TABLE chat_session (
    id          uuid PRIMARY KEY,               -- the visitor id: conversation key chat:<id>, identity chat:<id>
    tenant      text        NOT NULL,
    channel_id  text        NOT NULL REFERENCES channel (id),
    name        text,
    email       text,
    language    text,
    -- no agent was online when it started: the widget asked for an email, replies may go there
    offline     boolean     NOT NULL DEFAULT false,
    last_seq    integer     NOT NULL DEFAULT 0,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL
);
CREATE INDEX chat_session_tenant ON chat_session (tenant, updated_at);

CREATE TABLE chat_message (
    session_id         uuid        NOT NULL REFERENCES chat_session (id),
    seq                integer     NOT NULL,    -- 1, 2, … per session: what a reconnecting widget asks "after"
    sender             text        NOT NULL,    -- visitor, agent, system
    text               text        NOT NULL,
    client_message_id  text,                    -- the widget's id: a resent message is stored once
    request_id         text,                    -- the delivery request an agent's reply came with
    created_at         timestamptz NOT NULL,
    PRIMARY KEY (session_id, seq),
    UNIQUE (session_id, client_message_id),
    UNIQUE (request_id)
);

-- one row per open socket, refreshed by a heartbeat; stale rows (a crashed replica) stop counting
CREATE TABLE chat_presence (
    connection_id  uuid PRIMARY KEY,
    tenant         text        NOT NULL,
    channel_id     text        NOT NULL,
    role           text        NOT NULL,        -- agent, visitor
    subject        text        NOT NULL,        -- the agent's username or the visitor's session id
    seen_at        timestamptz NOT NULL
);
CREATE INDEX chat_presence_subject ON chat_presence (tenant, role, subject);

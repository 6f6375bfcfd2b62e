-- The agent directory (synced from Keycloak; availability kept here) and routing rules.

CREATE TABLE agent (
    id                       text PRIMARY KEY,      -- the Keycloak user id (token subject)
    tenant                   text        NOT NULL,
    username                 text        NOT NULL,
    name                     text,
    email                    text,
    languages                varchar[]   NOT NULL DEFAULT '{}',
    skills                   varchar[]   NOT NULL DEFAULT '{}',
    team                     text,
    capacity                 integer     NOT NULL,
    availability             text        NOT NULL,  -- ONLINE, AWAY, OFFLINE
    availability_changed_at  timestamptz,
    last_assigned_at         timestamptz,
    active                   boolean     NOT NULL,  -- still an agent in the directory
    synced_at                timestamptz,
    created_at               timestamptz NOT NULL
);
CREATE INDEX agent_tenant_team ON agent (tenant, team) WHERE active;

CREATE TABLE routing_rule (
    id               uuid PRIMARY KEY,
    tenant           text        NOT NULL,
    name             text        NOT NULL,
    position         integer     NOT NULL,
    enabled          boolean     NOT NULL,
    channels         varchar[]   NOT NULL DEFAULT '{}',
    languages        varchar[]   NOT NULL DEFAULT '{}',
    priorities       varchar[]   NOT NULL DEFAULT '{}',
    tags             varchar[]   NOT NULL DEFAULT '{}',
    customer_tags    varchar[]   NOT NULL DEFAULT '{}',
    team             text        NOT NULL,
    required_skills  varchar[]   NOT NULL DEFAULT '{}',
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    version          bigint      NOT NULL,
    UNIQUE (tenant, name)
);
CREATE INDEX routing_rule_tenant ON routing_rule (tenant, position);

-- what a waiting ticket needs from the agent who takes it
ALTER TABLE ticket ADD COLUMN required_skills varchar[] NOT NULL DEFAULT '{}';
CREATE INDEX ticket_queue ON ticket (tenant, team, created_at) WHERE assignee_id IS NULL AND status IN ('NEW', 'OPEN');
CREATE INDEX ticket_open_by_assignee ON ticket (assignee_id) WHERE status IN ('NEW', 'OPEN', 'PENDING', 'ON_HOLD');

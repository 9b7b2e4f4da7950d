CREATE TABLE users (
    id             uuid        PRIMARY KEY,
    email          text        NOT NULL,
    name           text        NOT NULL,
    role           text        NOT NULL CHECK (role IN ('CUSTOMER', 'ADMIN')),
    password_hash  text        NOT NULL,
    created_at     timestamptz NOT NULL
);

-- Case-insensitive uniqueness holds in the database itself, whatever the application sends.
CREATE UNIQUE INDEX users_email_unique ON users (lower(email));

CREATE TABLE refresh_tokens (
    id          uuid        PRIMARY KEY,
    user_id     uuid        NOT NULL REFERENCES users (id),
    family_id   uuid        NOT NULL,
    token_hash  text        NOT NULL UNIQUE,
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz,
    revoked_at  timestamptz
);

CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);

-- Each mailbox's calendarView delta link: where the next repair round continues (DESIGN.md section 4)
CREATE TABLE delta_link (
    user_id    TEXT PRIMARY KEY,
    mailbox    TEXT NOT NULL,
    delta_link TEXT NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

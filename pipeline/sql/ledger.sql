-- Every input row that was not loaded, with the reason (rejects.csv).
create table load_reject (
    file varchar not null,
    line bigint,
    "column" varchar,
    value varchar,
    reason varchar not null
);

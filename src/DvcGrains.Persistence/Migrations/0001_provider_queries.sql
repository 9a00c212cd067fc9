-- The Orleans ADO.NET providers load their SQL from this table at start-up, by key. Its name and columns are fixed
-- by the providers (they run "SELECT QueryKey, QueryText FROM OrleansQuery"); PostgreSQL folds them to lower case.
-- Each later migration puts the queries of the tables it creates here, so a schema and its queries change together.
CREATE TABLE orleansquery
(
    querykey  varchar(64) PRIMARY KEY,
    querytext text        NOT NULL
);

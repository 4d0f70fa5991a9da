-- WrittenChange.anyFor / forget look a written event up by the prefix of its id ("<user>|<event>|"): LIKE 'prefix%'
-- uses a B-tree only with the pattern operator class when the database's collation is not C
CREATE INDEX written_change_by_prefix ON written_change (id text_pattern_ops);

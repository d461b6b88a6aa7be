-- person_block_key is a derived index of person and person_record (refreshBlockKeys recomputes a person's rows,
-- rebuildBlockKeys the whole table), not data of its own, and its foreign key to person cost more than it guards:
-- each key row ran a trigger query that locks the person row, which made the key insert of a batch registration
-- (about four rows per person) its costliest statement. What the key guarded is held elsewhere: persons are never
-- deleted (a duplicate is retired with merged_into), key rows are written only for persons written in the same
-- transaction, and candidates are read through person (activePersons, findCandidates), so a key of a missing
-- person could only add a candidate that is never found. The MPI tests check that every key row has its person.
ALTER TABLE person_block_key DROP CONSTRAINT person_block_key_person_id_fkey;

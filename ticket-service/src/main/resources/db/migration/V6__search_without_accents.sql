-- Search ignores accents as well as case: "παραγγελια" finds "Παραγγελία", "cafe" finds "Café",
-- "strasse" finds "Straße" (unaccent's rules), and trigram indexes answer "contains" searches
-- without reading every message. Both extensions are trusted: the database owner may create them.
CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public;
CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public;

-- unaccent(text) is only STABLE (it reads the dictionary named by search_path); with the
-- dictionary named, the result depends on the text alone, so indexes may use it.
CREATE FUNCTION search_text(value text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN lower(public.unaccent('public.unaccent'::regdictionary, value) COLLATE search_fold);

CREATE INDEX ticket_subject_search ON ticket USING gin (search_text(subject) public.gin_trgm_ops);
CREATE INDEX message_body_search ON message USING gin (search_text(body_text) public.gin_trgm_ops);

-- Ticket search folds case with Unicode rules whatever the database's own locale: databases are
-- created with the C locale (initdb --locale=C here, CloudNativePG's default), under which lower()
-- folds ASCII only, so "ΠΑΡΑΓΓΕΛΙΑ" would never match "παραγγελία". ICU's root locale does.
CREATE COLLATION IF NOT EXISTS search_fold (provider = icu, locale = 'und');

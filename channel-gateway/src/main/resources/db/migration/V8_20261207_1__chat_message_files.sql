-- An agent's chat reply may carry files (in the attachment store): their metadata, as JSON
-- [{"id", "name", "type", "size"}]; the links to them are signed each time the message is shown.
-- (Versioned after V8 so that it does not take a number another branch may be using; Flyway runs out of order.)
ALTER TABLE chat_message ADD COLUMN IF NOT EXISTS files text;

-- An insight's message as rewritten by the configured OpenAI-compatible endpoint, with the template text it
-- was made from: it is shown only while the template is still the insight's message (a later run that
-- changes the figures shows the template until its own rewrite is stored).
ALTER TABLE insights ADD COLUMN message_rewritten text;
ALTER TABLE insights ADD COLUMN rewritten_from text;

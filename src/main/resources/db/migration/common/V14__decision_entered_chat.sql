-- Whether a decision was about a user entering the chat (user_enter_tempsession) rather than a
-- message: the dashboard's message counts and hit rate leave enterings out. Earlier decisions
-- are marked where the outcome says so (a welcome rule answered); an entering nothing answered
-- before this column existed cannot be told from a message any more and stays counted.
ALTER TABLE rules_decision ADD COLUMN entered_chat BOOLEAN DEFAULT FALSE NOT NULL;

UPDATE rules_decision SET entered_chat = TRUE WHERE outcome = 'WELCOME';

"""The limits a user meets, one constant each: every stage and front end reads them from here."""

# Characters of one excerpt a user is shown (and a question file's answer is looked for in);
# no chunk is longer, so a passage always fits its excerpt.
EXCERPT_CHARS = 400
# Characters of a question that are searched; the bot says when it cut a longer one.
MAX_QUESTION_CHARS = 500

"""The limits a user meets, one constant each: every stage and front end reads them from here."""

# Characters of one excerpt a user is shown (and a question file's answer is looked for in);
# no chunk is longer, so a passage always fits its excerpt.
EXCERPT_CHARS = 400
# Characters of a question that are searched; the bot says when it cut a longer one.
MAX_QUESTION_CHARS = 500
# Visible characters of a reply's first message: one phone screen. Further results' lines are
# dropped past it (they stay behind the 摘录 and 更多 buttons).
FIRST_SCREEN_CHARS = 700
# Characters of the top excerpt a reply shows, around its marked sentence.
TOP_EXCERPT_CHARS = 200

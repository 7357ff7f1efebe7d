"""What the workbench does, one module per thing it owns; each function takes an open store (a
session) and the settings, never the `Workbench`, which only opens the session and calls them.

importing: articles in, extracted, stored and matched; seeds.  reading: claims, the queue, a
claim's review page, search.  reviewing: verdicts and sources.  articles: an article's metadata.
linking: reviewers' link decisions and dedupe.  finding: matching texts and claims, the vector
index.  reports: exports and the files they are written to.
"""

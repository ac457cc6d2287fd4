"""議事録 semantic search: council minutes and evaluation sheets, searchable by meaning, keyword and speaker."""

"""Retrieval: a query plan, the keyword and semantic sides, and their fusion, over any store behind the seam."""

"""What each member privately says of the pair (the fit check after the first held session, a rating
of each held session) and the health the programme engineer sees per pair, derived from the cadence,
the fit checks and the ratings — its reason in words, never the content (issue 23)."""

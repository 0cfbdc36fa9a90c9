"""The closing of a pair (issue 23): the closing step of each member — a last look at the
objectives (the mentee's final assessment), what each takes away, privately, the end questionnaire —
then the read-only archive of the pair that both members keep until their data is anonymised."""

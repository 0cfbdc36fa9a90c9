"""A question to a proposed mentor before choosing (issue 23): when the engineer switched it on for
the edition, the mentee may send each proposed mentor one short plain-text question, and the mentor
answers once. Both are encrypted at rest and read by these two people only; the e-mails that tell of
them carry no content."""

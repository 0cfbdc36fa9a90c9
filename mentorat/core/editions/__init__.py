"""Editions of the programme: the engineer prepares the next one from the previous one, then opens it.

`services.py` writes (prepare, open), `forms.py`, `views.py` and `urls.py` serve /pilotage/editions/,
`demo.py` adds the 2027-2028 edition in preparation to the demo.
"""

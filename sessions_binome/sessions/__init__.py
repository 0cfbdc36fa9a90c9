"""The sessions sub-domain: plan, move, cancel, log after the fact, agendas, notes, calendar feeds."""

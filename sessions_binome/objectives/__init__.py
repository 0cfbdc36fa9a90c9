"""The mentee's objectives during the programme: the mid-term self-assessment, its reminder, and the
progress of each objective from the start to the end (the start is written with the frame, the end
in the final assessment)."""

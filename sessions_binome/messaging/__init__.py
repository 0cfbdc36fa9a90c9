"""The private message thread of a pair (issue 23): the two members write to each other in the
platform; the other member is told by an e-mail digest that never carries the content."""

"""Word lists and rules as data, each module naming its source and licence."""

"""Evidence: the Document aggregate and the rules for a person's filenames."""

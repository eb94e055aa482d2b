"""Language processing: the spaCy pipeline and storyledger's extractors. spaCy objects stay in here."""
